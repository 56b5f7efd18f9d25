import { describe, expect, it } from 'vitest';
import { filtersFromQuery, filtersToQuery } from '../../src/renderer/src/reports/filters';

describe('a ledger’s filters read from the address', () => {
  it('keeps the values the contract accepts and leaves out the ones it would refuse', () => {
    const q = new URLSearchParams('regionId=abc&category=bogus&coverage=single&year=2026&state=nonsense&asOf=2026-13-45');
    expect(filtersFromQuery(q)).toEqual({ coverage: 'single', year: 2026 });
  });

  it('reads back what it writes', () => {
    const f = { regionId: 3, category: 'social' as const, year: 2025, state: 'rectifying' as const, asOf: '2026-06-30' };
    expect(filtersFromQuery(new URLSearchParams(filtersToQuery(f)))).toEqual(f);
  });
});
