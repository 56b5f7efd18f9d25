/**
 * Form validation by the shared zod schemas (the ones the core parses with), and the core's Chinese
 * `invalid_input` errors turned into per-field messages.
 */
import { schemaResolver } from '@mantine/form';
import { z } from 'zod';
import { ApiCallError } from './api';

/**
 * A @mantine/form `validate` from a shared schema: the form's values are mapped to the channel's input
 * (`toInput`: text in number fields, ids held as strings …) and parsed as the core would parse them,
 * so the form refuses before a round trip what the core would refuse, with the same Chinese message
 * under the same field.
 */
export function schemaValidate<V>(schema: z.ZodType, toInput: (values: V) => unknown = (v) => v) {
  return schemaResolver(
    z.preprocess((v) => toInput(v as V), schema),
    { sync: true },
  );
}

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

/**
 * A count from a NumberInput. An emptied box is not 0: it reaches the shared schema as “not a number”,
 * which asks for the figure (请填写数字), so clearing 正式党员 by mistake cannot save a 0 over 19.
 */
export const num = (v: number | string | null | undefined) => (v === '' || v == null ? Number.NaN : Number(v));
/** An emptied optional number stays empty. */
export const optNum = (v: number | string | null | undefined) => (v === '' || v == null ? null : Number(v));
