/**
 * The rows of each ledger, from the same services and index the screens use, in the order of the
 * ledger's columns. Paper (print route) and Excel (xlsx.ts) both render exactly these.
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
import { type ReportId, reportDefinition } from '../../../shared/reports/definitions';
import type { Cell, ReportData, ReportFilters } from '../../../shared/reports/types';
import { addToCounts, type CoverageCounts, emptyCounts, figures, ratio } from '../../../shared/rules/coverage';
import type { Ctx } from '../context';
import { AppError } from '../errors';
import { listCases } from '../services/cases';
import { listClasses } from '../services/classification';
import { listInstructors } from '../services/instructors';
import { type IndexedOrg, orgIndex } from '../services/orgIndex';
import { listPartyOrgs } from '../services/partyOrgs';
import { listRegions } from '../services/regions';
import { getSettings } from '../services/settings';

interface Built {
  rows: Cell[][];
  totals?: Cell[];
}

const ALL = Number.MAX_SAFE_INTEGER;

function orgsInOrder(ctx: Ctx, f: ReportFilters, day: string): IndexedOrg[] {
  return orgIndex(ctx, day)
    .filter(
      (o) =>
        (f.regionId == null || o.regionId === f.regionId) &&
        (f.category == null || o.category === f.category) &&
        (f.coverage == null || o.coverage === f.coverage),
    )
    .sort((a, b) => a.regionOrder - b.regionOrder || a.id - b.id);
}

const subtype = (o: IndexedOrg) => labelOf(ORG_SUBTYPES, o.subtype);
const coverage = (c: CoverageStatus) => labelOf(COVERAGE_STATUSES, c);

function yearOf(f: ReportFilters, day: string): number {
  return f.year ?? Number(day.slice(0, 4));
}

const builders: Record<ReportId, (ctx: Ctx, f: ReportFilters, day: string) => Promise<Built> | Built> = {
  orgs(ctx, f, day) {
    return {
      rows: orgsInOrder(ctx, f, day).map((o, i) => [
        i + 1,
        o.name,
        o.uscc,
        subtype(o),
        o.regionName,
        o.legalRep,
        o.employees,
        o.formalMembers,
        coverage(o.coverage),
        o.partyOrg?.name ?? null,
        o.activeInstructors,
      ]),
    };
  },

  async partyOrgs(ctx, f) {
    const list = listPartyOrgs(ctx, { regionId: f.regionId, sort: 'region', dir: 'asc', offset: 0, limit: ALL });
    const db = ctx.ledger.sqlite;
    const covered = new Map<number, string[]>();
    for (const r of db
      .prepare('SELECT c.party_org_id AS p, o.name FROM coverage c JOIN orgs o ON o.id = c.org_id WHERE o.deleted_at IS NULL ORDER BY o.id')
      .all() as { p: number; name: string }[]) {
      covered.set(r.p, [...(covered.get(r.p) ?? []), r.name]);
    }
    const details = new Map(
      (
        db.prepare('SELECT id, last_election_date, venue_checklist FROM party_orgs').all() as {
          id: number;
          last_election_date: string | null;
          venue_checklist: string;
        }[]
      ).map((r) => [r.id, r]),
    );
    const settings = await getSettings(ctx);
    const items = VENUE_STANDARDS[settings.venueStandard].items as readonly string[];
    return {
      rows: list.rows.map((p, i) => {
        const d = details.get(p.id);
        const venue = (JSON.parse(d?.venue_checklist ?? '[]') as string[]).filter((x) => items.includes(x)).length;
        return [
          i + 1,
          p.name,
          labelOf(PARTY_ORG_TYPES, p.type),
          labelOf(FORMATION_METHODS, p.method),
          p.regionName,
          (covered.get(p.id) ?? []).join('、'),
          p.secretaryName,
          p.members,
          d?.last_election_date ?? null,
          p.electionDue,
          p.starRating,
          `${venue}/${items.length}`,
        ];
      }),
    };
  },

  async coverage(ctx, f, day) {
    const regions = (await listRegions(ctx)).filter((r) => f.regionId == null || r.id === f.regionId);
    const counts = new Map<string, CoverageCounts>();
    const county = emptyCounts();
    const key = (regionId: number, cat: OrgCategory) => `${regionId}:${cat}`;
    for (const o of orgIndex(ctx, day)) {
      if (f.regionId != null && o.regionId !== f.regionId) continue;
      const k = key(o.regionId, o.category);
      const c = counts.get(k) ?? emptyCounts();
      addToCounts(c, o.facts);
      counts.set(k, c);
      addToCounts(county, o.facts);
    }
    const line = (region: string, category: string, c: CoverageCounts): Cell[] => {
      const fig = figures(c);
      return [
        region,
        category,
        c.inScope,
        c.single,
        c.shared,
        c.workOnly,
        c.none,
        c.mustBuild,
        fig.orgCoverage.rate,
        fig.workCoverage.rate,
        fig.singleRate.rate,
        fig.buildRate.rate,
      ];
    };
    const rows: Cell[][] = [];
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

  shouldBuild(ctx, f, day) {
    return {
      rows: orgsInOrder(ctx, f, day)
        .filter((o) => o.flags.includes('should_build'))
        .map((o, i) => [
          i + 1,
          o.name,
          o.regionName,
          subtype(o),
          o.formalMembers,
          coverage(o.coverage),
          o.partyOrg?.name ?? null,
          o.facts.noPartyReason,
          o.facts.plannedBuildDate,
        ]),
    };
  },

  uncovered(ctx, f, day) {
    return {
      rows: orgsInOrder(ctx, { ...f, coverage: 'none' }, day).map((o, i) => [
        i + 1,
        o.name,
        o.regionName,
        subtype(o),
        o.employees,
        o.formalMembers,
        o.facts.noPartyReason,
      ]),
    };
  },

  async instructors(ctx) {
    const list = await listInstructors(ctx);
    return {
      rows: list.map((p, i) => {
        const active = p.assignments.filter((a) => a.active);
        return [
          i + 1,
          p.name,
          p.unit,
          p.post,
          p.phone,
          p.fullTime ? '专职' : '兼职',
          p.appointedDate,
          active.length,
          active.map((a) => a.orgName).join('、'),
        ];
      }),
    };
  },

  ratings(ctx, f, day) {
    const year = yearOf(f, day);
    return {
      rows: listClasses(ctx, { year, regionId: f.regionId }).map((c, i) => [
        i + 1,
        c.partyOrgName,
        c.regionName,
        c.stars,
        c.assessedDate,
        c.history.find((h) => h.year === year - 1)?.stars ?? null,
      ]),
    };
  },

  classes(ctx, f, day) {
    const year = yearOf(f, day);
    return {
      rows: listClasses(ctx, { year, regionId: f.regionId }).map((c, i) => [
        i + 1,
        c.partyOrgName,
        c.regionName,
        c.class ? labelOf(MANAGEMENT_CLASSES, c.class) : '未定级',
        c.stars,
        c.automatic ? '整顿中，自动列入' : c.class ? '年度评定' : null,
      ]),
    };
  },

  cases(ctx, f, day) {
    const list = listCases(ctx, {
      year: yearOf(f, day),
      regionId: f.regionId,
      state: f.state as CaseState | undefined,
      asOf: day,
      offset: 0,
      limit: ALL,
    }).rows;
    return {
      rows: list.map((c, i) => [
        i + 1,
        c.partyOrgName,
        c.regionName,
        c.situations.join('、'),
        c.problems,
        c.measures,
        c.leaderCounty,
        c.deadline,
        c.lastProgress,
        c.overdue ? `${labelOf(CASE_STATES, c.state)}（逾期）` : labelOf(CASE_STATES, c.state),
        c.acceptedDate,
        c.delistedDate,
      ]),
    };
  },

  async caseSummary(ctx, f, day) {
    const list = listCases(ctx, { year: yearOf(f, day), asOf: day, offset: 0, limit: ALL }).rows;
    const regions = await listRegions(ctx);
    const line = (name: string, cs: typeof list): Cell[] => {
      const delisted = cs.filter((c) => c.state === 'delisted').length;
      return [
        name,
        cs.length,
        cs.filter((c) => c.state === 'identified' || c.state === 'rectifying').length,
        cs.filter((c) => c.state === 'accepted').length,
        delisted,
        cs.filter((c) => c.overdue).length,
        cs.filter((c) => c.isRepeat).length,
        ratio(delisted, cs.length).rate,
      ];
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

export async function reportRows(ctx: Ctx, report: string, filters: ReportFilters): Promise<ReportData> {
  const def = reportDefinition(report);
  if (!def) throw new AppError('not_found', `没有名为“${report}”的台账`);
  const day = filters.asOf ?? ctx.today();
  // Filters a ledger does not take are ignored, so the title block never names one that was not applied.
  const f: ReportFilters = Object.fromEntries(
    Object.entries(filters).filter(([k]) => k === 'asOf' || (def.filters as string[]).includes(k)),
  ) as ReportFilters;
  const built = await builders[def.id as ReportId](ctx, f, day);
  const settings = await getSettings(ctx);
  return {
    report: def.id,
    title: def.title,
    orientation: def.orientation,
    reportingUnit: settings.reportingUnit,
    asOf: day,
    filterText: await describeFilters(ctx, f, def.filters, day),
    columns: def.columns,
    rows: built.rows,
    totals: built.totals ?? null,
  };
}
