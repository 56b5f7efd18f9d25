/**
 * The demo county's 组织生活 in 2025 and 2026 (to the day the demo was made): 主题党日 most months,
 * 支部党员大会 and 党课 by quarter, 支委会 where there is a committee, the yearly 组织生活会 and 民主评议,
 * and the 1+N branches' quarterly 恳谈会 — kept well by most party organizations, patchily by some,
 * hardly at all by a few, so the 组织生活 page has gaps to show. Its own PRNG: the rest of the demo
 * draws from another sequence, which this must not shift.
 */
import type { SeedPartyOrg } from '../src/main/core/seed';
import type { SeedActivity } from '../src/main/core/services/activities';
import type { ActivityKind } from '../src/shared/domain/activityCodes';
import { addYears } from '../src/shared/rules/dates';
import { partyOrgFlags } from '../src/shared/rules/partyOrgFlags';

/** The last day recorded: the day the demo was made (the e2e clock). */
const UNTIL = '2026-11-25';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOPICS: Record<ActivityKind, readonly string[]> = {
  theme_day: [
    '重温入党誓词',
    '学习贯彻党的二十届三中全会精神',
    '“党员先锋岗”志愿服务',
    '走进红色教育基地',
    '学习《中国共产党纪律处分条例》',
    '社区环境整治志愿服务',
    '铸牢中华民族共同体意识主题学习',
    '安全生产知识学习',
    '走访慰问困难职工',
    '学习习近平总书记考察内蒙古重要讲话精神',
  ],
  branch_meeting: ['传达学习上级会议精神', '审议年度工作计划', '讨论接收预备党员', '通报党费收缴情况'],
  committee_meeting: ['研究发展党员工作', '研究季度工作安排', '研究党费收缴和使用', '研究主题党日活动方案'],
  group_meeting: ['学习党章', '交流学习体会'],
  party_lecture: ['书记讲党课：发挥党员先锋模范作用', '党纪学习教育专题党课', '新时代两新组织党建工作', '铸牢中华民族共同体意识专题党课'],
  forum: ['企业发展与党建工作恳谈', '区域党建共建恳谈', '网格内企业用工需求恳谈', '季度联席恳谈会'],
  life_meeting: [],
  review: [],
  other: [],
};
const PLACES = ['党员活动室', '企业会议室', '党群服务中心', '社区党群服务站'];

const p2 = (n: number) => String(n).padStart(2, '0');

/**
 * One party organization whose 换届 falls due within three months on the tests' day (2026-06-30), so the
 * demo shows the ahead-of-time flag then as it does on the e2e day. Picked among those with no flag on
 * either day and no case, its last election set back; nothing else changes.
 */
export function electionDueSoon(partyOrgs: SeedPartyOrg[], caseNames: ReadonlySet<string>): void {
  const quiet = partyOrgs.find(
    (p) =>
      !caseNames.has(p.name) &&
      p.lastElectionDate != null &&
      p.type !== 'committee' &&
      (p.termYears ?? 3) === 3 &&
      (p.foundedDate ?? '') < '2023-08-20' &&
      partyOrgFlags(p, '2026-06-30').length === 0 &&
      partyOrgFlags(p, '2026-11-25').length === 0,
  );
  if (!quiet) throw new Error('没有可调整换届日期的党组织');
  quiet.lastElectionDate = '2023-08-20';
  if (addYears(quiet.lastElectionDate, 3) !== '2026-08-20') throw new Error('换届日期计算有误');
}

export function buildActivitySeed(partyOrgs: SeedPartyOrg[]): SeedActivity[] {
  const rnd = mulberry32(0x20260630);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const chance = (p: number) => rnd() < p;
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)] as T;
  const out: SeedActivity[] = [];
  let regionalSeen = 0;
  for (const p of partyOrgs) {
    const members = p.formalMembers + p.probationaryMembers;
    // 0.7 keep it well, 0.2 patchily, 0.1 hardly at all (and not since spring 2026).
    const care = rnd();
    const keep = care < 0.7 ? 0.9 : care < 0.9 ? 0.5 : 0.15;
    const lax = care >= 0.9;
    const regional = p.method === 'regional' ? regionalSeen++ : -1;
    const add = (kind: ActivityKind, year: number, month: number, expected: number | null = members) => {
      const date = `${year}-${p2(month)}-${p2(int(1, 28))}`;
      if (date > UNTIL || (p.foundedDate != null && date < p.foundedDate)) return;
      if (lax && date >= '2026-05-01') return;
      const topics = TOPICS[kind];
      const topic =
        kind === 'life_meeting'
          ? `${year - 1}年度组织生活会`
          : kind === 'review'
            ? `${year - 1}年度民主评议党员`
            : topics.length
              ? pick(topics)
              : null;
      const attendance = expected == null ? null : Math.max(0, expected - (chance(0.6) ? 0 : int(1, Math.min(3, expected))));
      out.push({ partyOrgName: p.name, kind, date, topic, expected, attendance, place: pick(PLACES) });
    };
    for (const year of [2025, 2026]) {
      for (let month = 1; month <= 12; month++) {
        if (chance(keep)) add('theme_day', year, month);
        if (p.committeeMembers && month % 3 === 1 && chance(keep)) add('committee_meeting', year, month, Math.min(members, 5));
        if (month % 3 === 0 && chance(keep)) add('branch_meeting', year, month);
        if (month % 6 === 0 && chance(keep)) add('party_lecture', year, month);
        if (month % 3 === 2 && regional >= 0) {
          const quarter = (month - 2) / 3 + 1;
          // The first 1+N branch missed the first quarter of 2026, the second the third: each shows on one test day.
          const missed = (regional === 0 && year === 2026 && quarter === 1) || (regional === 1 && year === 2026 && quarter === 3);
          if (!missed && chance(0.9)) add('forum', year, month, int(6, 15));
        }
      }
      if (chance(keep)) add('life_meeting', year, int(1, 2));
      if (chance(keep)) add('review', year, int(1, 3));
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.partyOrgName.localeCompare(b.partyOrgName));
}
