/**
 * A throwaway PostgreSQL cluster for the integration tests on the server edition's engine
 * (`LEDGER_TEST_ENGINE=postgres`, `npm run test:pg`): initdb in a temp folder, started on a private
 * unix socket (no TCP), one migrated template database, and a fresh copy of it per test.
 *
 * Used as the integration project's vitest globalSetup (the default export); workers reach the cluster
 * through `inject('pgCluster')` and `freshDatabase()`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface PgClusterInfo {
  port: number;
  socketDir: string;
  /** The migrated database every test's database is copied from. */
  template: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgCluster: PgClusterInfo | null;
  }
}

const TEMPLATE = 'ledger_template';

/** Debian's PostgreSQL 15 (or newer); `.ci/run` installs it. */
function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => Number(v) >= 15) : [];
  const v = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!v) throw new Error('PostgreSQL 15+ is not installed (/usr/lib/postgresql/*/bin): apt-get install postgresql');
  return path.join(root, v, 'bin');
}

const isRoot = () => process.getuid?.() === 0;

/** initdb and postgres refuse to run as root: as root they run as the `postgres` user. */
function runAsOwner(command: string, args: string[]): void {
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  execFileSync(cmd as string, argv as string[], { stdio: ['ignore', 'pipe', 'pipe'], cwd: os.tmpdir() });
}

/** A URL for a database of the cluster, through its socket folder. */
export function databaseUrl(info: Pick<PgClusterInfo, 'port' | 'socketDir'>, database: string): string {
  return `postgresql://postgres@localhost:${info.port}/${database}?host=${encodeURIComponent(info.socketDir)}`;
}

export interface PgCluster extends PgClusterInfo {
  stop(): void;
}

/** Creates and starts a cluster; `stop()` stops it and removes its folder. */
export function startCluster(): PgCluster {
  const bin = binDir();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-pg-'));
  const data = path.join(root, 'data');
  const socketDir = path.join(root, 'sock');
  fs.mkdirSync(data);
  fs.mkdirSync(socketDir);
  if (isRoot()) execFileSync('chown', ['-R', 'postgres:postgres', root]);
  // The socket is private to this folder, so any port number will do; a random one keeps logs apart.
  const port = 20_000 + Math.floor(Math.random() * 30_000);
  runAsOwner(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--locale=C', '--encoding=UTF8', '--auth=trust']);
  // Test data need not survive a crash: no fsync makes creating a database per test cheap.
  const settings = [
    `-p ${port}`,
    `-k ${socketDir}`,
    "-c listen_addresses=''",
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=300',
  ].join(' ');
  runAsOwner(path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(root, 'server.log'), '-o', settings, '-w', 'start']);
  return {
    port,
    socketDir,
    template: TEMPLATE,
    stop() {
      try {
        runAsOwner(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    },
  };
}

async function admin<T>(info: Pick<PgClusterInfo, 'port' | 'socketDir'>, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl(info, 'postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** vitest globalSetup: the cluster and its migrated template for the whole run. */
export default async function setup({ provide }: { provide: (key: 'pgCluster', value: PgClusterInfo | null) => void }) {
  const cluster = startCluster();
  try {
    await admin(cluster, (c) => c.query(`CREATE DATABASE ${TEMPLATE} TEMPLATE template0`));
    // Imported here so the SQLite runs never load it.
    const { openLedger } = await import('../../src/main/core/db');
    const ledger = await openLedger(databaseUrl(cluster, TEMPLATE));
    await ledger.close();
  } catch (e) {
    cluster.stop();
    throw e;
  }
  provide('pgCluster', { port: cluster.port, socketDir: cluster.socketDir, template: cluster.template });
  return () => cluster.stop();
}

let serial = 0;

/**
 * A new database copied from the migrated template (or another template of the run, see ensureTemplate);
 * `drop()` removes it (close its connections first).
 */
export async function freshDatabase(info: PgClusterInfo, template = info.template): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `t_${process.pid}_${serial++}_${Date.now() % 1_000_000}`;
  await admin(info, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  return {
    url: databaseUrl(info, name),
    drop: () => admin(info, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/**
 * A template database `name` (lower-case letters and _) built once per run by `build` on a copy of the
 * migrated template, for the tests that start from the same data (the demo county: its seed is 9,000
 * statements, seconds per test on a loaded PostgreSQL, a file copy as a template). Workers of the run
 * share it: the first builds it under an advisory lock, the others wait for it.
 */
export async function ensureTemplate(info: PgClusterInfo, name: string, build: (url: string) => Promise<void>): Promise<string> {
  if (!/^[a-z_]+$/.test(name)) throw new Error(`not a database name: ${name}`);
  await admin(info, async (c) => {
    await c.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    try {
      const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (exists.rowCount) return;
      // Built under another name and renamed when complete: a build that failed is never copied.
      const building = `${name}_building`;
      await c.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${building} TEMPLATE ${info.template}`);
      await build(databaseUrl(info, building));
      await c.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
    } finally {
      await c.query('SELECT pg_advisory_unlock(hashtext($1))', [name]);
    }
  });
  return name;
}
