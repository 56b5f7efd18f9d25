/**
 * Two browser-mode servers on one ledger file, both writing through the HTTP API at once (issue 11,
 * item 8): no request fails (no “数据库正忙”), every acknowledged create is in the file afterwards,
 * and each server's lists, totals and lookups include what the other wrote.
 *
 * The servers run from the sources (`node --import tsx src/main/web/main.ts`), so no build is needed.
 * Duration: TWO_PROCESS_SECONDS (default 30, the figure the issue asks for).
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createContext } from '../../src/main/core/context';
import { openLedger } from '../../src/main/core/db';
import { createRegion } from '../../src/main/core/services/regions';
import type { ApiResult } from '../../src/shared/contract';
import { spawnWebServer } from '../helpers/webServer';
import { testSession } from './helpers/sessions';

const SECONDS = Number(process.env.TWO_PROCESS_SECONDS ?? 30);
const WORKERS_PER_SERVER = 3;

let dir: string;
let file: string;
let regionId: number;
let cookie = '';
const servers: { child: ChildProcess; url: string; log: string[] }[] = [];

function start(): Promise<{ child: ChildProcess; url: string; log: string[] }> {
  return spawnWebServer(['--port', '0', '--data', file, '--no-seed', '--today', '2026-06-30'], {
    entry: ['--import', 'tsx', path.resolve('src/main/web/main.ts')],
  }).then(({ server, base, log }) => ({ child: server, url: base, log }));
}

async function call<T>(url: string, channel: string, input: unknown): Promise<ApiResult<T>> {
  const res = await fetch(`${url}/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify(input),
  });
  return (await res.json()) as ApiResult<T>;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'two-servers-'));
  file = path.join(dir, 'ledger.sqlite');
  const ledger = await openLedger(file);
  regionId = (await createRegion(createContext(ledger), { name: '红山街道', kind: 'subdistrict', code: null })).id;
  // One 县级经办 signed in: the session lives in the ledger, so both servers know it.
  cookie = `lx_session=${await testSession(createContext(ledger), 'county', [], 0)}`;
  await ledger.close();
  servers.push(await start(), await start());
}, 60_000);

afterAll(() => {
  for (const s of servers) s.child.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Acked {
  id: number;
  name: string;
  server: number;
}

it(
  `two servers writing for ${SECONDS} s: no failed request, no lost write, each sees the other's records`,
  async () => {
    const acked: Acked[] = [];
    const failures: string[] = [];
    const crossLookups = { done: 0, missed: 0 };
    let updates = 0;
    let slowest = 0;
    const until = Date.now() + SECONDS * 1000;
    const fields = (name: string) => ({ name, category: 'nonpublic', subtype: 'company', regionId, employees: 3 });

    const worker = async (s: number, w: number) => {
      const url = servers[s]?.url as string;
      for (let n = 0; Date.now() < until; n++) {
        const t0 = Date.now();
        const name = `服务${s}线程${w}第${n}号公司`;
        const r = await call<{ id: number }>(url, 'orgs.create', fields(name));
        slowest = Math.max(slowest, Date.now() - t0);
        if (!r.ok) {
          failures.push(`create on ${s}: ${r.error.message}`);
          continue;
        }
        acked.push({ id: r.data.id, name, server: s });
        // Every third round: change an organization the other server created, then look one up there.
        const theirs = acked.filter((a) => a.server !== s);
        const other = theirs[n % Math.max(1, theirs.length)];
        if (n % 3 === 0 && other) {
          const u = await call(url, 'orgs.update', { id: other.id, fields: { ...fields(other.name), employees: 10 + n } });
          if (u.ok) updates++;
          else failures.push(`update on ${s}: ${u.error.message}`);
          const g = await call<{ id: number }>(url, 'orgs.get', { id: other.id });
          crossLookups.done++;
          if (!g.ok) crossLookups.missed++;
        }
      }
    };
    const workers: Promise<void>[] = [];
    for (let s = 0; s < servers.length; s++) for (let w = 0; w < WORKERS_PER_SERVER; w++) workers.push(worker(s, w));
    await Promise.all(workers);

    const db = new SQLite(file, { readonly: true });
    const truth = (db.prepare('SELECT COUNT(*) AS n FROM orgs WHERE deleted_at IS NULL').get() as { n: number }).n;
    const byId = new Map((db.prepare('SELECT id, name FROM orgs').all() as { id: number; name: string }[]).map((o) => [o.id, o.name]));
    db.close();
    const lost = acked.filter((a) => byId.get(a.id) !== a.name);

    const totals: number[] = [];
    for (const s of servers) {
      const r = await call<{ total: number }>(s.url, 'orgs.list', { pageSize: 1 });
      totals.push(r.ok ? r.data.total : -1);
    }
    console.log(
      `two servers, ${SECONDS} s: ${acked.length} creates acknowledged (${acked.filter((a) => a.server === 0).length} + ${acked.filter((a) => a.server === 1).length}), ` +
        `${updates} cross updates, ${crossLookups.done} cross lookups, ${failures.length} failed requests, ${lost.length} lost, slowest create ${slowest} ms, ` +
        `totals ${totals.join(' / ')} vs file ${truth}`,
    );

    expect(failures).toEqual([]);
    expect(lost).toEqual([]);
    expect(crossLookups.missed).toBe(0);
    expect(acked.length).toBe(truth);
    expect(totals).toEqual([truth, truth]);
    // The last record each server created is found by id and by name search on the other one.
    for (const s of [0, 1]) {
      const mine = acked.filter((a) => a.server === s).at(-1) as Acked;
      const otherUrl = servers[1 - s]?.url as string;
      expect((await call<{ name: string }>(otherUrl, 'orgs.get', { id: mine.id })).ok).toBe(true);
      const found = await call<{ rows: { id: number }[] }>(otherUrl, 'orgs.list', { query: mine.name });
      expect(found.ok && found.data.rows.map((r) => r.id)).toEqual([mine.id]);
    }
  },
  (SECONDS + 90) * 1000,
);
