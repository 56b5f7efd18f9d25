/**
 * 年度两新党建工作统计表: the figures the county's yearly report quotes, by region with the county's
 * 合计, in three tables that each fit a landscape page — (一) 基本情况, (二) 工作开展, (三) 经费与示范.
 * Every figure comes from the function its own ledger uses (coverage rules, memberYearTotals,
 * trainingTotals, fundingTotals, modelSiteTotals, the ratings and case lists), so the tables cannot
 * disagree with the ledgers they sum.
 *
 * Stock figures (organizations, party organizations founded by then, coverage) are as of the counting
 * day — the chosen year's last day when that year is over (rows.ts) — the others belong to the chosen year.
 */
import { FORMATION_METHODS, type FormationMethod } from '../../../shared/domain/codes';
import { FUNDING_SOURCES, type FundingSource } from '../../../shared/domain/fundingCodes';
import { MODEL_SITE_LEVELS, type ModelSiteLevel } from '../../../shared/domain/siteCodes';
import { COUNTY_LEVEL } from '../../../shared/records/trainings';
import { addToCounts, emptyCounts, figures } from '../../../shared/rules/coverage';
import { mayTouchRegion } from '../caller';
import { camelDb } from '../camel';
import type { Ctx } from '../context';
import { listCases } from '../services/cases';
import { listClasses } from '../services/classification';
import { fundingTotals } from '../services/funding';
import { memberYearTotals } from '../services/memberYears';
import { modelSiteTotals } from '../services/modelSites';
import { orgIndex } from '../services/orgIndex';
import { listRegions } from '../services/regions';
import { trainingTotals } from '../services/trainings';

const ALL = Number.MAX_SAFE_INTEGER;

/** A line per region in the county's order, then the county's: `add` fills the region's line and the county's alike. */
async function perRegion<T>(ctx: Ctx, empty: () => T) {
  // A 乡镇经办's tables have their regions' lines and a 合计 of those alone.
  const regions = (await listRegions(ctx)).filter((r) => mayTouchRegion(r.id));
  const lines = new Map(regions.map((r) => [r.id, empty()]));
  const county = empty();
  return {
    regions,
    lines,
    county,
    /** The line of a region (the county's alone for a region not listed) and the county's. */
    both: (regionId: number | null): T[] => {
      if (!mayTouchRegion(regionId)) return [];
      const line = regionId == null ? undefined : lines.get(regionId);
      return line ? [line, county] : [county];
    },
  };
}

type ByMethod = Record<FormationMethod, number>;

/** Live party organizations founded by `day` (or with no founding date), counted by region and 组建方式. */
export async function partyOrgCounts(ctx: Ctx, day: string): Promise<{ regionId: number; method: string; n: number }[]> {
  const rows = await camelDb(ctx.ledger.db)
    .selectFrom('party_orgs')
    .select(['regionId', 'method', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('deletedAt', 'is', null)
    .where((eb) => eb.or([eb('foundedDate', 'is', null), eb('foundedDate', '<=', day)]))
    .groupBy(['regionId', 'method'])
    .execute();
  // PostgreSQL's count is a bigint, which its driver hands over as text unless told otherwise.
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** Each region's instructors with an assignment running during `year`, once per region (live instructors and organizations). */
export async function instructorsAssigned(ctx: Ctx, year: number): Promise<{ regionId: number; instructorId: number }[]> {
  return camelDb(ctx.ledger.db)
    .selectFrom('assignments as a')
    .innerJoin('instructors as i', (j) => j.onRef('i.id', '=', 'a.instructorId').on('i.deletedAt', 'is', null))
    .innerJoin('orgs as o', (j) => j.onRef('o.id', '=', 'a.orgId').on('o.deletedAt', 'is', null))
    .select(['o.regionId', 'a.instructorId'])
    .distinct()
    .where('a.fromDate', '<=', `${year}-12-31`)
    .where((eb) => eb.or([eb('a.toDate', 'is', null), eb('a.toDate', '>=', `${year}-01-01`)]))
    .execute();
}

export async function yearlyBasicRows(ctx: Ctx, day: string) {
  const empty = () => ({
    nonpublic: emptyCounts(),
    social: emptyCounts(),
    all: emptyCounts(),
    partyOrgs: 0,
    method: Object.fromEntries(FORMATION_METHODS.map((m) => [m.code, 0])) as ByMethod,
  });
  const t = await perRegion(ctx, empty);
  for (const o of await orgIndex(ctx, day)) {
    for (const l of t.both(o.regionId)) {
      addToCounts(o.category === 'social' ? l.social : l.nonpublic, o.facts);
      addToCounts(l.all, o.facts);
    }
  }
  const partyOrgs = await partyOrgCounts(ctx, day);
  for (const p of partyOrgs) {
    for (const l of t.both(p.regionId)) {
      l.partyOrgs += p.n;
      if (p.method in l.method) l.method[p.method as FormationMethod] += p.n;
    }
  }
  const line = (region: string, l: ReturnType<typeof empty>) => {
    // The coverage ledger's 小计 and 合计: all categories of the region together.
    const f = figures(l.all);
    return {
      region,
      orgs: l.all.inScope,
      nonpublic: l.nonpublic.inScope,
      social: l.social.inScope,
      partyOrgs: l.partyOrgs,
      single: l.method.single,
      joint: l.method.joint,
      attached: l.method.attached,
      industry: l.method.industry,
      regional: l.method.regional,
      dispatched: l.method.dispatched,
      orgCoverage: f.orgCoverage.rate,
      workCoverage: f.workCoverage.rate,
    };
  };
  return {
    rows: t.regions.map((r) => line(r.name, t.lines.get(r.id) ?? empty())),
    totals: line('合计', t.county),
  };
}

export async function yearlyWorkRows(ctx: Ctx, year: number, day: string) {
  const empty = () => ({
    newMembers: 0,
    instructors: new Set<number>(),
    sessions: 0,
    attendances: 0,
    ownerSessions: 0,
    ownerAttendances: 0,
    stars: [0, 0, 0, 0, 0, 0],
    identified: 0,
    delisted: 0,
  });
  const t = await perRegion(ctx, empty);
  // Classes the county holds itself belong to no region: a line of their own above the 合计.
  const countyLevel = empty();
  for (const m of await memberYearTotals(ctx.ledger.db, year)) for (const l of t.both(m.regionId)) l.newMembers += m.newMembers;

  // An instructor is counted once in each region where one of his assignments ran during the year, once in the county.
  const assigned = await instructorsAssigned(ctx, year);
  for (const a of assigned) for (const l of t.both(a.regionId)) l.instructors.add(a.instructorId);

  for (const c of await trainingTotals(ctx.ledger.db, year)) {
    for (const l of c.regionId == null ? (mayTouchRegion(null) ? [countyLevel, t.county] : []) : t.both(c.regionId)) {
      l.sessions += c.sessions;
      l.attendances += c.attendances;
      if (c.target === 'owner') {
        l.ownerSessions += c.sessions;
        l.ownerAttendances += c.attendances;
      }
    }
  }
  for (const c of await listClasses(ctx, { year })) {
    if (c.stars == null) continue;
    for (const l of t.both(c.regionId)) l.stars[c.stars] = (l.stars[c.stars] ?? 0) + 1;
  }
  for (const c of (await listCases(ctx, { year, asOf: day, offset: 0, limit: ALL })).rows) {
    for (const l of t.both(c.regionId)) {
      if (c.year === year) l.identified++;
      if (c.state === 'delisted' && c.delistedDate?.startsWith(`${year}-`)) l.delisted++;
    }
  }
  const line = (region: string, l: ReturnType<typeof empty>) => ({
    region,
    newMembers: l.newMembers,
    instructors: l.instructors.size,
    sessions: l.sessions,
    attendances: l.attendances,
    ownerSessions: l.ownerSessions,
    ownerAttendances: l.ownerAttendances,
    star5: l.stars[5] ?? 0,
    star4: l.stars[4] ?? 0,
    star3: l.stars[3] ?? 0,
    star2: l.stars[2] ?? 0,
    star1: l.stars[1] ?? 0,
    identified: l.identified,
    delisted: l.delisted,
  });
  const rows = t.regions.map((r) => line(r.name, t.lines.get(r.id) ?? empty()));
  if (countyLevel.sessions > 0) rows.push(line(COUNTY_LEVEL, countyLevel));
  return { rows, totals: line('合计', t.county) };
}

/** 分 as the 元 a money cell holds. */
const yuan = (fen: number) => fen / 100;

export async function yearlyFundsRows(ctx: Ctx, year: number) {
  const empty = () => ({
    fen: Object.fromEntries(FUNDING_SOURCES.map((s) => [s.code, 0])) as Record<FundingSource, number>,
    sites: Object.fromEntries(MODEL_SITE_LEVELS.map((s) => [s.code, 0])) as Record<ModelSiteLevel, number>,
    brands: 0,
    fiveStar: 0,
  });
  const t = await perRegion(ctx, empty);
  for (const f of await fundingTotals(ctx.ledger.db, year)) {
    for (const l of t.both(f.regionId)) if (f.source in l.fen) l.fen[f.source as FundingSource] += f.fen;
  }
  for (const s of await modelSiteTotals(ctx.ledger.db, year)) {
    for (const l of t.both(s.regionId)) {
      if (s.level in l.sites) l.sites[s.level as ModelSiteLevel] += s.count;
      l.brands += s.brands;
      l.fiveStar += s.fiveStar;
    }
  }
  const line = (region: string, l: ReturnType<typeof empty>) => ({
    region,
    unit: yuan(l.fen.unit),
    superior: yuan(l.fen.superior),
    duesReturn: yuan(l.fen.dues_return),
    fiscal: yuan(l.fen.fiscal),
    other: yuan(l.fen.other),
    fundsTotal: yuan(Object.values(l.fen).reduce((a, b) => a + b, 0)),
    sitesCounty: l.sites.county,
    sitesCity: l.sites.city,
    sitesProvince: l.sites.province,
    brands: l.brands,
    fiveStar: l.fiveStar,
  });
  return { rows: t.regions.map((r) => line(r.name, t.lines.get(r.id) ?? empty())), totals: line('合计', t.county) };
}
