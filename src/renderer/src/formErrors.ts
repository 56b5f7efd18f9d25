/** Turns a zod parse failure or a Chinese `invalid_input` error from the core into per-field messages. */
import type { z } from 'zod';
import { ApiCallError } from './api';

export function zodFieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : '_form';
    out[key] ??= issue.message;
  }
  return out;
}

export function apiFieldErrors(e: unknown): Record<string, string> {
  if (!(e instanceof ApiCallError) || !e.error.fields) return {};
  const out: Record<string, string> = {};
  for (const f of e.error.fields) out[f.path.split('.')[0] || '_form'] ??= f.message;
  return out;
}

/** `''` from an emptied NumberInput means 0 for counts. */
export const num = (v: number | string | null | undefined) => (v === '' || v == null ? 0 : Number(v));
/** An emptied optional number stays empty. */
export const optNum = (v: number | string | null | undefined) => (v === '' || v == null ? null : Number(v));
