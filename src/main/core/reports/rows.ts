/**
 * The rows of each ledger, from the same services and index the screens use, each cell under its
 * column's key. Paper (print route) and Excel (xlsx.ts) both render exactly these.
 */
import {
  CASE_STATES,
  type CaseState,
  COVERAGE_STATUSES,
  type CoverageStatus,
  FORMATION_METHODS,
  labelOf,
  MANAGEMENT_CLASSES,
  ORG_CATEGORIES,
  ORG_SUBTYPES,
  type OrgCategory,
  PARTY_ORG_TYPES,
  VENUE_STANDARDS,
} from '../../../shared/domain/codes';
import { withoutColumns } from '../../../shared/reports/columns';
import { type REPORTS, type ReportId, reportDefinition } from '../../../shared/reports/definitions';
import type { Cell, ReportData, ReportFilters, ReportRow } from '../../../shared/reports/types';
import { addToCounts, type CoverageCounts, emptyCounts, figures, ratio } from '../../../shared/rules/coverage';
import { mayTouchRegion, visibleRegions } from '../caller';
import { camelDb } from '../camel';
import type { Ctx } from '../context';
import { AppError } from '../errors';
import { listCases } from '../services/cases';
import { listClasses } from '../services/classification';
import { listInstructors } from '../services/instructors';
import { type IndexedOrg, orgIndex } from '../services/orgIndex';
import { listPartyOrgs } from '../services/partyOrgs';
import { inCallerRegions, ofCallerRegions } from '../services/recordScope';
import { listRegions } from '../services/regions';
import { getSettings } from '../services/settings';
import { activityLedgerRows, electionReminderRows } from './activityRows';
import { fourHundredRows } from './fourHundredRows';
import { fundingLedgerRows, fundingTotalsRows } from './fundingRows';
import { fourChecksRows, gridsRows } from './gridRows';
import { memberYearRows } from './memberRows';
import { inspectionsRows, modelSitesRows } from './siteRows';
import { trainingLedgerRows, trainingTotalsRows } from './trainingRows';
import { yearlyBasicRows, yearlyFundsRows, yearlyWorkRows } from './yearlyRows';

/** A row of ledger `Id`: the compiler insists on a cell for every one of its columns. */
export type Row<Id extends ReportId> = Record<Extract<(typeof REPORTS)[number], { id: Id }>['columns'][number]['key'], Cell>;

export interface Built<Id extends ReportId> {
  rows: Row<Id>[];
  totals?: Row<Id>;
}

const ALL = Number.MAX_SAFE_INTEGER;

async function orgsInOrder(ctx: Ctx, f: ReportFilters, day: string): Promise<IndexedOrg[]> {
  return (await orgIndex(ctx, day))
    .filter(
      (o) =>
        (f.regionId == null || o.regionId === f.regionId) &&
        mayTouchRegion(o.regionId) &&
        (f.category == null || o.category === f.category) &&
        (f.coverage == null || o.coverage === f.coverage),
    )
    .sort((a, b) => a.regionOrder - b.regionOrder || a.id - b.id);
}

const subtype = (o: IndexedOrg) => labelOf(ORG_SUBTYPES, o.subtype);
const coverage = (c: CoverageStatus) => labelOf(COVERAGE_STATUSES, c);

/** Each organization's instructors in office on `day`, by name, newest first as on the organization's page. */
export async function activeInstructorNames(ctx: Ctx, day: string): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  const rows = await camelDb(ctx.ledger.db)
    .selectFrom('assignments as a')
    .innerJoin('instructors as i', (j) => j.onRef('i.id', '=', 'a.instructorId').on('i.deletedAt', 'is', null))
    .select(['a.orgId', 'i.name'])
    .where('a.fromDate', '<=', day)
    .where((eb) => eb.or([eb('a.toDate', 'is', null), eb('a.toDate', '>=', day)]))
    .orderBy('a.orgId')
    .orderBy('a.fromDate', 'desc')
    .orderBy('a.id', 'desc')
    .execute();
  for (const r of rows) {
    const names = out.get(r.orgId);
    if (names) names.push(r.name);
    else out.set(r.orgId, [r.name]);
  }
  return out;
}

/** The live organizations each party organization covers, by name in id order. */
export async function coveredOrgNames(ctx: Ctx): Promise<Map<number, string[]>> {
  const covered = new Map<number, string[]>();
  for (const r of await camelDb(ctx.ledger.db)
    .selectFrom('coverage as c')
    .innerJoin('orgs as o', 'o.id', 'c.orgId')
    .select(['c.partyOrgId', 'o.name'])
    .where('o.deletedAt', 'is', null)
    .orderBy('o.id')
    .execute()) {
    covered.set(r.partyOrgId, [...(covered.get(r.partyOrgId) ?? []), r.name]);
  }
  return covered;
}

/** The organizations of the caller's regions, or null when the caller sees every region. */
async function orgIdsOfCallerRegions(ctx: Ctx): Promise<Set<number> | null> {
  if (visibleRegions() === null) return null;
  const rows = await camelDb(ctx.ledger.db).selectFrom('orgs').select('id').where(inCallerRegions('regionId')).execute();
  return new Set(rows.map((o) => o.id));
}

function yearOf(f: ReportFilters, day: string): number {
  return f.year ?? Number(day.slice(0, 4));
}

const builders: { [Id in ReportId]: (ctx: Ctx, f: ReportFilters, day: string) => Promise<Built<Id>> | Built<Id> } = {
  async orgs(ctx, f, day) {
    const instructors = await activeInstructorNames(ctx, day);
    return {
      rows: (await orgsInOrder(ctx, f, day)).map((o, i) => ({
        seq: i + 1,
        name: o.name,
        uscc: o.uscc,
        subtype: subtype(o),
        region: o.regionName,
        legalRep: o.legalRep,
        employees: o.employees,
        formalMembers: o.formalMembers,
        coverage: coverage(o.coverage),
        partyOrg: o.partyOrg?.name ?? null,
        instructors: instructors.get(o.id)?.join('、') ?? null,
      })),
    };
  },

  async partyOrgs(ctx, f) {
    const list = await listPartyOrgs(ctx, { regionId: f.regionId, sort: 'region', dir: 'asc', offset: 0, limit: ALL });
    const covered = await coveredOrgNames(ctx);
    const dates = await camelDb(ctx.ledger.db).selectFrom('party_orgs').select(['id', 'lastElectionDate', 'venueChecklist']).execute();
    const details = new Map(dates.map((r) => [r.id, r]));
    const settings = await getSettings(ctx);
    const items = VENUE_STANDARDS[settings.venueStandard].items as readonly string[];
    return {
      rows: ofCallerRegions(list.rows).map((p, i) => {
        const d = details.get(p.id);
        const venue = (JSON.parse(d?.venueChecklist ?? '[]') as string[]).filter((x) => items.includes(x)).length;
        return {
          seq: i + 1,
          name: p.name,
          type: labelOf(PARTY_ORG_TYPES, p.type),
          method: labelOf(FORMATION_METHODS, p.method),
          region: p.regionName,
          covered: (covered.get(p.id) ?? []).join('、'),
          secretary: p.secretaryName,
          members: p.members,
          lastElection: d?.lastElectionDate ?? null,
          electionDue: p.electionDue,
          stars: p.starRating,
          venue: `${venue}/${items.length}`,
        };
      }),
    };
  },

  async coverage(ctx, f, day) {
    const regions = (await listRegions(ctx)).filter((r) => (f.regionId == null || r.id === f.regionId) && mayTouchRegion(r.id));
    const counts = new Map<string, CoverageCounts>();
    const county = emptyCounts();
    const key = (regionId: number, cat: OrgCategory) => `${regionId}:${cat}`;
    for (const o of await orgIndex(ctx, day)) {
      if ((f.regionId != null && o.regionId !== f.regionId) || !mayTouchRegion(o.regionId)) continue;
      const k = key(o.regionId, o.category);
      const c = counts.get(k) ?? emptyCounts();
      addToCounts(c, o.facts);
      counts.set(k, c);
      addToCounts(county, o.facts);
    }
    const line = (region: string, category: string, c: CoverageCounts): Row<'coverage'> => {
      const fig = figures(c);
      return {
        region,
        category,
        inScope: c.inScope,
        single: c.single,
        shared: c.shared,
        workOnly: c.workOnly,
        none: c.none,
        mustBuild: c.mustBuild,
        orgCoverage: fig.orgCoverage.rate,
        workCoverage: fig.workCoverage.rate,
        singleRate: fig.singleRate.rate,
        buildRate: fig.buildRate.rate,
      };
    };
    const rows: Row<'coverage'>[] = [];
    for (const r of regions) {
      const sub = emptyCounts();
      for (const cat of ORG_CATEGORIES) {
        const c = counts.get(key(r.id, cat.code)) ?? emptyCounts();
        rows.push(line(r.name, cat.label, c));
        for (const k of Object.keys(sub) as (keyof CoverageCounts)[]) sub[k] += c[k];
      }
      rows.push(line(r.name, '小计', sub));
    }
    return { rows, totals: line('合计', '', county) };
  },

  async shouldBuild(ctx, f, day) {
    return {
      rows: (await orgsInOrder(ctx, f, day))
        .filter((o) => o.flags.includes('should_build'))
        .map((o, i) => ({
          seq: i + 1,
          name: o.name,
          region: o.regionName,
          subtype: subtype(o),
          formalMembers: o.formalMembers,
          coverage: coverage(o.coverage),
          partyOrg: o.partyOrg?.name ?? null,
          reason: o.facts.noPartyReason,
          planned: o.facts.plannedBuildDate,
        })),
    };
  },

  async uncovered(ctx, f, day) {
    return {
      rows: (await orgsInOrder(ctx, { ...f, coverage: 'none' }, day)).map((o, i) => ({
        seq: i + 1,
        name: o.name,
        region: o.regionName,
        subtype: subtype(o),
        employees: o.employees,
        formalMembers: o.formalMembers,
        reason: o.facts.noPartyReason,
      })),
    };
  },

  async instructors(ctx) {
    const all = await listInstructors(ctx);
    const mine = await orgIdsOfCallerRegions(ctx);
    // A 乡镇经办 sees the instructors working in their regions, and only that work.
    const list = mine
      ? all
          .map((p) => ({ ...p, assignments: p.assignments.filter((a) => mine.has(a.orgId)) }))
          .filter((p) => p.assignments.some((a) => a.active))
      : all;
    return {
      rows: list.map((p, i) => {
        const active = p.assignments.filter((a) => a.active);
        return {
          seq: i + 1,
          name: p.name,
          unit: p.unit,
          post: p.post,
          phone: p.phone,
          fullTime: p.fullTime ? '专职' : '兼职',
          appointed: p.appointedDate,
          count: active.length,
          orgs: active.map((a) => a.orgName).join('、'),
        };
      }),
    };
  },

  async ratings(ctx, f, day) {
    const year = yearOf(f, day);
    return {
      rows: (await listClasses(ctx, { year, regionId: f.regionId })).map((c, i) => ({
        seq: i + 1,
        name: c.partyOrgName,
        region: c.regionName,
        stars: c.stars,
        assessed: c.assessedDate,
        lastYear: c.history.find((h) => h.year === year - 1)?.stars ?? null,
      })),
    };
  },

  async classes(ctx, f, day) {
    const year = yearOf(f, day);
    return {
      rows: (await listClasses(ctx, { year, regionId: f.regionId })).map((c, i) => ({
        seq: i + 1,
        name: c.partyOrgName,
        region: c.regionName,
        class: c.class ? labelOf(MANAGEMENT_CLASSES, c.class) : '未定级',
        stars: c.stars,
        basis: c.automatic ? '整顿中，自动列入' : c.class ? '年度评定' : null,
      })),
    };
  },

  async cases(ctx, f, day) {
    const list = (
      await listCases(ctx, {
        year: yearOf(f, day),
        regionId: f.regionId,
        state: f.state as CaseState | undefined,
        asOf: day,
        offset: 0,
        limit: ALL,
      })
    ).rows;
    return {
      rows: list.map((c, i) => ({
        seq: i + 1,
        name: c.partyOrgName,
        identifiedYear: c.year,
        region: c.regionName,
        secretary: c.secretaryName,
        members: c.members,
        situations: c.situations.join('、'),
        problems: c.problems,
        measures: c.measures,
        leader: c.leaderCounty && c.leaderCountyTitle ? `${c.leaderCounty}（${c.leaderCountyTitle}）` : c.leaderCounty,
        instructor: c.instructorName,
        deadline: c.deadline,
        progress: c.lastProgress,
        state: c.overdue ? `${labelOf(CASE_STATES, c.state)}（逾期）` : labelOf(CASE_STATES, c.state),
        accepted: c.acceptedDate,
        acceptScore: c.acceptScore,
        delisted: c.delistedDate,
      })),
    };
  },

  async caseSummary(ctx, f, day) {
    const year = yearOf(f, day);
    const list = (await listCases(ctx, { year, asOf: day, offset: 0, limit: ALL })).rows;
    const regions = (await listRegions(ctx)).filter((r) => mayTouchRegion(r.id));
    const line = (region: string, cs: typeof list): Row<'caseSummary'> => {
      const delisted = cs.filter((c) => c.state === 'delisted').length;
      return {
        region,
        total: cs.length,
        carried: cs.filter((c) => c.year < year).length,
        rectifying: cs.filter((c) => c.state === 'identified' || c.state === 'rectifying').length,
        accepted: cs.filter((c) => c.state === 'accepted').length,
        delisted,
        overdue: cs.filter((c) => c.overdue).length,
        repeat: cs.filter((c) => c.isRepeat).length,
        delistRate: ratio(delisted, cs.length).rate,
      };
    };
    return {
      rows: regions.map((r) =>
        line(
          r.name,
          list.filter((c) => c.regionId === r.id),
        ),
      ),
      totals: line('合计', list),
    };
  },

  trainings: (ctx, f, day) => trainingLedgerRows(ctx, f, yearOf(f, day)),
  trainingTotals: (ctx, f, day) => trainingTotalsRows(ctx, yearOf(f, day)),
  activities: async (ctx, f, day) => ({ rows: await activityLedgerRows(ctx, f, yearOf(f, day)) }),
  electionReminders: async (ctx, f, day) => ({ rows: await electionReminderRows(ctx, f, day) }),
  grids: gridsRows,
  fourChecks: fourChecksRows,
  modelSites: modelSitesRows,
  inspections: inspectionsRows,
  funding: (ctx, f, day) => fundingLedgerRows(ctx, f, yearOf(f, day)),
  fundingTotals: (ctx, f, day) => fundingTotalsRows(ctx, yearOf(f, day)),
  memberYears: (ctx, f, day) => memberYearRows(ctx, yearOf(f, day)),

  yearlyStats: (ctx, _f, day) => yearlyBasicRows(ctx, day),
  yearlyStatsWork: (ctx, f, day) => yearlyWorkRows(ctx, yearOf(f, day), day),
  yearlyStatsFunds: (ctx, f, day) => yearlyFundsRows(ctx, yearOf(f, day)),
  fourHundred: fourHundredRows,
};

async function describeFilters(ctx: Ctx, f: ReportFilters, kinds: readonly string[], day: string): Promise<string[]> {
  const out: string[] = [];
  if (kinds.includes('year')) out.push(`年度：${yearOf(f, day)}年`);
  if (f.regionId != null && kinds.includes('regionId')) {
    const r = (await listRegions(ctx)).find((x) => x.id === f.regionId);
    out.push(`属地：${r?.name ?? f.regionId}`);
  }
  if (f.category && kinds.includes('category')) out.push(`组织类别：${labelOf(ORG_CATEGORIES, f.category as OrgCategory)}`);
  if (f.coverage && kinds.includes('coverage')) out.push(`覆盖情况：${labelOf(COVERAGE_STATUSES, f.coverage as CoverageStatus)}`);
  if (f.state && kinds.includes('state')) out.push(`状态：${labelOf(CASE_STATES, f.state as CaseState)}`);
  return out;
}

/** The yearly statistics tables: a year that is over is counted as it stood on its last day. */
const YEAR_END_STOCK: ReadonlySet<string> = new Set(['yearlyStats', 'yearlyStatsWork', 'yearlyStatsFunds']);

/** The day a ledger counts as of: the clerk's 统计截至日期, else today (a past year's end for the yearly tables). */
function countingDay(id: string, filters: ReportFilters, today: string): string {
  if (filters.asOf) return filters.asOf;
  if (YEAR_END_STOCK.has(id) && filters.year && filters.year < Number(today.slice(0, 4))) return `${filters.year}-12-31`;
  return today;
}

/** A ledger's rows; `hidden` names the columns the clerk left out, for paper and .xlsx alike. */
export async function reportRows(ctx: Ctx, report: string, filters: ReportFilters, hidden?: readonly string[]): Promise<ReportData> {
  const def = reportDefinition(report);
  if (!def) throw new AppError('not_found', `没有名为“${report}”的台账`);
  const day = countingDay(def.id, filters, ctx.today());
  // Filters a ledger does not take are ignored, so the title block never names one that was not applied.
  const f: ReportFilters = Object.fromEntries(
    Object.entries(filters).filter(([k]) => k === 'asOf' || (def.filters as string[]).includes(k)),
  ) as ReportFilters;
  // A 乡镇经办 naming another region gets an empty ledger, as for a region without records.
  const built: { rows: ReportRow[]; totals?: ReportRow } =
    f.regionId != null && !mayTouchRegion(f.regionId) ? { rows: [] } : await builders[def.id as ReportId](ctx, f, day);
  const settings = await getSettings(ctx);
  return withoutColumns(
    {
      report: def.id,
      title: def.title,
      orientation: def.orientation,
      reportingUnit: settings.reportingUnit,
      asOf: day,
      filterText: await describeFilters(ctx, f, def.filters, day),
      columns: def.columns,
      rows: built.rows,
      totals: built.totals ?? null,
    },
    hidden,
  );
}
