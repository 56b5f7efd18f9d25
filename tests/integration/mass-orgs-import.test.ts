/**
 * 群团组织 from a township's own sheet (merged title, 填报单位 line, its own header words 群团组织类型 /
 * 会员人数 / 成立时间 / 负责人, kinds written 工会 / 团支部 / 妇委会 / 工会委员会 / 团委, “35人”, “2019年5月”,
 * “2019.05.12”, short region names, a 合计 row and a 填表人 footer): rows stored and audited under the
 * file's name, the organizations' 工会 / 共青团 / 妇联 following, bad rows refused in Chinese with their
 * row, the same file again all skipped; and its own template back.
 */

import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeLedger, type TestLedger } from './fixture';

let t: TestLedger;
let ids: { chenguang: number; desheng: number };

beforeEach(async () => {
  t = await makeLedger();
  const wulan = (await t.call('regions.create', { name: '乌兰镇', kind: 'township' })).id;
  const hongshan = (await t.call('regions.create', { name: '红山街道', kind: 'subdistrict' })).id;
  const company = async (name: string, regionId: number) =>
    (await t.call('orgs.create', { name, category: 'nonpublic', subtype: 'company', regionId })).id;
  const social = async (name: string, regionId: number) =>
    (await t.call('orgs.create', { name, category: 'social', subtype: 'association', regionId })).id;
  ids = { chenguang: await company('乌兰镇晨光公司', wulan), desheng: await company('红山德胜公司', hongshan) };
  await company('红山物流公司', hongshan);
  await social('青山旗老年人协会', wulan);
  await social('青山旗老年人协会', hongshan);
  await t.call('massOrgs.set', { orgId: ids.chenguang, kind: 'union', present: true, members: 20, foundedDate: null, chair: null });
});

afterEach(() => t.close());

type Cell = string | number | null;

const HEADERS = ['序号', '单位名称', '所在镇街', '群团组织类型', '会员人数', '成立时间', '负责人'];
const ROWS: Cell[][] = [
  [1, '乌兰镇晨光公司', '乌兰', '工会', '35人', '2019年5月', '王芳'], // row 4: updates the stored 工会
  [2, '乌兰镇晨光公司', '乌兰', '团支部', '12人', '2019.05.12', '李强'], // 5
  [3, '红山德胜公司', '红山', '妇委会', 8, '2020-03-08', ''], // 6
  [4, '青山旗老年人协会', '红山', '工会委员会', '15', '2021.7', ''], // 7: the 红山 one
  [5, '青山旗老年人协会', '', '团委', '6人', '', ''], // 8: which one?
  [6, '无此公司', '乌兰', '工会', '10人', '', ''], // 9: unknown
  [7, '乌兰镇晨光公司', '乌兰', '共青团', '13人', '', ''], // 10: repeats row 5
  [8, '红山德胜公司', '红山', '党支部', '5人', '', ''], // 11: not a 群团
  [9, '红山德胜公司', '红山', '工会', '约30人', '', ''], // 12: not a count
  [10, '红山物流公司', '红山', '工会', '30人', '2026年8月1日', ''], // 13: after today (2026-06-30)
  ['合计', '', '', '', '154人', '', ''], // 14
  ['填表人：张三', '', '审核人：李四', '', '', '', ''], // 15
];

async function townshipSheet(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('群团');
  ws.addRow(['乌兰旗两新组织群团组织建设情况统计表']);
  ws.mergeCells(1, 1, 1, HEADERS.length);
  ws.addRow(['填报单位：各镇街党（工）委', '', '', '', '', '填报时间：2026年6月']);
  ws.addRow(HEADERS);
  for (const r of ROWS) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const stored = () =>
  t.rows(
    sql`SELECT o.name, r.name AS region, m.kind, m.members, m.founded_date AS founded, m.chair
         FROM mass_orgs m JOIN orgs o ON o.id = m.org_id JOIN regions r ON r.id = o.region_id ORDER BY o.id, m.kind`,
  );

describe('a township 群团 sheet', () => {
  it('stores each 群团组织 with its members and founding date, refuses only real mistakes, and skips all the second time', async () => {
    const base64 = await townshipSheet();
    const p = await t.call('import.preview', { kind: 'massOrgs', fileName: '群团组织统计.xlsx', base64 });
    expect(p.headerRow).toBe(3);
    expect(p.mapping).toEqual({
      序号: null,
      单位名称: 'orgId',
      所在镇街: 'regionId',
      群团组织类型: 'kind',
      会员人数: 'members',
      成立时间: 'foundedDate',
      负责人: 'chair',
    });
    expect(p.valueQuestions.map((q) => [q.key, q.words.map((w) => w.word)])).toEqual([['kind', ['党支部']]]);
    const errors = p.rows.flatMap((r) => r.errors.map((e) => `${r.row}:${e.column}:${e.message}`));
    expect(errors).toEqual([
      '8:B:“青山旗老年人协会”对应多个两新组织，请改填其统一社会信用代码，或在“所属属地”列注明属地',
      '9:B:找不到两新组织“无此公司”，请先导入或新增该两新组织',
      '10:D:与第5行的单位和群团组织重复',
      '11:D:“党支部”不是有效的群团组织，请在“值的对应”中指定，或改填：工会、共青团、妇联',
      '12:E:应为整数，实际为“约30人”',
      '13:F:成立时间2026-08-01晚于今天',
    ]);
    expect(p.rows.find((r) => r.row === 4)).toMatchObject({ status: 'update', changes: ['成立时间', '成员人数', '负责人'] });
    expect(p.rows.filter((r) => r.status === 'notRecord').map((r) => r.row)).toEqual([14, 15]);
    expect(p.counts).toEqual({ create: 3, update: 1, skip: 0, error: 6, notRecord: 2, total: 12 });

    expect(await t.call('import.commit', { id: p.id, skipErrors: true })).toEqual({ created: 3, updated: 1, skipped: 0, failed: 6 });
    expect(await stored()).toEqual([
      { name: '乌兰镇晨光公司', region: '乌兰镇', kind: 'union', members: 35, founded: '2019-05-01', chair: '王芳' },
      { name: '乌兰镇晨光公司', region: '乌兰镇', kind: 'youth', members: 12, founded: '2019-05-12', chair: '李强' },
      { name: '红山德胜公司', region: '红山街道', kind: 'women', members: 8, founded: '2020-03-08', chair: null },
      { name: '青山旗老年人协会', region: '红山街道', kind: 'union', members: 15, founded: '2021-07-01', chair: null },
    ]);
    // The organization's own 已建 flags follow the rows, as when set on its page.
    const chenguang = await t.call('orgs.get', { id: ids.chenguang });
    expect([chenguang.hasUnion, chenguang.hasYouthLeague, chenguang.hasWomenFederation]).toEqual([true, true, false]);
    expect((await t.call('orgs.get', { id: ids.desheng })).hasWomenFederation).toBe(true);
    const log = (await t.rows(sql`SELECT action, after FROM audit_log WHERE entity = 'mass_org' ORDER BY id`)) as {
      action: string;
      after: string;
    }[];
    expect(
      log.map((a) => [a.action, JSON.parse(a.after).kind, JSON.parse(a.after).importFile ?? null, JSON.parse(a.after).importRow ?? null]),
    ).toEqual([
      ['create', 'union', null, null],
      ['update', 'union', '群团组织统计.xlsx', 4],
      ['create', 'youth', '群团组织统计.xlsx', 5],
      ['create', 'women', '群团组织统计.xlsx', 6],
      ['create', 'union', '群团组织统计.xlsx', 7],
    ]);

    const again = await t.call('import.preview', { kind: 'massOrgs', fileName: '群团组织统计.xlsx', base64 });
    expect(again.counts).toMatchObject({ create: 0, update: 0, skip: 4, error: 6 });
  });
});

describe('the 群团 template', () => {
  it('reads its own template back', async () => {
    const tpl = await t.call('import.template', { kind: 'massOrgs' });
    expect(tpl.fileName).toBe('群团组织导入模板.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(tpl.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    const header = (ws.getRow(1).values as Cell[]).slice(1);
    expect(header).toEqual(['单位名称*', '所属属地', '群团组织*', '成员人数', '成立时间', '负责人']);
    ws.addRow(['红山德胜公司', '红山街道', '共青团', '9', '2024-05-04', '赵敏']);
    const base64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const p = await t.call('import.preview', { kind: 'massOrgs', fileName: tpl.fileName, base64 });
    expect(p.counts).toMatchObject({ create: 1, error: 0 });
    await t.call('import.commit', { id: p.id });
    expect((await stored()).slice(1)).toEqual([
      { name: '红山德胜公司', region: '红山街道', kind: 'youth', members: 9, founded: '2024-05-04', chair: '赵敏' },
    ]);
    expect((await t.call('orgs.get', { id: ids.desheng })).hasYouthLeague).toBe(true);
  });
});

describe('a form opened before the import', () => {
  it('gets a conflict on saving, instead of writing the organization’s old 共青团 flag back', async () => {
    const seen = await t.call('orgs.get', { id: ids.chenguang });
    expect(seen.hasYouthLeague).toBe(false);
    const p = await t.call('import.preview', { kind: 'massOrgs', fileName: '群团组织统计.xlsx', base64: await townshipSheet() });
    await t.call('import.commit', { id: p.id, skipErrors: true });
    const now = await t.call('orgs.get', { id: ids.chenguang });
    expect(now.hasYouthLeague).toBe(true);
    expect(now.version).toBeGreaterThan(seen.version);

    const r = await t.raw('orgs.update', { id: ids.chenguang, version: seen.version, fields: { ...seen, remarks: '导入前打开的表单' } });
    expect(r.ok ? null : r.error.code).toBe('conflict');
    expect(await t.call('orgs.get', { id: ids.chenguang })).toMatchObject({ hasYouthLeague: true, remarks: null });
    // The same file again changes nothing: the version stays.
    const again = await t.call('import.preview', { kind: 'massOrgs', fileName: '群团组织统计.xlsx', base64: await townshipSheet() });
    await t.call('import.commit', { id: again.id, skipErrors: true });
    expect((await t.call('orgs.get', { id: ids.chenguang })).version).toBe(now.version);
  });
});
