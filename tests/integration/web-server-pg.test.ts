/**
 * The server edition on PostgreSQL as README「服务器版（县级内网）」tells IT to set it up: a role that owns
 * a UTF8 / C-collation database, `npm run server -- --database postgres://…`, the first administrator
 * through the browser (auth.setup), and a backup with pg_dump -Fc restored with pg_restore into a new
 * database that the server then opens with the same accounts.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ledger, openLedger } from '../../src/main/core/db';
import { hashPassword } from '../../src/main/core/passwordHash';
import { insertAccount } from '../helpers/accounts';
import { databaseUrl, type PgCluster, startCluster } from '../helpers/pgCluster';
import { callApi, killServers, startServer } from './helpers/serverProcess';
import { TEST_PASSWORD } from './helpers/sessions';

let cluster: PgCluster;

/** One county clerk with a known password, written straight into a desktop ledger. */
async function createUser(ledger: Ledger): Promise<number> {
  return insertAccount(ledger.db, {
    userName: 'zhangsan',
    name: '张三',
    role: 'county',
    passwordHash: await hashPassword(TEST_PASSWORD),
    now: '2026-11-29T08:00:00.000Z',
  });
}

const asPostgres = (cmd: string, args: string[]) => {
  const bin = path.join('/usr/lib/postgresql', fs.readdirSync('/usr/lib/postgresql').sort().at(-1) as string, 'bin', cmd);
  const [c, a] = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  execFileSync(c as string, a as string[], { stdio: ['ignore', 'pipe', 'pipe'], cwd: os.tmpdir() });
};

async function sqlAsSuperuser(statements: string[]) {
  const client = new pg.Client({ connectionString: databaseUrl(cluster, 'postgres') });
  await client.connect();
  try {
    for (const s of statements) await client.query(s);
  } finally {
    await client.end();
  }
}

/** The README's URL form, through the test cluster's socket folder. */
const urlAs = (user: string, database: string) =>
  `postgres://${user}@localhost:${cluster.port}/${database}?host=${encodeURIComponent(cluster.socketDir)}`;

beforeAll(async () => {
  cluster = startCluster();
  // README: a role of its own owns the ledger's database.
  await sqlAsSuperuser(['CREATE ROLE ledger LOGIN']);
}, 120_000);
afterAll(() => {
  killServers();
  cluster?.stop();
});

describe('server edition on PostgreSQL', () => {
  it('starts empty on the database IT created, asks for the administrator, and survives pg_dump / pg_restore', async () => {
    await sqlAsSuperuser([`CREATE DATABASE ledger OWNER ledger ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0`]);
    const s = startServer(['--database', urlAs('ledger', 'ledger'), '--port', '0']);
    const port = await s.listening();
    expect(s.out()).not.toContain('示例数据');
    expect((await callApi(port, 'auth.me')).json).toEqual({ ok: true, data: { needsSetup: true, user: null, engine: 'postgres' } });
    const setup = await callApi(port, 'auth.setup', { userName: 'admin', name: '系统管理员', password: 'Xinxi#2026ab' });
    expect(setup.status).toBe(200);
    const cookie = (setup.setCookie ?? '').split(';')[0] as string;
    expect((await callApi(port, 'auth.me', {}, { cookie })).json).toMatchObject({
      data: { user: { userName: 'admin' }, engine: 'postgres' },
    });
    // The login rate limit holds on this edition; auth.setup above was one of the ten tries at a password.
    const answers: number[] = [];
    for (let i = 0; i < 10; i++) answers.push((await callApi(port, 'auth.login', { userName: `x${i}`, password: 'Wrong#2026' })).status);
    expect(answers).toEqual([...Array(9).fill(401), 429]);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);

    // README's backup: pg_dump -Fc, then pg_restore into a new database of the same owner.
    const dump = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-dump-')), 'ledger.dump');
    fs.chmodSync(path.dirname(dump), 0o777);
    asPostgres('pg_dump', ['-h', cluster.socketDir, '-p', String(cluster.port), '-U', 'ledger', '-Fc', '-f', dump, 'ledger']);
    await sqlAsSuperuser([`CREATE DATABASE ledger_restored OWNER ledger ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0`]);
    asPostgres('pg_restore', [
      '-h',
      cluster.socketDir,
      '-p',
      String(cluster.port),
      '-U',
      'ledger',
      '--no-owner',
      '-d',
      'ledger_restored',
      dump,
    ]);
    fs.rmSync(path.dirname(dump), { recursive: true, force: true });

    const restored = startServer(['--database', urlAs('ledger', 'ledger_restored'), '--port', '0']);
    const port2 = await restored.listening();
    expect((await callApi(port2, 'auth.me')).json).toEqual({ ok: true, data: { needsSetup: false, user: null, engine: 'postgres' } });
    expect((await callApi(port2, 'auth.login', { userName: 'admin', password: 'Xinxi#2026ab' })).status).toBe(200);
    restored.child.kill('SIGTERM');
    expect(await restored.exited).toBe(0);
  }, 240_000);

  it('--import-sqlite copies a desktop ledger into an empty database, prints both sides per table, and the server opens it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-desk-'));
    const file = path.join(dir, 'desk.sqlite');
    const desk = await openLedger(file);
    const { userName } = await desk.db
      .selectFrom('users')
      .select('user_name as userName')
      .where('id', '=', await createUser(desk))
      .executeTakeFirstOrThrow();
    await desk.close();
    await sqlAsSuperuser([`CREATE DATABASE moved OWNER ledger ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0`]);
    const url = urlAs('ledger', 'moved');
    const copy = startServer(['--database', url, '--import-sqlite', file]);
    const code = await copy.exited;
    expect(copy.err()).toBe('');
    expect(code).toBe(0);
    expect(copy.out()).toMatch(/^\| users \| 1 \| 1 \| [0-9a-f]{16} \| [0-9a-f]{16} \| 一致 \|$/m);
    expect(copy.out()).toMatch(/导入完成：\d+ 张表、\d+ 行，两边行数和内容校验一致/);
    const again = startServer(['--database', url, '--import-sqlite', file]);
    expect(await again.exited).toBe(1);
    expect(again.err()).toMatch(/目标数据库已有台账数据/);

    const s = startServer(['--database', url, '--port', '0']);
    const port = await s.listening();
    expect((await callApi(port, 'auth.login', { userName, password: TEST_PASSWORD })).status).toBe(200);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 240_000);

  it('answers in Chinese when the database does not exist', async () => {
    const s = startServer(['--database', urlAs('ledger', 'nowhere'), '--port', '0']);
    expect(await s.exited).toBe(1);
    expect(s.err().trim()).toMatch(/^无法打开.*数据库 postgres:\/\/ledger@localhost:\d+\/nowhere.*数据库不存在/);
    expect(s.err()).not.toMatch(/Error|error:|at |node:/);
  }, 120_000);
});
