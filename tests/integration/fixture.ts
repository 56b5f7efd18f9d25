/**
 * A fresh ledger with a fixed clock, and a caller that goes through the real dispatch. The ledger is a
 * SQLite file in a temp folder, or with `LEDGER_TEST_ENGINE=postgres` (`npm run test:pg`) a fresh
 * database of the throwaway cluster tests/helpers/pgCluster.ts starts.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely, RawBuilder } from 'kysely';
import { describe, inject } from 'vitest';
import { type Ctx, createContext } from '../../src/main/core/context';
import { openLedger } from '../../src/main/core/db';
import { cheapHashesForTests } from '../../src/main/core/passwordHash';
import type { Database } from '../../src/main/core/schema';
import { demoSeedPath, loadSeed, readSeedFile, seedIfEmpty } from '../../src/main/core/seed';
import { dispatch, type Transport } from '../../src/main/handlers';
import type { ApiResult, Channel, Input, Output } from '../../src/shared/contract';
import { mayCall, PUBLIC_CHANNELS, type RoleCode } from '../../src/shared/domain/roles';
import { ensureTemplate, freshDatabase } from '../helpers/pgCluster';
import { testSession } from './helpers/sessions';

export const TODAY = '2026-06-30';

/** The engine the integration tests run on this time. */
export const ENGINE: 'sqlite' | 'postgres' = process.env.LEDGER_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

/**
 * A describe block that can only hold on SQLite (a backup file, WAL, data_version between processes):
 * skipped on PostgreSQL, with the reason in the code that calls it.
 * @example onlySqlite('restores a backup file')('backups', () => { … })
 */
export function onlySqlite(_reason: string) {
  return describe.skipIf(ENGINE === 'postgres');
}

export interface TestLedger {
  ctx: Ctx;
  dir: string;
  /** Calls a channel exactly as the IPC binding and HTTP bridge do; throws on an error result. */
  call<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>>;
  /** Calls a channel and returns the raw result, errors included. */
  raw(channel: string, input: unknown): Promise<ApiResult<unknown>>;
  /** The same, signed in as one role (a 乡镇经办 on the given regions). */
  as(role: RoleCode, regionIds?: number[]): Caller;
  /** A Cookie header value signing a browser in as the role (the browser-mode server tests). */
  cookie(role?: RoleCode): Promise<string>;
  count(table: string): number;
  /**
   * Rows of a query written with kysely's `sql` tag, on either engine (values as `${…}` placeholders).
   * @example const [row] = await t.rows<{ n: number }>(sql`SELECT count(*) AS n FROM users WHERE role = ${'admin'}`)
   */
  rows<R = Record<string, unknown>>(query: RawBuilder<unknown>): Promise<R[]>;
  close(): Promise<void>;
}

export interface Caller {
  call<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>>;
  raw(channel: string, input: unknown): Promise<ApiResult<unknown>>;
}

/** The role a test's plain `call` signs in as: the first of these that may use the channel. */
const PREFERRED: RoleCode[] = ['county', 'admin', 'auditor', 'viewer', 'township'];

/**
 * What a new ledger holds: nothing, the demo county as `loadSeed` writes it (`loaded`), or as the first
 * start writes it with its demo accounts (`firstStart`, seedIfEmpty).
 */
export type DemoKind = 'loaded' | 'firstStart';

export async function makeLedger(opts: { demo?: DemoKind } = {}): Promise<TestLedger> {
  // Accounts made by tests (and the demo seed's) need no real key stretching: the cost is tested on its own.
  cheapHashesForTests();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-test-'));
  const pgDatabase = ENGINE === 'postgres' ? await freshDatabase(clusterInfo(), opts.demo && (await demoTemplate(opts.demo))) : null;
  const ledger = await openLedger(pgDatabase?.url ?? path.join(dir, 'ledger.sqlite'));
  // A copy of a seeded template: the clock goes on after the seed's stamps, as on a ledger seeded here
  // (the 操作日志 tells the seed's rows by their stamp).
  const ctx = createContext(ledger, fixedClock(pgDatabase && opts.demo ? await ticksUsed(ledger.db) : 0));
  if (opts.demo && !pgDatabase) await loadDemo(ctx, opts.demo);
  const unexpected: unknown[] = [];
  const sessions = new Map<string, Promise<string>>();
  const sessionOf = (role: RoleCode, regionIds: number[] = []) => {
    const key = `${role}:${regionIds.join(',')}`;
    let s = sessions.get(key);
    if (!s) {
      s = testSession(ctx, role, regionIds, sessions.size);
      sessions.set(key, s);
    }
    return s;
  };
  /**
   * A test names its session as the transport would carry it: a `sessionId` in the input (the
   * account tests), a fixed role, or else an account of a role that may use the channel.
   */
  async function send(channel: string, input: unknown, role?: RoleCode, regionIds?: number[]): Promise<ApiResult<unknown>> {
    const transport: Transport = {};
    let body = input;
    if (input && typeof input === 'object' && 'sessionId' in input) {
      const { sessionId, ...rest } = input as { sessionId: string };
      transport.sessionId = sessionId;
      body = rest;
    } else if (role) transport.sessionId = await sessionOf(role, regionIds);
    else if (!PUBLIC_CHANNELS.has(channel as Channel)) {
      const fit = PREFERRED.find((r) => mayCall(r, channel as Channel));
      if (fit) transport.sessionId = await sessionOf(fit);
    }
    let issued: string | null | undefined;
    transport.keepSession = (id) => {
      issued = id;
    };
    const r = await dispatch(ctx, channel, body, (_c, e) => unexpected.push(e), transport);
    // The account tests keep the id a login issued, as the cookie would.
    if (r.ok && issued) r.data = { ...(r.data as object), sessionId: issued };
    return r;
  }
  const caller = (role?: RoleCode, regionIds?: number[]): Caller => ({
    async call(channel, input) {
      const r = await send(channel, input, role, regionIds);
      if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message} ${unexpected.map(String).join(' ')}`);
      return r.data as never;
    },
    raw: (channel, input) => send(channel, input, role, regionIds),
  });
  return {
    ctx,
    dir,
    ...caller(),
    as: (role, regionIds) => caller(role, regionIds),
    cookie: async (role = 'county') => `lx_session=${await sessionOf(role)}`,
    count: (table) =>
      pgDatabase
        ? countWithPsql(pgDatabase.url, table)
        : (ledger.sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n,
    rows: async <R>(query: RawBuilder<unknown>) => (await query.execute(ledger.db)).rows as R[],
    async close() {
      await ledger.close();
      await pgDatabase?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Where a test's ledger lives when it opens it itself (several connections on one ledger, as two server
 * processes): a SQLite file in a new temp folder, or a new PostgreSQL database. `drop()` after closing.
 */
export async function freshTarget(): Promise<{ target: string; drop(): Promise<void> }> {
  if (ENGINE === 'postgres') {
    const d = await freshDatabase(clusterInfo());
    return { target: d.url, drop: d.drop };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-test-'));
  return { target: path.join(dir, 'ledger.sqlite'), drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

function clusterInfo() {
  const info = inject('pgCluster');
  if (!info) throw new Error('LEDGER_TEST_ENGINE=postgres needs the cluster of tests/helpers/pgCluster.ts (vitest.config.ts)');
  return info;
}

/**
 * `count` stays synchronous for the tests written against SQLite; a PostgreSQL driver has no
 * synchronous call, so on PostgreSQL it asks psql.
 */
function countWithPsql(url: string, table: string): number {
  if (!/^[a-z_]+$/.test(table)) throw new Error(`not a table name: ${table}`);
  return Number(execFileSync('psql', [url, '-tAc', `SELECT count(*) FROM ${table}`], { encoding: 'utf8' }).trim());
}

/**
 * A stand-in renderer build beside the ledger for the web-server tests: index.html and one asset,
 * and a secret.txt outside the folder that no URL may reach. Returns the folder to serve.
 */
export function fakeRendererDir(t: TestLedger): string {
  const staticDir = path.join(t.dir, 'renderer');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>两新党建台账</title>');
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(t.dir, 'secret.txt'), 'secret');
  return staticDir;
}

/** The tests' clock: always TODAY, the time moving a second per reading. */
function fixedClock(from = 0) {
  let tick = from;
  return { today: () => TODAY, now: () => `${TODAY}T08:00:${String(tick++ % 60).padStart(2, '0')}.000Z` };
}

/** The readings of fixedClock a ledger's writes have taken: one past its newest 操作日志 stamp. */
async function ticksUsed(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('at').as('at'))
    .executeTakeFirst();
  return row?.at ? Number(row.at.slice(17, 19)) + 1 : 0;
}

async function loadDemo(ctx: Ctx, demo: DemoKind): Promise<void> {
  if (demo === 'firstStart') await seedIfEmpty(ctx);
  else await loadSeed(ctx, readSeedFile(demoSeedPath()));
}

/**
 * On PostgreSQL the demo county is seeded once per run into a template that each test copies: the seed
 * is 9,000 statements, seconds per test there (a ledger of its own each time, as on SQLite).
 */
function demoTemplate(demo: DemoKind): Promise<string> {
  const name = demo === 'firstStart' ? 'ledger_demo_first_start' : 'ledger_demo_loaded';
  return ensureTemplate(clusterInfo(), name, async (url) => {
    const ledger = await openLedger(url);
    try {
      await loadDemo(createContext(ledger, fixedClock()), demo);
    } finally {
      await ledger.close();
    }
  });
}
