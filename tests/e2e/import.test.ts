/**
 * A clerk imports a township's sheet in Chromium: downloads the template, fills it, picks it, sees
 * each row judged (one error named by row and column), saves the error report, confirms, and finds
 * the new organizations in the list. Then a township's own sheet, in its own words, with 企业
 * answered once in the value-mapping step.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { usccCheckChar } from '../../src/shared/rules/uscc';
import { type App, startApp } from './harness';

let app: App;
let page: Page;
const OUT = path.resolve('test-output/e2e/import');

beforeAll(async () => {
  app = await startApp('import');
  page = app.page;
});

afterAll(async () => {
  await app?.close();
});

it('imports a filled-in template after a row-by-row preview', async () => {
  await page.goto(`${app.base}/#/import`);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '下载导入模板' }).click();
  const template = await download;
  expect(template.suggestedFilename()).toBe('两新组织导入模板.xlsx');
  const tplFile = path.join(OUT, 'template.xlsx');
  await template.saveAs(tplFile);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(tplFile);
  const ws = wb.getWorksheet('两新组织') as ExcelJS.Worksheet;
  const headers = (ws.getRow(1).values as unknown[]).slice(1) as string[];
  const col = (h: string) => headers.indexOf(h) + 1;
  const put = (r: number, v: Record<string, string | number>) => {
    for (const [h, x] of Object.entries(v)) ws.getCell(r, col(h)).value = x;
  };
  put(2, {
    '单位名称*': '乌兰镇晨光家政服务有限公司',
    '组织类型*': '非公企业（公司）',
    '所属属地*': '乌兰镇',
    从业人员数: 18,
    正式党员数: 1,
  });
  put(3, { '单位名称*': '乌兰镇书画协会', '组织类型*': '社会团体', '所属属地*': '乌兰镇', 正式党员数: 4 });
  put(4, { '单位名称*': '火星镇某公司', '组织类型*': '非公企业（公司）', '所属属地*': '火星镇' });
  const filled = path.join(OUT, '乌兰镇两新组织.xlsx');
  await wb.xlsx.writeFile(filled);

  await page.locator('input[type="file"]').setInputFiles(filled);
  const rows = page.getByTestId('import-rows');
  await expect.poll(() => page.getByText('错误 1', { exact: true }).count()).toBe(1);
  await expect.poll(() => rows.textContent()).toContain('E列「所属属地*」属地“火星镇”不存在');
  await app.snap('preview-errors');

  const report = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出错误报告' }).click();
  expect((await report).suggestedFilename()).toBe('乌兰镇两新组织-导入检查结果.xlsx');

  await page.getByText('新增 2', { exact: true }).click();
  await app.snap('preview-new');
  await page.getByRole('button', { name: '确认导入' }).click();
  await expect.poll(() => page.getByRole('dialog').textContent()).toContain('另有 1 行有错误，将不导入');
  await app.snap('confirm');
  await page.getByRole('dialog').getByRole('button', { name: '导入', exact: true }).click();
  await page.waitForURL(/#\/orgs/);
  await page.getByLabel('查找').fill('wlzcg');
  await expect.poll(() => page.getByTestId('org-total').textContent()).toBe('共 1 个两新组织');
  await app.snap('imported');
  expect(fs.existsSync(filled)).toBe(true);
});

/** Made the way a township makes it: merged title, 填报单位 line, its own words, 合计 and signatures. */
async function townshipSheet(file: string): Promise<void> {
  const uscc = (serial: string) => {
    const first17 = `91150499${serial}`;
    return first17 + usccCheckChar(first17);
  };
  const good = uscc('MA0077C3K');
  const other = uscc('MA0078D4L');
  const bad = `${other.slice(0, 17)}${other.endsWith('0') ? '1' : '0'}`;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('两新组织');
  ws.addRow(['乌兰旗2026年两新组织基本情况统计表']);
  ws.mergeCells('A1:H1');
  ws.addRow(['填报单位（盖章）：各镇街党（工）委']);
  ws.addRow(['序号', '单位名称', '统一社会信用代码', '类型', '所在镇街', '职工人数', '党员数', '备注']);
  const rows: (string | number | null)[][] = [
    [1, '乌兰镇草原星家政有限公司', good, '有限公司', '乌兰', '15人', '１２', ''],
    [2, '乌兰镇草原星牧业专业合作社', '', '合作社', '乌兰镇', '1,200', 3, ''],
    [3, '新城街道草原星小吃店', '', '个体户', '新城', 3, 0, ''],
    [4, '哈达苏木草原星马头琴协会', '', '协会', '哈达', '', 5, ''],
    [null, null, null, null, null, null, null, null],
    [5, '宝日镇草原星社工服务中心', '', '民办非企业', '宝日', 20, 1, ''],
    [6, '巴彦镇草原星粮油', '', '企业', '巴彦', 9, 1, ''],
    [7, '乌兰镇草原星家政有限公司', good, '有限公司', '乌兰', '15人', 12, '重复'],
    [8, '巴彦镇草原星建材有限公司', bad, '有限公司', '巴彦', 10, 1, ''],
    ['合计', '', '', '', '', 1257, 34, ''],
    ['填表人：张三', '', '审核人：李四', '', '填报日期：2026年6月30日'],
  ];
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(file);
}

it('imports a township’s own sheet: 企业 asked once, 合计 and signatures not records, short region names', async () => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${app.base}/#/import`);
  const file = path.join(OUT, '各镇街两新组织统计.xlsx');
  await townshipSheet(file);
  await page.locator('input[type="file"]').setInputFiles(file);

  const values = page.getByTestId('value-mapping');
  await expect.poll(() => values.textContent()).toContain('“企业”');
  expect(await values.textContent()).toContain('1 行');
  await expect.poll(() => page.getByText('错误 3', { exact: true }).count()).toBe(1);
  await app.snap('township-value-question');

  await page.getByRole('combobox', { name: '“企业”对应的组织类型' }).click();
  await page.getByRole('option', { name: '非公企业（公司）', exact: true }).click();
  await expect.poll(() => page.getByText('错误 2', { exact: true }).count()).toBe(1);
  expect(await page.getByText('不是记录 2', { exact: true }).count()).toBe(1);
  const rows = page.getByTestId('import-rows');
  const errors = await rows.textContent();
  expect(errors).toContain('与第4行的统一社会信用代码重复');
  expect(errors).toContain('校验位错误');
  await app.snap('township-errors');

  await page.getByText('不是记录 2', { exact: true }).click();
  await expect.poll(() => rows.textContent()).toContain('合计行（“合计”），不导入');
  expect(await rows.textContent()).toContain('表尾的填表、审核信息（“填表人：张三”）');
  await app.snap('township-not-records');

  await page.getByText('新增 6', { exact: true }).click();
  await expect.poll(() => rows.textContent()).toContain('所属属地“乌兰”按简称匹配为乌兰镇');
  await app.snap('township-new');

  await page.getByRole('button', { name: '确认导入' }).click();
  await expect.poll(() => page.getByRole('dialog').textContent()).toContain('2 行不是记录');
  await page.getByRole('dialog').getByRole('button', { name: '导入', exact: true }).click();
  await page.waitForURL(/#\/orgs/);

  const list = await app.call<{ rows: { name: string; subtype: string; regionName: string; employees: number; formalMembers: number }[] }>(
    'orgs.list',
    { query: '草原星', limit: 50 },
  );
  const got = list.rows.map((o) => [o.name, o.subtype, o.regionName, o.employees, o.formalMembers]).sort();
  expect(got).toEqual(
    [
      ['乌兰镇草原星家政有限公司', 'company', '乌兰镇', 15, 12],
      ['乌兰镇草原星牧业专业合作社', 'cooperative', '乌兰镇', 1200, 3],
      ['新城街道草原星小吃店', 'individual', '新城街道', 3, 0],
      ['哈达苏木草原星马头琴协会', 'chamber', '哈达苏木', 0, 5],
      ['宝日镇草原星社工服务中心', 'private_nonenterprise', '宝日镇', 20, 1],
      ['巴彦镇草原星粮油', 'company', '巴彦镇', 9, 1],
    ].sort(),
  );

  // The answer for 企业 is remembered: the same sheet again asks nothing.
  await page.goto(`${app.base}/#/import`);
  await page.locator('input[type="file"]').setInputFiles(file);
  await expect.poll(() => page.getByTestId('value-mapping').textContent()).toContain('“企业”');
  expect(await page.getByTestId('value-mapping').textContent()).not.toContain('待指定');
  await app.snap('township-remembered');
});

it('says a file over the size limit is too big before reading it', async () => {
  await page.goto(`${app.base}/#/import`);
  // Picked from disk as a clerk would: a 35 MB buffer sent through the debugging protocol takes
  // longer than the test's time on a busy machine, a path does not.
  const big = path.join(OUT, '全县两新组织.xlsx');
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(big, Buffer.alloc(35 * 1024 * 1024, 1));
  await page.locator('input[type="file"]').setInputFiles(big);
  await expect
    .poll(() => page.locator('.mantine-Notification-root').allInnerTexts())
    .toEqual([expect.stringContaining('文件过大：不能超过34MB（所选文件约35MB）')]);
  await app.snap('too-big');
  fs.rmSync(big, { force: true });
});
