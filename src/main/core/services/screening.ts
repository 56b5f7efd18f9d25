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
import { camelDb } from '../camel';
import type { Ctx } from '../context';
import { AppError, notFound } from '../errors';
import { write } from '../write';
import { asFields, partyOrgRows } from './partyOrgs';
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
  const rows = await partyOrgRows(camelDb(ctx.ledger.db))
    .innerJoin('regions as r', 'r.id', 'p.regionId')
    .leftJoin('ratings as rt', (j) => j.onRef('rt.partyOrgId', '=', 'p.id').on('rt.year', '=', year))
    .leftJoin('screening_deferrals as d', (j) => j.onRef('d.partyOrgId', '=', 'p.id').on('d.year', '=', year))
    .select((eb) => [
      'p.id',
      'p.nameInitials',
      'r.name as regionName',
      'r.sortOrder as regionOrder',
      'rt.stars as yearStars',
      'd.reason as deferralReason',
      'd.createdAt as deferralAt',
      eb
        .selectFrom('cases as c')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('c.partyOrgId', '=', 'p.id')
        .where('c.year', '<', year)
        .as('earlierCases'),
      eb
        .selectFrom('cases as c')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('c.partyOrgId', '=', 'p.id')
        .where((w) => w.or([w('c.year', '=', year), w('c.state', '<>', 'delisted')]))
        .as('blocking'),
    ])
    .$if(input.regionId != null, (q) => q.where('p.regionId', '=', input.regionId as number))
    .where(inCallerRegions('p.regionId'))
    .orderBy('r.sortOrder')
    .orderBy('p.id')
    .execute();
  const suggestions: (CaseSuggestion & { regionOrder: number })[] = [];
  const deferred: ScreeningDeferral[] = [];
  for (const r of rows) {
    const f = asFields(r);
    if (!matchesScreeningQuery({ name: f.name, initials: r.nameInitials, secretaryName: f.secretaryName }, input.query ?? '')) {
      continue;
    }
    const reasons = screeningReasons({ ...f, stars: r.yearStars ?? f.starRating, venueItems: f.venueChecklist.length }, c);
    const who = { partyOrgId: r.id, partyOrgName: f.name, regionId: f.regionId, regionName: r.regionName };
    if (r.deferralReason != null) {
      deferred.push({
        ...who,
        secretaryName: f.secretaryName,
        year,
        reason: r.deferralReason,
        createdAt: r.deferralAt as string,
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
      hadEarlierCase: Number(r.earlierCases) > 0,
      regionOrder: r.regionOrder,
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
    const trx = camelDb(w.trx);
    const po = await trx
      .selectFrom('party_orgs')
      .select(['id', 'name'])
      .where('id', '=', input.partyOrgId)
      .where('deletedAt', 'is', null)
      .where(inCallerRegions('regionId'))
      .executeTakeFirst();
    if (!po) throw notFound('党组织', input.partyOrgId);
    const existing = await trx
      .selectFrom('screening_deferrals')
      .select('reason')
      .where('partyOrgId', '=', po.id)
      .where('year', '=', input.year)
      .executeTakeFirst();
    if (existing) throw new AppError('conflict', `“${po.name}”${input.year}年度已暂不认定（原因：${existing.reason}）`);
    const open = await trx
      .selectFrom('cases')
      .select('year')
      .where('partyOrgId', '=', po.id)
      .where((eb) => eb.or([eb('year', '=', input.year), eb('state', '<>', 'delisted')]))
      .executeTakeFirst();
    if (open) throw new AppError('conflict', `“${po.name}”已认定为${open.year}年度整顿对象，无需暂不认定`);
    await trx
      .insertInto('screening_deferrals')
      .values({ partyOrgId: po.id, year: input.year, reason: input.reason, createdAt: w.now })
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
    const trx = camelDb(w.trx);
    const row = await trx
      .selectFrom('screening_deferrals as d')
      .innerJoin('party_orgs as p', 'p.id', 'd.partyOrgId')
      .select(['d.partyOrgId', 'p.name as partyOrgName', 'd.year', 'd.reason', 'd.createdAt'])
      .where('d.partyOrgId', '=', input.partyOrgId)
      .where('d.year', '=', input.year)
      .where(inCallerRegions('p.regionId'))
      .executeTakeFirst();
    if (!row) throw new AppError('not_found', `没有该党组织${input.year}年度暂不认定的记录，可能已恢复`);
    await trx.deleteFrom('screening_deferrals').where('partyOrgId', '=', input.partyOrgId).where('year', '=', input.year).execute();
    await w.audit('screening_deferral', input.partyOrgId, 'undefer', row, null);
    w.touchOrgs([]);
    return { partyOrgId: input.partyOrgId, year: input.year };
  });
}
