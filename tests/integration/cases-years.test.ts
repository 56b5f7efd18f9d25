/**
 * Issue #12: an open case follows the clerk into the next year. A 2025 case not yet 销号 stays in
 * 2026's 整顿台账, 进展汇总表, overdue counts and lists, named with its year of 认定, until it is 销号;
 * 分类定级 agrees with the ledgers.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReportData } from '../../src/shared/reports/types';
import { makeLedger, type TestLedger } from './fixture';
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

const plan2025 = { action: 'plan', date: '2025-03-05', plan: { ...PLAN, deadline: '2025-10-31' } };
const pass = (date: string) => ({ action: 'accept', date, score: 85, passed: true, opinion: '整改到位' });

/** A: 2025, still rectifying (overdue). B: 2025, delisted in 2025. C: 2025, delisted in 2026. D: 2026, rectifying. */
async function fourCases() {
  const a = await make.caseWith(2025, '2025-03-01', [plan2025], '甲支部');
  const b = await make.caseWith(2025, '2025-03-01', [plan2025, pass('2025-06-20'), { action: 'delist', date: '2025-07-01' }], '乙支部');
  const c = await make.caseWith(2025, '2025-03-01', [plan2025, pass('2025-12-20'), { action: 'delist', date: '2026-02-01' }], '丙支部');
  const d = await make.caseWith(
    2026,
    '2026-03-01',
    [{ action: 'plan', date: '2026-03-05', plan: { ...PLAN, deadline: '2026-12-31' } }],
    '丁支部',
  );
  return { a, b, c, d };
}

const cell = (r: ReportData, name: string, key: string) => r.rows.find((x) => x.name === name)?.[key];

describe('cases carried into the next year', () => {
  it('a 2025 case still open, or delisted in 2026, is listed and counted in 2026 with its year of 认定', async () => {
    await fourCases();
    const list = await t.call('cases.list', { year: 2026 });
    expect(list.rows.map((r) => [r.partyOrgName, r.year, r.state])).toEqual([
      ['丁支部', 2026, 'rectifying'],
      ['甲支部', 2025, 'rectifying'],
      ['丙支部', 2025, 'delisted'],
    ]);
    expect((await t.call('cases.list', { year: 2026, overdue: true })).rows.map((r) => r.partyOrgName)).toEqual(['甲支部']);
    expect(await t.call('cases.stats', { year: 2026 })).toMatchObject({
      total: 3,
      overdue: 1,
      byState: { identified: 0, rectifying: 2, accepted: 0, delisted: 1 },
    });
    // 2025's own ledger keeps all three of its cases.
    expect((await t.call('cases.list', { year: 2025 })).rows.map((r) => r.partyOrgName).sort()).toEqual(
      ['丙支部', '乙支部', '甲支部'].sort(),
    );
    // A 2027 ledger still carries the open one, not those delisted before 2027.
    expect((await t.call('cases.list', { year: 2027 })).rows.map((r) => r.partyOrgName)).toEqual(['丁支部', '甲支部']);
  });

  it('the 2026 整顿台账 and 进展汇总表 show it, with 认定年度 and 往年结转', async () => {
    await fourCases();
    const ledger = await t.call('reports.rows', { report: 'cases', filters: { year: 2026 } });
    expect(ledger.rows.map((r) => r.name)).toEqual(['丁支部', '甲支部', '丙支部']);
    expect(cell(ledger, '甲支部', 'identifiedYear')).toBe(2025);
    expect(cell(ledger, '甲支部', 'state')).toBe('整顿中（逾期）');
    expect(cell(ledger, '丁支部', 'identifiedYear')).toBe(2026);

    const summary = await t.call('reports.rows', { report: 'caseSummary', filters: { year: 2026 } });
    expect(summary.totals).toMatchObject({ total: 3, carried: 2, rectifying: 2, delisted: 1, overdue: 1 });
  });

  it('分类定级 agrees: open from an earlier year is 集中整顿; delisted in 2026 is 规范建设 in 2026 and stays 集中整顿 for 2025', async () => {
    const { a, c, d } = await fourCases();
    const classOf = async (year: number, id: number) => (await t.call('classes.list', { year })).find((r) => r.partyOrgId === id);
    expect(await classOf(2026, a.po.id)).toMatchObject({ class: 'rectify', automatic: true });
    expect(await classOf(2026, d.po.id)).toMatchObject({ class: 'rectify', automatic: true });
    expect(await classOf(2026, c.po.id)).toMatchObject({ class: 'standard', automatic: false });
    expect(await classOf(2025, c.po.id)).toMatchObject({ class: 'rectify' });
    // The ledger's rectifying rows and the 集中整顿 class name the same party organizations.
    const rectifyingIn2026 = (await t.call('cases.list', { year: 2026 })).rows
      .filter((r) => r.state !== 'delisted')
      .map((r) => r.partyOrgId);
    const rectifyClass = (await t.call('classes.list', { year: 2026, class: 'rectify' })).map((r) => r.partyOrgId);
    expect(rectifyClass.sort()).toEqual(rectifyingIn2026.sort());
  });
});

describe('整顿台账 search', () => {
  it('finds a case by a piece of the party organization’s name, its pinyin initials or its 书记', async () => {
    const a = await make.partyOrg({ name: '青山旗和顺物业党支部', secretaryName: '王强' });
    await make.partyOrg({ name: '乌兰镇商会党支部' });
    const b = (await t.call('partyOrgs.list', {})).rows.find((p) => p.name === '乌兰镇商会党支部');
    for (const po of [a, b]) {
      await t.call('cases.create', {
        partyOrgId: po?.id ?? 0,
        year: 2026,
        date: '2026-03-01',
        situations: ['党建工作不力'],
        problems: '工作不力',
      });
    }
    const names = async (query: string) => (await t.call('cases.list', { year: 2026, query })).rows.map((r) => r.partyOrgName);
    expect(await names('和顺')).toEqual(['青山旗和顺物业党支部']);
    expect(await names('HSWY')).toEqual(['青山旗和顺物业党支部']);
    expect(await names('王强')).toEqual(['青山旗和顺物业党支部']);
    expect(await names('商会')).toEqual(['乌兰镇商会党支部']);
    expect(await names('党支部')).toHaveLength(2);
  });
});
