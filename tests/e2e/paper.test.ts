/**
 * Paper as previewed: for every ledger the 报表 page shows exactly the pages Chromium prints from the
 * print route with the shared page settings (the 两个覆盖统计表 and a long ledger included), and the
 * columns a clerk hides are missing from the preview, the PDF and the .xlsx, the choice surviving a reload.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REPORTS as ALL_REPORTS } from '../../src/shared/reports/definitions';
import { chromiumPdfOptions } from '../../src/shared/reports/page';
import type { ReportData, ReportDefinition } from '../../src/shared/reports/types';
import { type App, startApp } from './harness';

const REPORTS = ALL_REPORTS as readonly ReportDefinition[];
const OUT = path.resolve('test-output/e2e/paper');
let app: App;
let page: Page;

beforeAll(async () => {
  app = await startApp('paper');
  page = app.page;
  fs.mkdirSync(OUT, { recursive: true });
});

afterAll(async () => {
  await app?.close();
});

const squash = (s: string) => s.replace(/\s+/g, '');
const pdfText = (file: string) => squash(execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }));
const pdfPages = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);

/** The sheets the 报表 page previews for a ledger. */
async function previewPages(report: string, query: string): Promise<number> {
  await page.goto('about:blank');
  await page.goto(`${app.base}/#/reports?report=${report}${query ? `&${query}` : ''}`);
  await page.locator(`[data-ready="1"][data-report="${report}"]`).waitFor();
  return page.locator(`[data-ready="1"][data-report="${report}"] .ledger-sheet`).count();
}

/** The print route as a PDF, exactly as the desktop app's 保存为PDF makes it. */
async function printPdf(def: ReportDefinition, query: string, file: string): Promise<number> {
  await page.goto('about:blank');
  await page.goto(`${app.base}/#/print/${def.id}?${query ? `${query}&` : ''}pdf=1`);
  await page.locator(`[data-ready="1"][data-report="${def.id}"]`).waitFor();
  await page.evaluate('document.fonts.ready.then(() => true)');
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ ...chromiumPdfOptions(def.orientation), path: file });
  await page.emulateMedia({ media: 'screen' });
  return pdfPages(file);
}

it('previews every ledger on exactly the pages its PDF has, a long one included', async () => {
  const counts: string[] = [];
  const check = async (def: ReportDefinition, query: string) => {
    const preview = await previewPages(def.id, query);
    const file = path.join(OUT, `${def.id}${query.startsWith('regionId') ? '-long' : ''}.pdf`);
    const printed = await printPdf(def, query, file);
    counts.push(`${def.id}${query ? `?${query}` : ''}: ${preview}/${printed}`);
    expect(preview, `${def.id} ${query}`).toBe(printed);
    // The last page holds the signature; the preview's last sheet says 共 N 页 like the paper's footer.
    expect(squash(execFileSync('pdftotext', ['-f', String(printed), '-l', String(printed), file, '-'], { encoding: 'utf8' }))).toContain(
      `第${printed}页共${printed}页`,
    );
  };
  for (const def of REPORTS) await check(def, def.filters.includes('year') ? 'year=2026' : '');
  // The 两个覆盖统计表 of the demo county fits on one sheet, 合计 and signature included.
  expect(counts.find((c) => c.startsWith('coverage'))).toBe('coverage: 1/1');
  // A long ledger: 700 organizations with long names in one park.
  const region = await app.call<{ id: number }>('regions.create', { name: '青山经济技术开发区北区', kind: 'park' });
  for (let start = 0; start < 700; start += 25) {
    await Promise.all(
      Array.from({ length: 25 }, (_, k) =>
        app.call('orgs.create', {
          name: `青山经济技术开发区北区新能源装备制造有限公司第${start + k + 1}分公司`,
          category: 'nonpublic',
          subtype: 'company',
          regionId: region.id,
          employees: 10 + k,
          formalMembers: k % 5,
        }),
      ),
    );
  }
  await check(REPORTS.find((d) => d.id === 'orgs') as ReportDefinition, `regionId=${region.id}`);
  fs.writeFileSync(path.join(OUT, 'page-counts.txt'), `${counts.join('\n')}\n`);
  execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', '-singlefile', path.join(OUT, 'orgs.pdf'), path.join(OUT, 'orgs')]);
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '50',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    path.join(OUT, 'coverage.pdf'),
    path.join(OUT, 'coverage'),
  ]);
}, 1_200_000);

it('hides the columns the clerk unticks from the preview, the PDF and the .xlsx, remembered after a reload', async () => {
  const def = REPORTS.find((d) => d.id === 'orgs') as ReportDefinition;
  const d = await app.call<ReportData>('reports.rows', { report: 'orgs', filters: {} });
  const uscc = String(d.rows.find((r) => r.uscc)?.uscc);
  await page.setViewportSize({ width: 1366, height: 768 });
  await previewPages('orgs', '');
  await page.getByRole('checkbox', { name: '统一社会信用代码' }).uncheck();
  await page.getByRole('checkbox', { name: '负责人' }).uncheck();
  await page.reload();
  await page.locator('[data-ready="1"][data-report="orgs"]').waitFor();
  await expect.poll(() => page.getByRole('checkbox', { name: '统一社会信用代码' }).isChecked()).toBe(false);
  expect(await page.getByRole('checkbox', { name: '负责人' }).isChecked()).toBe(false);
  expect(await page.getByRole('checkbox', { name: '单位名称' }).isChecked()).toBe(true);
  const header = await page.locator('[data-ready="1"] .ledger-sheet').first().locator('thead th').allTextContents();
  expect(header).toEqual(def.columns.filter((c) => c.key !== 'uscc' && c.key !== 'legalRep').map((c) => c.label));
  // The page as the clerk sees it on a 1366×768 screen (not the whole long preview).
  await page.screenshot({ path: path.join(OUT, 'reports-column-picker.png') });

  // The browser prints the 报表 page itself: only the paper, without the two columns.
  await page.emulateMedia({ media: 'print' });
  const fromPage = path.join(OUT, 'orgs-hidden-page.pdf');
  await page.pdf({ ...chromiumPdfOptions('landscape'), path: fromPage });
  await page.emulateMedia({ media: 'screen' });
  // The desktop app prints the print route with the same choice in its address.
  const fromRoute = path.join(OUT, 'orgs-hidden.pdf');
  await printPdf(def, 'hidden=uscc,legalRep', fromRoute);
  for (const file of [fromPage, fromRoute]) {
    const t = pdfText(file);
    expect(t, file).toContain('单位名称');
    expect(t, file).toContain('序号');
    expect(t, file).not.toContain('统一社会信用代码');
    expect(t, file).not.toContain('负责人');
    expect(t, file).not.toContain(uscc);
  }
  execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', '-singlefile', fromRoute, path.join(OUT, 'orgs-hidden')]);

  // 导出Excel from the same page: the download lacks them too, 序号 still counts 1, 2, 3 …
  await previewPages('orgs', '');
  const download = page.waitForEvent('download');
  await page.keyboard.press('Control+e');
  const saved = path.join(OUT, 'orgs-hidden.xlsx');
  await (await download).saveAs(saved);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(saved);
  const ws = wb.worksheets[0] as ExcelJS.Worksheet;
  const cells: string[] = [];
  ws.eachRow((row) => {
    row.eachCell((c) => {
      cells.push(String(c.value));
    });
  });
  const labels = def.columns.filter((c) => c.key !== 'uscc' && c.key !== 'legalRep').map((c) => c.label);
  const headerAt = cells.indexOf('序号');
  expect(cells.slice(headerAt, headerAt + labels.length)).toEqual(labels);
  expect(cells).not.toContain('统一社会信用代码');
  expect(cells).not.toContain('负责人');
  expect(cells).not.toContain(uscc);
  expect(cells[headerAt + labels.length]).toBe('1');

  // A choice that leaves nothing to print is refused in Chinese.
  const all = def.columns.filter((c) => c.key !== 'seq').map((c) => c.key);
  await expect(app.call('reports.rows', { report: 'orgs', hidden: all })).rejects.toThrow('至少要保留一列');
  await expect(app.call('reports.rows', { report: 'orgs', hidden: ['nope'] })).rejects.toThrow('该台账没有这些列');
}, 200_000);
