/**
 * Importing organizations and instructors from clerks' Excel sheets, on real files the tests write:
 * the template round trip, a sheet with every kind of error (exactly those errors, nothing written),
 * matching by 统一社会信用代码, guessed and remembered column mappings, and 10,000 rows in one go.
 */

import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { usccCheckChar } from '../../src/shared/rules/uscc';
import type { ImportPreview } from '../../src/shared/types';
import { makeLedger, type TestLedger } from './fixture';

let t: TestLedger;
let regionA: number;

beforeEach(async () => {
  t = await makeLedger();
  regionA = (await t.call('regions.create', { name: '红山街道', kind: 'subdistrict' })).id;
  await t.call('regions.create', { name: '乌兰镇', kind: 'township' });
});

afterEach(async () => {
  await t.close();
});

/** A valid code with the given serial part (9 characters from the code's alphabet). */
const uscc = (serial: string) => {
  const first17 = `91150499${serial}`;
  return first17 + usccCheckChar(first17);
};

async function sheet(headers: string[], rows: (string | number | Date | null)[][], before: string[][] = []): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const line of before) ws.addRow(line);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const preview = (
  base64: string,
  kind: 'orgs' | 'partyOrgs' | 'instructors' = 'orgs',
  fileName = '名册.xlsx',
  mapping?: Record<string, string | null>,
) => t.call('import.preview', { kind, fileName, base64, mapping });

const orgCount = async () => Number((await t.rows<{ n: number }>(sql`SELECT COUNT(*) AS n FROM orgs WHERE deleted_at IS NULL`))[0]?.n);

describe('template', () => {
  it('round trip: the downloaded template, filled in, imports without a single correction', async () => {
    const tpl = await t.call('import.template', { kind: 'orgs' });
    expect(tpl.fileName).toBe('两新组织导入模板.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(tpl.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['两新组织', '填写说明', '代码表']);
    const ws = wb.getWorksheet('两新组织') as ExcelJS.Worksheet;
    const headers = (ws.getRow(1).values as unknown[]).slice(1) as string[];
    expect(headers.slice(0, 5)).toEqual(['单位名称*', '统一社会信用代码', '组织类别', '组织类型*', '所属属地*']);
    const col = (h: string) => headers.indexOf(h) + 1;
    // Drop-downs for coded columns, fed from the hidden 代码表 (regions included).
    expect(ws.getCell(2, col('组织类型*')).dataValidation?.type).toBe('list');
    expect(ws.getCell(500, col('所属属地*')).dataValidation?.type).toBe('list');
    const lists = wb.getWorksheet('代码表') as ExcelJS.Worksheet;
    expect(lists.state).toBe('hidden');
    const regionList = lists.getColumn(3).values.slice(2);
    expect(regionList).toEqual(['红山街道', '乌兰镇']);
    expect((wb.getWorksheet('填写说明') as ExcelJS.Worksheet).getCell(2, 1).value).toBe('单位名称');

    const fill = (r: number, values: Record<string, string | number>) => {
      for (const [h, v] of Object.entries(values)) ws.getCell(r, col(h)).value = v;
    };
    fill(2, {
      '单位名称*': '红山阳光物业有限公司',
      统一社会信用代码: uscc('MA0001A1X'),
      '组织类型*': '非公企业（公司）',
      '所属属地*': '红山街道',
      从业人员数: 40,
      正式党员数: 3,
      负责人是党员: '是',
    });
    fill(3, { '单位名称*': '乌兰镇老年协会', '组织类型*': '社会团体', '所属属地*': '乌兰镇', 正式党员数: 1, 拟建时间: '2027/3/1' });
    fill(4, { '单位名称*': '乌兰镇光明养老院', '组织类型*': '养老机构', '所属属地*': '乌兰镇', 经营状态: '正常' });
    const p = await preview(Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'), 'orgs', tpl.fileName);
    expect(p.missingRequired).toEqual([]);
    expect(p.rows.flatMap((r) => r.errors)).toEqual([]);
    expect(p.counts).toEqual({ create: 3, update: 0, skip: 0, error: 0, notRecord: 0, total: 3 });
    expect(await orgCount()).toBe(0);
    expect(await t.call('import.commit', { id: p.id })).toEqual({ created: 3, updated: 0, skipped: 0, failed: 0 });
    const list = await t.call('orgs.list', { sort: 'id' });
    expect(list.rows.map((o) => o.name)).toEqual(['红山阳光物业有限公司', '乌兰镇老年协会', '乌兰镇光明养老院']);
    const first = await t.call('orgs.get', { id: list.rows[0]?.id as number });
    expect(first).toMatchObject({ category: 'nonpublic', subtype: 'company', employees: 40, formalMembers: 3, legalRepIsMember: true });
    const second = await t.call('orgs.get', { id: list.rows[1]?.id as number });
    expect(second).toMatchObject({ category: 'social', plannedBuildDate: '2027-03-01' });
  });
});

describe('a sheet with every kind of error', () => {
  it('names each error with its row and column, and writes nothing even when asked to commit', async () => {
    const good = uscc('MA0002B2Y');
    const badCheck = `${good.slice(0, 17)}${good.endsWith('0') ? '1' : '0'}`;
    const base64 = await sheet(
      ['单位名称', '统一社会信用代码', '组织类型', '所属属地', '正式党员数', '从业人员数', '拟建时间', '负责人是党员', '负责人电话'],
      [
        ['校验位错误公司', badCheck, '非公企业（公司）', '红山街道', 1, 10, '', '否', ''], // row 3
        ['属地不存在公司', '', '非公企业（公司）', '火星镇', 1, 10, '', '否', ''], // row 4
        ['代码第一次出现公司', good, '非公企业（公司）', '红山街道', 1, 10, '', '否', ''], // row 5
        ['代码重复公司', good, '非公企业（公司）', '红山街道', 1, 10, '', '否', ''], // row 6
        ['党员数超范围公司', '', '非公企业（公司）', '红山街道', 200000, 10, '', '否', ''], // row 7
        ['人数不是整数公司', '', '非公企业（公司）', '红山街道', 1, '三十人', '', '否', ''], // row 8
        ['日期无法识别公司', '', '非公企业（公司）', '红山街道', 1, 10, '明年春天', '否', ''], // row 9
        ['类型无效公司', '', '外星企业', '红山街道', 1, 10, '', '否', ''], // row 10
        ['是否无效公司', '', '非公企业（公司）', '红山街道', 1, 10, '', '也许', ''], // row 11
        ['', '', '非公企业（公司）', '红山街道', 1, 10, '', '否', ''], // row 12: no name
        ['电话有误公司', '', '非公企业（公司）', '红山街道', 1, 10, '', '否', '12345'], // row 13
      ],
      [['两新组织名册'], ['填报单位：红山街道党工委']],
    );
    const p = await preview(base64);
    expect(p.headerRow).toBe(3);
    const errors = p.rows.flatMap((r) => r.errors.map((e) => `${r.row}:${e.column}:${e.message}`));
    expect(errors).toEqual([
      `4:B:校验位错误：第18位应为“${good[17]}”，实际为“${badCheck[17]}”`,
      '5:D:属地“火星镇”不存在，请先在“设置”中添加或改为已有属地',
      '7:B:与第6行的统一社会信用代码重复',
      '8:E:不能超过100000',
      '9:F:应为整数，实际为“三十人”',
      '10:G:日期无法识别：“明年春天”，应如 2026-06-30',
      '11:C:“外星企业”不是有效的组织类型，请在“值的对应”中指定，或改填：社会团体、行业协会商会、异地商会、民办非企业单位（社会服务机构）、民办学校、民营医院、养老机构、基金会等',
      '12:H:应填“是”或“否”，实际为“也许”',
      '13:A:必须填写',
      '14:I:电话号码格式不正确：手机为1开头的11位数字，座机需带区号',
    ]);
    expect(p.counts).toEqual({ create: 1, update: 0, skip: 0, error: 10, notRecord: 0, total: 11 });
    const before = t.count('audit_log');
    const refused = await t.raw('import.commit', { id: p.id });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: '有10行存在错误，请修改后重新预览，或选择跳过错误行' },
    });
    expect(await orgCount()).toBe(0);
    expect(t.count('audit_log')).toBe(before);

    // The error report: the clerk's rows with the bad cells filled and explained.
    const report = await t.call('import.errorReport', { id: p.id });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(report.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(ws.getCell(2, 2).value).toBe(badCheck);
    expect((ws.getCell(2, 2).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect(ws.getCell(2, 10).value).toBe('错误');
    expect(ws.getCell(2, 11).value).toContain('B列统一社会信用代码：校验位错误');
    expect(ws.getCell(4, 2).fill).toBeUndefined();

    // Skipping the bad rows is an explicit choice; then the good row alone is written.
    expect(await t.call('import.commit', { id: p.id, skipErrors: true })).toEqual({ created: 1, updated: 0, skipped: 0, failed: 10 });
    expect(await orgCount()).toBe(1);
  });
});

describe('matching', () => {
  it('a row with an existing 统一社会信用代码 updates that organization instead of adding another', async () => {
    const code = uscc('MA0003C3W');
    const org = await t.call('orgs.create', {
      name: '旧名称公司',
      uscc: code,
      category: 'nonpublic',
      subtype: 'company',
      regionId: regionA,
      employees: 5,
      address: '红山路1号',
    });
    const same = await t.call('orgs.create', {
      name: '无代码协会',
      category: 'social',
      subtype: 'association',
      regionId: regionA,
      formalMembers: 2,
    });
    const p = await preview(
      await sheet(
        ['单位名称', '统一社会信用代码', '组织类型', '所属属地', '从业人员数'],
        [
          ['新名称公司', code.toLowerCase(), '非公企业（公司）', '红山街道', 55],
          ['无代码协会', '', '社会团体', '红山街道', 8],
        ],
      ),
    );
    expect(p.rows.map((r) => [r.status, r.matchId, r.matchedBy, r.changes])).toEqual([
      ['update', org.id, '统一社会信用代码', ['名称', '从业人员数']],
      ['update', same.id, '属地内同名', ['从业人员数']],
    ]);
    await t.call('import.commit', { id: p.id });
    expect(await orgCount()).toBe(2);
    const after = await t.call('orgs.get', { id: org.id });
    // Columns the sheet does not have keep their values.
    expect(after).toMatchObject({ name: '新名称公司', employees: 55, address: '红山路1号' });
    const audit = await t.call('audit.list', { entity: 'org', entityId: org.id });
    expect(audit.rows[0]).toMatchObject({ action: 'update', after: { importFile: '名册.xlsx', importRow: 2 } });
    // The same file again changes nothing.
    const again = await preview(
      await sheet(
        ['单位名称', '统一社会信用代码', '组织类型', '所属属地', '从业人员数'],
        [['新名称公司', code, '非公企业（公司）', '红山街道', 55]],
      ),
    );
    expect(again.rows[0]?.status).toBe('skip');
  });

  it('guesses columns from clerks’ own headers and remembers a correction for next time', async () => {
    const headers = ['序号', '组织名称', '信用代码', '所在乡镇', '类型', '企业规模人数'];
    const rows = [[1, '乌兰镇供销合作社', '', '乌兰镇', '农民专业合作社', 12]];
    const p = await preview(await sheet(headers, rows));
    expect(p.mapping).toEqual({
      序号: null,
      组织名称: 'name',
      信用代码: 'uscc',
      所在乡镇: 'regionId',
      类型: 'subtype',
      企业规模人数: null,
    });
    const corrected = await preview(await sheet(headers, rows), 'orgs', '名册.xlsx', { ...p.mapping, 企业规模人数: 'employees' });
    await t.call('import.commit', { id: corrected.id });
    const next = await preview(await sheet(headers, rows));
    expect(next.mapping.企业规模人数).toBe('employees');
    expect(next.rows[0]?.status).toBe('skip');
  });

  it('instructors match by name and unit', async () => {
    const i = await t.call('instructors.create', { name: '王建华', unit: '旗委组织部', fullTime: false });
    const p = await preview(
      await sheet(
        ['姓名', '工作单位', '联系电话', '专职'],
        [
          ['王建华', '旗委组织部', '13947100001', '是'],
          ['李红', '旗工商联', '', '否'],
        ],
      ),
      'instructors',
    );
    expect(p.rows.map((r) => [r.status, r.matchId])).toEqual([
      ['update', i.id],
      ['create', null],
    ]);
    await t.call('import.commit', { id: p.id });
    expect(await t.call('instructors.get', { id: i.id })).toMatchObject({ phone: '13947100001', fullTime: true });
    expect((await t.call('instructors.list', {})).length).toBe(2);
  });

  it('reads CSV saved as UTF-8 with a byte-order mark', async () => {
    const csv = '\uFEFF单位名称,组织类型,所属属地\r\n"红山""星光""商会",行业协会商会,红山街道\r\n';
    const p = await preview(Buffer.from(csv, 'utf8').toString('base64'), 'orgs', '商会.csv');
    expect(p.rows[0]).toMatchObject({ status: 'create', name: '红山"星光"商会' });
  });

  it('refuses an old .xls and a damaged file in Chinese', async () => {
    expect(await t.raw('import.preview', { kind: 'orgs', fileName: '名册.xls', base64: 'AAAA' })).toMatchObject({
      ok: false,
      error: { message: '暂不支持旧版 .xls 文件，请在 Excel 或 WPS 中“另存为”.xlsx 后再导入' },
    });
    expect(await t.raw('import.preview', { kind: 'orgs', fileName: '名册.xlsx', base64: 'AAAA' })).toMatchObject({
      ok: false,
      error: { message: '无法读取该文件：请确认是 Excel（.xlsx）或 CSV 文件且未损坏' },
    });
  });

  it('a preview made before another write is not committed', async () => {
    const p = await preview(await sheet(['单位名称', '组织类型', '所属属地'], [['甲公司', '非公企业（公司）', '红山街道']]));
    await t.call('regions.create', { name: '巴彦镇', kind: 'township' });
    expect(await t.raw('import.commit', { id: p.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await orgCount()).toBe(0);
  });
});

describe('a big file', () => {
  it('imports 10,000 rows in one transaction', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => [
      `测试物流有限公司${String(i + 1).padStart(5, '0')}`,
      '非公企业（公司）',
      i % 2 ? '红山街道' : '乌兰镇',
      i % 7,
      10 + (i % 50),
    ]);
    const p: ImportPreview = await preview(await sheet(['单位名称', '组织类型', '所属属地', '正式党员数', '从业人员数'], rows));
    expect(p.counts).toEqual({ create: 10_000, update: 0, skip: 0, error: 0, notRecord: 0, total: 10_000 });
    const auditBefore = t.count('audit_log');
    expect(await t.call('import.commit', { id: p.id })).toMatchObject({ created: 10_000 });
    expect(await orgCount()).toBe(10_000);
    // One write: every audit row carries the same time stamp of that one transaction.
    const stamps = await t.rows<{ at: string }>(sql`SELECT DISTINCT at FROM audit_log WHERE id > ${auditBefore}`);
    expect(t.count('audit_log') - auditBefore).toBe(10_000);
    expect(stamps).toHaveLength(1);
    const stats = await t.call('stats.coverage', {});
    expect(stats.county.inScope).toBe(10_000);
  }, 120_000);
});

describe('party organizations', () => {
  it('a 联合党支部 covers organizations named in its row; unknown, taken and ambiguous ones are errors', async () => {
    const code = uscc('MA0004D4X');
    const a = await t.call('orgs.create', {
      name: '红山甲公司',
      uscc: code,
      category: 'nonpublic',
      subtype: 'company',
      regionId: regionA,
      formalMembers: 2,
    });
    const b = await t.call('orgs.create', {
      name: '红山乙协会',
      category: 'social',
      subtype: 'association',
      regionId: regionA,
      formalMembers: 1,
    });
    const c = await t.call('orgs.create', {
      name: '红山丙公司',
      category: 'nonpublic',
      subtype: 'company',
      regionId: regionA,
      formalMembers: 3,
    });
    const taken = await t.call('partyOrgs.create', {
      name: '丙公司支部',
      type: 'branch',
      method: 'single',
      regionId: regionA,
      coveredOrgIds: [c.id],
    });
    const tpl = await t.call('import.template', { kind: 'partyOrgs' });
    expect(tpl.fileName).toBe('党组织导入模板.xlsx');
    const p = await preview(
      await sheet(
        ['党组织名称', '党组织类型', '组建方式', '所属属地', '覆盖的两新组织', '书记姓名', '正式党员数', '阵地建设'],
        [
          ['红山联合党支部', '联合党支部', '联合组建', '红山街道', `${code.toLowerCase()}、红山乙协会`, '赵明', 3, '有场所、有党旗'],
          ['无此组织党支部', '党支部', '单独组建', '红山街道', '红山丁公司', '', 3, ''],
          ['抢覆盖党支部', '党支部', '单独组建', '红山街道', '红山丙公司', '', 3, ''],
          ['单独组建两个', '党支部', '单独组建', '红山街道', '红山乙协会、红山甲公司', '', 3, ''],
        ],
      ),
      'partyOrgs',
    );
    expect(p.rows.map((r) => [r.row, r.status, r.errors.map((e) => `${e.column}:${e.message}`)])).toEqual([
      [2, 'create', []],
      [3, 'error', ['E:找不到两新组织“红山丁公司”，请先导入或新增该组织']],
      [4, 'error', [`E:“红山丙公司”已由“${taken.name}”覆盖，一个组织只能由一个党组织覆盖`]],
      [5, 'error', ['E:“红山乙协会”在第2行已被覆盖']],
    ]);
    await t.call('import.commit', { id: p.id, skipErrors: true });
    const list = await t.call('partyOrgs.list', { query: '红山联合' });
    const created = await t.call('partyOrgs.get', { id: list.rows[0]?.id as number });
    expect(created).toMatchObject({
      type: 'joint_branch',
      method: 'joint',
      secretaryName: '赵明',
      venueChecklist: ['有场所', '有党旗'],
    });
    expect(created.coveredOrgs.map((o) => o.id).sort()).toEqual([a.id, b.id].sort());
    expect((await t.call('orgs.get', { id: b.id })).coverage).toBe('shared');
  });
});
