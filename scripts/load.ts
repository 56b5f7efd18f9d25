/**
 * A mixed load on the server edition (issue #15: p95 ≤ 200 ms, no errors): N signed-in clerks, county
 * and township, each looping for S seconds over list pages, statistics, details and a tenth of writes,
 * against `out/main/server.js` on PostgreSQL. Needs `npm run build` first.
 *
 *   npm run load -- [--database postgres://…] [--orgs 20000] [--clients 50] [--seconds 60] [--profile]
 *
 * Without --database a throwaway cluster is created and filled by the generator of `npm run gen`.
 * Afterwards every write a client saw succeed is matched with rows and audit rows in the database.
 * Figures go to stdout and test-output/load.json.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openLedger } from '../src/main/core/db';
import { hashPassword } from '../src/main/core/passwordHash';
import { insertAccount } from '../tests/helpers/accounts';
import { databaseUrl, startCluster } from '../tests/helpers/pgCluster';
import { generateLedger } from './genLedger';

const { values } = parseArgs({
  options: {
    database: { type: 'string' },
    orgs: { type: 'string', default: '20000' },
    clients: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '60' },
    // The server's CPU profile (node --cpu-prof) goes to test-output/profile/, for finding what to speed up.
    profile: { type: 'boolean', default: false },
  },
});
const ORGS = Number(values.orgs);
const CLIENTS = Number(values.clients);
const SECONDS = Number(values.seconds);
for (const [name, v] of [
  ['--orgs', ORGS],
  ['--clients', CLIENTS],
  ['--seconds', SECONDS],
] as const) {
  if (!Number.isInteger(v) || v < 1) {
    console.error(`${name} 应为正整数`);
    process.exit(2);
  }
}
// Each client signs in from its own loopback address (127.0.0.0/8 is all local on Linux): the login
// limit counts 10 per minute per address, and 50 clerks sit at 50 machines.
if (CLIENTS > 250) {
  console.error('--clients 不能超过250');
  process.exit(2);
}
const SERVER = path.resolve('out/main/server.js');
if (!fs.existsSync(SERVER)) {
  console.error('找不到 out/main/server.js：请先运行 npm run build');
  process.exit(2);
}

const PASSWORD = 'Fuzai#2026';
const TODAY = new Date().toISOString().slice(0, 10);

let cluster: ReturnType<typeof startCluster> | null = null;
let server: ChildProcess | null = null;
function cleanUp() {
  if (server && server.exitCode === null) server.kill('SIGKILL');
  cluster?.stop();
  cluster = null;
}
process.on('exit', cleanUp);
process.on('SIGINT', () => process.exit(130));

let url = values.database;
if (!url) {
  cluster = startCluster();
  const admin = new pg.Client({ connectionString: databaseUrl(cluster, 'postgres') });
  await admin.connect();
  await admin.query('CREATE DATABASE ledger_load TEMPLATE template0');
  await admin.end();
  url = databaseUrl(cluster, 'ledger_load');
  console.log(`临时 PostgreSQL 集群：${cluster.socketDir}（端口 ${cluster.port}）`);
}

// --- data and accounts ----------------------------------------------------------------------------
const ledger = await openLedger(url);
const db = ledger.db;
const existing = Number(
  (
    await db
      .selectFrom('orgs')
      .select((e) => e.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
  ).n,
);
if (existing === 0) {
  const t0 = performance.now();
  await generateLedger(db, { orgs: ORGS });
  console.log(`造数 ${ORGS.toLocaleString()} 个组织：${((performance.now() - t0) / 1000).toFixed(1)} s`);
} else console.log(`数据库已有 ${existing.toLocaleString()} 个组织，不再造数`);

const regions = (await db.selectFrom('regions').select('id').orderBy('id').execute()).map((r) => Number(r.id));
interface Client {
  n: number;
  role: 'county' | 'township';
  userName: string;
  regionId: number | null;
  cookie: string;
  agent: http.Agent;
}
const clients: Client[] = [];
const hash = await hashPassword(PASSWORD);
const now = new Date().toISOString();
const run = Date.now().toString(36);
for (let n = 0; n < CLIENTS; n++) {
  // A fifth county clerks over everything, the rest township clerks each on a region of their own.
  const role = n % 5 === 0 ? 'county' : 'township';
  const regionId = role === 'township' ? (regions[n % regions.length] ?? null) : null;
  const userName = `负载${run}号${n + 1}`;
  await insertAccount(db, {
    userName,
    name: `负载测试${n + 1}`,
    role,
    passwordHash: hash,
    now,
    regionIds: regionId === null ? [] : [regionId],
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1, localAddress: `127.0.0.${n + 2}` });
  clients.push({ n, role, userName, regionId, cookie: '', agent });
}

/** What the database holds of what the writes add; compared before and after. */
async function tally() {
  const count = async (table: 'activities' | 'funding') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const audits = await db
    .selectFrom('audit_log')
    .select(['entity', 'action', (e) => e.fn.countAll().as('n')])
    .where('entity', 'in', ['org', 'activity', 'funding'])
    .groupBy(['entity', 'action'])
    .execute();
  const audit = (entity: string, action: string) => Number(audits.find((a) => a.entity === entity && a.action === action)?.n ?? 0);
  return {
    activities: await count('activities'),
    funding: await count('funding'),
    orgUpdateAudits: audit('org', 'update'),
    activityCreateAudits: audit('activity', 'create'),
    fundingCreateAudits: audit('funding', 'create'),
  };
}
const before = await tally();

// --- the server -----------------------------------------------------------------------------------
const profileArgs = values.profile ? ['--cpu-prof', '--cpu-prof-dir', path.resolve('test-output/profile')] : [];
server = spawn(process.execPath, [...profileArgs, SERVER, '--database', url, '--port', '0', '--host', '127.0.0.1'], {
  stdio: ['ignore', 'pipe', 'pipe'],
});
let serverOut = '';
let serverErr = '';
server.stdout?.on('data', (c) => {
  serverOut += c;
});
server.stderr?.on('data', (c) => {
  serverErr += c;
});
const port = await new Promise<number>((resolve, reject) => {
  const timer = setInterval(() => {
    const m = /LISTENING https?:\/\/[^ ]+:(\d+)/.exec(serverOut);
    if (m) {
      clearInterval(timer);
      resolve(Number(m[1]));
    } else if (server?.exitCode !== null) {
      clearInterval(timer);
      reject(new Error(`服务端未能启动：${serverErr}`));
    }
  }, 50);
});

interface Reply {
  status: number;
  ok: boolean;
  code?: string;
  message?: string;
  data?: unknown;
  setCookie?: string;
}
function call(c: Client, channel: string, input: unknown): Promise<Reply> {
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: `/api/${channel}`,
        method: 'POST',
        agent: c.agent,
        headers: { 'content-type': 'application/json', ...(c.cookie ? { cookie: c.cookie } : {}) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => {
          text += d;
        });
        res.on('end', () => {
          try {
            const body = JSON.parse(text) as { ok: boolean; data?: unknown; error?: { code: string; message: string } };
            resolve({
              status: res.statusCode ?? 0,
              ok: body.ok,
              code: body.error?.code,
              message: body.error?.message,
              data: body.data,
              setCookie: res.headers['set-cookie']?.[0],
            });
          } catch {
            resolve({ status: res.statusCode ?? 0, ok: false, code: 'bad_body', message: text.slice(0, 200) });
          }
        });
      },
    );
    req.on('error', (e) => resolve({ status: 0, ok: false, code: 'network', message: String(e) }));
    req.end(JSON.stringify(input));
  });
}

for (const c of clients) {
  const r = await call(c, 'auth.login', { userName: c.userName, password: PASSWORD });
  if (!r.ok || !r.setCookie) throw new Error(`${c.userName} 登录失败：${r.message}`);
  c.cookie = r.setCookie.split(';')[0] ?? '';
}
console.log(
  `${CLIENTS} 个客户端已登录（县级 ${clients.filter((c) => c.role === 'county').length}，乡镇 ${clients.filter((c) => c.role === 'township').length}）`,
);

// --- the load -------------------------------------------------------------------------------------
const latencies = new Map<string, number[]>();
const errors: { channel: string; input: unknown; status: number; code?: string; message?: string }[] = [];
let conflicts = 0;
const seen = { orgUpdates: 0, activities: 0, funding: 0 };
const QUERIES = ['有限公司', '合作社', '协会', '青山', '阳光', 'qs', 'ygx', '幼儿园'];
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)] as T;

async function timed(c: Client, label: string, channel: string, input: unknown): Promise<Reply> {
  const t0 = performance.now();
  const r = await call(c, channel, input);
  const ms = performance.now() - t0;
  const list = latencies.get(label) ?? [];
  latencies.set(label, list);
  list.push(ms);
  if (!r.ok && r.code === 'conflict') conflicts++;
  else if (!r.ok || r.status < 200 || r.status >= 300) errors.push({ channel, input, status: r.status, code: r.code, message: r.message });
  return r;
}

type Row = { id: number };
async function someId(c: Client, channel: 'orgs.list' | 'partyOrgs.list'): Promise<number | null> {
  const r = await timed(c, channel, channel, { regionId: c.regionId ?? undefined, offset: Math.floor(Math.random() * 5) * 20, limit: 20 });
  const rows = (r.data as { rows?: Row[] } | undefined)?.rows ?? [];
  return rows.length ? pick(rows).id : null;
}

async function step(c: Client): Promise<void> {
  const roll = Math.random() * 100;
  const regionId = c.regionId ?? (Math.random() < 0.5 ? pick(regions) : undefined);
  if (roll < 45) {
    const input: Record<string, unknown> = { regionId, offset: Math.floor(Math.random() * 3) * 50, limit: 50 };
    const kind = Math.random();
    if (kind < 0.5) input.query = pick(QUERIES);
    else if (kind < 0.7) input.coverage = pick(['single', 'shared', 'work', 'none']);
    else if (kind < 0.85) input.category = pick(['social', 'nonpublic']);
    else input.sort = pick(['name', 'employees']);
    await timed(c, 'orgs.list', 'orgs.list', input);
  } else if (roll < 60) {
    await timed(c, 'stats.coverage', 'stats.coverage', c.regionId ? { regionId: c.regionId } : {});
  } else if (roll < 72) {
    await timed(c, 'partyOrgs.list', 'partyOrgs.list', { regionId, query: Math.random() < 0.3 ? '支部' : undefined, limit: 50 });
  } else if (roll < 90) {
    const id = await someId(c, 'orgs.list');
    if (id) await timed(c, 'orgs.get', 'orgs.get', { id });
  } else if (roll < 94) {
    // The edit form: open the organization, change the phone, save with the version it loaded.
    const id = await someId(c, 'orgs.list');
    if (!id) return;
    const got = await timed(c, 'orgs.get', 'orgs.get', { id });
    if (!got.ok) return;
    const detail = got.data as { version: number } & Record<string, unknown>;
    const phone = `13${Math.floor(100_000_000 + Math.random() * 899_999_999)}`;
    const r = await timed(c, 'orgs.update', 'orgs.update', { id, version: detail.version, fields: { ...detail, legalRepPhone: phone } });
    if (r.ok) seen.orgUpdates++;
  } else if (roll < 97) {
    const partyOrgId = await someId(c, 'partyOrgs.list');
    if (!partyOrgId) return;
    const r = await timed(c, 'activities.create', 'activities.create', {
      partyOrgId,
      kind: 'branch_meeting',
      date: TODAY,
      topic: '负载测试学习',
      expected: 10,
      attendance: 8,
    });
    if (r.ok) seen.activities++;
  } else {
    const partyOrgId = await someId(c, 'partyOrgs.list');
    if (!partyOrgId) return;
    const r = await timed(c, 'funding.create', 'funding.create', {
      partyOrgId,
      source: 'superior',
      fundKind: 'activity',
      date: TODAY,
      amount: '1200.50',
    });
    if (r.ok) seen.funding++;
  }
}

const load0 = os.loadavg();
const t0 = performance.now();
const end = t0 + SECONDS * 1000;
await Promise.all(
  clients.map(async (c) => {
    while (performance.now() < end) await step(c);
  }),
);
const elapsed = (performance.now() - t0) / 1000;
const load1 = os.loadavg();
for (const c of clients) c.agent.destroy();

// --- figures --------------------------------------------------------------------------------------
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0);
};
const all = [...latencies.values()].flat();
const perChannel = Object.fromEntries(
  [...latencies.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, xs]) => [k, { requests: xs.length, p50: pct(xs, 50), p95: pct(xs, 95), p99: pct(xs, 99) }]),
);
// A profiled server writes its profile as it exits: stopped gently and waited for.
if (values.profile && server.exitCode === null) {
  const exited = new Promise((resolve) => server?.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
  console.log('服务端 CPU 剖析已写入 test-output/profile/');
}
const after = await tally();
const found = {
  orgUpdates: after.orgUpdateAudits - before.orgUpdateAudits,
  activities: after.activities - before.activities,
  activityAudits: after.activityCreateAudits - before.activityCreateAudits,
  funding: after.funding - before.funding,
  fundingAudits: after.fundingCreateAudits - before.fundingCreateAudits,
};
const accounted =
  found.orgUpdates === seen.orgUpdates &&
  found.activities === seen.activities &&
  found.activityAudits === seen.activities &&
  found.funding === seen.funding &&
  found.fundingAudits === seen.funding;
const overall = { requests: all.length, p50: pct(all, 50), p95: pct(all, 95), p99: pct(all, 99) };
const report = {
  at: new Date().toISOString(),
  orgs: Number(
    (
      await db
        .selectFrom('orgs')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  clients: CLIENTS,
  seconds: Number(elapsed.toFixed(1)),
  cpus: os.cpus().length,
  loadAverage: { before: load0.map((x) => Number(x.toFixed(2))), after: load1.map((x) => Number(x.toFixed(2))) },
  throughput: Number((all.length / elapsed).toFixed(1)),
  overall,
  perChannel,
  errors: errors.length,
  errorSamples: errors.slice(0, 10),
  conflicts,
  writes: { seen, found, accounted },
  target: { p95Ms: 200, errors: 0, met: overall.p95 <= 200 && errors.length === 0 && accounted },
};
await ledger.close();
fs.mkdirSync('test-output', { recursive: true });
fs.writeFileSync('test-output/load.json', `${JSON.stringify(report, null, 2)}\n`);
// The server's own log says what an internal error was.
fs.writeFileSync('test-output/load-server.log', serverErr);

console.log(`\n负载：${CLIENTS} 个客户端，${elapsed.toFixed(1)} s，${report.orgs.toLocaleString()} 个组织，${os.cpus().length} 核`);
console.log(`  负载均值（1/5/15 分钟）：开始 ${report.loadAverage.before.join(' / ')}，结束 ${report.loadAverage.after.join(' / ')}`);
console.log(`  请求 ${all.length.toLocaleString()}，吞吐 ${report.throughput} 次/秒`);
console.log(`  ${'通道'.padEnd(20)}${'次数'.padStart(8)}${'p50'.padStart(8)}${'p95'.padStart(8)}${'p99'.padStart(8)}  (ms)`);
for (const [k, v] of [...Object.entries(perChannel), ['合计', overall] as const])
  console.log(
    `  ${k.padEnd(22)}${String(v.requests).padStart(8)}${String(v.p50).padStart(8)}${String(v.p95).padStart(8)}${String(v.p99).padStart(8)}`,
  );
console.log(`  错误 ${errors.length}，版本冲突（预期内）${conflicts}`);
for (const e of errors.slice(0, 5))
  console.log(`    ${e.channel} ${JSON.stringify(e.input)} ${e.status} ${e.code ?? ''} ${e.message ?? ''}`);
console.log(
  `  写入核对：组织更新 ${seen.orgUpdates}/${found.orgUpdates}，活动 ${seen.activities}/${found.activities}（审计 ${found.activityAudits}），经费 ${seen.funding}/${found.funding}（审计 ${found.fundingAudits}）——${accounted ? '全部对上' : '对不上！'}`,
);
console.log(`  目标 p95 ≤ 200 ms、0 错误：${report.target.met ? '达到' : '未达到'}；数据写入 test-output/load.json`);
cleanUp();
process.exit(accounted && errors.length === 0 ? 0 : 1);
