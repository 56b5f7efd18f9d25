/** 两个覆盖 statistics for the county and per region, from the same index the lists use. */
import { addToCounts, type CoverageCounts, emptyCounts, figures } from '../../../shared/rules/coverage';
import type { CoverageStats } from '../../../shared/types';
import type { Ctx } from '../context';
import { orgIndex } from './orgIndex';
import { listRegions } from './regions';

export async function coverageStats(ctx: Ctx, input: { regionId?: number; asOf?: string }): Promise<CoverageStats> {
  const asOf = input.asOf ?? ctx.today();
  const regions = (await listRegions(ctx)).filter((r) => input.regionId == null || r.id === input.regionId);
  const perRegion = new Map<number, CoverageCounts>(regions.map((r) => [r.id, emptyCounts()]));
  const county = emptyCounts();
  for (const o of orgIndex(ctx, asOf)) {
    const c = perRegion.get(o.regionId);
    if (!c) continue;
    addToCounts(c, o.facts);
    addToCounts(county, o.facts);
  }
  return {
    asOf,
    county: figures(county),
    regions: regions.map((r) => ({ regionId: r.id, regionName: r.name, ...figures(perRegion.get(r.id) ?? emptyCounts()) })),
  };
}
