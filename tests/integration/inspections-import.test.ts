/**
 * 年检 from a 民政 clerk's sheet: merged title, 填报单位 line, the clerk's own header words (社会组织名称,
 * 年度, 年检结果, 党建工作情况审查, 所在镇街), “2025年度”, short region names, a 合计 row and a 填表人 line.
 * Non-social organizations, unknown names and repeated rows are errors; the same file again changes nothing.
 */

import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { makeLedger, type TestLedger } from './fixture';

let t: TestLedger;
let ids: { north: number; assoc: number; school: number; twinNorth: number; twinSouth: number; company: number };

beforeEach(async () => {
  t = await makeLedger();
  const north = (await t.call('regions.create', { name: '乌兰镇', kind: 'township' })).id;
  const south = (await t.call('regions.create', { name: '新城街道', kind: 'subdistrict' })).id;
  const social = async (name: string, regionId: number) =>
    (await t.call('orgs.create', { name, category: 'social', subtype: 'association', regionId })).id;
  ids = {
    north,
    assoc: await social('青山旗摄影家协会', north),
    school: (await t.call('orgs.create', { name: '新城阳光幼儿园', category: 'social', subtype: 'private_school', regionId: south })).id,
    twinNorth: await social('青山旗老年人协会', north),
    twinSouth: await social('青山旗老年人协会', south),
    company: (await t.call('orgs.create', { name: '红山建材有限公司', category: 'nonpublic', subtype: 'company', regionId: north })).id,
  };
});
afterEach(() => t.close());

async function clerkSheet(): Promise<string> {
  const headers = ['序号', '社会组织名称', '所在镇街', '年度', '年检结果', '党建工作情况审查', '备注'];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('年检');
  ws.addRow(['青山旗2025年度社会组织年检结果及党建工作情况审查汇总表']);
  ws.mergeCells(1, 1, 1, headers.length);
  ws.addRow(['填报单位：青山旗民政局', '', '', '', '', '填报时间：2026年4月']);
  ws.addRow(headers);
  ws.addRow([1, '青山旗摄影家协会', '乌兰', '2025年度', '合格', '通过', '']); // 4
  ws.addRow([2, '新城阳光幼儿园', '新城', '2025', '基本合格', '整改', '党组织活动记录不全']); // 5
  ws.addRow([3, '青山旗老年人协会', '乌兰', '2025年度', '不合格', '整改', '未按时报送年度报告']); // 6
  ws.addRow([4, '红山建材有限公司', '乌兰', '2025年度', '合格', '通过', '']); // 7: not social
  ws.addRow([5, '青山旗书法家协会', '乌兰', '2025年度', '合格', '通过', '']); // 8: unknown
  ws.addRow([6, '青山旗摄影家协会', '乌兰', '2025年度', '合格', '通过', '']); // 9: repeated
  ws.addRow([7, '青山旗老年人协会', '新城', '二〇二五', '合格', '通过', '']); // 10: bad year
  ws.addRow(['合计', '', '', '', '7个', '', '']);
  ws.addRow(['填表人：张三', '', '审核人：李四']);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const stored = () =>
  t.rows(
    sql`SELECT o.name, r.name AS region, i.year, i.result, i.party_review AS review, i.remarks FROM inspections i JOIN orgs o ON o.id = i.org_id JOIN regions r ON r.id = o.region_id ORDER BY i.id`,
  );

it('imports a clerk’s 年检 sheet: own header words, “2025年度”, errors named, 合计 and 填表人 left out, again = all skipped', async () => {
  const base64 = await clerkSheet();
  const p = await t.call('import.preview', { kind: 'inspections', fileName: '2025年度年检汇总.xlsx', base64 });
  expect(p.headerRow).toBe(3);
  expect(p.mapping).toMatchObject({
    社会组织名称: 'orgId',
    所在镇街: 'regionId',
    年度: 'year',
    年检结果: 'result',
    党建工作情况审查: 'partyReview',
    备注: 'remarks',
  });
  expect(p.missingRequired).toEqual([]);
  expect(p.counts).toMatchObject({ create: 3, error: 4 });
  const byRow = new Map(p.rows.map((r) => [r.row, r]));
  expect(byRow.get(4)).toMatchObject({ status: 'create', name: '青山旗摄影家协会 2025年度' });
  expect(byRow.get(7)?.errors.map((e) => e.message)).toEqual(['“红山建材有限公司”是非公经济组织，年检只登记社会组织']);
  expect(byRow.get(8)?.errors[0]?.message).toContain('青山旗书法家协会');
  expect(byRow.get(9)?.errors[0]?.message).toContain('单位和年检年度');
  expect(byRow.get(10)?.errors[0]?.message).toContain('“2025”或“2025年度”');
  expect(p.rows.filter((r) => r.status === 'notRecord').map((r) => r.row)).toEqual([11, 12]);

  const result = await t.call('import.commit', { id: p.id, skipErrors: true });
  expect(result).toMatchObject({ created: 3, failed: 4 });
  expect(await stored()).toEqual([
    { name: '青山旗摄影家协会', region: '乌兰镇', year: 2025, result: 'pass', review: 'pass', remarks: null },
    { name: '新城阳光幼儿园', region: '新城街道', year: 2025, result: 'basic', review: 'rectify', remarks: '党组织活动记录不全' },
    { name: '青山旗老年人协会', region: '乌兰镇', year: 2025, result: 'fail', review: 'rectify', remarks: '未按时报送年度报告' },
  ]);
  // The organizations' 年检结果 follow, and each write is in the log under the file's name.
  expect((await t.call('orgs.get', { id: ids.twinNorth })).annualCheck).toBe('fail');
  expect((await t.call('orgs.get', { id: ids.twinSouth })).annualCheck).toBeNull();
  const log = (await t.call('audit.list', { entity: 'inspection', limit: 10 })).rows;
  expect(log.map((r) => r.actorLabel)).toEqual(Array(3).fill('测试县级经办（测试账号0） 导入（2025年度年检汇总.xlsx）'));

  const again = await t.call('import.preview', { kind: 'inspections', fileName: '2025年度年检汇总.xlsx', base64 });
  expect(again.counts).toMatchObject({ create: 0, update: 0, skip: 3 });
});

it('its template has the columns and the 匹配规则 line', async () => {
  const file = await t.call('import.template', { kind: 'inspections' });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
  const text = wb.worksheets.flatMap((ws) => ws.getSheetValues().flat().map(String)).join(' ');
  for (const h of ['单位名称', '年检年度', '年检结论', '党建审查', '按单位和年检年度匹配']) expect(text).toContain(h);
});
