/**
 * 组织生活与活动 on a real ledger: create / update / delete with audit rows in Chinese, the list's
 * filters and search, the 恳谈会 / 主题党日 gaps on a fixed day, 换届 due in 3 / 6 months and the two ledgers.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Input } from '../../src/shared/contract';
import { makeLedger, type TestLedger, TODAY } from './fixture';
import { caseMaker } from './helpers/caseLedger';

let t: TestLedger;
let region: number;
let other: number;
let make: ReturnType<typeof caseMaker>;

beforeEach(async () => {
  t = await makeLedger();
  region = (await t.call('regions.create', { name: '乌兰镇', kind: 'township' })).id;
  other = (await t.call('regions.create', { name: '新城街道', kind: 'subdistrict' })).id;
  make = caseMaker(t, () => region);
});
afterEach(() => t.close());

const activity = (over: Partial<Input<'activities.create'>> & { partyOrgId: number }) =>
  t.call('activities.create', { kind: 'theme_day', date: '2026-06-01', ...over });

describe('activities', () => {
  it('records, edits and deletes an activity, each write in the 操作日志 in Chinese', async () => {
    const po = await make.partyOrg({ name: '红山商贸党支部' });
    const a = await activity({
      partyOrgId: po.id,
      kind: 'theme_day',
      date: '2026-06-01',
      topic: '学习党章',
      expected: 12,
      attendance: 10,
      place: '党员活动室',
    });
    expect(a).toMatchObject({ partyOrgName: '红山商贸党支部', regionName: '乌兰镇', kind: 'theme_day', expected: 12, attendance: 10 });
    const edited = await t.call('activities.update', { id: a.id, fields: { ...a, kind: 'party_lecture', attendance: 12, remarks: null } });
    expect(edited).toMatchObject({ kind: 'party_lecture', attendance: 12, topic: '学习党章' });
    await t.call('activities.delete', { id: a.id });
    expect((await t.call('activities.list', {})).total).toBe(0);
    expect(await t.raw('activities.delete', { id: a.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await t.raw('activities.update', { id: a.id, fields: { partyOrgId: po.id, kind: 'forum', date: '2026-06-01' } })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: `活动记录（编号${a.id}）不存在或已删除` },
    });

    const log = await t.call('audit.list', { entity: 'activity', offset: 0, limit: 10 });
    expect(log.rows.map((r) => r.actionLabel)).toEqual(['删除', '修改', '新增']);
    const [, update, create] = log.rows;
    expect(create?.entityLabel).toBe('组织生活');
    expect(create?.name).toBe('红山商贸党支部 2026-06-01主题党日');
    const views = Object.fromEntries((create?.fields ?? []).map((f) => [f.label, f.after]));
    expect(views).toMatchObject({
      党组织: '红山商贸党支部',
      活动类型: '主题党日',
      活动日期: '2026-06-01',
      应到人数: '12',
      实到人数: '10',
      活动地点: '党员活动室',
    });
    const kind = update?.fields.find((f) => f.key === 'kind');
    expect(kind).toMatchObject({ label: '活动类型', before: '主题党日', after: '党课', changed: true });
  });

  it('refuses a future day, a day before the party organization was founded, a deleted party organization and 实到 over 应到', async () => {
    const po = await make.partyOrg({ foundedDate: '2020-01-01' });
    expect(await t.raw('activities.create', { partyOrgId: po.id, kind: 'forum', date: '2026-07-01' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: '「活动日期」2026-07-01晚于今天，只能登记已开展的活动' },
    });
    expect(await t.raw('activities.create', { partyOrgId: po.id, kind: 'forum', date: '2019-12-31' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: '「活动日期」2019-12-31早于党组织成立时间2020-01-01' },
    });
    expect(
      await t.raw('activities.create', { partyOrgId: po.id, kind: 'forum', date: '2026-06-01', expected: 3, attendance: 4 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: '输入有误：「实到人数」实到人数不能多于应到人数' },
    });
    expect(await t.raw('activities.create', { partyOrgId: po.id, kind: 'meal', date: '2026-06-01' })).toMatchObject({
      ok: false,
      error: { message: '输入有误：「类型」请选择活动类型' },
    });
    await t.call('partyOrgs.delete', { id: po.id });
    expect(await t.raw('activities.create', { partyOrgId: po.id, kind: 'forum', date: '2026-06-01' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: `「党组织」编号${po.id}不存在或已删除` },
    });
    expect(t.count('activities')).toBe(0);
  });

  it('lists newest first by year, region, party organization and kind; searches names, initials and topics', async () => {
    const a = await make.partyOrg({ name: '红山商贸党支部' });
    const b = await make.partyOrg({ name: '新城物业党支部', regionId: other });
    await activity({ partyOrgId: a.id, date: '2025-12-20', kind: 'forum', topic: '年终恳谈' });
    await activity({ partyOrgId: a.id, date: '2026-03-05', topic: '学雷锋志愿服务' });
    await activity({ partyOrgId: b.id, date: '2026-04-01', kind: 'committee_meeting', topic: '研究发展党员' });
    const topics = async (input: Input<'activities.list'>) => (await t.call('activities.list', input)).rows.map((r) => r.topic);
    expect(await topics({})).toEqual(['研究发展党员', '学雷锋志愿服务', '年终恳谈']);
    expect(await topics({ year: 2026 })).toEqual(['研究发展党员', '学雷锋志愿服务']);
    expect(await topics({ regionId: other })).toEqual(['研究发展党员']);
    expect(await topics({ partyOrgId: a.id, kind: 'forum' })).toEqual(['年终恳谈']);
    expect(await topics({ query: 'hssm' })).toEqual(['学雷锋志愿服务', '年终恳谈']);
    expect(await topics({ query: '新城' })).toEqual(['研究发展党员']);
    expect(await topics({ query: '雷锋' })).toEqual(['学雷锋志愿服务']);
    const page = await t.call('activities.list', { limit: 1, offset: 1 });
    expect(page).toMatchObject({ total: 3, rows: [{ topic: '学雷锋志愿服务' }] });
  });
});

describe('activity gaps on a fixed day', () => {
  it('flags the 1+N branch without its quarterly 恳谈会 and the branch without a 主题党日, and each gap goes when the activity is recorded', async () => {
    expect(TODAY).toBe('2026-06-30');
    const regional = await make.partyOrg({ name: '乌兰镇1+N区域党支部', type: 'joint_branch', method: 'regional' });
    const branch = await make.partyOrg({ name: '红山商贸党支部' });
    const young = await make.partyOrg({ name: '新建党支部', foundedDate: '2026-05-01', lastElectionDate: null });
    await activity({ partyOrgId: regional.id, date: '2026-06-10' });
    await activity({ partyOrgId: regional.id, kind: 'forum', date: '2026-04-20' });
    await activity({ partyOrgId: branch.id, date: '2026-03-01' });

    const gaps = await t.call('activities.gaps', {});
    expect(gaps).toEqual([
      {
        partyOrgId: regional.id,
        partyOrgName: '乌兰镇1+N区域党支部',
        regionName: '乌兰镇',
        code: 'no_forum',
        reason: '2026年第一季度（2026-01-01至2026-03-31）未召开恳谈会',
      },
      {
        partyOrgId: branch.id,
        partyOrgName: '红山商贸党支部',
        regionName: '乌兰镇',
        code: 'no_theme_day',
        reason: '最近一次主题党日在2026-03-01，已超过三个月',
      },
    ]);
    expect(gaps.some((g) => g.partyOrgId === young.id)).toBe(false);
    expect(await t.call('activities.gaps', { partyOrgId: branch.id })).toHaveLength(1);
    expect(await t.call('activities.gaps', { regionId: other })).toEqual([]);
    // Counted on another day: on 2026-07-01 the second quarter's 恳谈会 is there.
    expect((await t.call('activities.gaps', { day: '2026-07-01' })).map((g) => g.code)).toEqual(['no_theme_day']);

    await activity({ partyOrgId: regional.id, kind: 'forum', date: '2026-02-15' });
    await activity({ partyOrgId: branch.id, date: '2026-06-28' });
    expect(await t.call('activities.gaps', {})).toEqual([]);
  });
});

describe('换届 ahead of time', () => {
  it('flags 换届 due within 3 months and within 6 months on the list and the page, and the 换届提醒表 lists them by due date', async () => {
    const soon = await make.partyOrg({ name: '甲党支部', lastElectionDate: '2023-08-09' });
    const later = await make.partyOrg({ name: '乙党支部', lastElectionDate: '2023-11-15' });
    const overdue = await make.partyOrg({ name: '丙党支部', lastElectionDate: '2023-05-01', secretaryName: '王芳' });
    await make.partyOrg({ name: '丁党支部', lastElectionDate: '2024-06-01' });

    const listed = await t.call('partyOrgs.list', { sort: 'id' });
    const flags = Object.fromEntries(listed.rows.map((p) => [p.name, p.flags.filter((f) => f.startsWith('election'))]));
    expect(flags).toEqual({ 甲党支部: ['election_due3'], 乙党支部: ['election_due6'], 丙党支部: ['election_overdue'], 丁党支部: [] });
    expect((await t.call('partyOrgs.list', { flag: 'election_due6' })).rows.map((p) => p.name)).toEqual(['乙党支部']);
    const page = await t.call('partyOrgs.get', { id: soon.id });
    expect(page.flags).toContainEqual({ code: 'election_due3', reason: '应于2026-08-09前换届，还有40天' });
    expect((await t.call('partyOrgs.get', { id: later.id })).flags[0]).toEqual({
      code: 'election_due6',
      reason: '应于2026-11-15前换届，还有138天',
    });

    const ledger = await t.call('reports.rows', { report: 'electionReminders', filters: {} });
    expect(ledger.title).toBe('党组织换届提醒表');
    expect(ledger.rows).toEqual([
      {
        seq: 1,
        name: '丙党支部',
        region: '乌兰镇',
        secretary: '王芳',
        founded: '2020-01-01',
        lastElection: '2023-05-01',
        electionDue: '2026-05-01',
        remaining: '逾期60天',
      },
      {
        seq: 2,
        name: '甲党支部',
        region: '乌兰镇',
        secretary: '张红',
        founded: '2020-01-01',
        lastElection: '2023-08-09',
        electionDue: '2026-08-09',
        remaining: '剩余40天',
      },
      {
        seq: 3,
        name: '乙党支部',
        region: '乌兰镇',
        secretary: '张红',
        founded: '2020-01-01',
        lastElection: '2023-11-15',
        electionDue: '2026-11-15',
        remaining: '剩余138天',
      },
    ]);
    expect(overdue.flags.map((f) => f.code)).toContain('election_overdue');
    expect((await t.call('reports.rows', { report: 'electionReminders', filters: { regionId: other } })).rows).toEqual([]);
  });
});

describe('组织生活记录台账', () => {
  it('has one row per activity of the year, oldest first, equal to the records', async () => {
    const a = await make.partyOrg({ name: '红山商贸党支部' });
    const b = await make.partyOrg({ name: '新城物业党支部', regionId: other });
    await activity({
      partyOrgId: a.id,
      date: '2026-05-20',
      kind: 'forum',
      topic: '季度恳谈',
      expected: 20,
      attendance: 18,
      place: '镇党群服务中心',
    });
    await activity({ partyOrgId: b.id, date: '2026-03-05', topic: '学雷锋', attendance: 7 });
    await activity({ partyOrgId: a.id, date: '2025-11-01', kind: 'life_meeting' });
    const data = await t.call('reports.rows', { report: 'activities', filters: { year: 2026 } });
    expect(data.title).toBe('组织生活记录台账');
    expect(data.filterText).toEqual(['年度：2026年']);
    expect(data.rows).toEqual([
      {
        seq: 1,
        date: '2026-03-05',
        partyOrg: '新城物业党支部',
        region: '新城街道',
        kind: '主题党日',
        topic: '学雷锋',
        attendance: '—/7',
        place: null,
      },
      {
        seq: 2,
        date: '2026-05-20',
        partyOrg: '红山商贸党支部',
        region: '乌兰镇',
        kind: '恳谈会',
        topic: '季度恳谈',
        attendance: '20/18',
        place: '镇党群服务中心',
      },
    ]);
    const regionOnly = await t.call('reports.rows', { report: 'activities', filters: { year: 2025, regionId: region } });
    expect(regionOnly.rows).toEqual([
      {
        seq: 1,
        date: '2025-11-01',
        partyOrg: '红山商贸党支部',
        region: '乌兰镇',
        kind: '组织生活会',
        topic: null,
        attendance: null,
        place: null,
      },
    ]);
  });
});
