/** A ledger's filters in the address (`?regionId=3&year=2026`) and in the API's shape. */
import type { Input } from '../../../shared/contract';

export type ReportFilterInput = NonNullable<Input<'reports.rows'>['filters']>;

const NUMERIC = new Set(['regionId', 'year']);
const KEYS = ['regionId', 'category', 'coverage', 'year', 'state', 'asOf'] as const;

export function filtersFromQuery(q: URLSearchParams): ReportFilterInput {
  const out: Record<string, string | number> = {};
  for (const k of KEYS) {
    const v = q.get(k);
    if (v) out[k] = NUMERIC.has(k) ? Number(v) : v;
  }
  return out as ReportFilterInput;
}

export function filtersToQuery(f: ReportFilterInput): string {
  const q = new URLSearchParams();
  for (const k of KEYS) {
    const v = f[k];
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  return q.toString();
}
