/**
 * A township's 党员发展 sheet, made the way townships make it: a merged title, a 填报单位 line, their own
 * header words (企业（单位）名称, 所在镇街, 年份, 党员数, 当年发展党员), counts with units (“3人”), short region
 * names, a 合计 row and a 填表人 line.
 */

import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLedger, type TestLedger } from './fixture';

let t: TestLedger;
let jia = 0;
let yi = 0;

beforeAll(async () => {
  t = await makeLedger();
  const wulan = (await t.call('regions.create', { name: '乌兰镇', kind: 'township' })).id;
  const xincheng = (await t.call('regions.create', { name: '新城街道', kind: 'subdistrict' })).id;
  jia = (
    await t.call('orgs.create', { name: '乌兰镇甲公司', category: 'nonpublic', subtype: 'company', regionId: wulan, formalMembers: 4 })
  ).id;
  yi = (
    await t.call('orgs.create', { name: '新城乙协会', category: 'social', subtype: 'association', regionId: xincheng, formalMembers: 1 })
  ).id;
});
afterAll(() => t.close());

type Cell = string | number | null;
const HEADERS = ['序号', '企业（单位）名称', '所在镇街', '年份', '党员数', '预备党员数', '积极分子', '发展对象', '当年发展党员'];

async function sheet(rows: Cell[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('党员发展');
  ws.addRow(['乌兰旗两新组织党员发展情况统计表']);
  ws.mergeCells(1, 1, 1, HEADERS.length);
  ws.addRow(['填报单位（盖章）：各镇街党（工）委', '', '', '', '', '', '填报时间：2026年6月']);
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const rows: Cell[][] = [
  [1, '乌兰镇甲公司', '乌兰', '2025年', '3人', '1人', '2人', '1人', '1人'], // row 4: a past year, new
  [2, '新城乙协会', '新城', 2026, '2人', 0, '3人', 1, 0], // 5: this year, already there (the organization's counts)
  [3, '乌兰镇没有这家公司', '乌兰', 2025, 1, 0, 0, 0, 0], // 6
  [4, '乌兰镇甲公司', '乌兰镇', 2025, 3, 1, 2, 1, 1], // 7: the same organization and year again
  [5, '乌兰镇甲公司', '乌兰', '2027年', 5, 0, 0, 0, 0], // 8: a year not yet come
  ['合计', '', '', '', 14, 2, 7, 3, 2], // 9
  ['填表人：张三', '', '审核人：李四', '', '', '', '', '', ''], // 10
];

const stored = () =>
  t.rows(sql`SELECT org_id, year, formal, probationary, activists, candidates, new_members FROM member_years ORDER BY org_id, year`);

describe('importing 党员发展 from a township sheet', () => {
  it('reads the clerk’s own headers and units; only real mistakes are errors; this year’s row updates the organization', async () => {
    const base64 = await sheet(rows);
    const p = await t.call('import.preview', { kind: 'memberYears', fileName: '党员发展.xlsx', base64 });
    expect(p.headerRow).toBe(3);
    expect(p.mapping).toEqual({
      序号: null,
      '企业（单位）名称': 'orgId',
      所在镇街: 'regionId',
      年份: 'year',
      党员数: 'formal',
      预备党员数: 'probationary',
      积极分子: 'activists',
      发展对象: 'candidates',
      当年发展党员: 'newMembers',
    });
    const errors = p.rows.flatMap((r) => r.errors.map((e) => `${r.row}:${e.column}:${e.message}`));
    expect(errors).toEqual([
      expect.stringMatching(/^6:B:.*乌兰镇没有这家公司/),
      '7:D:与第4行的单位和年度重复',
      '8:D:不能晚于今年（2026年）',
    ]);
    expect(p.rows.filter((r) => r.status === 'notRecord').map((r) => r.row)).toEqual([9, 10]);
    expect(p.counts).toEqual({ create: 1, update: 1, skip: 0, error: 3, notRecord: 2, total: 7 });

    expect(await t.call('import.commit', { id: p.id, skipErrors: true })).toEqual({ created: 1, updated: 1, skipped: 0, failed: 3 });
    expect(await stored()).toEqual([
      { org_id: jia, year: 2025, formal: 3, probationary: 1, activists: 2, candidates: 1, new_members: 1 },
      { org_id: jia, year: 2026, formal: 4, probationary: 0, activists: 0, candidates: 0, new_members: 0 },
      { org_id: yi, year: 2026, formal: 2, probationary: 0, activists: 3, candidates: 1, new_members: 0 },
    ]);
    expect(await t.call('orgs.get', { id: yi })).toMatchObject({ formalMembers: 2, activists: 3 });
    const audit = await t.call('audit.list', { entity: 'member_year' });
    expect(audit.rows.map((r) => [r.entityId, r.actorLabel, r.name])).toEqual([
      [yi, '测试县级经办（测试账号0） 导入（党员发展.xlsx）', '新城乙协会 2026年度党员发展'],
      [jia, '测试县级经办（测试账号0） 导入（党员发展.xlsx）', '乌兰镇甲公司 2025年度党员发展'],
    ]);

    const again = await t.call('import.preview', { kind: 'memberYears', fileName: '党员发展.xlsx', base64 });
    expect(again.counts).toMatchObject({ create: 0, update: 0, skip: 2 });
  });

  it('offers a template with the figures’ columns', async () => {
    const tpl = await t.call('import.template', { kind: 'memberYears' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(tpl.base64, 'base64') as unknown as ArrayBuffer);
    const texts = wb.worksheets.flatMap((ws) => ws.getSheetValues().flat().map(String));
    for (const h of ['单位名称', '年度', '正式党员', '预备党员', '入党积极分子', '发展对象', '新发展党员'])
      expect(texts.join('|')).toContain(h);
  });
});
