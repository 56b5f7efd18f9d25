/**
 * Every ledger's .xlsx, printed by LibreOffice Calc, shows its text without any word drawn over
 * another: Calc keeps the row heights and column widths the file gives (as WPS and Excel do), so a
 * row too low for its wrapped text spills onto the next. Checked on the demo county and on a ledger
 * whose records carry the longest texts the schema allows; `pdftotext -bbox` gives each word's box.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORTS as ALL_REPORTS } from '../../src/shared/reports/definitions';
import { formatCell, type ReportData, type ReportDefinition } from '../../src/shared/reports/types';
import { usccCheckChar } from '../../src/shared/rules/uscc';
import { makeLedger, type TestLedger } from './fixture';

const REPORTS = ALL_REPORTS as readonly ReportDefinition[];
const OUT = path.resolve('test-output/xlsx-overlap');

interface Box {
  page: number;
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Each word's box, page by page, from `pdftotext -bbox`. */
function words(pdf: string): Box[] {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const out: Box[] = [];
  let page = 0;
  for (const m of html.matchAll(/<page |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    if (m[0] === '<page ') {
      page++;
      continue;
    }
    out.push({ page, text: m[5] as string, x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), y1: Number(m[4]) });
  }
  return out;
}

/** Pairs of words whose boxes intersect by more than a hair (boxes of adjacent lines may touch). */
function overlaps(boxes: Box[], eps = 1): string[] {
  const found: string[] = [];
  const sorted = [...boxes].sort((a, b) => a.page - b.page || a.y0 - b.y0);
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i] as Box;
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j] as Box;
      if (b.page !== a.page || b.y0 >= a.y1 - eps) break;
      const dx = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
      const dy = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
      if (dx > eps && dy > eps) found.push(`第${a.page}页：“${a.text}” 压着 “${b.text}”`);
    }
  }
  return found;
}

/** A text of exactly `n` characters mixing Chinese, digits and Latin letters as real notes do. */
function long(n: number, seed = ''): string {
  const base = `${seed}党支部2026年组织开展“三会一课”12次，主题党日活动ABC-3项，整改问题清单第15条已销号；`;
  return base.repeat(Math.ceil(n / base.length)).slice(0, n);
}

const uscc = (n: number) => {
  const first = `91150100MA${String(n).padStart(7, '0')}`;
  return first + usccCheckChar(first);
};

/** A ledger whose every printed text is as long as the schema allows. */
async function fillLongest(t: TestLedger) {
  await t.call('settings.update', {
    reportingUnit: long(100, '中共青山旗委组织部'),
    situations: Array.from({ length: 20 }, (_, i) => long(50, `情形${i + 1}`)),
  });
  const region = await t.call('regions.create', { name: long(50, '乌兰镇'), kind: 'township' });
  const org = (k: number, formalMembers: number) =>
    t.call('orgs.create', {
      name: long(100, `第${k}号单位`),
      uscc: uscc(k),
      category: 'nonpublic',
      subtype: 'sole_proprietorship',
      regionId: region.id,
      legalRep: long(50, '负责人'),
      employees: 100_000,
      formalMembers,
      noPartyReason: long(200, '未建原因'),
      plannedBuildDate: '2026-12-31',
    } as never);
  const orgs = [];
  for (let k = 1; k <= 6; k++) orgs.push(await org(k, k === 6 ? 0 : 99_999));
  const uncovered = orgs[5] as (typeof orgs)[number];
  const covered = orgs.slice(0, 4);
  const party = await t.call('partyOrgs.create', {
    name: long(100, '联合党支部'),
    type: 'branch',
    method: 'joint',
    regionId: region.id,
    secretaryName: long(50, '书记'),
    formalMembers: 99_999,
    probationaryMembers: 1,
    lastElectionDate: '2024-01-01',
    termYears: 3,
    starRating: 5,
    coveredOrgIds: covered.map((o) => o.id),
  } as never);
  for (let k = 0; k < 5; k++) {
    const ins = await t.call('instructors.create', {
      name: long(50, `指导员${k + 1}`),
      unit: long(100, '旗委组织部'),
      post: long(50, '科长'),
      phone: '0477-8123456',
      fullTime: true,
      appointedDate: '2025-01-01',
    } as never);
    for (const o of orgs.slice(0, 5))
      await t.call('instructors.assign', { instructorId: ins.id, orgId: o.id, fromDate: '2025-01-01' } as never);
  }
  await t.call('ratings.set', { partyOrgId: party.id, year: 2026, stars: 5, assessedDate: '2026-01-15' });
  await t.call('classes.set', { year: 2026, partyOrgIds: [party.id], class: 'brand' } as never);
  const settings = await t.call('settings.get', {});
  const c = await t.call('cases.create', {
    partyOrgId: party.id,
    year: 2026,
    date: '2026-02-01',
    situations: settings.situations.slice(0, 20),
    problems: long(2000, '主要问题'),
  } as never);
  await t.call('cases.act', {
    id: c.id,
    date: '2026-02-10',
    action: 'plan',
    plan: {
      measures: long(2000, '整顿措施'),
      goal: long(1000, '目标'),
      responsible: long(100, '责任人'),
      deadline: '2026-05-31',
      leaderCounty: long(50, '包联领导'),
      instructorName: long(50, '第一书记'),
    },
  } as never);
  await t.call('cases.act', { id: c.id, date: '2026-03-01', action: 'progress', note: long(2000, '最新进展') } as never);
  await t.call('cases.act', { id: c.id, date: '2026-05-30', action: 'accept', score: 99.5, passed: true, opinion: long(100) } as never);
  // 1+N 网格: the longest names in both grid ledgers, one grid with every organization, four without an instructor.
  const branch = await t.call('partyOrgs.create', {
    name: long(100, '区域党支部'),
    type: 'branch',
    method: 'regional',
    regionId: region.id,
    coveredOrgIds: [orgs[4]?.id],
  } as never);
  const [instructor] = await t.call('instructors.list', {});
  await t.call('grids.create', {
    partyOrgId: branch.id,
    name: long(50, '网格1'),
    instructorId: instructor?.id,
    contactCards: true,
    orgIds: orgs.map((o) => o.id),
  } as never);
  for (let k = 2; k <= 5; k++) await t.call('grids.create', { partyOrgId: branch.id, name: long(50, `网格${k}`) } as never);
  await t.call('activities.create', {
    partyOrgId: party.id,
    kind: 'review',
    date: '2026-03-15',
    topic: long(200, '活动主题'),
    expected: 100_000,
    attendance: 100_000,
    place: long(100, '活动地点'),
  });
  return { uncovered };
}

let demo: TestLedger;
let longest: TestLedger;
const data = new Map<string, ReportData>();
const pdfs = new Map<string, string>();

beforeAll(async () => {
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  demo = await makeLedger({ demo: 'loaded' });
  longest = await makeLedger();
  await fillLongest(longest);
  const files: string[] = [];
  for (const [set, t] of [
    ['demo', demo],
    ['longest', longest],
  ] as const) {
    for (const r of REPORTS) {
      const filters = r.filters.includes('year') ? { year: 2026 } : {};
      const name = `${set}-${r.id}`;
      data.set(name, await t.call('reports.rows', { report: r.id as 'orgs', filters }));
      const x = await t.call('reports.xlsx', { report: r.id as 'orgs', filters });
      const file = path.join(OUT, `${name}.xlsx`);
      fs.writeFileSync(file, Buffer.from(x.base64, 'base64'));
      files.push(file);
      pdfs.set(name, path.join(OUT, `${name}.pdf`));
    }
  }
  // One soffice run for all twenty files: starting LibreOffice is most of the cost.
  execFileSync(
    'soffice',
    [`-env:UserInstallation=file://${path.join(demo.dir, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', OUT, ...files],
    { stdio: 'ignore', timeout: 240_000 },
  );
}, 300_000);

afterAll(async () => {
  await demo?.close();
  await longest?.close();
});

const squash = (s: string) => s.replace(/\s+/g, '');

describe.each(['demo', 'longest'])('%s', (set) => {
  it.each(REPORTS.map((r) => [r.id]))('%s: no word printed over another', (id) => {
    const pdf = pdfs.get(`${set}-${id}`) as string;
    const boxes = words(pdf);
    expect(boxes.length).toBeGreaterThan(20);
    expect(overlaps(boxes)).toEqual([]);
  });
});

// Calc draws one-line cells before wrapped ones, so the text is not in row order; each cell's text must be there whole.
it.each(REPORTS.map((r) => [r.id]))('demo %s: every cell printed whole', (id) => {
  const d = data.get(`demo-${id}`) as ReportData;
  const flat = squash(execFileSync('pdftotext', ['-raw', pdfs.get(`demo-${id}`) as string, '-'], { encoding: 'utf8' }));
  const missing: string[] = [];
  for (const row of d.totals ? [...d.rows, d.totals] : d.rows) {
    for (const c of d.columns) {
      const want = squash(formatCell(c.format, row[c.key] ?? null));
      if (!flat.includes(want)) missing.push(`${c.label}：${want}`);
    }
  }
  expect(missing).toEqual([]);
});
