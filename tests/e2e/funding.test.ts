/**
 * A clerk records a funding payment on the 党建经费 page (party organization found by its initials, the
 * amount typed with a thousands comma), sees it in the list with the filtered total and on the party
 * organization's page, gets a Chinese refusal for a third decimal, and finds it in the printed 经费台账
 * and its .xlsx twin. Screenshots under test-output/e2e/funding/.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FundingPage } from '../../src/shared/records/funding';
import { chromiumPdfOptions } from '../../src/shared/reports/page';
import type { PartyOrgListRow, Page as RowsPage } from '../../src/shared/types';
import { type App, startApp } from './harness';

const OUT = path.resolve('test-output/e2e/funding');
let app: App;
let page: Page;

beforeAll(async () => {
  app = await startApp('funding');
  page = app.page;
  await page.setViewportSize({ width: 1366, height: 768 });
});

afterAll(async () => {
  await app?.close();
});

it('records a payment through the screen, lists it with the total, and prints it in the 经费台账', { timeout: 180_000 }, async () => {
  // A party organization of the demo county, found in the picker by its name's pinyin initials.
  const po = (await app.call<RowsPage<PartyOrgListRow>>('partyOrgs.list', { query: '红山', sort: 'id', limit: 1 }))
    .rows[0] as PartyOrgListRow;
  const before = await app.call<FundingPage>('funding.list', { year: 2026, limit: 1 });

  await page.goto(`${app.base}/#/funding?year=2026`);
  const total = page.getByTestId('funding-total');
  await total.waitFor();
  expect(await total.textContent()).toContain(`共 ${before.total} 笔`);
  await page.keyboard.press('Control+n');
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await dialog.getByRole('combobox', { name: '党组织' }).fill(po.name.slice(0, 6));
  await page
    .getByRole('option', { name: new RegExp(po.name) })
    .first()
    .click();
  await dialog.getByRole('combobox', { name: '经费来源' }).click();
  await page.getByRole('option', { name: '上级补充' }).click();
  await dialog.getByRole('combobox', { name: '经费类别' }).click();
  await page.getByRole('option', { name: '启动经费' }).click();
  await dialog.getByLabel('金额（元）').fill('12,345.678');
  await dialog.getByLabel('文号').fill('青组通〔2026〕88号');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect.poll(() => dialog.getByText('金额最多两位小数（到分）').count()).toBe(1);
  await app.snap('登记经费-金额校验');
  await dialog.getByLabel('金额（元）').fill('12,345.60');
  await dialog.getByLabel('拨付日期').fill('2026.11.20');
  await dialog.getByLabel('拨付日期').press('Tab');
  await app.snap('登记经费-填写');
  await dialog.getByRole('button', { name: '保存' }).click();
  await dialog.waitFor({ state: 'detached' });

  const after = await app.call<FundingPage>('funding.list', { year: 2026, limit: 1 });
  expect(after.total).toBe(before.total + 1);
  expect(after.totalFen).toBe(before.totalFen + 1_234_560);
  await expect.poll(() => total.textContent()).toContain(`共 ${after.total} 笔`);
  const row = page.locator('tbody tr', { hasText: '青组通〔2026〕88号' });
  await expect.poll(() => row.count()).toBe(1);
  const cells = (await row.locator('td').allTextContents()).map((t) => t.trim());
  expect(cells.slice(0, 8)).toEqual([po.name, po.regionName, '2026-11-20', '上级补充', '启动经费', '', '12,345.60', '青组通〔2026〕88号']);
  await app.snap('党建经费-列表');

  // Searching by the party organization narrows the list and its total.
  await page.getByRole('textbox', { name: '查找' }).fill(po.name);
  const mine = await app.call<FundingPage>('funding.list', { year: 2026, query: po.name, limit: 1 });
  await expect.poll(() => total.textContent()).toContain(`共 ${mine.total} 笔`);

  // On the party organization's page, under 2026.
  await page.goto(`${app.base}/#/party-orgs/${po.id}`);
  const section = page.getByTestId('funding-section');
  await section.getByText('青组通〔2026〕88号').waitFor();
  expect(await section.textContent()).toContain('2026年度');
  await section.scrollIntoViewIfNeeded();
  await app.snap('党组织-经费');

  // The printed 经费台账 of 2026 and its .xlsx carry the payment.
  fs.mkdirSync(OUT, { recursive: true });
  await page.goto(`${app.base}/#/print/funding?year=2026&pdf=1`);
  await page.locator('[data-ready="1"][data-report="funding"]').waitFor();
  await page.evaluate('document.fonts.ready.then(() => true)');
  await page.emulateMedia({ media: 'print' });
  const pdf = path.join(OUT, 'funding.pdf');
  await page.pdf({ ...chromiumPdfOptions('landscape'), path: pdf });
  await page.emulateMedia({ media: 'screen' });
  const text = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  expect(text).toContain('党建工作经费台账');
  expect(text).toContain('青组通〔2026〕88号');
  expect(text).toContain('12,345.60');
  expect(text).toContain(`合计（${after.total}笔）`);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '60',
    '-f',
    String(pages),
    '-l',
    String(pages),
    '-singlefile',
    pdf,
    path.join(OUT, 'funding-last'),
  ]);

  const x = await app.call<{ base64: string }>('reports.xlsx', { report: 'funding', filters: { year: 2026 } });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(x.base64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.worksheets[0] as ExcelJS.Worksheet;
  let found: ExcelJS.Row | null = null;
  ws.eachRow((r) => {
    if (r.values && JSON.stringify(r.values).includes('青组通〔2026〕88号')) found = r;
  });
  const values = (found as ExcelJS.Row | null)?.values as ExcelJS.CellValue[];
  expect(values).toContain(12345.6);
  expect(values).toContain(po.name);
});
