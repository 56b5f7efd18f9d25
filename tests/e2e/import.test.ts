/**
 * A clerk imports a township's sheet in Chromium: downloads the template, fills it, picks it, sees
 * each row judged (one error named by row and column), saves the error report, confirms, and finds
 * the new organizations in the list.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
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
