import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Input } from '../../src/shared/contract';
import { makeLedger, type TestLedger } from './fixture';
import { PLAN as BASE_PLAN, caseMaker } from './helpers/caseLedger';

let t: TestLedger;
let region: number;
let make: ReturnType<typeof caseMaker>;

beforeEach(async () => {
  t = await makeLedger();
  region = (await t.call('regions.create', { name: '乌兰镇', kind: 'township' })).id;
  make = caseMaker(t, () => region);
});
afterEach(() => t.close());

/** A party organization covering one organization of its own; every field sound unless overridden. */
const partyOrg = (over: Partial<Input<'partyOrgs.create'>> = {}) => make.partyOrg(over);

const PLAN = { ...BASE_PLAN, listedDate: '2026-03-10' };

describe('a case through its whole life cycle', () => {
  it('认定 → 整顿 → 验收未通过 → 再整顿 → 验收通过 → 销号 → 回头看, every step dated, audited and kept', async () => {
    const po = await partyOrg();
    const c = await t.call('cases.create', {
      partyOrgId: po.id,
      year: 2026,
      batch: '第一批',
      date: '2026-03-01',
      situations: ['组织生活不健全'],
      problems: '三会一课不落实；党员活动室闲置',
      reason: '群众反映强烈',
    });
    expect(c).toMatchObject({ state: 'identified', isRepeat: false, allowedActions: ['plan'] });

    // The service refuses what the life cycle refuses, even if the UI is bypassed.
    const early = await t.raw('cases.act', { id: c.id, action: 'delist', date: '2026-03-02' });
    expect(early).toMatchObject({ ok: false, error: { code: 'conflict', message: '验收通过后才能销号' } });

    const act = (input: Record<string, unknown>) => t.call('cases.act', { id: c.id, ...input } as Input<'cases.act'>);
    let d = await act({ action: 'plan', date: '2026-03-05', plan: PLAN });
    expect(d).toMatchObject({
      state: 'rectifying',
      deadline: '2026-05-31',
      leaderCounty: '王建国',
      allowedActions: ['plan', 'progress', 'accept'],
    });
    await act({ action: 'progress', date: '2026-04-01', note: '4月：完成支委会补选' });
    await act({ action: 'progress', date: '2026-05-01', note: '5月：恢复三会一课' });

    const failNoDeadline = await t.raw('cases.act', {
      id: c.id,
      action: 'accept',
      date: '2026-05-20',
      score: 62,
      passed: false,
      opinion: '整改不到位',
    });
    expect(failNoDeadline).toMatchObject({ ok: false, error: { message: '「新的整顿时限」验收未通过时必须填写新的整顿时限' } });
    d = await act({
      action: 'accept',
      date: '2026-05-20',
      score: 62,
      passed: false,
      satisfaction: 70,
      opinion: '整改不到位',
      newDeadline: '2026-08-31',
    });
    expect(d).toMatchObject({ state: 'rectifying', deadline: '2026-08-31', acceptedDate: null });

    d = await act({ action: 'plan', date: '2026-05-25', plan: { ...PLAN, measures: '增派第一书记驻点', deadline: '2026-08-31' } });
    d = await act({ action: 'accept', date: '2026-06-10', score: 86, passed: true, satisfaction: 95, opinion: '整改到位，同意验收' });
    expect(d).toMatchObject({ state: 'accepted', acceptedDate: '2026-06-10', acceptScore: 86, allowedActions: ['delist'] });
    d = await act({ action: 'delist', date: '2026-06-15' });
    expect(d).toMatchObject({ state: 'delisted', delistedDate: '2026-06-15' });

    // Delisting moves the party organization to 规范建设 for the year.
    const cls = (await t.call('classes.list', { year: 2026 })).find((r) => r.partyOrgId === po.id);
    expect(cls).toMatchObject({ class: 'standard', automatic: false });

    d = await act({ action: 'reopen', date: '2026-06-28', reason: '回头看发现组织生活再次停滞' });
    expect(d).toMatchObject({ state: 'rectifying', delistedDate: null });

    // The timeline keeps everything, the failure and its new deadline included, in order.
    expect(d.events.map((e) => `${e.date} ${e.kind} → ${e.stateAfter}`)).toEqual([
      '2026-03-01 identify → identified',
      '2026-03-05 plan → rectifying',
      '2026-04-01 progress → rectifying',
      '2026-05-01 progress → rectifying',
      '2026-05-20 accept → rectifying',
      '2026-05-25 plan → rectifying',
      '2026-06-10 accept → accepted',
      '2026-06-15 delist → delisted',
      '2026-06-28 reopen → rectifying',
    ]);
    expect(d.events[4]?.data).toMatchObject({ passed: false, score: 62, newDeadline: '2026-08-31' });
    expect(d.lastProgress).toBe('5月：恢复三会一课');

    const audit = await t.call('audit.list', { entity: 'case', entityId: c.id });
    expect(audit.rows.map((r) => r.action).reverse()).toEqual([
      'create',
      'plan',
      'progress',
      'progress',
      'accept',
      'plan',
      'accept',
      'delist',
      'reopen',
    ]);
    expect(audit.rows.find((r) => r.action === 'accept' && (r.after as { state: string }).state === 'rectifying')).toMatchObject({
      before: { state: 'rectifying', deadline: '2026-05-31' },
      after: { state: 'rectifying', deadline: '2026-08-31' },
    });

    // Reopened: 集中整顿 again, automatically.
    expect((await t.call('classes.list', { year: 2026 })).find((r) => r.partyOrgId === po.id)).toMatchObject({
      class: 'rectify',
      automatic: true,
    });
  });
});

describe('重复认定', () => {
  it('a party organization with a delisted case in an earlier year is marked automatically', async () => {
    const po = await partyOrg();
    const other = await partyOrg();
    const first = await t.call('cases.create', {
      partyOrgId: po.id,
      year: 2025,
      date: '2025-03-01',
      situations: ['换届逾期'],
      problems: '逾期未换届',
    });
    const act = (input: Record<string, unknown>) => t.call('cases.act', { id: first.id, ...input } as Input<'cases.act'>);
    await act({ action: 'plan', date: '2025-03-05', plan: { ...PLAN, deadline: '2025-06-30', listedDate: null } });
    await act({ action: 'accept', date: '2025-06-20', score: 80, passed: true, opinion: '完成换届' });
    await act({ action: 'delist', date: '2025-07-01' });

    const again = await t.call('cases.create', {
      partyOrgId: po.id,
      year: 2026,
      date: '2026-03-01',
      situations: ['组织生活不健全'],
      problems: '组织生活停滞',
    });
    expect(again.isRepeat).toBe(true);
    const fresh = await t.call('cases.create', {
      partyOrgId: other.id,
      year: 2026,
      date: '2026-03-01',
      situations: ['组织生活不健全'],
      problems: '组织生活停滞',
    });
    expect(fresh.isRepeat).toBe(false);

    const twice = await t.raw('cases.create', {
      partyOrgId: po.id,
      year: 2027,
      date: '2026-06-30',
      situations: ['换届逾期'],
      problems: '再次',
    });
    expect(twice).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(twice.ok === false && twice.error.message).toContain('已有2026年度未销号的整顿对象');
  });
});

describe('overdue cases and leaders', () => {
  it('counts overdue cases on a fixed date and per 包联领导', async () => {
    const mk = async (deadline: string, leader: string) => {
      const po = await partyOrg();
      const c = await t.call('cases.create', {
        partyOrgId: po.id,
        year: 2026,
        date: '2026-01-10',
        situations: ['党建工作不力'],
        problems: '工作不力',
      });
      await t.call('cases.act', { id: c.id, action: 'plan', date: '2026-01-15', plan: { ...PLAN, deadline, leaderCounty: leader } });
      return c.id;
    };
    await mk('2026-03-31', '王建国');
    await mk('2026-06-29', '王建国');
    await mk('2026-06-30', '李红梅');
    const done = await mk('2026-02-28', '李红梅');
    await t.call('cases.act', { id: done, action: 'accept', date: '2026-02-20', score: 90, passed: true, opinion: '合格' });
    const identifiedOnly = await partyOrg();
    await t.call('cases.create', {
      partyOrgId: identifiedOnly.id,
      year: 2026,
      date: '2026-01-10',
      situations: ['党建工作不力'],
      problems: '工作不力',
    });

    // On 2026-06-30 (the fixture's today): two deadlines passed while rectifying; the accepted one does not count.
    expect((await t.call('cases.stats', {})).overdue).toBe(2);
    expect((await t.call('cases.stats', { asOf: '2026-07-01' })).overdue).toBe(3);
    expect((await t.call('cases.stats', { asOf: '2026-03-31' })).overdue).toBe(0);
    expect((await t.call('cases.stats', {})).byState).toEqual({ identified: 1, rectifying: 3, accepted: 1, delisted: 0 });
    expect((await t.call('cases.list', { overdue: true })).rows.map((r) => r.deadline)).toEqual(['2026-03-31', '2026-06-29']);
    expect((await t.call('cases.list', { leader: '李红梅' })).total).toBe(2);
    expect(await t.call('cases.leaders', {})).toEqual([
      { leaderId: null, leader: '李红梅', title: null, total: 2, open: 2, overdue: 0 },
      { leaderId: null, leader: '王建国', title: null, total: 2, open: 2, overdue: 2 },
    ]);
  });
});

describe('分类定级', () => {
  it('bulk-sets classes by year, keeps history, and leaves open cases at 集中整顿', async () => {
    const a = await partyOrg();
    const b = await partyOrg();
    const c = await partyOrg();
    await t.call('classes.set', { year: 2025, partyOrgIds: [a.id, b.id, c.id], class: 'standard' });
    await t.call('classes.set', { year: 2026, partyOrgIds: [a.id, b.id], class: 'brand' });
    await t.call('cases.create', { partyOrgId: c.id, year: 2026, date: '2026-03-01', situations: ['党建工作不力'], problems: '工作不力' });
    const refused = await t.raw('classes.set', { year: 2026, partyOrgIds: [b.id, c.id], class: 'standard' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: `“${c.name}”正在集中整顿，销号后才能调整类别` } });

    await t.call('ratings.set', { partyOrgId: a.id, year: 2026, stars: 5, assessedDate: '2026-06-10' });
    const rows = await t.call('classes.list', { year: 2026 });
    expect(rows.map((r) => [r.partyOrgName, r.class, r.automatic])).toEqual([
      [a.name, 'brand', false],
      [b.name, 'brand', false],
      [c.name, 'rectify', true],
    ]);
    expect(rows[0]).toMatchObject({ stars: 5, assessedDate: '2026-06-10', history: [{ year: 2025, class: 'standard', stars: null }] });
    expect((await t.call('partyOrgs.get', { id: a.id })).starRating).toBe(5);
    // Not dated after today (the fixture's 2026-06-30).
    expect(await t.raw('ratings.set', { partyOrgId: b.id, year: 2026, stars: 3, assessedDate: '2026-07-01' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: '「评定日期」不能晚于今天（2026-06-30）' },
    });
    expect((await t.call('classes.list', { year: 2026, class: 'rectify' })).map((r) => r.partyOrgId)).toEqual([c.id]);

    // Setting again keeps what it replaced in the audit row, under the names the forms use.
    await t.call('classes.set', { year: 2026, partyOrgIds: [a.id], class: 'standard' });
    await t.call('ratings.set', { partyOrgId: a.id, year: 2026, stars: 4, assessedDate: '2026-06-20' });
    const replaced = async (entity: string) => (await t.call('audit.list', { entity, action: 'set' })).rows[0]?.before;
    expect(await replaced('class')).toEqual([{ partyOrgId: a.id, class: 'brand' }]);
    expect(await replaced('rating')).toEqual({ year: 2026, stars: 5, assessedDate: '2026-06-10' });
  });
});
