/**
 * 年度两新党建工作统计表 on a small county built here: every figure of its three tables, region by
 * region and in the 合计, equals what is counted by hand in the comments — records of other years and
 * out-of-scope organizations included so that a figure counting them would show.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Input } from '../../src/shared/contract';
import { makeLedger, type TestLedger } from './fixture';

let t: TestLedger;

afterEach(async () => {
  await t?.close();
});

const PLAN = {
  measures: '调整配强班子',
  goal: '年底前达到规范化标准',
  responsible: '街道党工委组织委员',
  deadline: '2026-05-31',
  leaderCounty: '王建国',
  leaderTownship: '赵敏',
  instructorName: '李文',
  pairingDept: '旗财政局',
  listedDate: null,
};

/** The county of the tables below; built once per test because each test closes its ledger. */
async function county() {
  t = await makeLedger();
  const east = await t.call('regions.create', { name: '东街道', kind: 'subdistrict' });
  const west = await t.call('regions.create', { name: '西街道', kind: 'subdistrict' });
  const org = (name: string, regionId: number, subtype: 'company' | 'association', over: Partial<Input<'orgs.create'>> = {}) =>
    t.call('orgs.create', { name, category: subtype === 'company' ? 'nonpublic' : 'social', subtype, regionId, ...over });
  const a1 = await org('东甲有限公司', east.id, 'company', { formalMembers: 5 });
  const a2 = await org('东乙有限公司', east.id, 'company', { formalMembers: 1 });
  const a3 = await org('东丙协会', east.id, 'association');
  const b1 = await org('西甲有限公司', west.id, 'company');
  const b2 = await org('西乙协会', west.id, 'association');
  // Not counted anywhere: out of scope.
  await org('西丙有限公司', west.id, 'company', { outOfScope: true, outOfScopeReason: '已迁出本旗' });

  const party = (name: string, regionId: number, method: 'single' | 'joint' | 'regional', covered: number[]) =>
    t.call('partyOrgs.create', {
      name,
      type: method === 'single' ? 'branch' : 'joint_branch',
      method,
      regionId,
      coveredOrgIds: covered,
      formalMembers: 3,
      foundedDate: '2020-01-01',
    } as Input<'partyOrgs.create'>);
  const p1 = await party('中共东甲有限公司支部委员会', east.id, 'single', [a1.id]);
  const p2 = await party('中共东街道东乙等联合支部委员会', east.id, 'joint', [a2.id, a3.id]);
  const p3 = await party('中共西街道区域党支部', west.id, 'regional', [b2.id]);

  const instructor = (name: string) => t.call('instructors.create', { name, unit: '旗委组织部' } as Input<'instructors.create'>);
  const i1 = await instructor('李一');
  const i2 = await instructor('李二');
  const i3 = await instructor('李三');
  await t.call('instructors.assign', { instructorId: i1.id, orgId: b1.id, fromDate: '2026-01-01', toDate: null });
  await t.call('instructors.assign', { instructorId: i2.id, orgId: a2.id, fromDate: '2025-03-01', toDate: '2025-12-31' });
  await t.call('instructors.assign', { instructorId: i3.id, orgId: b1.id, fromDate: '2026-02-01', toDate: null });
  await t.call('instructors.assign', { instructorId: i3.id, orgId: a1.id, fromDate: '2026-02-01', toDate: null });

  const members = (orgId: number, year: number, newMembers: number) =>
    t.call('memberYears.set', { orgId, year, formal: 5, probationary: 1, activists: 2, candidates: 1, newMembers });
  await members(a1.id, 2026, 2);
  await members(b1.id, 2026, 3);
  await members(a1.id, 2025, 7);

  const training = (over: Partial<Input<'trainings.create'>>) =>
    t.call('trainings.create', {
      startDate: '2026-04-01',
      endDate: '2026-04-02',
      topic: '党务知识培训',
      target: 'secretary',
      organizer: '旗委组织部',
      regionId: null,
      sessions: 1,
      attendances: 40,
      ...over,
    } as Input<'trainings.create'>);
  await training({ target: 'owner', regionId: east.id, sessions: 2, attendances: 60, topic: '业主培训班' });
  await training({}); // the county's own class
  await training({ regionId: west.id, startDate: '2025-05-01', endDate: '2025-05-01', attendances: 30 });

  await t.call('ratings.set', { partyOrgId: p1.id, year: 2026, stars: 5, assessedDate: '2026-06-01' });
  await t.call('ratings.set', { partyOrgId: p2.id, year: 2026, stars: 3, assessedDate: '2026-06-01' });
  await t.call('ratings.set', { partyOrgId: p3.id, year: 2025, stars: 4, assessedDate: '2025-12-01' });

  const c = await t.call('cases.create', {
    partyOrgId: p3.id,
    year: 2026,
    date: '2026-03-01',
    situations: ['党建工作不力'],
    problems: '工作不力',
  });
  for (const step of [
    { action: 'plan', date: '2026-03-05', plan: PLAN },
    { action: 'accept', date: '2026-06-01', score: 90, passed: true, opinion: '合格' },
    { action: 'delist', date: '2026-06-10' },
  ])
    await t.call('cases.act', { id: c.id, ...step } as Input<'cases.act'>);
  await t.call('cases.create', { partyOrgId: p2.id, year: 2025, date: '2025-05-01', situations: ['党建工作不力'], problems: '活动少' });

  const pay = (partyOrgId: number, source: string, amount: number, date: string) =>
    t.call('funding.create', { partyOrgId, source, fundKind: 'activity', amount, date } as Input<'funding.create'>);
  await pay(p1.id, 'unit', 5000, '2026-03-01');
  await pay(p1.id, 'superior', 1234.5, '2026-04-01');
  await pay(p3.id, 'fiscal', 3000, '2026-05-01');
  await pay(p3.id, 'dues_return', 800, '2025-12-01');

  const site = (over: Partial<Input<'modelSites.create'>>) => t.call('modelSites.create', over as Input<'modelSites.create'>);
  await site({ partyOrgId: p1.id, level: 'county', year: 2025, brandName: '红色引擎', fiveStar: true });
  await site({ partyOrgId: p3.id, level: 'city', year: 2026 });
  await site({ partyOrgId: p2.id, level: 'county', year: 2024, revokedYear: 2026 });
}

const table = async (report: 'yearlyStats' | 'yearlyStatsWork' | 'yearlyStatsFunds', year: number) => {
  const d = await t.call('reports.rows', { report, filters: { year } });
  return [...d.rows, d.totals];
};

describe('the yearly statistics table of 2026', () => {
  it('(一) 基本情况: organizations in scope, party organizations by 组建方式, the two coverage rates', async () => {
    await county();
    const zero = { industry: 0, attached: 0, dispatched: 0 };
    expect(await table('yearlyStats', 2026)).toEqual([
      // 东: 3 in scope (2 companies, 1 协会); 东甲 单独, 东乙 and 东丙 联合 → 3/3 organized.
      {
        region: '东街道',
        orgs: 3,
        nonpublic: 2,
        social: 1,
        partyOrgs: 2,
        single: 1,
        joint: 1,
        regional: 0,
        ...zero,
        orgCoverage: 100,
        workCoverage: 100,
      },
      // 西: 2 in scope (西丙 is out); 西乙 by the region branch, 西甲 only by its instructors → 1/2 organized, 2/2 worked.
      {
        region: '西街道',
        orgs: 2,
        nonpublic: 1,
        social: 1,
        partyOrgs: 1,
        single: 0,
        joint: 0,
        regional: 1,
        ...zero,
        orgCoverage: 50,
        workCoverage: 100,
      },
      {
        region: '合计',
        orgs: 5,
        nonpublic: 3,
        social: 2,
        partyOrgs: 3,
        single: 1,
        joint: 1,
        regional: 1,
        ...zero,
        orgCoverage: 80,
        workCoverage: 100,
      },
    ]);
  });

  it('(二) 工作开展: new members, instructors, training, stars and cases of the year only', async () => {
    await county();
    const none = { star4: 0, star2: 0, star1: 0 };
    expect(await table('yearlyStatsWork', 2026)).toEqual([
      // 东: 东甲's 2 new members; 李三 (东甲); the 业主 class of 2 期 / 60 人次; 东甲 5 stars, 联合支部 3; no case of 2026.
      {
        region: '东街道',
        newMembers: 2,
        instructors: 1,
        sessions: 2,
        attendances: 60,
        ownerSessions: 2,
        ownerAttendances: 60,
        star5: 1,
        star3: 1,
        ...none,
        identified: 0,
        delisted: 0,
      },
      // 西: 西甲's 3; 李一 and 李三; its class was in 2025; its rating was of 2025; its case identified and delisted in 2026.
      {
        region: '西街道',
        newMembers: 3,
        instructors: 2,
        sessions: 0,
        attendances: 0,
        ownerSessions: 0,
        ownerAttendances: 0,
        star5: 0,
        star3: 0,
        ...none,
        identified: 1,
        delisted: 1,
      },
      // The county's own class: 1 期, 40 人次.
      {
        region: '旗（县）级',
        newMembers: 0,
        instructors: 0,
        sessions: 1,
        attendances: 40,
        ownerSessions: 0,
        ownerAttendances: 0,
        star5: 0,
        star3: 0,
        ...none,
        identified: 0,
        delisted: 0,
      },
      // 李三 works in both regions and counts once in the county.
      {
        region: '合计',
        newMembers: 5,
        instructors: 2,
        sessions: 3,
        attendances: 100,
        ownerSessions: 2,
        ownerAttendances: 60,
        star5: 1,
        star3: 1,
        ...none,
        identified: 1,
        delisted: 1,
      },
    ]);
    // 2025: 东甲's 7 new members, 李二 in 东乙; 西's class; 西's 4-star rating; 东's 联合支部 case identified.
    const y2025 = await table('yearlyStatsWork', 2025);
    expect(y2025.map((r) => [r?.region, r?.newMembers, r?.instructors, r?.sessions, r?.attendances, r?.star4, r?.identified])).toEqual([
      ['东街道', 7, 1, 0, 0, 0, 1],
      ['西街道', 0, 0, 1, 30, 1, 0],
      ['合计', 7, 1, 1, 30, 1, 1],
    ]);
  });

  it('(三) 经费与示范: the year’s money by source in 元, designations in force by level', async () => {
    await county();
    expect(await table('yearlyStatsFunds', 2026)).toEqual([
      // 东甲's 5000 企业列支 and 1234.50 上级补充; its 县级 site of 2025 with a brand under 五星 creation (the 联合支部's was revoked in 2026).
      {
        region: '东街道',
        unit: 5000,
        superior: 1234.5,
        duesReturn: 0,
        fiscal: 0,
        other: 0,
        fundsTotal: 6234.5,
        sitesCounty: 1,
        sitesCity: 0,
        sitesProvince: 0,
        brands: 1,
        fiveStar: 1,
      },
      // 西's 3000 财政补贴 (its 800 党费返还 was paid in 2025); its 市级 site of 2026.
      {
        region: '西街道',
        unit: 0,
        superior: 0,
        duesReturn: 0,
        fiscal: 3000,
        other: 0,
        fundsTotal: 3000,
        sitesCounty: 0,
        sitesCity: 1,
        sitesProvince: 0,
        brands: 0,
        fiveStar: 0,
      },
      {
        region: '合计',
        unit: 5000,
        superior: 1234.5,
        duesReturn: 0,
        fiscal: 3000,
        other: 0,
        fundsTotal: 9234.5,
        sitesCounty: 1,
        sitesCity: 1,
        sitesProvince: 0,
        brands: 1,
        fiveStar: 1,
      },
    ]);
  });
});

describe('a year that is over', () => {
  it('is counted as it stood on its last day: a party organization founded since is not in it', async () => {
    await county();
    const east = (await t.call('regions.list', {})).find((r) => r.name === '东街道');
    if (!east) throw new Error('没有东街道');
    const d = await t.call('orgs.create', {
      name: '东丁有限公司',
      category: 'nonpublic',
      subtype: 'company',
      regionId: east.id,
      formalMembers: 4,
    });
    await t.call('partyOrgs.create', {
      name: '中共东丁有限公司支部委员会',
      type: 'branch',
      method: 'single',
      regionId: east.id,
      coveredOrgIds: [d.id],
      formalMembers: 4,
      foundedDate: '2026-03-01',
    } as Input<'partyOrgs.create'>);
    const [now] = (await table('yearlyStats', 2026)).slice(-1);
    const [then] = (await table('yearlyStats', 2025)).slice(-1);
    expect(then?.partyOrgs).toBe(Number(now?.partyOrgs) - 1);
    expect(then?.single).toBe(Number(now?.single) - 1);
    expect((await t.call('reports.rows', { report: 'yearlyStats', filters: { year: 2025 } })).asOf).toBe('2025-12-31');
    expect((await t.call('reports.rows', { report: 'yearlyStats', filters: { year: 2026 } })).asOf).toBe('2026-06-30');
  });
});

describe('on the demo county', () => {
  it('agrees with the ledgers it sums: 两个覆盖统计表, 经费, 培训 and 党员发展 totals, 软弱涣散 summary', async () => {
    t = await makeLedger({ demo: 'loaded' });
    const [basic] = (await table('yearlyStats', 2026)).slice(-1);
    const coverage = (await t.call('reports.rows', { report: 'coverage', filters: {} })).totals;
    expect(basic).toMatchObject({ orgs: coverage?.inScope, orgCoverage: coverage?.orgCoverage, workCoverage: coverage?.workCoverage });

    const [funds] = (await table('yearlyStatsFunds', 2026)).slice(-1);
    const money = await t.call('funding.totals', { year: 2026 });
    expect(funds?.fundsTotal).toBe(money.county.totalFen / 100);
    expect(money.county.totalFen).toBeGreaterThan(0);

    const [work] = (await table('yearlyStatsWork', 2026)).slice(-1);
    const classes = await t.call('trainings.totals', { year: 2026 });
    expect([work?.sessions, work?.attendances]).toEqual([
      classes.reduce((s, r) => s + r.sessions, 0),
      classes.reduce((s, r) => s + r.attendances, 0),
    ]);
    const members = (await t.call('reports.rows', { report: 'memberYears', filters: { year: 2026 } })).totals;
    expect(work?.newMembers).toBe(members?.newMembers);
    const cases = (await t.call('reports.rows', { report: 'caseSummary', filters: { year: 2026 } })).totals;
    expect(work?.identified).toBe(Number(cases?.total) - Number(cases?.carried));
  });
});
