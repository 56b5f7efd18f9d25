/**
 * 两个覆盖 statistics for the county and per region. Today's come from the per-region counts the
 * organization index keeps up to date as it is patched (adding up 200 regions, not classifying 100,000
 * organizations); any other day, or before the index is built (the first statistics after start), from
 * one grouped query.
 */
import {
  addToCounts,
  type CoverageCounts,
  type CoverageFacts,
  emptyCounts,
  figures,
  SHOULD_BUILD_MIN_MEMBERS,
} from '../../../shared/rules/coverage';
import type { CoverageStats } from '../../../shared/types';
import { visibleRegions } from '../caller';
import { type Ctx, noticeOtherWriters } from '../context';
import { maintainedCoverageCounts } from './orgIndex';

export async function coverageStats(ctx: Ctx, input: { regionId?: number; asOf?: string }): Promise<CoverageStats> {
  const asOf = input.asOf ?? ctx.today();
  const mine = visibleRegions();
  const regions = await ctx.ledger.db
    .selectFrom('regions')
    .select(['id', 'name'])
    .$if(mine !== null, (q) => q.where('id', 'in', mine?.length ? mine : [-1]))
    .$if(input.regionId != null, (q) => q.where('id', '=', input.regionId as number))
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  const perRegion = (await maintainedCoverageCounts(ctx, asOf)) ?? (await countedCoverage(ctx, asOf));
  const county = emptyCounts();
  for (const r of regions) addCounts(county, perRegion.get(r.id) ?? emptyCounts(), 1);
  return {
    asOf,
    county: figures(county),
    regions: regions.map((r) => ({ regionId: r.id, regionName: r.name, ...figures({ ...(perRegion.get(r.id) ?? emptyCounts()) }) })),
  };
}

function addCounts(to: CoverageCounts, from: Readonly<CoverageCounts>, times: number): void {
  for (const k of Object.keys(from) as (keyof CoverageCounts)[]) to[k] += from[k] * times;
}

const counted = new WeakMap<Ctx, { generation: number; day: string; counts: Map<number, CoverageCounts> }>();

/**
 * Per-region counts from one grouped query: the organizations fall into a few dozen kinds per region
 * (status, in scope, 3+ members, covering 组建方式, an active instructor), each counted by the same
 * shared rule as one organization of that kind, times how many there are. Kept until the next write.
 */
async function countedCoverage(ctx: Ctx, day: string): Promise<Map<number, CoverageCounts>> {
  noticeOtherWriters(ctx);
  const generation = ctx.generation;
  const hit = counted.get(ctx);
  if (hit && hit.generation === generation && hit.day === day) return hit.counts;
  const db = ctx.ledger.db;
  // The organizations with an instructor on the day, read once (a correlated EXISTS per organization
  // takes a third longer on SQLite).
  const worked = db
    .selectFrom('assignments as a')
    .innerJoin('instructors as i', 'i.id', 'a.instructor_id')
    .select('a.org_id')
    .distinct()
    .where('i.deleted_at', 'is', null)
    .where('a.from_date', '<=', day)
    .where((w) => w.or([w('a.to_date', 'is', null), w('a.to_date', '>=', day)]));
  const kinds = await db
    .selectFrom((sub) =>
      sub
        .selectFrom('orgs as o')
        .leftJoin('coverage as c', 'c.org_id', 'o.id')
        .leftJoin('party_orgs as p', (j) => j.onRef('p.id', '=', 'c.party_org_id').on('p.deleted_at', 'is', null))
        .leftJoin(worked.as('w'), 'w.org_id', 'o.id')
        .where('o.deleted_at', 'is', null)
        .select((eb) => [
          'o.region_id',
          'o.status',
          'o.out_of_scope',
          'p.method',
          eb.case().when('o.formal_members', '>=', SHOULD_BUILD_MIN_MEMBERS).then(SHOULD_BUILD_MIN_MEMBERS).else(0).end().as('members'),
          eb.case().when('w.org_id', 'is', null).then(0).else(1).end().as('work'),
        ])
        .as('k'),
    )
    .select(['k.region_id', 'k.status', 'k.out_of_scope', 'k.method', 'k.members', 'k.work', (eb) => eb.fn.countAll().as('n')])
    .groupBy(['k.region_id', 'k.status', 'k.out_of_scope', 'k.method', 'k.members', 'k.work'])
    .execute();
  const counts = new Map<number, CoverageCounts>();
  for (const k of kinds) {
    const facts: CoverageFacts = {
      status: k.status,
      outOfScope: Number(k.out_of_scope) === 1,
      formalMembers: Number(k.members),
      coveringMethod: k.method,
      activeInstructors: Number(k.work),
    };
    const one = emptyCounts();
    addToCounts(one, facts);
    const c = counts.get(k.region_id) ?? emptyCounts();
    counts.set(k.region_id, c);
    addCounts(c, one, Number(k.n));
  }
  counted.set(ctx, { generation, day, counts });
  return counts;
}
