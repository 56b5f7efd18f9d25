/**
 * 经费: a clerk records payments to party organizations by source and kind; wrong amounts and dates are
 * refused in Chinese; every write leaves a Chinese audit row; the list filters and sums; the yearly sums by
 * region and source equal a hand count; and a ledger made before 0006 keeps its old undated amounts as
 * records.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedger } from '../../src/main/core/db';
import { MIGRATED_REMARK } from '../../src/main/core/migrations/0006_funding';
import { fundingTotals } from '../../src/main/core/services/funding';
import { todayIso } from '../../src/shared/rules/dates';
import { makeLedger, type TestLedger } from './fixture';
import { oldLedger } from './helpers/oldLedger';

let t: TestLedger;
let regionA = 0;
let regionB = 0;
let poA = 0;
let poB = 0;

beforeEach(async () => {
  t = await makeLedger();
  regionA = (await t.call('regions.create', { name: '红山街道', kind: 'subdistrict' })).id;
  regionB = (await t.call('regions.create', { name: '乌兰镇', kind: 'township' })).id;
  const orgA = await t.call('orgs.create', { name: '红山甲公司', category: 'nonpublic', subtype: 'company', regionId: regionA });
  const orgB = await t.call('orgs.create', { name: '乌兰乙协会', category: 'social', subtype: 'association', regionId: regionB });
  poA = (
    await t.call('partyOrgs.create', {
      name: '红山甲公司党支部',
      type: 'branch',
      method: 'single',
      regionId: regionA,
      coveredOrgIds: [orgA.id],
    })
  ).id;
  poB = (
    await t.call('partyOrgs.create', {
      name: '乌兰乙协会党支部',
      type: 'branch',
      method: 'single',
      regionId: regionB,
      coveredOrgIds: [orgB.id],
    })
  ).id;
});
afterEach(() => t.close());

const pay = (over: Record<string, unknown> = {}) => ({
  partyOrgId: poA,
  source: 'superior' as const,
  fundKind: 'activity' as const,
  amount: '5,000.50',
  date: '2026-03-15',
  documentNo: '青组通〔2026〕5号',
  ...over,
});

describe('经费 records', () => {
  it('creates, updates and deletes a payment, each with an audit row in Chinese', async () => {
    const created = await t.call('funding.create', pay());
    expect(created).toMatchObject({
      partyOrgId: poA,
      partyOrgName: '红山甲公司党支部',
      regionName: '红山街道',
      year: 2026,
      source: 'superior',
      fundKind: 'activity',
      amountFen: 500_050,
      date: '2026-03-15',
      documentNo: '青组通〔2026〕5号',
    });
    const updated = await t.call('funding.update', {
      id: created.id,
      fields: pay({ amount: 6000, fundKind: 'secretary_allowance', period: '2025年7—12月', date: '2025-12-20' }),
    });
    expect(updated).toMatchObject({ amountFen: 600_000, year: 2025, period: '2025年7—12月', fundKind: 'secretary_allowance' });
    await t.call('funding.delete', { id: created.id });
    expect(t.count('funding')).toBe(0);
    expect(await t.raw('funding.delete', { id: created.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });

    const log = (await t.call('audit.list', { entity: 'funding', limit: 10 })).rows.reverse();
    expect(log.map((r) => [r.entityLabel, r.actionLabel, r.name])).toEqual([
      ['经费', '新增', '红山甲公司党支部 2026-03-15经费'],
      ['经费', '修改', '红山甲公司党支部 2025-12-20经费'],
      ['经费', '删除', '红山甲公司党支部 2025-12-20经费'],
    ]);
    const field = (i: number, key: string) => log[i]?.fields.find((f) => f.key === key);
    expect(field(0, 'source')).toMatchObject({ label: '经费来源', after: '上级补充' });
    expect(field(0, 'fundKind')).toMatchObject({ label: '经费类别', after: '活动经费' });
    expect(field(0, 'amount')).toMatchObject({ label: '金额（元）', after: '5000.50' });
    expect(field(0, 'partyOrgId')).toMatchObject({ label: '党组织', after: '红山甲公司党支部' });
    expect(field(0, 'date')).toMatchObject({ label: '拨付日期', after: '2026-03-15' });
    expect(field(1, 'fundKind')).toMatchObject({ before: '活动经费', after: '书记补助', changed: true });
    expect(field(1, 'amount')).toMatchObject({ before: '5000.50', after: '6000.00', changed: true });
    expect(field(1, 'period')).toMatchObject({ label: '所属期间', after: '2025年7—12月' });
    expect(field(2, 'amount')).toMatchObject({ before: '6000.00', after: null });
  });

  it('refuses wrong amounts, a future date, 书记补助 without its months and an unknown party organization, in Chinese', async () => {
    const refusal = async (over: Record<string, unknown>) => {
      const r = await t.raw('funding.create', pay(over));
      expect(r.ok, JSON.stringify(over)).toBe(false);
      return r.ok ? '' : r.error.message;
    };
    expect(await refusal({ amount: -100 })).toBe('输入有误：「金额（元）」金额不能为负数');
    expect(await refusal({ amount: '12.345' })).toBe('输入有误：「金额（元）」金额最多两位小数（到分）');
    expect(await refusal({ amount: 100_000_000.01 })).toBe('输入有误：「金额（元）」金额不能超过1亿元');
    expect(await refusal({ amount: '五千' })).toBe('输入有误：「金额（元）」金额应为数字（元），如 5000 或 1200.50');
    expect(await refusal({ amount: 0 })).toBe('输入有误：「金额（元）」金额应大于0');
    expect(await refusal({ date: '2026-07-01' })).toBe('「拨付日期」2026-07-01晚于今天，不能登记尚未发生的拨付');
    expect(await refusal({ fundKind: 'secretary_allowance' })).toBe('输入有误：「所属期间」书记补助请填写所属月份或期间，如“2026年3月”');
    expect(await refusal({ source: 'bank' })).toBe('输入有误：「经费来源」请选择经费来源');
    expect(await refusal({ partyOrgId: 999 })).toBe('「党组织」编号999不存在或已删除');
    // 1亿元 itself and two decimals are fine.
    expect((await t.call('funding.create', pay({ amount: 100_000_000 }))).amountFen).toBe(10_000_000_000);
    expect((await t.call('funding.create', pay({ amount: 0.29 }))).amountFen).toBe(29);
    expect(t.count('funding')).toBe(2);
  });

  it('lists by year, region, party organization, source and name or initials, with the total of all the filtered rows', async () => {
    await t.call('funding.create', pay({ amount: 1000 }));
    await t.call('funding.create', pay({ amount: 2000, source: 'dues_return', fundKind: 'dues_return', date: '2026-04-01' }));
    await t.call('funding.create', pay({ amount: 300, date: '2025-05-01' }));
    await t.call('funding.create', pay({ partyOrgId: poB, amount: 4000, source: 'fiscal', date: '2026-02-01' }));
    const list = (input: Record<string, unknown>) => t.call('funding.list', input);
    const all = await list({});
    expect([all.total, all.totalFen]).toEqual([4, 730_000]);
    expect(all.rows.map((r) => r.date)).toEqual(['2026-04-01', '2026-03-15', '2026-02-01', '2025-05-01']);
    expect(await list({ year: 2026, limit: 1 })).toMatchObject({ total: 3, totalFen: 700_000, rows: [{ date: '2026-04-01' }] });
    expect(await list({ regionId: regionB })).toMatchObject({ total: 1, totalFen: 400_000 });
    expect(await list({ partyOrgId: poA, year: 2026 })).toMatchObject({ total: 2, totalFen: 300_000 });
    expect(await list({ source: 'superior' })).toMatchObject({ total: 2, totalFen: 130_000 });
    expect(await list({ query: '乌兰乙' })).toMatchObject({ total: 1, totalFen: 400_000 });
    expect(await list({ query: 'hsjgs' })).toMatchObject({ total: 3, totalFen: 330_000 });
    // A deleted party organization's payments leave the lists and the sums.
    await t.call('partyOrgs.delete', { id: poB });
    expect(await list({})).toMatchObject({ total: 3, totalFen: 330_000 });
    expect(await fundingTotals(t.ctx.ledger.db, 2026)).toEqual([
      { regionId: regionA, source: 'dues_return', fen: 200_000 },
      { regionId: regionA, source: 'superior', fen: 100_000 },
    ]);
  });

  it('sums a year by region and source, equal to a hand count, with the county line', async () => {
    const rows: [number, string, number, string][] = [
      [poA, 'unit', 1500, '2026-01-10'],
      [poA, 'unit', 1500.5, '2026-06-10'],
      [poA, 'superior', 8000, '2026-05-01'],
      [poA, 'fiscal', 99, '2025-12-31'],
      [poB, 'dues_return', 1234.56, '2026-03-01'],
      [poB, 'other', 100, '2026-03-02'],
      [poB, 'fiscal', 20_000, '2026-06-30'],
    ];
    for (const [partyOrgId, source, amount, date] of rows) {
      await t.call('funding.create', pay({ partyOrgId, source, amount, date, fundKind: 'other' }));
    }
    expect(await fundingTotals(t.ctx.ledger.db, 2026)).toEqual(
      [
        { regionId: regionA, source: 'superior', fen: 800_000 },
        { regionId: regionA, source: 'unit', fen: 300_050 },
        { regionId: regionB, source: 'dues_return', fen: 123_456 },
        { regionId: regionB, source: 'fiscal', fen: 2_000_000 },
        { regionId: regionB, source: 'other', fen: 10_000 },
      ].sort((a, b) => a.regionId - b.regionId || a.source.localeCompare(b.source)),
    );
    const table = await t.call('funding.totals', { year: 2026 });
    expect(table.regions.map((r) => [r.regionName, r.bySource, r.totalFen])).toEqual([
      ['红山街道', { unit: 300_050, superior: 800_000, dues_return: 0, fiscal: 0, other: 0 }, 1_100_050],
      ['乌兰镇', { unit: 0, superior: 0, dues_return: 123_456, fiscal: 2_000_000, other: 10_000 }, 2_133_456],
    ]);
    expect(table.county).toMatchObject({
      regionName: '合计',
      bySource: { unit: 300_050, superior: 800_000, dues_return: 123_456, fiscal: 2_000_000, other: 10_000 },
      totalFen: 3_233_506,
    });
    expect((await t.call('funding.totals', { year: 2025, regionId: regionA })).county.totalFen).toBe(9_900);
  });
});

describe('经费 ledgers', () => {
  it('党建工作经费台账 has one row per payment of the year and region, with the 合计; the 统计表 sums by region and source', async () => {
    await t.call('funding.create', pay({ amount: 1000, date: '2026-02-01' }));
    await t.call('funding.create', pay({ amount: '2,000.25', source: 'unit', fundKind: 'venue', date: '2026-01-05', documentNo: null }));
    await t.call(
      'funding.create',
      pay({ partyOrgId: poB, amount: 1800, source: 'fiscal', fundKind: 'secretary_allowance', period: '2026年1—6月' }),
    );
    await t.call('funding.create', pay({ amount: 77, date: '2025-12-31' }));
    const ledger = await t.call('reports.rows', { report: 'funding', filters: { year: 2026 } });
    expect(ledger.filterText).toEqual(['年度：2026年']);
    // Region by region in the county's order, then by party organization and date.
    expect(ledger.rows).toEqual([
      {
        seq: 1,
        partyOrg: '红山甲公司党支部',
        region: '红山街道',
        date: '2026-01-05',
        source: '企业列支',
        kind: '阵地建设经费',
        period: null,
        amount: 2000.25,
        documentNo: null,
        remarks: null,
      },
      {
        seq: 2,
        partyOrg: '红山甲公司党支部',
        region: '红山街道',
        date: '2026-02-01',
        source: '上级补充',
        kind: '活动经费',
        period: null,
        amount: 1000,
        documentNo: '青组通〔2026〕5号',
        remarks: null,
      },
      {
        seq: 3,
        partyOrg: '乌兰乙协会党支部',
        region: '乌兰镇',
        date: '2026-03-15',
        source: '财政补贴',
        kind: '书记补助',
        period: '2026年1—6月',
        amount: 1800,
        documentNo: '青组通〔2026〕5号',
        remarks: null,
      },
    ]);
    expect(ledger.totals).toMatchObject({ partyOrg: '合计（3笔）', amount: 4800.25 });
    const inB = await t.call('reports.rows', { report: 'funding', filters: { year: 2026, regionId: regionB } });
    expect(inB.rows.map((r) => r.partyOrg)).toEqual(['乌兰乙协会党支部']);
    expect(inB.filterText).toEqual(['年度：2026年', '属地：乌兰镇']);

    const table = await t.call('reports.rows', { report: 'fundingTotals', filters: { year: 2026 } });
    expect(table.rows).toEqual([
      { region: '红山街道', count: 2, unit: 2000.25, superior: 1000, dues_return: 0, fiscal: 0, other: 0, total: 3000.25 },
      { region: '乌兰镇', count: 1, unit: 0, superior: 0, dues_return: 0, fiscal: 1800, other: 0, total: 1800 },
    ]);
    expect(table.totals).toEqual({
      region: '合计',
      count: 3,
      unit: 2000.25,
      superior: 1000,
      dues_return: 0,
      fiscal: 1800,
      other: 0,
      total: 4800.25,
    });
  });
});

describe('the old undated amounts of a ledger made before 经费 records', () => {
  it('become records of the year the upgrade runs, kind 其他, each with its source, remark and audit row', async () => {
    const old = await oldLedger('0005_case_references');
    const now = '2025-01-01T00:00:00.000Z';
    await sql`INSERT INTO regions (id, name, kind, created_at) VALUES (1, '乌兰镇', 'township', ${now})`.execute(old.db);
    const insert = (id: number, name: string, amounts: number[], deletedAt: string | null) =>
      sql`INSERT INTO party_orgs (id, name, type, method, region_id, funding_superior, funding_dues_return, funding_unit, funding_fiscal,
         deleted_at, created_at, updated_at) VALUES (${id}, ${name}, 'branch', 'single', 1, ${sql.join(amounts)}, ${deletedAt}, ${now}, ${now})`.execute(
        old.db,
      );
    await insert(1, '甲支部', [500_000, 120_050, 0, 0], null);
    await insert(2, '乙支部', [0, 0, 0, 300_000], null);
    await insert(3, '丙支部', [0, 0, 0, 0], null);
    await insert(4, '已删支部', [900_000, 0, 0, 0], now);
    await old.release();

    const ledger = await openLedger(old.target);
    try {
      const { rows } = await sql`SELECT party_org_id, year, source, fund_kind, amount_fen, date, remarks FROM funding ORDER BY id`.execute(
        ledger.db,
      );
      const date = todayIso();
      const year = Number(date.slice(0, 4));
      expect(rows).toEqual([
        { party_org_id: 1, year, source: 'superior', fund_kind: 'other', amount_fen: 500_000, date, remarks: MIGRATED_REMARK },
        { party_org_id: 1, year, source: 'dues_return', fund_kind: 'other', amount_fen: 120_050, date, remarks: MIGRATED_REMARK },
        { party_org_id: 2, year, source: 'fiscal', fund_kind: 'other', amount_fen: 300_000, date, remarks: MIGRATED_REMARK },
      ]);
      const { rows: audit } = await sql<{ actor: string; action: string; after: string }>`
        SELECT actor, action, after FROM audit_log WHERE entity = 'funding' ORDER BY id`.execute(ledger.db);
      expect(audit.map((a) => [a.actor, a.action, JSON.parse(a.after).amount])).toEqual([
        ['系统升级', 'create', '5000.00'],
        ['系统升级', 'create', '1200.50'],
        ['系统升级', 'create', '3000.00'],
      ]);
    } finally {
      await ledger.close();
      await old.drop();
    }
  });
});
