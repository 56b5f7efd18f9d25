/** The rows of 网格化管理台账 and 区域党支部“四个一”情况表, from the same service the 网格 page reads. */
import type { ReportFilters } from '../../../shared/reports/types';
import type { CheckResult } from '../../../shared/rules/fourChecks';
import type { Ctx } from '../context';
import { fourChecks, getGrid, listGrids } from '../services/grids';
import { ofCallerRegions } from '../services/recordScope';
import type { Built } from './rows';

const yesNo = (b: boolean) => (b ? '是' : '否');

export async function gridsRows(ctx: Ctx, f: ReportFilters): Promise<Built<'grids'>> {
  const grids = ofCallerRegions(await listGrids(ctx, { regionId: f.regionId }));
  const orgsOf = new Map<number, string[]>();
  for (const g of grids)
    orgsOf.set(
      g.id,
      (await getGrid(ctx, g.id)).orgs.map((o) => o.name),
    );
  const rows = grids.map((g, i) => ({
    seq: i + 1,
    region: g.regionName,
    partyOrg: g.partyOrgName,
    grid: g.name,
    instructor: g.instructorName ?? '未配备',
    contactCards: g.contactCards ? '已发放' : '未发放',
    orgCount: g.orgCount,
    orgs: (orgsOf.get(g.id) ?? []).join('、'),
    formalMembers: g.formalMembers,
  }));
  return {
    rows,
    totals: {
      seq: null,
      region: '合计',
      partyOrg: `${new Set(grids.map((g) => g.partyOrgId)).size}个区域党支部`,
      grid: `${grids.length}个网格`,
      instructor: null,
      contactCards: null,
      orgCount: grids.reduce((n, g) => n + g.orgCount, 0),
      orgs: null,
      formalMembers: grids.reduce((n, g) => n + g.formalMembers, 0),
    },
  };
}

export async function fourChecksRows(ctx: Ctx, f: ReportFilters, day: string): Promise<Built<'fourChecks'>> {
  const result = await fourChecks(ctx, { day, regionId: f.regionId });
  const rows = ofCallerRegions(result.rows).map((r, i) => {
    const { venue, forum, instructors, contactCards } = r.checks;
    const gaps = [venue, forum, instructors, contactCards].filter((c: CheckResult) => !c.met).map((c) => c.reason);
    return {
      seq: i + 1,
      region: r.regionName,
      partyOrg: r.partyOrgName,
      grids: r.grids,
      venue: yesNo(venue.met),
      forum: yesNo(forum.met),
      instructors: yesNo(instructors.met),
      contactCards: yesNo(contactCards.met),
      allMet: yesNo(r.checks.allMet),
      // “尚未划分网格” once, not for each of the two grid checks.
      gaps: [...new Set(gaps)].join('；'),
    };
  });
  // The city reads the table by its 合计: how many branches meet each of the four, and all four.
  const met = (key: 'venue' | 'forum' | 'instructors' | 'contactCards' | 'allMet') => `${rows.filter((r) => r[key] === '是').length}个`;
  return {
    rows,
    totals: {
      seq: null,
      region: '合计',
      partyOrg: `${rows.length}个区域党支部`,
      grids: rows.reduce((n, r) => n + r.grids, 0),
      venue: met('venue'),
      forum: met('forum'),
      instructors: met('instructors'),
      contactCards: met('contactCards'),
      allMet: met('allMet'),
      gaps: rows.length ? `达标率${((rows.filter((r) => r.allMet === '是').length / rows.length) * 100).toFixed(2)}%` : null,
    },
  };
}
