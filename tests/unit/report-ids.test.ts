import { describe, expect, it } from 'vitest';
import { REPORTS } from '../../src/shared/reports/definitions';

describe('the ledgers', () => {
  it('are each defined once (the 报表 page offers each id once; Mantine refuses a duplicate option)', () => {
    const ids = REPORTS.map((r) => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });
});
