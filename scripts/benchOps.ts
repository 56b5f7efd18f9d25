/**
 * How the ledger keeps up as it grows: times the list, search and statistics channels on 1,000 and
 * 100,000 organizations in the same run and prints the figures and their ratio. Not a test: the
 * machines are shared and noisy, so read the numbers, don't assert on them.
 *
 *   npm run bench            # 1,000 vs 100,000
 *   npm run bench -- 20000   # 1,000 vs 20,000
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Ctx, createContext } from '../src/main/core/context';
import { openLedger } from '../src/main/core/db';
import { reportRows } from '../src/main/core/reports/rows';
import { writeReportXlsx } from '../src/main/core/reports/xlsx';
import { dispatch as dispatchAs, type Transport } from '../src/main/handlers';
import { writeOrgSheet } from '../tests/hostile/corpus';
import { testSession } from '../tests/integration/helpers/sessions';
import { fillLedger } from './benchLedger';
import { printFigures } from './benchPrint';

const big = Number(process.argv[2] ?? 100_000);

const signed: Transport = {};
/** Every channel needs a signed-in caller now; the bench calls as one. */
const dispatch = (ctx: Ctx, channel: string, input: unknown) => dispatchAs(ctx, channel, input, undefined, signed);

async function build(n: number): Promise<{ ctx: Ctx; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-bench-'));
  const ledger = await openLedger(path.join(dir, 'ledger.sqlite'));
  const ctx = createContext(ledger, { today: () => '2026-06-30' });
  // Timed as the 县级经办 who sees the whole county (the session check is part of every call).
  signed.sessionId = await testSession(ctx, 'county', [], 0);
  await fillLedger(ledger.db, n);
  return { ctx, dir };
}

async function time(ctx: Ctx, channel: string, input: unknown, runs = 5): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = await dispatch(ctx, channel, input);
    samples.push(performance.now() - t0);
    if (!r.ok) throw new Error(r.error.message);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] as number;
}

/** A clerk saves one organization and the list comes back: the index is patched, not rebuilt. */
async function editThenList(ctx: Ctx): Promise<number> {
  const samples: number[] = [];
  for (let i = 1; i <= 5; i++) {
    const fields = { name: `修改后的名称${i}`, category: 'nonpublic', subtype: 'company', regionId: 1, formalMembers: i };
    const t0 = performance.now();
    const u = await dispatch(ctx, 'orgs.update', { id: i * 7, fields });
    const r = await dispatch(ctx, 'orgs.list', { limit: 50 });
    samples.push(performance.now() - t0);
    if (!u.ok || !r.ok) throw new Error('edit failed');
  }
  samples.sort((a, b) => a - b);
  return samples[2] as number;
}

/** Another process (a second server, a script) saves one organization; this one's next list notices it. */
async function otherProcessThenList(ctx: Ctx): Promise<number> {
  const other = createContext(await openLedger(ctx.ledger.file), { today: () => '2026-06-30' });
  const samples: number[] = [];
  for (let i = 1; i <= 3; i++) {
    const fields = { name: `另一进程改的名称${i}`, category: 'nonpublic', subtype: 'company', regionId: 1, formalMembers: i };
    const u = await dispatch(other, 'orgs.update', { id: i * 11, fields });
    const t0 = performance.now();
    const r = await dispatch(ctx, 'orgs.list', { limit: 50 });
    samples.push(performance.now() - t0);
    if (!u.ok || !r.ok) throw new Error('edit failed');
  }
  await other.ledger.close();
  samples.sort((a, b) => a - b);
  return samples[1] as number;
}

async function importRows(ctx: Ctx, rows: number): Promise<number> {
  const lines = ['单位名称,组织类型,所属属地,从业人员数'];
  for (let i = 0; i < rows; i++) lines.push(`导入测试公司${i},非公企业（公司）,第${(i % 12) + 1}镇,${i % 90}`);
  const base64 = Buffer.from(lines.join('\n'), 'utf8').toString('base64');
  const t0 = performance.now();
  const p = await dispatch(ctx, 'import.preview', { kind: 'orgs', fileName: 'bench.csv', base64 });
  if (!p.ok) throw new Error(p.error.message);
  const c = await dispatch(ctx, 'import.commit', { id: (p.data as { id: string }).id });
  if (!c.ok) throw new Error(c.error.message);
  return performance.now() - t0;
}

/** The whole 两新组织党建工作台账 to an .xlsx file, as the desktop app saves it: seconds and peak memory (sampled). */
async function exportLedger(
  ctx: Ctx,
  dir: string,
): Promise<{ rows: number; ms: number; cpuMs: number; peakMb: number; baseMb: number; fileMb: number }> {
  const mb = () => process.memoryUsage().rss / 1024 / 1024;
  global.gc?.();
  const baseMb = mb();
  let peakMb = baseMb;
  const sampler = setInterval(() => {
    peakMb = Math.max(peakMb, mb());
  }, 20);
  const file = path.join(dir, 'orgs.xlsx');
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const data = await reportRows(ctx, 'orgs', {});
  await writeReportXlsx(data, file);
  const ms = performance.now() - t0;
  // CPU time too: on a shared, busy machine the wall clock says more about the neighbours.
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  peakMb = Math.max(peakMb, mb());
  return {
    rows: data.rows.length,
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakMb,
    baseMb,
    fileMb: fs.statSync(file).size / 1024 / 1024,
  };
}

async function measure(n: number) {
  const t0 = performance.now();
  const { ctx, dir } = await build(n);
  const buildMs = performance.now() - t0;
  const first = performance.now();
  await dispatch(ctx, 'orgs.list', { limit: 50 });
  const coldMs = performance.now() - first;
  const figures = {
    '首次列表（建索引）': coldMs,
    '翻页 第100页': await time(ctx, 'orgs.list', { offset: 4950, limit: 50 }),
    '名称搜索 “民政”': await time(ctx, 'orgs.list', { query: '民政', limit: 50 }),
    '拼音首字母 “mzyh”': await time(ctx, 'orgs.list', { query: 'mzyh', limit: 50 }),
    '筛选 应建未建 + 属地': await time(ctx, 'orgs.list', { flag: 'should_build', regionId: 3, limit: 50 }),
    按名称排序: await time(ctx, 'orgs.list', { sort: 'name', limit: 50 }, 3),
    两个覆盖统计: await time(ctx, 'stats.coverage', {}),
    修改一个组织后列表: await editThenList(ctx),
    另一进程修改后列表: await otherProcessThenList(ctx),
    '两新组织台账 行': await time(ctx, 'reports.rows', { report: 'orgs', filters: { regionId: 3 } }, 3),
    '两个覆盖统计表 xlsx': await time(ctx, 'reports.xlsx', { report: 'coverage', filters: {} }, 3),
    '导入 1,000 行（预览+写入）': await importRows(ctx, 1000),
  };
  // A township's whole sheet at once, into the big ledger only.
  const import10k = n > 1000 ? await importRows(ctx, 10_000) : 0;
  await ctx.ledger.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { buildMs, figures, import10k };
}

/**
 * The export of the big ledger in a child process of its own, which only opens the ledger and
 * exports it, as the app does: its peak memory (VmHWM) is the export's, not this script's.
 */
const EXPORT_CHILD = '--export-child';
if (process.argv[2] === EXPORT_CHILD) {
  const { ctx, dir } = await build(Number(process.argv[3]));
  await ctx.ledger.close();
  const ledger = await openLedger(path.join(dir, 'ledger.sqlite'));
  const x = await exportLedger(createContext(ledger, { today: () => '2026-06-30' }), dir);
  const hwm = Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1]) / 1024;
  await ledger.close();
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(JSON.stringify({ ...x, peakMb: Math.max(x.peakMb, hwm) }));
  process.exit(0);
}
function exportFigures(n: number): Awaited<ReturnType<typeof exportLedger>> {
  const out = execFileSync(process.execPath, [...process.execArgv, process.argv[1] as string, EXPORT_CHILD, String(n)], {
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').at(-1) as string);
}

/**
 * A clerk's 100,000-row .xlsx previewed and committed into an empty ledger, in a child process of
 * its own so its peak memory (VmHWM) is the import's alone; the bytes go in as base64, as the HTTP
 * body and IPC carry them.
 */
const IMPORT_CHILD = '--import-child';
const peakMb = () => Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1]) / 1024;
async function importChild(file: string) {
  const { ctx, dir } = await build(0);
  const base64 = fs.readFileSync(file).toString('base64');
  const t0 = performance.now();
  const p = await dispatch(ctx, 'import.preview', { kind: 'orgs', fileName: path.basename(file), base64 });
  if (!p.ok) throw new Error(p.error.message);
  const t1 = performance.now();
  const previewMb = peakMb();
  const c = await dispatch(ctx, 'import.commit', { id: (p.data as { id: string }).id });
  if (!c.ok) throw new Error(c.error.message);
  const t2 = performance.now();
  const cpu = process.cpuUsage();
  await ctx.ledger.close();
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(
    JSON.stringify({
      previewS: (t1 - t0) / 1000,
      commitS: (t2 - t1) / 1000,
      created: (c.data as { created: number }).created,
      previewMb,
      peakMb: peakMb(),
      cpuS: (cpu.user + cpu.system) / 1e6,
    }),
  );
}
if (process.argv[2] === IMPORT_CHILD) {
  await importChild(process.argv[3] as string);
  process.exit(0);
}

async function importXlsxFigures(rows: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-bench-'));
  const file = path.join(dir, `名册${rows}.xlsx`);
  await writeOrgSheet(
    file,
    rows,
    Array.from({ length: 12 }, (_, r) => `第${r + 1}镇`),
  );
  const out = execFileSync(process.execPath, [...process.execArgv, process.argv[1] as string, IMPORT_CHILD, file], { encoding: 'utf8' });
  const mb = fs.statSync(file).size / 1024 / 1024;
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    mb,
    ...(JSON.parse(out.trim().split('\n').at(-1) as string) as {
      previewS: number;
      commitS: number;
      created: number;
      previewMb: number;
      peakMb: number;
      cpuS: number;
    }),
  };
}

const small = await measure(1000);
const large = await measure(big);
console.log(`造数：1,000 个组织 ${small.buildMs.toFixed(0)} ms；${big.toLocaleString()} 个组织 ${large.buildMs.toFixed(0)} ms\n`);
console.log(`${'操作'.padEnd(16)}${'1,000'.padStart(12)}${big.toLocaleString().padStart(12)}${'倍数'.padStart(8)}`);
Object.entries(large.figures).forEach(([name, ms]) => {
  const base = small.figures[name as keyof typeof small.figures];
  console.log(
    `${name.padEnd(16)}${`${base.toFixed(1)} ms`.padStart(12)}${`${ms.toFixed(1)} ms`.padStart(12)}${`${(ms / base).toFixed(1)}×`.padStart(8)}`,
  );
});
{
  const x = exportFigures(big);
  console.log(
    `\n导出 两新组织党建工作台账 ${x.rows.toLocaleString()} 行为 .xlsx（流式写入文件）：${(x.ms / 1000).toFixed(1)} s（CPU ${(x.cpuMs / 1000).toFixed(1)} s），` +
      `内存峰值 ${x.peakMb.toFixed(0)} MB（导出前 ${x.baseMb.toFixed(0)} MB），文件 ${x.fileMb.toFixed(1)} MB`,
  );
}
console.log(`\n导入 10,000 行到 ${big.toLocaleString()} 个组织的台账（预览+写入，一个事务）：${large.import10k.toFixed(0)} ms`);
const big100k = await importXlsxFigures(100_000);
console.log(
  `导入 100,000 行 .xlsx（${big100k.mb.toFixed(1)} MB）到空台账：预览 ${big100k.previewS.toFixed(1)} s，写入 ${big100k.commitS.toFixed(1)} s（新增 ${big100k.created}；CPU 共 ${big100k.cpuS.toFixed(1)} s），进程峰值内存：预览后 ${big100k.previewMb.toFixed(0)} MB，写入后 ${big100k.peakMb.toFixed(0)} MB`,
);

// Paper: a 2,000-row ledger of the big county through the print route to PDF (needs `npm run build`).
console.log(`\n${await printFigures(big)}`);
