/**
 * Every ledger printed from its print route with the page settings Electron uses, on the demo county:
 * the PDF's text holds exactly the rows of `reports.rows`, in order; a 2,000-row ledger repeats its
 * header and numbers its pages 第 X 页 共 Y 页 on every page. PNGs of each first page are kept.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REPORTS as ALL_REPORTS } from '../../src/shared/reports/definitions';
import { chromiumPdfOptions } from '../../src/shared/reports/page';
import { type Cell, formatCell, type ReportData, type ReportDefinition, type ReportRow } from '../../src/shared/reports/types';
import { type App, startApp } from './harness';

const REPORTS = ALL_REPORTS as readonly ReportDefinition[];
const OUT = path.resolve('test-output/e2e/reports');
let app: App;
let page: Page;

beforeAll(async () => {
  app = await startApp('reports');
  page = app.page;
});

afterAll(async () => {
  await app?.close();
});

const call = <T>(channel: string, input: unknown) => app.call<T>(channel, input);

/** Prints the ledger's route to a PDF exactly as the desktop app's 保存为PDF does. */
async function printPdf(def: ReportDefinition, query: string, file: string) {
  // A fresh load: a hash change alone would leave the previous ledger (also data-ready) on screen.
  await page.goto('about:blank');
  await page.goto(`${app.base}/#/print/${def.id}?${query}&pdf=1`);
  await page.locator(`[data-ready="1"][data-report="${def.id}"]`).waitFor();
  // Wait for the CJK fonts before Chromium lays out the pages.
  await page.evaluate('document.fonts.ready.then(() => true)');
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ ...chromiumPdfOptions(def.orientation), path: file });
  await page.emulateMedia({ media: 'screen' });
}

const squash = (s: string) => s.replace(/\s+/g, '');
const text = (file: string, ...args: string[]) => execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8' });
const pages = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);

/** Each row's cells, in order, as one run of text; rows in ledger order. Returns the rows not found. */
function missingRows(pdfText: string, d: ReportData): string[] {
  const flat = squash(pdfText);
  const missing: string[] = [];
  let from = 0;
  for (const row of d.totals ? [...d.rows, d.totals] : d.rows) {
    const cells = d.columns.map((c) => formatCell(c.format, row[c.key] ?? null));
    const want = squash(cells.join(''));
    const at = flat.indexOf(want, from);
    if (at < 0) missing.push(cells.join(' | '));
    else from = at + want.length;
  }
  return missing;
}

/** The .xlsx twin's data rows as the texts its cells show (dates and percentages formatted as on paper). */
async function xlsxRows(report: string, filters: unknown, columns: ReportData['columns']): Promise<ReportRow[]> {
  const x = await call<{ base64: string }>('reports.xlsx', { report, filters });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(x.base64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.worksheets[0] as ExcelJS.Worksheet;
  const header = (ws.views[0] as { ySplit?: number }).ySplit as number;
  const out: ReportRow[] = [];
  for (let r = header + 1; r <= ws.rowCount; r++) {
    const cells = columns.map((c, i): Cell => {
      const v = ws.getCell(r, i + 1).value;
      if (v instanceof Date) return v.toISOString().slice(0, 10);
      if (c.format === 'percent' && typeof v === 'number') return Math.round(v * 1_000_000) / 10_000;
      return (v ?? null) as Cell;
    });
    if (cells.every((v) => v === null)) break; // the blank line before the signature
    out.push(Object.fromEntries(columns.map((c, i) => [c.key, cells[i] ?? null])));
  }
  return out;
}

it('prints every ledger with exactly its rows, title block and signature line', async () => {
  fs.mkdirSync(OUT, { recursive: true });
  for (const def of REPORTS) {
    const query = def.filters.includes('year') ? 'year=2026' : '';
    const d = await call<ReportData>('reports.rows', { report: def.id, filters: def.filters.includes('year') ? { year: 2026 } : {} });
    const file = path.join(OUT, `${def.id}.pdf`);
    await printPdf(def, query, file);
    const raw = text(file, '-raw');
    expect(missingRows(raw, d), def.id).toEqual([]);
    // Paper and Excel agree cell for cell: the .xlsx rows, as their cells show, are the PDF's rows.
    const fromXlsx = await xlsxRows(def.id, def.filters.includes('year') ? { year: 2026 } : {}, d.columns);
    expect(fromXlsx.length, def.id).toBe(d.rows.length + (d.totals ? 1 : 0));
    expect(missingRows(raw, { ...d, rows: fromXlsx, totals: null }), def.id).toEqual([]);
    const first = text(file, '-f', '1', '-l', '1', '-layout');
    expect(first, def.id).toContain(def.title);
    expect(squash(first)).toContain(squash(`填报单位：${d.reportingUnit}`));
    expect(squash(first)).toContain(squash(`统计截至日期：${d.asOf}`));
    const n = pages(file);
    expect(squash(text(file, '-f', String(n), '-l', String(n)))).toContain('填报人：');
    expect(squash(text(file, '-f', String(n), '-l', String(n)))).toContain(`第${n}页共${n}页`);
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', file, path.join(OUT, def.id)]);
  }
}, 900_000);

it('a ledger of 2,000+ rows repeats its header and numbers every page', async () => {
  const region = await call<{ id: number; name: string }>('regions.create', { name: '测试园区', kind: 'park' });
  const N = 2050;
  for (let start = 0; start < N; start += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, N - start) }, (_, k) =>
        call('orgs.create', {
          name: `测试物流有限公司${String(start + k + 1).padStart(4, '0')}`,
          category: 'nonpublic',
          subtype: 'company',
          regionId: region.id,
          employees: 10 + ((start + k) % 90),
          formalMembers: (start + k) % 5,
        }),
      ),
    );
  }
  const def = REPORTS.find((r) => r.id === 'orgs') as ReportDefinition;
  const d = await call<ReportData>('reports.rows', { report: 'orgs', filters: { regionId: region.id } });
  expect(d.rows).toHaveLength(N);
  const file = path.join(OUT, 'orgs-2000.pdf');
  await printPdf(def, `regionId=${region.id}`, file);
  const n = pages(file);
  expect(n).toBeGreaterThan(20);
  for (let i = 1; i <= n; i++) {
    // -raw keeps each header cell whole (a wrapped label such as 从业/人员 interleaves in -layout).
    const p = squash(text(file, '-f', String(i), '-l', String(i), '-raw'));
    expect(p, `page ${i}`).toContain(squash(def.columns.map((c) => c.label).join('')));
    expect(p, `page ${i}`).toContain(`第${i}页共${n}页`);
  }
  expect(missingRows(text(file, '-raw'), d)).toEqual([]);
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '2', '-l', '2', '-singlefile', file, path.join(OUT, 'orgs-2000-page2')]);
}, 300_000);

it('the 报表 page previews a ledger, filters it and exports the .xlsx', async () => {
  await page.goto(`${app.base}/#/reports?report=coverage`);
  await page.locator('[data-ready="1"]').waitFor();
  await app.snap('reports-coverage');
  await page.getByLabel('台账').first().click();
  await page.getByRole('option', { name: '软弱涣散基层党组织整顿台账' }).click();
  await page.locator('[data-report="cases"]').waitFor();
  const download = page.waitForEvent('download');
  await page.keyboard.press('Control+e');
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^软弱涣散基层党组织整顿台账（\d{4}-\d{2}-\d{2}）\.xlsx$/);
  const saved = path.join(OUT, 'cases-download.xlsx');
  await file.saveAs(saved);
  expect(fs.readFileSync(saved).subarray(0, 2).toString()).toBe('PK');
  await app.snap('reports-cases');
});
