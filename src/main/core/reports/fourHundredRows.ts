/** 四个100%未达标清单: what misses each of the four targets, target by target, from the list the 四个100% page shows. */
import { FOUR_HUNDRED } from '../../../shared/domain/fourHundredCodes';
import type { ReportFilters } from '../../../shared/reports/types';
import type { Ctx } from '../context';
import { fourHundredMisses } from '../services/fourHundred';
import { ofCallerRegions } from '../services/recordScope';
import type { Built } from './rows';

export async function fourHundredRows(ctx: Ctx, f: ReportFilters, day: string): Promise<Built<'fourHundred'>> {
  const misses = [];
  for (const target of FOUR_HUNDRED)
    misses.push({ target, of: await fourHundredMisses(ctx, { which: target.code, regionId: f.regionId, day }) });
  const rows = misses
    .flatMap(({ target, of }) =>
      ofCallerRegions(of).map((m) => ({
        target: target.label,
        region: m.regionName,
        name: m.name,
        formalMembers: m.formalMembers,
        why: m.why,
      })),
    )
    .map((r, i) => ({ seq: i + 1, ...r }));
  // The 合计 says how many miss each target, the four in the overview's order.
  const counts = FOUR_HUNDRED.map((t) => `${t.short}${rows.filter((r) => r.target === t.label).length}个`);
  return {
    rows,
    totals: {
      seq: null,
      target: '合计',
      region: null,
      name: `${rows.length}个未达标：${counts.join('，')}`,
      formalMembers: null,
      why: null,
    },
  };
}
