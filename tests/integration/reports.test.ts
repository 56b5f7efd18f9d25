/**
 * Every ledger on the demo county: the rows match the definition, the .xlsx holds exactly those
 * rows as typed cells with the print setup a clerk needs, and LibreOffice opens it to the same text.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/main/core/import/read';
import { demoSeedPath, loadSeed, readSeedFile } from '../../src/main/core/seed';
import { REPORTS as ALL_REPORTS } from '../../src/shared/reports/definitions';
import { type Cell, formatCell, type ReportData, type ReportDefinition } from '../../src/shared/reports/types';

const REPORTS = ALL_REPORTS as readonly ReportDefinition[];

import { formatRatio } from '../../src/shared/rules/coverage';
import { makeLedger, type TestLedger } from './fixture';

let t: TestLedger;
const data = new Map<string, ReportData>();
const files = new Map<string, string>();

beforeAll(async () => {
  t = await makeLedger();
  await loadSeed(t.ctx, readSeedFile(demoSeedPath()));
  for (const r of REPORTS) {
    const filters = r.filters.includes('year') ? { year: 2026 } : {};
    data.set(r.id, await t.call('reports.rows', { report: r.id as 'orgs', filters }));
    const x = await t.call('reports.xlsx', { report: r.id as 'orgs', filters });
    const file = path.join(t.dir, `${r.id}.xlsx`);
    fs.writeFileSync(file, Buffer.from(x.base64, 'base64'));
    files.set(r.id, file);
    expect(x.fileName).toBe(`${r.title}（2026-06-30）.xlsx`);
  }
});

afterAll(async () => {
  await t.close();
});

/** An Excel cell value back in the ledger's terms (dates as YYYY-MM-DD, percentages as 0–100). */
function fromExcel(v: ExcelJS.CellValue, format: string | undefined): Cell {
  if (v == null) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (format === 'percent' && typeof v === 'number') return Math.round(v * 1_000_000) / 10_000;
  return v as Cell;
}

describe.each(REPORTS.map((r) => [r.id, r] as const))('%s', (id, def) => {
  it('has rows shaped like its definition', () => {
    const d = data.get(id) as ReportData;
    expect(d.title).toBe(def.title);
    expect(d.columns.map((c) => c.key)).toEqual(def.columns.map((c) => c.key));
    expect(d.rows.length).toBeGreaterThan(0);
    for (const row of d.rows) expect(row).toHaveLength(def.columns.length);
    expect(d.reportingUnit).toBe('中共青山旗委组织部');
  });

  it('writes an .xlsx with the same rows, typed, ready to print', async () => {
    const d = data.get(id) as ReportData;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(files.get(id) as string);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(ws.getCell(1, 1).value).toBe(d.title);
    expect(ws.getCell(2, 1).value).toContain(`统计截至日期：${d.asOf}`);
    const headerRow = (ws.views[0] as { ySplit?: number } | undefined)?.ySplit as number;
    expect(ws.views[0]?.state).toBe('frozen');
    expect(ws.pageSetup.printTitlesRow).toBe(`${headerRow}:${headerRow}`);
    expect(ws.pageSetup.orientation).toBe(def.orientation);
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.fitToWidth).toBe(1);
    expect(ws.pageSetup.fitToHeight).toBe(0);
    expect(ws.headerFooter.oddFooter).toContain('第 &P 页 共 &N 页');
    const labels = def.columns.map((_, i) => ws.getCell(headerRow, i + 1).value);
    expect(labels).toEqual(def.columns.map((c) => c.label));
    const body = d.totals ? [...d.rows, d.totals] : d.rows;
    const read = body.map((_, r) => def.columns.map((c, i) => fromExcel(ws.getCell(headerRow + 1 + r, i + 1).value, c.format)));
    expect(read).toEqual(body.map((row) => row.map((v) => (v === '' ? null : v))));
    // Numbers are numbers and dates are dates, not text.
    def.columns.forEach((c, i) => {
      const cells = body.map((_, r) => ws.getCell(headerRow + 1 + r, i + 1).value).filter((v) => v != null);
      if (c.format === 'int' || c.format === 'percent') for (const v of cells) expect(typeof v).toBe('number');
      if (c.format === 'date') for (const v of cells) expect(v).toBeInstanceOf(Date);
    });
  });
});

it('两个覆盖统计表: the 合计 row equals the overview’s county figures', async () => {
  const d = data.get('coverage') as ReportData;
  const stats = await t.call('stats.coverage', {});
  const totals = d.totals as Cell[];
  const col = (key: string) => totals[d.columns.findIndex((c) => c.key === key)];
  expect(col('inScope')).toBe(stats.county.inScope);
  expect(col('single')).toBe(stats.county.single);
  expect(
    formatRatio({
      numerator: stats.county.single + stats.county.shared,
      denominator: stats.county.inScope,
      rate: col('orgCoverage') as number,
    }),
  ).toBe(formatRatio(stats.county.orgCoverage));
  // Region subtotals add up to the total.
  const subtotals = d.rows.filter((r) => r[1] === '小计');
  expect(subtotals.reduce((s, r) => s + (r[2] as number), 0)).toBe(stats.county.inScope);
});

it('a region filter is applied and named in the title block', async () => {
  const regions = await t.call('regions.list', {});
  const region = regions[1] as (typeof regions)[number];
  const d = await t.call('reports.rows', { report: 'orgs', filters: { regionId: region.id } });
  expect(d.filterText).toEqual([`属地：${region.name}`]);
  expect(d.rows.length).toBe(region.orgCount);
  expect(new Set(d.rows.map((r) => r[4]))).toEqual(new Set([region.name]));
});

it('LibreOffice opens every .xlsx to the same text as the ledger rows', () => {
  const out = path.join(t.dir, 'csv');
  fs.mkdirSync(out);
  const profile = path.join(t.dir, 'lo-profile');
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${profile}`,
      '--headless',
      '--convert-to',
      'csv:Text - txt - csv (StarCalc):44,34,76',
      '--outdir',
      out,
      ...files.values(),
    ],
    { stdio: 'ignore', timeout: 120_000 },
  );
  for (const def of REPORTS) {
    const d = data.get(def.id) as ReportData;
    const csv = parseCsv(fs.readFileSync(path.join(out, `${def.id}.csv`), 'utf8'));
    const header = csv.findIndex((r) => r[0] === def.columns[0]?.label);
    expect(header, def.id).toBeGreaterThan(0);
    expect(csv[0]?.[0]).toBe(d.title);
    const body = d.totals ? [...d.rows, d.totals] : d.rows;
    const got = csv.slice(header + 1, header + 1 + body.length);
    expect(got, def.id).toEqual(body.map((row) => row.map((v, i) => formatCell(d.columns[i]?.format, v))));
  }
}, 180_000);
