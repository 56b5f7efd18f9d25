/**
 * 排查: the party organizations the record says may be 软弱涣散 in a year, ranked by the weight of their
 * reasons (src/shared/rules/screening.ts), and the ones the clerk set aside for the year (暂不认定).
 * Counted as of the end of the year, or today for the current year.
 */
import { sql } from 'kysely';
import {
  compareSuggestions,
  isSuggested,
  matchesScreeningQuery,
  type ScreeningContext,
  type ScreeningReason,
  screeningLevel,
  screeningReasons,
  totalWeight,
} from '../../../shared/rules/screening';
import type { CaseSuggestion, ScreeningDeferral, ScreeningResult } from '../../../shared/types';
import type { Ctx } from '../context';
import { AppError, notFound } from '../errors';
import { fromColumns } from '../mapping';
import { write } from '../write';
import { PARTY_ORG_SHAPE } from './partyOrgs';
import { inCallerRegions } from './recordScope';
import { getSettings } from './settings';

export interface SuggestInput {
  year: number;
  regionId?: number;
  query?: string;
}

export async function suggestCases(ctx: Ctx, input: SuggestInput): Promise<ScreeningResult> {
  const { year } = input;
  const settings = await getSettings(ctx);
  const today = ctx.today();
  const day = `${year}-12-31` < today ? `${year}-12-31` : today;
  const c: ScreeningContext = { year, day, venueThreshold: settings.venueThreshold, situations: settings.situations };
  const rows = (await ctx.ledger.db
    .selectFrom('party_orgs as p')
    .innerJoin('regions as r', 'r.id', 'p.region_id')
    .leftJoin('ratings as rt', (j) => j.onRef('rt.party_org_id', '=', 'p.id').on('rt.year', '=', year))
    .leftJoin('screening_deferrals as d', (j) => j.onRef('d.party_org_id', '=', 'p.id').on('d.year', '=', year))
    .selectAll('p')
    .select((eb) => [
      'r.name as region_name',
      'r.sort_order as region_order',
      'rt.stars as year_stars',
      'd.reason as deferral_reason',
      'd.created_at as deferral_at',
      eb
        .selectFrom('cases as c')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('c.party_org_id', '=', 'p.id')
        .where('c.year', '<', year)
        .as('earlier_cases'),
      eb
        .selectFrom('cases as c')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('c.party_org_id', '=', 'p.id')
        .where((w) => w.or([w('c.year', '=', year), w('c.state', '<>', 'delisted')]))
        .as('blocking'),
    ])
    .where('p.deleted_at', 'is', null)
    .$if(input.regionId != null, (q) => q.where('p.region_id', '=', input.regionId as number))
    .where(inCallerRegions('p.region_id'))
    .orderBy('r.sort_order')
    .orderBy('p.id')
    .execute()) as Record<string, unknown>[];
  const suggestions: (CaseSuggestion & { regionOrder: number })[] = [];
  const deferred: ScreeningDeferral[] = [];
  for (const r of rows) {
    const f = fromColumns(r, PARTY_ORG_SHAPE);
    if (!matchesScreeningQuery({ name: f.name, initials: r.name_initials as string, secretaryName: f.secretaryName }, input.query ?? '')) {
      continue;
    }
    const reasons = screeningReasons(
      { ...f, stars: (r.year_stars as number | null) ?? f.starRating, venueItems: f.venueChecklist.length },
      c,
    );
    const who = { partyOrgId: r.id as number, partyOrgName: f.name, regionId: f.regionId, regionName: r.region_name as string };
    if (r.deferral_reason != null) {
      deferred.push({
        ...who,
        secretaryName: f.secretaryName,
        year,
        reason: r.deferral_reason as string,
        createdAt: r.deferral_at as string,
        reasons,
      });
      continue;
    }
    if (Number(r.blocking) > 0 || !isSuggested(reasons)) continue;
    const score = totalWeight(reasons);
    suggestions.push({
      ...who,
      secretaryName: f.secretaryName,
      reasons,
      situations: situationsOf(reasons),
      score,
      level: screeningLevel(score),
      hadEarlierCase: Number(r.earlier_cases) > 0,
      regionOrder: r.region_order as number,
    });
  }
  return {
    year,
    day,
    suggestions: suggestions.sort(compareSuggestions).map(({ regionOrder: _r, ...s }) => s),
    deferred,
  };
}

function situationsOf(reasons: ScreeningReason[]): string[] {
  return [...new Set(reasons.flatMap((r) => (r.situation ? [r.situation] : [])))];
}

export interface DeferInput {
  partyOrgId: number;
  year: number;
  reason: string;
}

/** 暂不认定: audited as entity `screening_deferral`, id = the party organization's. */
export async function deferSuggestion(ctx: Ctx, input: DeferInput): Promise<{ partyOrgId: number; year: number }> {
  return write(ctx, async (w) => {
    const po = await w.trx
      .selectFrom('party_orgs')
      .select(['id', 'name'])
      .where('id', '=', input.partyOrgId)
      .where('deleted_at', 'is', null)
      .where(inCallerRegions('region_id'))
      .executeTakeFirst();
    if (!po) throw notFound('党组织', input.partyOrgId);
    const existing = await w.trx
      .selectFrom('screening_deferrals')
      .select('reason')
      .where('party_org_id', '=', po.id)
      .where('year', '=', input.year)
      .executeTakeFirst();
    if (existing) throw new AppError('conflict', `“${po.name}”${input.year}年度已暂不认定（原因：${existing.reason}）`);
    const open = await w.trx
      .selectFrom('cases')
      .select('year')
      .where('party_org_id', '=', po.id)
      .where((eb) => eb.or([eb('year', '=', input.year), eb('state', '<>', 'delisted')]))
      .executeTakeFirst();
    if (open) throw new AppError('conflict', `“${po.name}”已认定为${open.year}年度整顿对象，无需暂不认定`);
    await w.trx
      .insertInto('screening_deferrals')
      .values({ party_org_id: po.id, year: input.year, reason: input.reason, created_at: w.now })
      .execute();
    await w.audit('screening_deferral', po.id, 'defer', null, {
      partyOrgId: po.id,
      partyOrgName: po.name,
      year: input.year,
      reason: input.reason,
    });
    w.touchOrgs([]);
    return { partyOrgId: po.id, year: input.year };
  });
}

/** 恢复: the set-aside one is suggested again (if the record still points at it). */
export async function undeferSuggestion(
  ctx: Ctx,
  input: { partyOrgId: number; year: number },
): Promise<{ partyOrgId: number; year: number }> {
  return write(ctx, async (w) => {
    const row = await w.trx
      .selectFrom('screening_deferrals')
      .innerJoin('party_orgs', 'party_orgs.id', 'screening_deferrals.party_org_id')
      .select(['screening_deferrals.reason', 'screening_deferrals.created_at', 'party_orgs.name'])
      .where('screening_deferrals.party_org_id', '=', input.partyOrgId)
      .where('screening_deferrals.year', '=', input.year)
      .where(inCallerRegions('party_orgs.region_id'))
      .executeTakeFirst();
    if (!row) throw new AppError('not_found', `没有该党组织${input.year}年度暂不认定的记录，可能已恢复`);
    await w.trx.deleteFrom('screening_deferrals').where('party_org_id', '=', input.partyOrgId).where('year', '=', input.year).execute();
    await w.audit(
      'screening_deferral',
      input.partyOrgId,
      'undefer',
      { partyOrgId: input.partyOrgId, partyOrgName: row.name, year: input.year, reason: row.reason, createdAt: row.created_at },
      null,
    );
    w.touchOrgs([]);
    return { partyOrgId: input.partyOrgId, year: input.year };
  });
}
