/**
 * 培训班 through the real channels: attendees as references to 书记 and instructors, 人次 never below
 * the named attendees, the audit log in Chinese, totals and both ledgers equal to counts made by hand.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainingTotals } from '../../src/main/core/services/trainings';
import type { Input } from '../../src/shared/contract';
import { makeLedger, type TestLedger } from './fixture';

let t: TestLedger;
let ids: { town: number; park: number; po: number; po2: number; instructor: number; instructor2: number };

const base = (): Input<'trainings.create'> => ({
  startDate: '2025-03-12',
  endDate: '2025-03-14',
  topic: '非公企业业主培训班',
  target: 'owner',
  organizer: '旗委组织部',
  place: '旗委党校',
  sessions: 1,
  attendances: 60,
});

beforeAll(async () => {
  t = await makeLedger();
  const town = (await t.call('regions.create', { name: '乌兰镇', kind: 'township' })).id;
  const park = (await t.call('regions.create', { name: '经济开发区', kind: 'park' })).id;
  const org = (await t.call('orgs.create', { name: '甲公司', category: 'nonpublic', subtype: 'company', regionId: town })).id;
  const org2 = (await t.call('orgs.create', { name: '乙公司', category: 'nonpublic', subtype: 'company', regionId: park })).id;
  const po = (
    await t.call('partyOrgs.create', {
      name: '甲公司党支部',
      type: 'branch',
      method: 'single',
      regionId: town,
      secretaryName: '张海',
      coveredOrgIds: [org],
    })
  ).id;
  const po2 = (
    await t.call('partyOrgs.create', {
      name: '乙公司党支部',
      type: 'branch',
      method: 'single',
      regionId: park,
      secretaryName: '刘燕',
      coveredOrgIds: [org2],
    })
  ).id;
  const instructor = (await t.call('instructors.create', { name: '李文', unit: '旗委组织部' })).id;
  const instructor2 = (await t.call('instructors.create', { name: '高峰', unit: '旗工信局' })).id;
  ids = { town, park, po, po2, instructor, instructor2 };
});
afterAll(() => t.close());

const refused = async (input: unknown) => {
  const r = await t.raw('trainings.create', input);
  if (r.ok) throw new Error('accepted');
  return r.error;
};

describe('a training class and its attendees', () => {
  it('is stored with attendees as references, named in Chinese, and audited', async () => {
    const made = await t.call('trainings.create', {
      ...base(),
      regionId: ids.town,
      attendees: [{ partyOrgId: ids.po }, { instructorId: ids.instructor }, { name: '王五', unit: '丙商店' }],
    });
    expect(made.regionName).toBe('乌兰镇');
    expect(made.attendees.map((a) => a.label)).toEqual(['张海（甲公司党支部书记）', '李文（指导员）', '王五（丙商店）']);
    expect(made.attendees[0]).toMatchObject({ partyOrgId: ids.po, instructorId: null, name: '张海' });
    expect(made.attendees[1]).toMatchObject({ partyOrgId: null, instructorId: ids.instructor, name: '李文' });
    expect(t.count('training_attendees')).toBe(3);

    // The 书记 changes later: the class still names who attended then.
    const po = await t.call('partyOrgs.get', { id: ids.po });
    await t.call('partyOrgs.update', {
      id: ids.po,
      fields: { ...po, secretaryName: '赵新', coveredOrgIds: po.coveredOrgs.map((o) => o.id) },
    });
    expect((await t.call('trainings.get', { id: made.id })).attendees[0]?.label).toBe('张海（甲公司党支部书记）');

    const log = await t.call('audit.list', { entity: 'training', entityId: made.id, offset: 0, limit: 10 });
    expect(log.total).toBe(1);
    const row = log.rows[0];
    expect(row?.entityLabel).toBe('培训班');
    expect(row?.actionLabel).toBe('新增');
    expect(row?.name).toBe('2025-03-12 非公企业业主培训班');
    const field = (key: string) => row?.fields.find((f) => f.key === key);
    expect(field('target')).toMatchObject({ label: '培训对象', after: '业主（出资人）' });
    expect(field('regionId')).toMatchObject({ label: '举办属地', after: '乌兰镇' });
    expect(field('attendees')).toMatchObject({ label: '参训人员', after: '张海（甲公司党支部书记）、李文（指导员）、王五（丙商店）' });
    expect(field('attendances')).toMatchObject({ label: '培训人次', after: '60' });
  });

  it('replaces the attendees as a set on update, the log keeping both sets', async () => {
    const made = await t.call('trainings.create', { ...base(), topic: '党务工作者示范培训', target: 'party_worker', attendances: 30 });
    const fields = { ...base(), topic: '党务工作者示范培训', target: 'party_worker' as const, attendances: 30 };
    await t.call('trainings.update', {
      id: made.id,
      fields: { ...fields, attendees: [{ partyOrgId: ids.po2 }, { instructorId: ids.instructor2 }] },
    });
    const after = await t.call('trainings.update', { id: made.id, fields: { ...fields, attendees: [{ instructorId: ids.instructor2 }] } });
    expect(after.attendees.map((a) => a.label)).toEqual(['高峰（指导员）']);
    expect(after.regionName).toBe('旗（县）级');
    const rows = await t.rows(sql`SELECT instructor_id, party_org_id FROM training_attendees WHERE training_id = ${made.id}`);
    expect(rows).toEqual([{ instructor_id: ids.instructor2, party_org_id: null }]);
    const log = await t.call('audit.list', { entity: 'training', entityId: made.id, offset: 0, limit: 10 });
    expect(log.rows.map((r) => r.action)).toEqual(['update', 'update', 'create']);
    const change = log.rows[0]?.fields.find((f) => f.key === 'attendees');
    expect(change).toMatchObject({ before: '刘燕（乙公司党支部书记）、高峰（指导员）', after: '高峰（指导员）', changed: true });
  });

  it('refuses 人次 below the named attendees, duplicates, unknown people and classes not yet held', async () => {
    const before = t.count('trainings');
    const few = await refused({ ...base(), attendances: 1, attendees: [{ partyOrgId: ids.po }, { name: '王五' }] });
    expect(few.message).toContain('培训人次不能少于已登记的参训人员数（2人）');
    expect(few.fields?.[0]?.path).toBe('attendances');
    const twice = await refused({ ...base(), attendees: [{ instructorId: ids.instructor }, { instructorId: ids.instructor }] });
    expect(twice.message).toContain('参训人员重复');
    const freeTwice = await refused({
      ...base(),
      attendees: [
        { name: '王五', unit: '丙商店' },
        { name: '王五', unit: '丙商店' },
      ],
    });
    expect(freeTwice.message).toContain('参训人员重复');
    expect((await refused({ ...base(), attendees: [{ partyOrgId: 9999 }] })).message).toContain('党组织编号9999不存在或已删除');
    expect((await refused({ ...base(), startDate: '2026-07-01', endDate: '2026-07-02' })).message).toContain('不能晚于今天（2026-06-30）');
    expect((await refused({ ...base(), endDate: '2025-03-01' })).message).toContain('结束日期不能早于开始日期');
    expect(t.count('trainings')).toBe(before);
    // The same name with another unit is another person.
    const two = await t.call('trainings.create', {
      ...base(),
      attendances: 2,
      attendees: [
        { name: '王五', unit: '丙商店' },
        { name: '王五', unit: '丁超市' },
      ],
    });
    await t.call('trainings.delete', { id: two.id });
  });

  it('deletes with an audit row; the class is gone from get, list and totals', async () => {
    const made = await t.call('trainings.create', { ...base(), topic: '待删除的培训班' });
    await t.call('trainings.delete', { id: made.id });
    const gone = await t.raw('trainings.get', { id: made.id });
    expect(gone).toMatchObject({ ok: false, error: { code: 'not_found', message: `培训班（编号${made.id}）不存在或已删除` } });
    expect((await t.raw('trainings.delete', { id: made.id })).ok).toBe(false);
    expect((await t.call('trainings.list', { query: '待删除' })).total).toBe(0);
    const log = await t.call('audit.list', { entity: 'training', entityId: made.id, offset: 0, limit: 10 });
    expect(log.rows[0]).toMatchObject({ action: 'delete', actionLabel: '删除', name: '2025-03-12 待删除的培训班' });
  });
});

describe('lists, totals and ledgers', () => {
  let t2: TestLedger;
  let town: number;
  let park: number;
  let instructor: number;
  beforeAll(async () => {
    t2 = await makeLedger();
    town = (await t2.call('regions.create', { name: '乌兰镇', kind: 'township' })).id;
    park = (await t2.call('regions.create', { name: '经济开发区', kind: 'park' })).id;
    instructor = (await t2.call('instructors.create', { name: '李文' })).id;
    const c = (x: Partial<Input<'trainings.create'>>) => t2.call('trainings.create', { ...base(), ...x });
    await c({
      startDate: '2025-03-12',
      endDate: '2025-03-14',
      topic: '业主培训班（第一期）',
      target: 'owner',
      sessions: 2,
      attendances: 110,
    });
    await c({
      startDate: '2025-09-01',
      endDate: '2025-09-01',
      topic: '业主培训班（第二期）',
      target: 'owner',
      sessions: 2,
      attendances: 110,
    });
    await c({
      startDate: '2025-05-20',
      endDate: '2025-05-21',
      topic: '书记示范培训',
      target: 'secretary',
      organizer: '乌兰镇党委',
      regionId: town,
      attendances: 35,
    });
    await c({
      startDate: '2025-06-10',
      endDate: '2025-06-10',
      topic: '入党积极分子培训',
      target: 'activist',
      organizer: '开发区党工委',
      regionId: park,
      sessions: 3,
      attendances: 90,
      attendees: [{ instructorId: instructor }],
    });
    await c({
      startDate: '2025-11-03',
      endDate: '2025-11-03',
      topic: '书记轮训',
      target: 'secretary',
      organizer: '开发区党工委',
      regionId: park,
      attendances: 20,
    });
    await c({ startDate: '2025-12-30', endDate: '2026-01-02', topic: '跨年集中轮训', target: 'member', regionId: town, attendances: 50 });
    await c({ startDate: '2026-04-01', endDate: '2026-04-02', topic: '业主培训班', target: 'owner', attendances: 70 });
  });
  afterAll(() => t2.close());

  it('filters by year, region, county level, target, topic, organizer and pinyin initials, with sums of the whole filter', async () => {
    const y2025 = await t2.call('trainings.list', { year: 2025, limit: 2 });
    expect(y2025.total).toBe(6);
    expect(y2025.rows.map((r) => r.topic)).toEqual(['跨年集中轮训', '书记轮训']);
    expect(y2025.sums).toEqual({ sessions: 2 + 2 + 1 + 3 + 1 + 1, attendances: 110 + 110 + 35 + 90 + 20 + 50 });
    expect((await t2.call('trainings.list', { year: 2025, regionId: park })).sums).toEqual({ sessions: 4, attendances: 110 });
    const county = await t2.call('trainings.list', { year: 2025, countyLevel: true });
    expect(county.rows.map((r) => [r.topic, r.regionName])).toEqual([
      ['业主培训班（第二期）', '旗（县）级'],
      ['业主培训班（第一期）', '旗（县）级'],
    ]);
    expect((await t2.call('trainings.list', { target: 'secretary' })).total).toBe(2);
    expect((await t2.call('trainings.list', { query: '开发区党工委' })).total).toBe(2);
    expect((await t2.call('trainings.list', { query: 'yzpx' })).total).toBe(3);
    expect((await t2.call('trainings.list', { query: '示范' })).rows.map((r) => r.topic)).toEqual(['书记示范培训']);
    const attended = await t2.call('trainings.list', { instructorId: instructor });
    expect(attended.rows.map((r) => [r.topic, r.attendeeCount])).toEqual([['入党积极分子培训', 1]]);
  });

  it('totals by region and target group equal a hand count; a class counts in the year it starts', async () => {
    expect(await trainingTotals(t2.ctx.ledger.db, 2025)).toEqual([
      { regionId: null, target: 'owner', sessions: 4, attendances: 220 },
      { regionId: town, target: 'secretary', sessions: 1, attendances: 35 },
      { regionId: town, target: 'member', sessions: 1, attendances: 50 },
      { regionId: park, target: 'secretary', sessions: 1, attendances: 20 },
      { regionId: park, target: 'activist', sessions: 3, attendances: 90 },
    ]);
    expect(await trainingTotals(t2.ctx.ledger.db, 2026)).toEqual([{ regionId: null, target: 'owner', sessions: 1, attendances: 70 }]);
    const named = await t2.call('trainings.totals', { year: 2025 });
    expect(named.map((r) => `${r.regionName}:${r.target}:${r.sessions}/${r.attendances}`)).toEqual([
      '旗（县）级:owner:4/220',
      '乌兰镇:secretary:1/35',
      '乌兰镇:member:1/50',
      '经济开发区:secretary:1/20',
      '经济开发区:activist:3/90',
    ]);
  });

  it('培训台账 has one row per class of the year and region, oldest first, and a 合计 row', async () => {
    const all = await t2.call('reports.rows', { report: 'trainings', filters: { year: 2025 } });
    expect(all.title).toBe('培训台账');
    expect(all.rows.map((r) => [r.seq, r.date, r.topic, r.target, r.sessions, r.attendances])).toEqual([
      [1, '2025-03-12—03-14', '业主培训班（第一期）', '业主（出资人）', 2, 110],
      [2, '2025-05-20—05-21', '书记示范培训', '党组织书记', 1, 35],
      [3, '2025-06-10', '入党积极分子培训', '入党积极分子', 3, 90],
      [4, '2025-09-01', '业主培训班（第二期）', '业主（出资人）', 2, 110],
      [5, '2025-11-03', '书记轮训', '党组织书记', 1, 20],
      [6, '2025-12-30—2026-01-02', '跨年集中轮训', '党员', 1, 50],
    ]);
    expect(all.totals).toMatchObject({ seq: null, date: '合计', sessions: 10, attendances: 415 });
    const park2025 = await t2.call('reports.rows', { report: 'trainings', filters: { year: 2025, regionId: park } });
    expect(park2025.filterText).toEqual(['年度：2025年', '属地：经济开发区']);
    expect(park2025.rows.map((r) => [r.topic, r.organizer, r.place])).toEqual([
      ['入党积极分子培训', '开发区党工委', '旗委党校'],
      ['书记轮训', '开发区党工委', '旗委党校'],
    ]);
    expect(park2025.totals).toMatchObject({ sessions: 4, attendances: 110 });
  });

  it('培训情况统计表 has every target group, split county / region, and the county total', async () => {
    const r = await t2.call('reports.rows', { report: 'trainingTotals', filters: { year: 2025 } });
    const cells = r.rows.map((x) => [
      x.target,
      x.sessions,
      x.attendances,
      x.countySessions,
      x.countyAttendances,
      x.regionSessions,
      x.regionAttendances,
    ]);
    expect(cells).toEqual([
      ['党组织书记', 2, 55, 0, 0, 2, 55],
      ['党务工作者', 0, 0, 0, 0, 0, 0],
      ['入党积极分子', 3, 90, 0, 0, 3, 90],
      ['党员', 1, 50, 0, 0, 1, 50],
      ['业主（出资人）', 4, 220, 4, 220, 0, 0],
      ['党建指导员', 0, 0, 0, 0, 0, 0],
      ['其他', 0, 0, 0, 0, 0, 0],
    ]);
    expect(r.totals).toEqual({
      target: '合计',
      sessions: 10,
      attendances: 415,
      countySessions: 4,
      countyAttendances: 220,
      regionSessions: 6,
      regionAttendances: 195,
    });
  });
});
