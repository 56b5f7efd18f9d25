/**
 * 100,000 organizations per engine (issue #15): the generated ledger, then medians of the searched and
 * filtered list page with its total, the 两个覆盖 statistics, and the first statistics after start (a
 * fresh connection and context), each beside one hand-written SQL statement giving the same answer on
 * the same data in the same run. Prints the figures and writes them to test-output/bench.json. Not a
 * test: the machines are shared and noisy, so the CPU time of this process is printed beside the clock.
 *
 *   npm run bench                                        # SQLite, 100,000 organizations
 *   npm run bench -- --orgs 20000
 *   npm run bench -- --database postgres://…/ledger      # PostgreSQL too (an empty database)
 *   npm run bench -- --pg                                # PostgreSQL too, on a throwaway cluster (tests/helpers/pgCluster.ts)
 *   npm run bench -- --sqlite /tmp/b.sqlite --database postgres://…/b --no-gen   # again on what a run left
 *
 * Each figure is printed with the load average of the machine at the time, so runs can be compared.
 *
 * The older figures (import, export, print, township) are `npx tsx scripts/benchOps.ts` and siblings.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { type Ctx, createContext } from '../src/main/core/context';
import type { Database } from '../src/main/core/schema';
import { dispatch as dispatchAs, type Transport } from '../src/main/handlers';
import { databaseUrl, startCluster } from '../tests/helpers/pgCluster';
import { recountCoverage } from '../tests/integration/helpers/coverageRecount';
import { testSession } from '../tests/integration/helpers/sessions';
import { openBenchLedger } from './benchDatabase';
import { generateLedger } from './genLedger';

const { values } = parseArgs({
  options: {
    orgs: { type: 'string', default: '100000' },
    database: { type: 'string' },
    pg: { type: 'boolean', default: false },
    runs: { type: 'string', default: '9' },
    out: { type: 'string', default: 'test-output/bench.json' },
    // The SQLite file (kept afterwards when named), and whether to skip generating into a filled database.
    sqlite: { type: 'string' },
    'no-gen': { type: 'boolean', default: false },
  },
});
const ORGS = Number(values.orgs);
const RUNS = Number(values.runs);
const TODAY = '2026-06-30';

interface Sample {
  ms: number;
  cpuMs: number;
}
interface Figure {
  /** Median wall-clock time and this process's CPU time of the same run. */
  ms: number;
  cpuMs: number;
  sqlMs: number;
  sqlCpuMs: number;
  /** The channel's time over the hand-written statement's. */
  ratio: number;
}

async function once(fn: () => Promise<unknown>): Promise<Sample> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const c = process.cpuUsage(c0);
  return { ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 };
}

async function median(fn: () => Promise<unknown>, runs = RUNS): Promise<Sample> {
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) samples.push(await once(fn));
  samples.sort((a, b) => a.ms - b.ms);
  return samples[Math.floor(samples.length / 2)] as Sample;
}

const figure = (a: Sample, s: Sample): Figure => ({ ms: a.ms, cpuMs: a.cpuMs, sqlMs: s.ms, sqlCpuMs: s.cpuMs, ratio: a.ms / s.ms });

/** What a clerk filters by: name “民政”, 应建未建, one region — the page of 50 and the total. */
const LIST = { query: '民政', flag: 'should_build', regionId: 3, limit: 50 } as const;

/** The same page and total in one hand-written statement. */
function listSql(db: Kysely<Database>) {
  return sql`
    SELECT o.id, o.name, o.formal_members, count(*) OVER () AS total
      FROM orgs o
      LEFT JOIN coverage c ON c.org_id = o.id
      LEFT JOIN party_orgs p ON p.id = c.party_org_id AND p.deleted_at IS NULL
     WHERE o.deleted_at IS NULL AND o.region_id = ${LIST.regionId} AND o.name LIKE ${`%${LIST.query}%`}
       AND o.status = 'normal' AND o.out_of_scope = 0 AND o.formal_members >= 3
       AND (p.method IS NULL OR p.method <> 'single')
     ORDER BY o.id
     LIMIT ${LIST.limit}`.execute(db);
}

async function engineFigures(spec: string) {
  const opened = await openBenchLedger(spec);
  const g0 = performance.now();
  const counts = values['no-gen'] ? null : await generateLedger(opened.ledger.db, { orgs: ORGS, today: TODAY });
  const genMs = performance.now() - g0;
  // PostgreSQL plans the first statements on a just-filled database from no statistics at all.
  if (opened.engine === 'postgres') await sql`ANALYZE`.execute(opened.ledger.db);
  const ctx = createContext(opened.ledger, { today: () => TODAY });
  // Timed as the 县级经办 who sees the whole county (the session check is part of every call).
  // An account of its own each run: a reused database keeps the earlier runs'.
  const signed: Transport = { sessionId: await testSession(ctx, 'county', [], Date.now()) };
  const call = async (c: Ctx, channel: string, input: unknown) => {
    const r = await dispatchAs(c, channel, input, undefined, signed);
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
    return r.data;
  };

  // First after start: a connection and context of its own on the generated data, as a restarted server.
  const firstStats: Sample[] = [];
  const firstSql: Sample[] = [];
  for (let i = 0; i < 3; i++) {
    const other = await opened.reopen();
    firstStats.push(await once(() => call(createContext(other, { today: () => TODAY }), 'stats.coverage', {})));
    await other.close();
    const plain = await opened.reopen();
    firstSql.push(await once(() => recountCoverage(plain.db, TODAY)));
    await plain.close();
  }
  const mid = (s: Sample[]) => s.sort((a, b) => a.ms - b.ms)[1] as Sample;

  const firstList = await once(() => call(ctx, 'orgs.list', LIST));
  const figures = {
    '搜索+筛选 列表页及总数': figure(await median(() => call(ctx, 'orgs.list', LIST)), await median(() => listSql(opened.ledger.db))),
    两个覆盖统计: figure(await median(() => call(ctx, 'stats.coverage', {})), await median(() => recountCoverage(opened.ledger.db, TODAY))),
    '启动后首次 两个覆盖统计': figure(mid(firstStats), mid(firstSql)),
  };
  await opened.close();
  return { engine: opened.engine, counts, genMs, firstListMs: firstList.ms, figures, load: os.loadavg() };
}

const results = [];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-bench-'));
try {
  results.push(await engineFigures(values.sqlite ?? path.join(dir, 'ledger.sqlite')));
  if (values.database) results.push(await engineFigures(values.database));
  if (values.pg) {
    const cluster = startCluster();
    try {
      const client = new pg.Client({ connectionString: databaseUrl(cluster, 'postgres') });
      await client.connect();
      await client.query('CREATE DATABASE bench');
      await client.end();
      results.push(await engineFigures(databaseUrl(cluster, 'bench')));
    } finally {
      cluster.stop();
    }
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

const cell = (s: string, n: number) => s.padStart(n);
for (const r of results) {
  console.log(
    `\n${r.engine}：${ORGS.toLocaleString()} 个组织，造数 ${(r.genMs / 1000).toFixed(1)} s；首次列表（建索引）${r.firstListMs.toFixed(0)} ms；负载均值 ${r.load.map((x) => x.toFixed(2)).join(' / ')}（${os.cpus().length} 核）`,
  );
  console.log(`${'操作'.padEnd(18)}${cell('中位数', 10)}${cell('CPU', 10)}${cell('手写SQL', 10)}${cell('CPU', 10)}${cell('倍数', 8)}`);
  for (const [name, f] of Object.entries(r.figures)) {
    console.log(
      `${name.padEnd(18)}${cell(`${f.ms.toFixed(1)} ms`, 10)}${cell(`${f.cpuMs.toFixed(1)} ms`, 10)}${cell(`${f.sqlMs.toFixed(1)} ms`, 10)}${cell(`${f.sqlCpuMs.toFixed(1)} ms`, 10)}${cell(`${f.ratio.toFixed(2)}×`, 8)}`,
    );
  }
}
fs.mkdirSync(path.dirname(values.out), { recursive: true });
fs.writeFileSync(
  values.out,
  `${JSON.stringify({ at: new Date().toISOString(), orgs: ORGS, runs: RUNS, cpus: os.cpus().length, load: os.loadavg(), results }, null, 2)}\n`,
);
console.log(`\n数据已写入 ${values.out}`);
