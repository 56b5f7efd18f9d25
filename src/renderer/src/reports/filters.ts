/**
 * A ledger's filters in the address (`?regionId=3&year=2026`) and in the API's shape. Each value is
 * checked by the contract's own filter schema: one it would refuse (an old link, a typo) is left out,
 * so the ledger shows unfiltered on that point instead of failing.
 */
import { type Input, reportInputSchema } from '../../../shared/contract';

export type ReportFilterInput = NonNullable<Input<'reports.rows'>['filters']>;

const NUMERIC = new Set(['regionId', 'year']);
const KEYS = ['regionId', 'category', 'coverage', 'year', 'state', 'asOf'] as const;

const FILTER_SCHEMAS = reportInputSchema.shape.filters.removeDefault().shape;

export function filtersFromQuery(q: URLSearchParams): ReportFilterInput {
  const out: Record<string, unknown> = {};
  for (const k of KEYS) {
    const v = q.get(k);
    if (!v) continue;
    const r = FILTER_SCHEMAS[k].safeParse(NUMERIC.has(k) ? Number(v) : v);
    if (r.success && r.data !== undefined) out[k] = r.data;
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
