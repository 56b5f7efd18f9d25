/**
 * Every ledger on the demo county: the rows match the definition, the .xlsx holds exactly those
 * rows as typed cells with the print setup a clerk needs, and LibreOffice opens it to the same text.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/main/core/import/read';
import { REPORTS as ALL_REPORTS } from '../../src/shared/reports/definitions';
import { type Cell, formatCell, type ReportData, type ReportDefinition, type ReportRow } from '../../src/shared/reports/types';

const REPORTS = ALL_REPORTS as readonly ReportDefinition[];

import { COVERAGE_STATUSES, FORMATION_METHODS, labelOf, ORG_SUBTYPES, PARTY_ORG_TYPES } from '../../src/shared/domain/codes';
import { formatRatio } from '../../src/shared/rules/coverage';
import { makeLedger, type TestLedger } from './fixture';

let t: TestLedger;
const data = new Map<string, ReportData>();
const files = new Map<string, string>();

beforeAll(async () => {
  t = await makeLedger({ demo: 'loaded' });
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
    for (const row of d.rows) expect(Object.keys(row).sort()).toEqual(def.columns.map((c) => c.key).sort());
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
    // A header too wide for its column puts its unit on a line of its own: “两新组织\n（家）”.
    const labels = def.columns.map((_, i) => String(ws.getCell(headerRow, i + 1).value).replace('\n', ''));
    expect(labels).toEqual(def.columns.map((c) => c.label));
    const body = d.totals ? [...d.rows, d.totals] : d.rows;
    const read = body.map((_, r) =>
      Object.fromEntries(def.columns.map((c, i) => [c.key, fromExcel(ws.getCell(headerRow + 1 + r, i + 1).value, c.format)])),
    );
    expect(read).toEqual(body.map((row) => Object.fromEntries(def.columns.map((c) => [c.key, row[c.key] === '' ? null : row[c.key]]))));
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
  const totals = d.totals as ReportRow;
  const col = (key: string) => totals[key];
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
  const subtotals = d.rows.filter((r) => r.category === '小计');
  expect(subtotals.reduce((s, r) => s + (r.inScope as number), 0)).toBe(stats.county.inScope);
});

/** The ledger row whose `name` column is `name`. */
function rowNamed(d: ReportData, name: string): ReportRow {
  const row = d.rows.find((r) => r.name === name);
  if (!row) throw new Error(`${d.report}: no row named ${name}`);
  return row;
}

// Each keyed cell against the record as the services give it (not the report code): a swap of any two
// columns, e.g. 从业人员 and 正式党员, fails here.
it('两新组织党建工作台账: every cell sits under its own column', async () => {
  const d = data.get('orgs') as ReportData;
  const ids = (await t.rows<{ id: number }>(sql`SELECT id FROM orgs WHERE deleted_at IS NULL ORDER BY id`)).map((r) => r.id);
  let differ = 0;
  let withInstructor = 0;
  for (const id of ids) {
    const o = await t.call('orgs.get', { id });
    const row = rowNamed(d, o.name);
    expect(row.uscc).toBe(o.uscc);
    expect(row.subtype).toBe(labelOf(ORG_SUBTYPES, o.subtype));
    expect(row.region).toBe(o.regionName);
    expect(row.legalRep).toBe(o.legalRep);
    expect(row.employees, o.name).toBe(o.employees);
    expect(row.formalMembers, o.name).toBe(o.formalMembers);
    expect(row.coverage).toBe(labelOf(COVERAGE_STATUSES, o.coverage));
    expect(row.partyOrg).toBe(o.partyOrg?.name ?? null);
    const names = o.assignments.filter((a) => a.active).map((a) => a.instructorName);
    expect(row.instructors === null ? [] : String(row.instructors).split('、'), o.name).toEqual(names);
    if (o.employees !== o.formalMembers) differ++;
    if (names.length > 0) withInstructor++;
  }
  expect(differ).toBeGreaterThan(100);
  expect(withInstructor).toBeGreaterThan(10);
});

it('党组织台账 and 整顿台账: every cell sits under its own column', async () => {
  const parties = data.get('partyOrgs') as ReportData;
  const ids = (await t.rows<{ id: number }>(sql`SELECT id FROM party_orgs WHERE deleted_at IS NULL ORDER BY id`)).map((r) => r.id);
  for (const id of ids) {
    const p = await t.call('partyOrgs.get', { id });
    const row = rowNamed(parties, p.name);
    expect(row.type).toBe(labelOf(PARTY_ORG_TYPES, p.type));
    expect(row.method).toBe(labelOf(FORMATION_METHODS, p.method));
    expect(row.region).toBe(p.regionName);
    expect(row.secretary).toBe(p.secretaryName);
    expect(row.members, p.name).toBe(p.formalMembers + p.probationaryMembers);
    expect(row.lastElection).toBe(p.lastElectionDate);
    expect(row.electionDue).toBe(p.electionDue);
    expect(row.stars).toBe(p.starRating);
    expect(row.covered).toBe(p.coveredOrgs.map((c) => c.name).join('、'));
  }
  const cases = data.get('cases') as ReportData;
  // 2026's cases and the earlier ones still open or delisted in 2026.
  const caseIds = (
    await t.rows<{ id: number }>(
      sql`SELECT id FROM cases WHERE year = 2026 OR (year < 2026 AND (state <> 'delisted' OR delisted_date >= '2026-01-01')) ORDER BY id`,
    )
  ).map((r) => r.id);
  expect(caseIds.length).toBe(cases.rows.length);
  for (const id of caseIds) {
    const c = await t.call('cases.get', { id });
    const row = rowNamed(cases, c.partyOrgName);
    expect(row.region).toBe(c.regionName);
    expect(row.secretary).toBe(c.secretaryName);
    expect(row.members).toBe(c.members);
    expect(row.instructor).toBe(c.instructorName);
    expect(row.acceptScore).toBe(c.acceptScore);
    expect(row.situations).toBe(c.situations.join('、'));
    expect(row.problems).toBe(c.problems);
    expect(row.measures).toBe(c.measures);
    expect(row.leader).toBe(c.leaderCountyTitle ? `${c.leaderCounty}（${c.leaderCountyTitle}）` : c.leaderCounty);
    expect(row.identifiedYear).toBe(c.year);
    expect(row.deadline).toBe(c.deadline);
    expect(row.accepted).toBe(c.acceptedDate);
    expect(row.delisted).toBe(c.delistedDate);
  }
});

it('a region filter is applied and named in the title block', async () => {
  const regions = await t.call('regions.list', {});
  const region = regions[1] as (typeof regions)[number];
  const d = await t.call('reports.rows', { report: 'orgs', filters: { regionId: region.id } });
  expect(d.filterText).toEqual([`属地：${region.name}`]);
  expect(d.rows.length).toBe(region.orgCount);
  expect(new Set(d.rows.map((r) => r.region))).toEqual(new Set([region.name]));
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
    expect(got, def.id).toEqual(body.map((row) => d.columns.map((c) => formatCell(c.format, row[c.key] ?? null))));
  }
}, 180_000);
