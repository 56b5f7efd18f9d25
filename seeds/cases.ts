/**
 * The demo county's working ledger: 2025 and 2026 star ratings and classes, and 软弱涣散 cases in
 * every state across the two years — some overdue, one 重复认定 (delisted in 2025, identified again
 * in 2026). Deterministic: picks party organizations by their flags and order, no randomness.
 */
import type { SeedCase, SeedClass, SeedPartyOrg, SeedRating } from '../src/main/core/seed';
import { partyOrgFlags } from '../src/shared/rules/partyOrgFlags';

const LEADERS = ['王建国（旗委副书记）', '李红梅（旗委常委、组织部部长）', '赵志刚（副旗长）'];

const plan = (deadline: string, leader: number, listedDate: string, extra: Partial<Record<string, string>> = {}) => ({
  measures: '调整充实支部班子；恢复“三会一课”并建立台账；每月开展一次主题党日',
  goal: '班子配齐、制度落实、活动正常，达到规范化建设标准',
  responsible: '属地党（工）委组织委员',
  deadline,
  leaderCounty: LEADERS[leader] as string,
  leaderTownship: '属地党（工）委副书记',
  instructorName: '旗委组织部选派指导员',
  pairingDept: ['旗财政局机关党支部', '旗市场监督管理局机关党支部', '旗民政局机关党支部'][leader] as string,
  listedDate,
  ...extra,
});

export function buildCaseSeed(partyOrgs: SeedPartyOrg[]): { ratings: SeedRating[]; classes: SeedClass[]; cases: SeedCase[] } {
  const day = '2026-06-30';
  const flagged = (code: string) => partyOrgs.filter((p) => partyOrgFlags(p, day).some((f) => f.code === code));
  const used = new Set<string>();
  const take = (list: SeedPartyOrg[]): SeedPartyOrg => {
    const p = list.find((x) => !used.has(x.name)) ?? partyOrgs.find((x) => !used.has(x.name));
    if (!p) throw new Error('党组织不够用');
    used.add(p.name);
    return p;
  };
  const vacant = flagged('secretary_vacant');
  const overdue = flagged('election_overdue');
  const low = partyOrgs.filter((p) => p.starRating != null && p.starRating <= 2);

  const ratings: SeedRating[] = [];
  for (const p of partyOrgs) {
    if (p.starRating == null) continue;
    ratings.push({ partyOrgName: p.name, year: 2025, stars: p.starRating, assessedDate: '2025-12-20' });
  }

  const repeat = take(low);
  const cases: SeedCase[] = [
    // 2025: delisted after one round; identified again in 2026 (重复认定, below).
    {
      partyOrgName: repeat.name,
      year: 2025,
      batch: '2025年第一批',
      date: '2025-03-15',
      situations: ['组织生活不健全', '活动开展不规范'],
      problems: '“三会一课”长期不落实；党员活动室挪作他用',
      reason: '年度星级评定为2星',
      steps: [
        { action: 'plan', date: '2025-03-25', plan: plan('2025-08-31', 0, '2025-03-28') },
        { action: 'progress', date: '2025-04-30', note: '4月：恢复支部委员会，召开专题组织生活会' },
        { action: 'progress', date: '2025-06-30', note: '6月：活动室恢复使用，制度上墙' },
        { action: 'accept', date: '2025-08-25', score: 82, passed: true, satisfaction: 91, opinion: '整改到位，同意验收' },
        { action: 'delist', date: '2025-09-10' },
      ],
    },
    // 2025: delisted after a failed acceptance.
    ((p) => ({
      partyOrgName: p.name,
      year: 2025,
      batch: '2025年第一批',
      date: '2025-03-15',
      situations: ['班子配备不齐、书记空缺', '党建工作不力'],
      problems: '书记调离后长期空缺；党员教育管理松散',
      reason: '书记空缺超过3个月',
      steps: [
        { action: 'plan', date: '2025-03-26', plan: plan('2025-07-31', 1, '2025-03-28') },
        { action: 'progress', date: '2025-05-31', note: '5月：物色书记人选2名，正在考察' },
        {
          action: 'accept',
          date: '2025-07-28',
          score: 65,
          passed: false,
          satisfaction: 72,
          opinion: '书记仍未到位，验收不通过',
          newDeadline: '2025-10-31',
        },
        {
          action: 'plan',
          date: '2025-08-05',
          plan: plan('2025-10-31', 1, '2025-03-28', { measures: '由出资人担任书记；选派第一书记驻点指导' }),
        },
        { action: 'progress', date: '2025-09-30', note: '9月：选举产生新任书记' },
        { action: 'accept', date: '2025-10-25', score: 78, passed: true, satisfaction: 88, opinion: '班子配齐，同意验收' },
        { action: 'delist', date: '2025-11-10' },
      ],
    }))(take(vacant)),
    // 2025: accepted, not yet delisted.
    ((p) => ({
      partyOrgName: p.name,
      year: 2025,
      batch: '2025年第二批',
      date: '2025-06-10',
      situations: ['党员教育管理不严格'],
      problems: '党员组织关系长期未转接，2名党员失联',
      reason: null,
      steps: [
        { action: 'plan', date: '2025-06-20', plan: plan('2025-12-31', 2, '2025-06-22') },
        { action: 'progress', date: '2025-09-30', note: '9月：联系上失联党员1名' },
        { action: 'accept', date: '2025-12-20', score: 80, passed: true, satisfaction: 90, opinion: '基本到位' },
      ],
    }))(take(low)),
    // 2026: 重复认定 of the first, rectifying with a deadline already passed.
    {
      partyOrgName: repeat.name,
      year: 2026,
      batch: '2026年第一批',
      date: '2026-03-10',
      situations: ['组织生活不健全'],
      problems: '销号后组织生活再次停滞',
      reason: '回头看发现问题反弹',
      steps: [
        { action: 'plan', date: '2026-03-20', plan: plan('2026-06-15', 0, '2026-03-22') },
        { action: 'progress', date: '2026-04-30', note: '4月：重新制定组织生活计划' },
      ],
    },
    // 2026: 换届逾期, rectifying, overdue.
    ((p) => ({
      partyOrgName: p.name,
      year: 2026,
      batch: '2026年第一批',
      date: '2026-03-10',
      situations: ['换届逾期'],
      problems: '任期届满一年以上未换届',
      reason: null,
      steps: [
        { action: 'plan', date: '2026-03-18', plan: plan('2026-05-31', 1, '2026-03-20') },
        { action: 'progress', date: '2026-04-30', note: '4月：换届选举方案已报批' },
      ],
    }))(take(overdue)),
    // 2026: rectifying, not overdue.
    ((p) => ({
      partyOrgName: p.name,
      year: 2026,
      batch: '2026年第一批',
      date: '2026-03-10',
      situations: ['换届逾期', '组织制度形同虚设'],
      problems: '未按期换届；制度未执行',
      reason: null,
      steps: [{ action: 'plan', date: '2026-03-18', plan: plan('2026-12-31', 2, '2026-03-20') }],
    }))(take(overdue)),
    // 2026: failed acceptance, back to 整顿 with a new deadline.
    ((p) => ({
      partyOrgName: p.name,
      year: 2026,
      batch: '2026年第一批',
      date: '2026-03-12',
      situations: ['班子配备不齐、书记空缺'],
      problems: '书记空缺',
      reason: null,
      steps: [
        { action: 'plan', date: '2026-03-20', plan: plan('2026-05-20', 0, '2026-03-22') },
        {
          action: 'accept',
          date: '2026-05-18',
          score: 60,
          passed: false,
          satisfaction: 70,
          opinion: '书记人选未确定',
          newDeadline: '2026-12-15',
        },
      ],
    }))(take(vacant)),
    // 2026: identified only.
    ((p) => ({
      partyOrgName: p.name,
      year: 2026,
      batch: '2026年第二批',
      date: '2026-06-20',
      situations: ['党建工作不力'],
      problems: '党建工作无计划、无台账',
      reason: '年度星级评定为1星',
      steps: [],
    }))(take(low)),
    // 2026: accepted.
    ((p) => ({
      partyOrgName: p.name,
      year: 2026,
      batch: '2026年第一批',
      date: '2026-02-20',
      situations: ['活动开展不规范'],
      problems: '主题党日流于形式',
      reason: null,
      steps: [
        { action: 'plan', date: '2026-02-28', plan: plan('2026-05-31', 2, '2026-03-01') },
        { action: 'progress', date: '2026-03-31', note: '3月：主题党日与业务工作结合开展' },
        { action: 'accept', date: '2026-05-25', score: 85, passed: true, satisfaction: 93, opinion: '整改到位' },
      ],
    }))(take(low)),
    // 2026: delisted.
    ((p) => ({
      partyOrgName: p.name,
      year: 2026,
      batch: '2026年第一批',
      date: '2026-02-20',
      situations: ['服务群众满意度低'],
      problems: '群众满意度测评低于60%',
      reason: null,
      steps: [
        { action: 'plan', date: '2026-02-28', plan: plan('2026-04-30', 1, '2026-03-01') },
        { action: 'accept', date: '2026-04-28', score: 88, passed: true, satisfaction: 90, opinion: '满意度明显提升' },
        { action: 'delist', date: '2026-05-15' },
      ],
    }))(take(low)),
  ];

  // 2025 classes: five-star ones 品牌创建, the rest 规范建设 (the 2025 cases' party organizations are set by their cases).
  const inCase2025 = new Set(cases.filter((c) => c.year === 2025).map((c) => c.partyOrgName));
  const classes: SeedClass[] = [
    {
      year: 2025,
      class: 'brand',
      partyOrgNames: partyOrgs.filter((p) => p.starRating === 5 && !inCase2025.has(p.name)).map((p) => p.name),
    },
    {
      year: 2025,
      class: 'standard',
      partyOrgNames: partyOrgs.filter((p) => p.starRating !== 5 && !inCase2025.has(p.name)).map((p) => p.name),
    },
  ];
  return { ratings, classes, cases };
}
