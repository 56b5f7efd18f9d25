/**
 * Issue #12: implausible dates and verdicts are refused by the core, whatever the UI sends: nothing
 * dated after today (the fixture's 2026-06-30), before 认定 or before the previous step; a pass below
 * the pass line only with a reason, which the timeline keeps.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeLedger, type TestLedger, TODAY } from './fixture';
import { caseMaker, PLAN } from './helpers/caseLedger';

let t: TestLedger;
let region = 0;
let make: ReturnType<typeof caseMaker>;

beforeEach(async () => {
  t = await makeLedger();
  region = (await t.call('regions.create', { name: '乌兰镇', kind: 'township' })).id;
  make = caseMaker(t, () => region);
});
afterEach(() => t.close());

const plan = (date: string) => ({ action: 'plan', date, plan: { ...PLAN, deadline: '2026-12-31' } });
const refused = (message: string) => ({ ok: false, error: { code: 'invalid_input', message } });

describe('case dates', () => {
  it('refuses 认定 and every step dated after today', async () => {
    const po = await make.partyOrg();
    const future = await t.raw('cases.create', {
      partyOrgId: po.id,
      year: 2026,
      date: '2026-07-01',
      situations: ['党建工作不力'],
      problems: '工作不力',
    });
    expect(future).toMatchObject(refused(`「日期」不能晚于今天（${TODAY}）`));

    const { id } = await make.caseWith(2026, '2026-03-01');
    expect(await make.act(id, plan('2026-07-01'))).toMatchObject(refused('「日期」不能晚于今天（2026-06-30）'));
    await make.act(id, plan('2026-03-05'));
    expect(await make.act(id, { action: 'progress', date: '2026-12-01', note: '12月进展' })).toMatchObject(
      refused('「日期」不能晚于今天（2026-06-30）'),
    );
    expect(await make.act(id, { action: 'accept', date: '2026-07-15', score: 90, passed: true, opinion: '合格' })).toMatchObject(
      refused('「日期」不能晚于今天（2026-06-30）'),
    );
    await make.act(id, { action: 'accept', date: '2026-06-01', score: 90, passed: true, opinion: '合格' });
    expect(await make.act(id, { action: 'delist', date: '2026-07-01' })).toMatchObject(refused('「日期」不能晚于今天（2026-06-30）'));
    await make.act(id, { action: 'delist', date: '2026-06-10' });
    expect(await make.act(id, { action: 'reopen', date: '2026-08-01', reason: '反弹' })).toMatchObject(
      refused('「日期」不能晚于今天（2026-06-30）'),
    );
    expect((await t.call('cases.get', { id })).events.map((e) => e.kind)).toEqual(['identify', 'plan', 'accept', 'delist']);
  });

  it('refuses a step dated before the previous one; a step on the day of 认定 is allowed', async () => {
    const { id } = await make.caseWith(2026, '2026-03-01');
    expect(await make.act(id, plan('2026-03-01'))).toMatchObject({ ok: true });
    expect(await make.act(id, { action: 'progress', date: '2026-04-30', note: '4月进展' })).toMatchObject({ ok: true });
    expect(await make.act(id, { action: 'progress', date: '2026-04-01', note: '补记' })).toMatchObject(
      refused('「日期」不能早于上一步的日期（2026-04-30）'),
    );
    expect(await make.act(id, { action: 'progress', date: '2026-02-01', note: '更早' })).toMatchObject(
      refused('「日期」不能早于认定日期（2026-03-01）'),
    );
  });
});

describe('验收 below the pass line', () => {
  const accept60 = { action: 'accept', date: '2026-06-01', score: 60, passed: true, opinion: '基本到位' };

  it('a 60-point pass is refused without a reason, and kept with its reason and the line in the timeline', async () => {
    expect((await t.call('settings.get', {})).passLine).toBe(70);
    const { id } = await make.caseWith(2026, '2026-03-01', [plan('2026-03-05')]);
    expect(await make.act(id, accept60)).toMatchObject(refused('验收得分60分，低于合格线70分；如确需通过，请填写「低于合格线通过的理由」'));
    expect((await t.call('cases.get', { id })).state).toBe('rectifying');

    const d = await t.call('cases.act', { id, ...accept60, belowLineReason: '满意度测评正值农忙，县委组织部同意' } as never);
    expect(d).toMatchObject({ state: 'accepted', acceptScore: 60 });
    expect(d.events.at(-1)?.data).toMatchObject({
      score: 60,
      passed: true,
      belowLineReason: '满意度测评正值农忙，县委组织部同意',
      passLine: 70,
    });
    const audit = await t.call('audit.list', { entity: 'case', entityId: id, action: 'accept' });
    expect(audit.rows[0]?.after).toMatchObject({ event: { belowLineReason: '满意度测评正值农忙，县委组织部同意' } });
  });

  it('the line is the one in 设置; a reason given at or above the line is not kept', async () => {
    await t.call('settings.update', { passLine: 60 });
    const { id } = await make.caseWith(2026, '2026-03-01', [plan('2026-03-05')]);
    const d = await t.call('cases.act', { id, ...accept60, belowLineReason: '多余的理由' } as never);
    expect(d.state).toBe('accepted');
    expect(d.events.at(-1)?.data).not.toHaveProperty('belowLineReason');
    expect(await t.raw('settings.update', { passLine: 101 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
