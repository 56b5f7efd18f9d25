/**
 * A township's own sheet, made the way townships make it (merged title, 填报单位 line, their own
 * header and value words, “15人”, short region names, a 合计 row and signature lines), imported
 * into the demo county's regions: only real mistakes are errors, words the code tables cannot
 * decide are asked once and remembered.
 */

import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoSeedPath, readSeedFile } from '../../src/main/core/seed';
import { usccCheckChar } from '../../src/shared/rules/uscc';
import { makeLedger, type TestLedger } from './fixture';

let t: TestLedger;

beforeEach(async () => {
  t = await makeLedger();
  // The demo county's regions, with their 行政区划代码.
  for (const r of readSeedFile(demoSeedPath()).regions) await t.call('regions.create', { name: r.name, kind: r.kind, code: r.code });
});

afterEach(async () => {
  await t.close();
});

const uscc = (serial: string) => {
  const first17 = `91150499${serial}`;
  return first17 + usccCheckChar(first17);
};

type Cell = string | number | null;

/** A sheet as a township makes it: a merged title, a 填报单位 line, then its own header. */
async function townshipSheet(headers: string[], rows: Cell[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('两新组织');
  ws.addRow(['乌兰旗2026年两新组织基本情况统计表']);
  ws.mergeCells(1, 1, 1, headers.length);
  ws.addRow(['填报单位（盖章）：各镇街党（工）委', '', '', '', '', '', '', '填报时间：2026年6月']);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const HEADERS = ['序号', '单位名称', '统一社会信用代码', '类型', '所在镇街', '职工人数', '党员数', '备注'];

const stored = () =>
  t.rows(
    sql`SELECT o.name, o.subtype, o.category, r.name AS region, o.employees, o.formal_members AS members
         FROM orgs o JOIN regions r ON r.id = o.region_id WHERE o.deleted_at IS NULL ORDER BY o.id`,
  );

describe('a township sheet', () => {
  const good = uscc('MA0001A1X');
  const other = uscc('MA0002B2Y');
  const badCheck = `${other.slice(0, 17)}${other.endsWith('0') ? '1' : '0'}`;
  const rows: Cell[][] = [
    [1, '乌兰镇晨光家政服务有限公司', good, '有限公司', '乌兰', '15人', '１２', ''], // row 4
    [2, '乌兰镇草原牧业专业合作社', '', '合作社', '乌兰镇', '1,200', 3, ''], // 5
    [3, '新城街道王记小吃店', '', '个体户', '新城', 3, 0, ''], // 6
    [4, '新城街道顺达物流有限责任公司', '', '有限责任公司', '新城', '30 人', 2, ''], // 7
    [5, '哈达苏木马头琴协会', '', '协会', '哈达', '', 5, ''], // 8
    [null, null, null, null, null, null, null, null], // 9: blank
    [6, '宝日镇阳光社会工作服务中心', '', '民办非企业', '宝日', 20, 1, ''], // 10
    [7, '红山德胜商贸股份有限公司', '', '股份有限公司', '150499002', 45, 4, ''], // 11
    [8, '额尔敦苏木金牧个人独资企业', '', '个人独资企业', '额尔敦', 6, 1, ''], // 12
    [9, '白音苏木联牧合伙企业', '', '合伙企业', '白音', 8, 0, ''], // 13
    [10, '青山开发区商会', '', '商会', '青山', 12, 2, ''], // 14
    [11, '巴彦镇老年人体育社团', '', '社团', '巴彦', 0, 6, ''], // 15
    [12, '巴彦镇金穗粮油', '', '企业', '巴彦', 9, 1, ''], // 16: 企业 — asked
    [13, '乌兰镇晨光家政服务有限公司', good, '有限公司', '乌兰', '15人', 12, '重复填报'], // 17: duplicate
    [14, '巴彦镇错码建材有限公司', badCheck, '有限公司', '巴彦', 10, 1, ''], // 18: wrong check character
    ['合计', '', '', '', '', 1358, 37, ''], // 19
    [null, null, null, null, null, null, null, null], // 20: blank
    ['填表人：张三', '', '审核人：李四', '', '填报日期：2026年6月30日', '', '', ''], // 21
  ];

  it('only the duplicate and the bad code are errors once 企业 is answered; 合计 and footer are not records', async () => {
    const base64 = await townshipSheet(HEADERS, rows);
    const first = await t.call('import.preview', { kind: 'orgs', fileName: '各镇街两新组织.xlsx', base64 });
    expect(first.headerRow).toBe(3);
    expect(first.mapping).toEqual({
      序号: null,
      单位名称: 'name',
      统一社会信用代码: 'uscc',
      类型: 'subtype',
      所在镇街: 'regionId',
      职工人数: 'employees',
      党员数: 'formalMembers',
      备注: 'remarks',
    });
    // 企业 is asked once, as a question, before the clerk answers it.
    expect(first.valueQuestions).toEqual([
      {
        key: 'subtype',
        label: '组织类型',
        options: expect.arrayContaining([{ code: 'company', label: '非公企业（公司）' }]),
        words: [{ word: '企业', rows: 1, code: null }],
        omitted: 0,
      },
    ]);
    expect(first.rows.find((r) => r.row === 16)?.errors.map((e) => e.message)).toEqual([
      '“企业”不是有效的组织类型，请在“值的对应”中指定，或改填：社会团体、行业协会商会、异地商会、民办非企业单位（社会服务机构）、民办学校、民营医院、养老机构、基金会等',
    ]);

    const p = await t.call('import.preview', {
      kind: 'orgs',
      fileName: '各镇街两新组织.xlsx',
      base64,
      valueMapping: { subtype: { 企业: 'company' } },
    });
    const errors = p.rows.flatMap((r) => r.errors.map((e) => `${r.row}:${e.column}:${e.message}`));
    expect(errors).toEqual(['17:C:与第4行的统一社会信用代码重复', `18:C:校验位错误：第18位应为“${other[17]}”，实际为“${badCheck[17]}”`]);
    expect(p.rows.filter((r) => r.status === 'notRecord').map((r) => [r.row, r.reason])).toEqual([
      [19, '合计行（“合计”）'],
      [21, '表尾的填表、审核信息（“填表人：张三”）'],
    ]);
    expect(p.counts).toEqual({ create: 12, update: 0, skip: 0, error: 2, notRecord: 2, total: 16 });
    expect(p.valueQuestions[0]?.words).toEqual([{ word: '企业', rows: 1, code: 'company' }]);
    // How each region was found, where it was not by its full name.
    expect(p.rows.find((r) => r.row === 4)?.notes).toEqual(['所属属地“乌兰”按简称匹配为乌兰镇']);
    expect(p.rows.find((r) => r.row === 5)?.notes).toEqual([]);
    expect(p.rows.find((r) => r.row === 11)?.notes).toEqual(['所属属地“150499002”按行政区划代码匹配为红山街道']);

    expect(await t.call('import.commit', { id: p.id, skipErrors: true })).toEqual({ created: 12, updated: 0, skipped: 0, failed: 2 });
    expect(await stored()).toEqual([
      { name: '乌兰镇晨光家政服务有限公司', subtype: 'company', category: 'nonpublic', region: '乌兰镇', employees: 15, members: 12 },
      { name: '乌兰镇草原牧业专业合作社', subtype: 'cooperative', category: 'nonpublic', region: '乌兰镇', employees: 1200, members: 3 },
      { name: '新城街道王记小吃店', subtype: 'individual', category: 'nonpublic', region: '新城街道', employees: 3, members: 0 },
      { name: '新城街道顺达物流有限责任公司', subtype: 'company', category: 'nonpublic', region: '新城街道', employees: 30, members: 2 },
      { name: '哈达苏木马头琴协会', subtype: 'chamber', category: 'social', region: '哈达苏木', employees: 0, members: 5 },
      {
        name: '宝日镇阳光社会工作服务中心',
        subtype: 'private_nonenterprise',
        category: 'social',
        region: '宝日镇',
        employees: 20,
        members: 1,
      },
      { name: '红山德胜商贸股份有限公司', subtype: 'company', category: 'nonpublic', region: '红山街道', employees: 45, members: 4 },
      {
        name: '额尔敦苏木金牧个人独资企业',
        subtype: 'sole_proprietorship',
        category: 'nonpublic',
        region: '额尔敦苏木',
        employees: 6,
        members: 1,
      },
      { name: '白音苏木联牧合伙企业', subtype: 'partnership', category: 'nonpublic', region: '白音苏木', employees: 8, members: 0 },
      { name: '青山开发区商会', subtype: 'chamber', category: 'social', region: '青山经济技术开发区', employees: 12, members: 2 },
      { name: '巴彦镇老年人体育社团', subtype: 'association', category: 'social', region: '巴彦镇', employees: 0, members: 6 },
      { name: '巴彦镇金穗粮油', subtype: 'company', category: 'nonpublic', region: '巴彦镇', employees: 9, members: 1 },
    ]);
  });

  it('the answer for 企业 is remembered for the next sheet', async () => {
    const one = await townshipSheet(HEADERS, [[1, '巴彦镇金穗粮油', '', '企业', '巴彦', 9, 1, '']]);
    const p = await t.call('import.preview', {
      kind: 'orgs',
      fileName: 'a.xlsx',
      base64: one,
      valueMapping: { subtype: { 企业: 'company' } },
    });
    await t.call('import.commit', { id: p.id });

    const two = await townshipSheet(HEADERS, [
      [1, '巴彦镇丰收农机', '', '企业', '巴彦', 4, 0, ''],
      [2, '巴彦镇鑫源洗车', '', ' 企 业 ', '巴彦', 2, 0, ''],
    ]);
    const next = await t.call('import.preview', { kind: 'orgs', fileName: 'b.xlsx', base64: two });
    expect(next.valueQuestions).toEqual([expect.objectContaining({ key: 'subtype', words: [{ word: '企业', rows: 2, code: 'company' }] })]);
    expect(next.counts).toMatchObject({ create: 2, error: 0 });
    // This time's answer overrides the remembered one.
    const changed = await t.call('import.preview', {
      kind: 'orgs',
      fileName: 'b.xlsx',
      base64: two,
      valueMapping: { subtype: { 企业: 'individual' } },
    });
    expect(changed.valueQuestions[0]?.words).toEqual([{ word: '企业', rows: 2, code: 'individual' }]);
  });
});

describe('values as written', () => {
  it('counts, dates and regions that cannot be read are errors quoting the cell; a sheet with only 合计 and notes besides commits', async () => {
    await t.call('regions.create', { name: '新城镇', kind: 'township' });
    const base64 = await townshipSheet(
      ['单位名称', '类型', '所在镇街', '职工人数', '拟建时间'],
      [
        ['甲公司', '公司', '乌兰', '约20', ''], // 4
        ['乙公司', '公司', '乌兰', '若干', ''], // 5
        ['丙公司', '公司', '乌兰', '12.5', ''], // 6
        ['丁公司', '公司', '新城', 3, ''], // 7: 新城街道 or 新城镇
        ['戊公司', '公司', '乌兰', 3, '2026-02-30'], // 8
        ['己公司', '公司', '乌兰', '１２', '2026.12'], // 9
        ['庚公司', '其他', '乌兰', 1, '45717'], // 10
      ],
    );
    const p = await t.call('import.preview', { kind: 'orgs', fileName: 'x.xlsx', base64 });
    expect(p.rows.flatMap((r) => r.errors.map((e) => `${r.row}:${e.column}:${e.message}`))).toEqual([
      '4:D:应为整数，实际为“约20”',
      '5:D:应为整数，实际为“若干”',
      '6:D:应为整数，实际为“12.5”',
      '7:C:属地“新城”可能是新城街道、新城镇，请填写全称',
      '8:E:日期不存在：“2026-02-30”',
      '10:B:“其他”不是有效的组织类型，请在“值的对应”中指定，或改填：社会团体、行业协会商会、异地商会、民办非企业单位（社会服务机构）、民办学校、民营医院、养老机构、基金会等',
    ]);
    expect(p.rows.find((r) => r.row === 9)?.notes).toEqual([
      '所属属地“乌兰”按简称匹配为乌兰镇',
      '拟建时间“2026.12”只有年月，记为2026-12-31',
    ]);

    const clean = await townshipSheet(HEADERS, [
      [1, '乌兰镇一号公司', '', '公司', '乌兰', 3, 1, ''],
      ['小计', '', '', '', '', 3, 1, ''],
      ['注：本表人数以2025年度年报为准。', '', '', '', '', '', '', ''],
      [15, '', '', '', '', '', '', ''], // only 序号, a column that is not imported
    ]);
    const q = await t.call('import.preview', { kind: 'orgs', fileName: 'y.xlsx', base64: clean });
    expect(q.rows.map((r) => [r.row, r.status, r.reason])).toEqual([
      [4, 'create', null],
      [5, 'notRecord', '合计行（“小计”）'],
      [6, 'notRecord', '表下的注释说明（“注：本表人数以2025年度年报为准。”）'],
      [7, 'notRecord', '没有要导入的内容（只有不导入的列有字）'],
    ]);
    expect(await t.call('import.commit', { id: q.id })).toEqual({ created: 1, updated: 0, skipped: 0, failed: 0 });
    expect(await stored()).toHaveLength(1);
  });
});

describe('party organizations', () => {
  it('支部 / 单建 / 联建, short region names and month-only dates; an unknown 组建方式 is asked', async () => {
    const orgs = await townshipSheet(HEADERS, [
      [1, '乌兰镇一号公司', '', '公司', '乌兰', 30, 5, ''],
      [2, '乌兰镇二号公司', '', '公司', '乌兰', 10, 1, ''],
      [3, '乌兰镇三号公司', '', '公司', '乌兰', 10, 1, ''],
    ]);
    await t.call('import.commit', { id: (await t.call('import.preview', { kind: 'orgs', fileName: 'o.xlsx', base64: orgs })).id });
    const base64 = await townshipSheet(
      ['党组织名称', '类型', '建立方式', '所在镇街', '覆盖单位', '成立时间', '党员数'],
      [
        ['中共乌兰镇一号公司支部委员会', '支部', '单建', '乌兰', '乌兰镇一号公司', '2021.7', '５人'],
        ['中共乌兰镇二三号公司联合支部委员会', '联合支部', '联建', '乌兰', '乌兰镇二号公司、乌兰镇三号公司', '2022年3月1日', 4],
        ['中共乌兰镇某某支部委员会', '支部', '其他', '乌兰', '', '', 3],
        ['合计', '', '', '', '', '', 12],
      ],
    );
    const p = await t.call('import.preview', { kind: 'partyOrgs', fileName: 'p.xlsx', base64 });
    expect(p.rows.map((r) => [r.row, r.status])).toEqual([
      [4, 'create'],
      [5, 'create'],
      [6, 'error'],
      [7, 'notRecord'],
    ]);
    expect(p.valueQuestions.map((q) => [q.key, q.words])).toEqual([['method', [{ word: '其他', rows: 1, code: null }]]]);
    await t.call('import.commit', { id: p.id, skipErrors: true });
    const rows = await t.rows(
      sql`SELECT name, type, method, founded_date AS founded, formal_members AS members FROM party_orgs ORDER BY id`,
    );
    expect(rows).toEqual([
      { name: '中共乌兰镇一号公司支部委员会', type: 'branch', method: 'single', founded: '2021-07-01', members: 5 },
      { name: '中共乌兰镇二三号公司联合支部委员会', type: 'joint_branch', method: 'joint', founded: '2022-03-01', members: 4 },
    ]);
  });
});

describe('questions', () => {
  it('each distinct word is asked once, however many rows carry it; a column of names mapped as 组织类型 asks at most 100', async () => {
    const words = await townshipSheet(
      ['单位名称', '类型', '所在镇街', '党组织类型'],
      [
        ['甲', '企业', '乌兰', ''],
        ['乙', '其他', '乌兰', ''],
        ['丙', '企 业', '乌兰', ''],
        ['丁', '企业', '乌兰', ''],
      ],
    );
    const p = await t.call('import.preview', { kind: 'orgs', fileName: 'w.xlsx', base64: words });
    expect(p.valueQuestions.map((q) => [q.key, q.words, q.omitted])).toEqual([
      [
        'subtype',
        [
          { word: '企业', rows: 3, code: null },
          { word: '其他', rows: 1, code: null },
        ],
        0,
      ],
    ]);

    const names = await townshipSheet(
      ['单位名称', '类型', '所在镇街'],
      Array.from({ length: 120 }, (_, i) => [`${i}号`, `第${i}号商店`, '乌兰']),
    );
    const q = await t.call('import.preview', { kind: 'orgs', fileName: 'n.xlsx', base64: names });
    expect(q.valueQuestions[0]?.words).toHaveLength(100);
    expect(q.valueQuestions[0]?.omitted).toBe(20);
    expect(q.counts.error).toBe(120);
  });
});

it('the demo county holds the regions this test names', () => {
  const names = (JSON.parse(fs.readFileSync(demoSeedPath(), 'utf8')) as { regions: { name: string }[] }).regions.map((r) => r.name);
  expect(names).toEqual(
    expect.arrayContaining(['乌兰镇', '新城街道', '哈达苏木', '宝日镇', '额尔敦苏木', '白音苏木', '巴彦镇', '青山经济技术开发区']),
  );
});

describe('cells typed with Alt+Enter', () => {
  it('fold to one line in single-line fields and keep their lines in 备注', async () => {
    const base64 = await townshipSheet(
      ['单位名称', '类型', '所在镇街', '地址', '备注'],
      [['乌兰镇晨光\n家政有限公司', '有限公司', '乌兰', '乌兰镇\r\n幸福路1号', '第一行\n第二行']],
    );
    const p = await t.call('import.preview', { kind: 'orgs', fileName: '换行.xlsx', base64 });
    expect(p.rows.flatMap((r) => r.errors)).toEqual([]);
    await t.call('import.commit', { id: p.id, skipErrors: false });
    expect(await t.rows(sql`SELECT name, address, remarks FROM orgs ORDER BY id`)).toEqual([
      { name: '乌兰镇晨光 家政有限公司', address: '乌兰镇 幸福路1号', remarks: '第一行\n第二行' },
    ]);
  });
});

describe('the error report and rows without a name', () => {
  it('names why a row is not a record, and a nameless row is “必须填写”, not also a duplicate', async () => {
    const base64 = await townshipSheet(
      ['单位名称', '类型', '所在镇街', '职工人数'],
      [
        ['', '有限公司', '乌兰', 3],
        ['', '有限公司', '乌兰', 3],
        ['乌兰镇甲公司', '有限公司', '乌兰', 3],
        ['合计', '', '', 9],
      ],
    );
    const p = await t.call('import.preview', { kind: 'orgs', fileName: '无名.xlsx', base64 });
    expect(p.rows.flatMap((r) => r.errors.map((e) => `${r.row}:${e.message}`))).toEqual(['4:必须填写', '5:必须填写']);
    const report = await t.call('import.errorReport', { id: p.id });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(report.base64, 'base64') as unknown as ArrayBuffer);
    const texts = wb.worksheets[0]?.getSheetValues().map((r) => (Array.isArray(r) ? r.filter((c) => c != null).join('|') : '')) ?? [];
    expect(texts.find((r) => r?.startsWith('合计'))).toBe('合计|||9|不是记录|合计行（“合计”）');
  });
});
