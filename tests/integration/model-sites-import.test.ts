/**
 * 示范点（品牌） from a township's own list (merged title, 填报单位 line, its own header words 示范点名称 /
 * 级别 / 命名时间 / 是否五星创建 / 摘牌时间, levels written 县级示范点 / 市级 / 省级党建示范点 / 旗级, years
 * “2023年”, “2025年6月”, “2024年度”, an owner named by its organization, a 合计 row and a 填表人 footer):
 * designations stored and audited under the file's name, bad rows refused in Chinese with their row, a
 * 摘牌 recorded on the stored designation, the same file again all skipped; and its own template back.
 */

import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeLedger, type TestLedger } from './fixture';

let t: TestLedger;
let desheng: number;

beforeEach(async () => {
  t = await makeLedger();
  const wulan = (await t.call('regions.create', { name: '乌兰镇', kind: 'township' })).id;
  const hongshan = (await t.call('regions.create', { name: '红山街道', kind: 'subdistrict' })).id;
  const org = async (name: string, regionId: number) =>
    (await t.call('orgs.create', { name, category: 'nonpublic', subtype: 'company', regionId })).id;
  const po = async (name: string, regionId: number, orgName: string) =>
    (await t.call('partyOrgs.create', { name, type: 'branch', method: 'single', regionId, coveredOrgIds: [await org(orgName, regionId)] }))
      .id;
  await po('乌兰镇晨光公司党支部', wulan, '乌兰镇晨光公司');
  desheng = await po('红山德胜公司党支部', hongshan, '红山德胜公司');
  await po('物流行业党支部', wulan, '乌兰物流公司');
  await po('物流行业党支部', hongshan, '红山物流公司');
  await org('乌兰镇新兴商贸公司', wulan); // no party organization yet
  await t.call('modelSites.create', { partyOrgId: desheng, level: 'county', year: 2022, brandName: '德胜红' });
});

afterEach(() => t.close());

type Cell = string | number | null;

const HEADERS = ['序号', '示范点名称', '所在镇街', '级别', '命名时间', '品牌名称', '是否五星创建', '摘牌时间', '备注'];
const ROWS: Cell[][] = [
  [1, '乌兰镇晨光公司党支部', '乌兰', '县级示范点', '2023年', '晨光先锋', '是', '', ''], // row 4
  [2, '乌兰镇晨光公司党支部', '乌兰', '市级', '2025年6月', '', '否', '', ''], // 5
  [3, '红山德胜公司', '红山', '省级党建示范点', 2024, '德胜红', '√', '', '以单位名称填报'], // 6: named by its organization
  [4, '红山德胜公司党支部', '红山', '县级', '2022年', '德胜红', '', '2025年', '已摘牌'], // 7: the stored one, now revoked
  [5, '物流行业党支部', '红山', '旗级', '2024年度', '', '', '', ''], // 8: the 红山 one
  [6, '无此党支部', '乌兰', '县级', '2024', '', '', '', ''], // 9: unknown
  [7, '乌兰镇新兴商贸公司', '乌兰', '县级', '2024', '', '', '', ''], // 10: no party organization
  [8, '乌兰镇晨光公司党支部', '乌兰', '县级示范点', '2025', '', '', '', ''], // 11: row 4's is still in force
  [9, '红山德胜公司党支部', '红山', '县级党建示范点', '2026年', '', '是', '', '重新命名'], // 12: after row 7's 摘牌
  [10, '乌兰镇晨光公司党支部', '乌兰', '市级', '2027年', '', '', '', ''], // 13: later than this year
  [11, '乌兰镇晨光公司党支部', '乌兰', '市级', '二〇二四', '', '', '', ''], // 14: not a year
  ['合计', '', '', '', '', '', '', '', '共11个'], // 15
  ['填表人：张三', '', '审核人：李四', '', '', '', '', '', ''], // 16
];

async function townshipSheet(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('示范点');
  ws.addRow(['乌兰旗两新组织党建示范点（品牌）汇总表']);
  ws.mergeCells(1, 1, 1, HEADERS.length);
  ws.addRow(['填报单位：各镇街党（工）委', '', '', '', '', '', '填报时间：2026年6月']);
  ws.addRow(HEADERS);
  for (const r of ROWS) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const stored = () =>
  t.rows(
    sql`SELECT p.name, r.name AS region, m.level, m.year, m.brand_name AS brand, m.five_star AS "fiveStar", m.revoked_year AS revoked
         FROM model_sites m JOIN party_orgs p ON p.id = m.party_org_id JOIN regions r ON r.id = p.region_id ORDER BY m.id`,
  );

describe('a township 示范点 list', () => {
  it('stores the designations with their levels and years, refuses only real mistakes, records the 摘牌, and skips all the second time', async () => {
    const base64 = await townshipSheet();
    const p = await t.call('import.preview', { kind: 'modelSites', fileName: '示范点汇总.xlsx', base64 });
    expect(p.headerRow).toBe(3);
    expect(p.mapping).toEqual({
      序号: null,
      示范点名称: 'partyOrgId',
      所在镇街: 'regionId',
      级别: 'level',
      命名时间: 'year',
      品牌名称: 'brandName',
      是否五星创建: 'fiveStar',
      摘牌时间: 'revokedYear',
      备注: 'remarks',
    });
    expect(p.valueQuestions).toEqual([]);
    const errors = p.rows.flatMap((r) => r.errors.map((e) => `${r.row}:${e.column}:${e.message}`));
    expect(errors).toEqual([
      '9:B:找不到党组织“无此党支部”，请先导入或新增该党组织',
      '10:B:“乌兰镇新兴商贸公司”还没有党组织，示范点须命名在党组织名下',
      '11:E:与第4行2023年的命名在有效期内重叠；如需重新命名，请先填写原命名的撤销（摘牌）年度',
      '13:E:命名年度不能晚于今年（2026年）',
      '14:E:应为年份，如“2025”或“2025年”，实际为“二〇二四”',
    ]);
    expect(p.rows.filter((r) => r.status === 'notRecord').map((r) => r.row)).toEqual([15, 16]);
    expect(p.rows.find((r) => r.row === 7)).toMatchObject({ status: 'update', changes: ['撤销（摘牌）年度', '备注'] });
    expect(p.counts).toEqual({ create: 5, update: 1, skip: 0, error: 5, notRecord: 2, total: 13 });

    expect(await t.call('import.commit', { id: p.id, skipErrors: true })).toEqual({ created: 5, updated: 1, skipped: 0, failed: 5 });
    expect(await stored()).toEqual([
      { name: '红山德胜公司党支部', region: '红山街道', level: 'county', year: 2022, brand: '德胜红', fiveStar: 0, revoked: 2025 },
      { name: '乌兰镇晨光公司党支部', region: '乌兰镇', level: 'county', year: 2023, brand: '晨光先锋', fiveStar: 1, revoked: null },
      { name: '乌兰镇晨光公司党支部', region: '乌兰镇', level: 'city', year: 2025, brand: null, fiveStar: 0, revoked: null },
      { name: '红山德胜公司党支部', region: '红山街道', level: 'province', year: 2024, brand: '德胜红', fiveStar: 1, revoked: null },
      { name: '物流行业党支部', region: '红山街道', level: 'county', year: 2024, brand: null, fiveStar: 0, revoked: null },
      { name: '红山德胜公司党支部', region: '红山街道', level: 'county', year: 2026, brand: null, fiveStar: 1, revoked: null },
    ]);
    const log = (await t.rows(sql`SELECT action, after FROM audit_log WHERE entity = 'model_site' ORDER BY id`)) as {
      action: string;
      after: string;
    }[];
    expect(log.map((a) => [a.action, JSON.parse(a.after).importFile ?? null, JSON.parse(a.after).importRow ?? null])).toEqual([
      ['create', null, null],
      ['create', '示范点汇总.xlsx', 4],
      ['create', '示范点汇总.xlsx', 5],
      ['create', '示范点汇总.xlsx', 6],
      ['update', '示范点汇总.xlsx', 7],
      ['create', '示范点汇总.xlsx', 8],
      ['create', '示范点汇总.xlsx', 12],
    ]);

    const again = await t.call('import.preview', { kind: 'modelSites', fileName: '示范点汇总.xlsx', base64 });
    expect(again.counts).toMatchObject({ create: 0, update: 0, skip: 6, error: 5 });
  });

  it('takes a row for a revoked designation with its 摘牌 cell blank as the same designation, not an overlap', async () => {
    const [old] = await t.call('modelSites.list', { partyOrgId: desheng });
    await t.call('modelSites.update', {
      id: (old as { id: number }).id,
      fields: { partyOrgId: desheng, level: 'county', year: 2022, brandName: '德胜红', revokedYear: 2025 },
    });
    await t.call('modelSites.create', { partyOrgId: desheng, level: 'county', year: 2026 });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('示范点');
    ws.addRow(['党组织名称', '命名级别', '命名年度', '党建品牌名称', '撤销（摘牌）年度']);
    ws.addRow(['红山德胜公司党支部', '县级', '2022', '德胜红', '']);
    const base64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const p = await t.call('import.preview', { kind: 'modelSites', fileName: 'x.xlsx', base64 });
    expect(p.rows.map((r) => [r.status, r.errors.map((e) => e.message)])).toEqual([['skip', []]]);
  });

  it('asks once about a level word it does not know', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('示范点');
    ws.addRow(['党组织名称', '命名级别', '命名年度']);
    ws.addRow(['乌兰镇晨光公司党支部', '国家级示范点', '2024']);
    const base64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const p = await t.call('import.preview', { kind: 'modelSites', fileName: 'x.xlsx', base64 });
    expect(p.valueQuestions.map((q) => [q.key, q.words.map((w) => w.word)])).toEqual([['level', ['国家级示范点']]]);
    expect(p.counts).toMatchObject({ create: 0, error: 1 });
  });
});

describe('the 示范点 template', () => {
  it('reads its own template back', async () => {
    const tpl = await t.call('import.template', { kind: 'modelSites' });
    expect(tpl.fileName).toBe('示范点与党建品牌导入模板.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(tpl.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    const header = (ws.getRow(1).values as Cell[]).slice(1);
    expect(header).toEqual([
      '党组织名称*',
      '所属属地',
      '命名级别*',
      '命名年度*',
      '党建品牌名称',
      '五星创建',
      '撤销（摘牌）年度',
      '文号',
      '备注',
    ]);
    ws.addRow(['乌兰镇晨光公司党支部', '乌兰镇', '省级', '2025', '晨光先锋', '是', '', '内组发〔2025〕3号', '']);
    const base64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const p = await t.call('import.preview', { kind: 'modelSites', fileName: tpl.fileName, base64 });
    expect(p.counts).toMatchObject({ create: 1, error: 0 });
    await t.call('import.commit', { id: p.id });
    expect((await stored()).slice(1)).toEqual([
      { name: '乌兰镇晨光公司党支部', region: '乌兰镇', level: 'province', year: 2025, brand: '晨光先锋', fiveStar: 1, revoked: null },
    ]);
  });
});
