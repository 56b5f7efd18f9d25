/**
 * A log's filtered rows as a CSV file Excel opens in Chinese (UTF-8 with BOM). A cell that starts like
 * a formula is prefixed with ' so a name such as “=HYPERLINK(…)” stays text when the file is opened.
 */
import type { Page } from '../../shared/types';
import { saveFile } from './platform';

const cell = (v: string | number | null | undefined): string => {
  let s = v == null ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** Every row of a paged list (the channel's largest page at a time), for an export of what the filters show. */
export async function allPages<T>(fetchPage: (offset: number, limit: number) => Promise<Page<T>>): Promise<T[]> {
  const out: T[] = [];
  for (;;) {
    const page = await fetchPage(out.length, 1000);
    out.push(...page.rows);
    if (page.rows.length === 0 || out.length >= page.total) return out;
  }
}

export async function saveCsv(name: string, text: string): Promise<{ saved: boolean }> {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return saveFile(name, btoa(binary));
}
