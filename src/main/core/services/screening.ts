/**
 * 排查: the party organizations the data says may be 软弱涣散 in a year, each with its reasons.
 * Counted as of the end of the year, or today for the current year.
 */
import { partyOrgFlags } from '../../../shared/rules/partyOrgFlags';
import type { CaseSuggestion } from '../../../shared/types';
import type { Ctx } from '../context';
import { fromColumns } from '../mapping';
import { PARTY_ORG_SHAPE } from './partyOrgs';
import { getSettings } from './settings';

/** The county's situation that a reason points at, if the county's list has one like it. */
function situationFor(situations: string[], words: string[]): string | null {
  return situations.find((s) => words.some((w) => s.includes(w))) ?? null;
}

export async function suggestCases(ctx: Ctx, year: number): Promise<CaseSuggestion[]> {
  const settings = await getSettings(ctx);
  const today = ctx.today();
  const day = `${year}-12-31` < today ? `${year}-12-31` : today;
  const rows = ctx.ledger.sqlite
    .prepare(
      `SELECT p.*, r.name AS region_name, rt.stars AS year_stars,
              (SELECT COUNT(*) FROM cases c WHERE c.party_org_id = p.id AND c.year < @year) AS earlier_cases,
              (SELECT COUNT(*) FROM cases c WHERE c.party_org_id = p.id AND (c.year = @year OR c.state <> 'delisted')) AS blocking
         FROM party_orgs p JOIN regions r ON r.id = p.region_id
         LEFT JOIN ratings rt ON rt.party_org_id = p.id AND rt.year = @year
        WHERE p.deleted_at IS NULL
        ORDER BY r.sort_order, p.id`,
    )
    .all({ year }) as Record<string, unknown>[];
  const out: CaseSuggestion[] = [];
  for (const r of rows) {
    if ((r.blocking as number) > 0) continue;
    const f = fromColumns(r, PARTY_ORG_SHAPE);
    const reasons: string[] = [];
    const situations = new Set<string>();
    const hit = (reason: string, words: string[]) => {
      reasons.push(reason);
      const s = situationFor(settings.situations, words);
      if (s) situations.add(s);
    };
    for (const flag of partyOrgFlags(f, day)) {
      if (flag.code === 'secretary_vacant') hit('书记空缺', ['书记空缺', '班子配备不齐', '缺职']);
      if (flag.code === 'election_overdue') hit(`换届逾期：${flag.reason}`, ['换届']);
    }
    const stars = (r.year_stars as number | null) ?? f.starRating;
    if (stars == null) hit(`${year}年度未评定星级`, ['党建工作不力']);
    else if (stars <= 2) hit(`星级评定为${stars}星（2星及以下）`, ['党建工作不力']);
    if (f.venueChecklist.length < settings.venueThreshold) {
      hit(`阵地建设达标${f.venueChecklist.length}项，低于${settings.venueThreshold}项`, ['活动开展不规范', '组织生活']);
    }
    if (f.probationaryMembers === 0) hit('无预备党员，近期未发展党员', ['党员教育管理', '党员队伍']);
    if (reasons.length === 0) continue;
    out.push({
      partyOrgId: r.id as number,
      partyOrgName: f.name,
      regionName: r.region_name as string,
      reasons,
      situations: [...situations],
      hadEarlierCase: (r.earlier_cases as number) > 0,
    });
  }
  return out;
}
