/**
 * 经费 from a township's own sheet (merged title, 填报单位 line, its own header words 支部名称 / 经费来源 /
 * 金额（元）/ 拨付时间 / 文号, amounts such as “5,000元” and “0.5万元”, sources such as 上级拨付, short region
 * names, a 合计 row and a 填表人 footer): the payments are stored in 分 with audit rows, only real mistakes
 * are errors, and the same file again changes nothing. The template is also read back.
 */

import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeLedger, type TestLedger } from './fixture';

let t: TestLedger;

beforeEach(async () => {
  t = await makeLedger();
  const wulan = (await t.call('regions.create', { name: '乌兰镇', kind: 'township', code: '150499101' })).id;
  const hongshan = (await t.call('regions.create', { name: '红山街道', kind: 'subdistrict', code: '150499002' })).id;
  const po = async (name: string, regionId: number, orgName: string) => {
    const org = await t.call('orgs.create', { name: orgName, category: 'nonpublic', subtype: 'company', regionId });
    await t.call('partyOrgs.create', { name, type: 'branch', method: 'single', regionId, coveredOrgIds: [org.id] });
  };
  await po('乌兰镇晨光公司党支部', wulan, '乌兰镇晨光公司');
  await po('红山德胜公司党支部', hongshan, '红山德胜公司');
  // Two party organizations of one name: the row's region tells them apart.
  await po('物流行业党支部', wulan, '乌兰物流公司');
  await po('物流行业党支部', hongshan, '红山物流公司');
});

afterEach(() => t.close());

type Cell = string | number | null;

async function townshipSheet(headers: string[], rows: Cell[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('经费');
  ws.addRow(['乌兰旗2026年党建工作经费拨付情况表']);
  ws.mergeCells(1, 1, 1, headers.length);
  ws.addRow(['填报单位：各镇街党（工）委', '', '', '', '', '填报时间：2026年6月']);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const HEADERS = ['序号', '支部名称', '所在镇街', '经费来源', '金额（元）', '拨付时间', '文号', '备注'];
const ROWS: Cell[][] = [
  [1, '乌兰镇晨光公司党支部', '乌兰', '上级拨付', '5,000元', '2026.3.15', '青组通〔2026〕5号', ''], // row 4
  [2, '乌兰镇晨光公司党支部', '乌兰', '党费返还', '1200.5', '2026年4月', '', '按上年党费返还'], // 5
  [3, '红山德胜公司党支部', '红山', '财政拨款', '0.5万元', '2026-05-20', '青财行〔2026〕11号', ''], // 6
  [4, '物流行业党支部', '红山', '企业自筹', 3000, '2026/6/1', '', ''], // 7: the 红山 one
  [5, '无此党支部', '乌兰', '上级拨付', '800元', '2026-03-01', '', ''], // 8: unknown
  [6, '乌兰镇晨光公司党支部', '乌兰', '上级拨付', '5000', '2026-03-15', '', '重复填报'], // 9: duplicate of row 4
  [7, '红山德胜公司党支部', '红山', '上级拨付', '12.345', '2026-03-01', '', ''], // 10: three decimals
  [8, '红山德胜公司党支部', '红山', '上级拨付', '100', '2026-07-15', '', ''], // 11: after today (2026-06-30)
  ['合计', '', '', '', '16,200.50', '', '', ''], // 12
  [null, null, null, null, null, null, null, null], // 13
  ['填表人：张三', '', '审核人：李四', '', '', '', '', ''], // 14
];

const stored = () =>
  t.rows(
    sql`SELECT p.name, r.name AS region, f.source, f.fund_kind AS kind, f.amount_fen AS fen, f.date, f.year, f.document_no AS doc
         FROM funding f JOIN party_orgs p ON p.id = f.party_org_id JOIN regions r ON r.id = p.region_id ORDER BY f.id`,
  );

describe('a township funding sheet', () => {
  it('stores the payments in 分 with their sources, refuses only real mistakes, and skips all of them the second time', async () => {
    const base64 = await townshipSheet(HEADERS, ROWS);
    const p = await t.call('import.preview', { kind: 'funding', fileName: '各镇街经费.xlsx', base64 });
    expect(p.headerRow).toBe(3);
    expect(p.mapping).toEqual({
      序号: null,
      支部名称: 'partyOrgId',
      所在镇街: 'regionId',
      经费来源: 'source',
      '金额（元）': 'amount',
      拨付时间: 'date',
      文号: 'documentNo',
      备注: 'remarks',
    });
    expect(p.valueQuestions).toEqual([]);
    const errors = p.rows.flatMap((r) => r.errors.map((e) => `${r.row}:${e.column}:${e.message}`));
    expect(errors).toHaveLength(4);
    expect(errors[0]).toMatch(/^8:B:.*无此党支部/);
    expect(errors.slice(1)).toEqual([
      '9:E:与第4行的党组织、拨付日期、来源和金额重复',
      '10:E:金额最多两位小数（到分），实际为“12.345”',
      '11:F:拨付日期2026-07-15晚于今天',
    ]);
    expect(p.rows.filter((r) => r.status === 'notRecord').map((r) => r.row)).toEqual([12, 14]);
    expect(p.counts).toEqual({ create: 4, update: 0, skip: 0, error: 4, notRecord: 2, total: 10 });

    expect(await t.call('import.commit', { id: p.id, skipErrors: true })).toEqual({ created: 4, updated: 0, skipped: 0, failed: 4 });
    expect(await stored()).toEqual([
      {
        name: '乌兰镇晨光公司党支部',
        region: '乌兰镇',
        source: 'superior',
        kind: 'other',
        fen: 500_000,
        date: '2026-03-15',
        year: 2026,
        doc: '青组通〔2026〕5号',
      },
      {
        name: '乌兰镇晨光公司党支部',
        region: '乌兰镇',
        source: 'dues_return',
        kind: 'dues_return',
        fen: 120_050,
        date: '2026-04-01',
        year: 2026,
        doc: null,
      },
      {
        name: '红山德胜公司党支部',
        region: '红山街道',
        source: 'fiscal',
        kind: 'other',
        fen: 500_000,
        date: '2026-05-20',
        year: 2026,
        doc: '青财行〔2026〕11号',
      },
      {
        name: '物流行业党支部',
        region: '红山街道',
        source: 'unit',
        kind: 'other',
        fen: 300_000,
        date: '2026-06-01',
        year: 2026,
        doc: null,
      },
    ]);
    const audit = (await t.rows(sql`SELECT action, after FROM audit_log WHERE entity = 'funding' ORDER BY id`)) as {
      action: string;
      after: string;
    }[];
    expect(audit.map((a) => [a.action, JSON.parse(a.after).amount, JSON.parse(a.after).importFile])).toEqual([
      ['create', '5000.00', '各镇街经费.xlsx'],
      ['create', '1200.50', '各镇街经费.xlsx'],
      ['create', '5000.00', '各镇街经费.xlsx'],
      ['create', '3000.00', '各镇街经费.xlsx'],
    ]);

    const again = await t.call('import.preview', { kind: 'funding', fileName: '各镇街经费.xlsx', base64 });
    expect(again.counts).toMatchObject({ create: 0, update: 0, skip: 4, error: 4 });
  });

  it('reads its own template back', async () => {
    const tpl = await t.call('import.template', { kind: 'funding' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(tpl.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    const header = (ws.getRow(1).values as Cell[]).slice(1);
    expect(header).toEqual(['党组织名称*', '所属属地', '经费来源*', '经费类别', '金额（元）*', '拨付日期*', '所属期间', '文号', '备注']);
    ws.addRow(['红山德胜公司党支部', '红山街道', '财政补贴', '书记补助', '1800', '2026-06-10', '2026年1—6月', '', '每月300元']);
    const base64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const p = await t.call('import.preview', { kind: 'funding', fileName: tpl.fileName, base64 });
    expect(p.counts).toMatchObject({ create: 1, error: 0 });
    await t.call('import.commit', { id: p.id });
    expect(await stored()).toEqual([
      {
        name: '红山德胜公司党支部',
        region: '红山街道',
        source: 'fiscal',
        kind: 'secretary_allowance',
        fen: 180_000,
        date: '2026-06-10',
        year: 2026,
        doc: null,
      },
    ]);
  });
});
