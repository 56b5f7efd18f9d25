/**
 * `npm run server` options (issue #15): mistakes are answered in Chinese with a non-zero exit before
 * anything opens; binding beyond the machine needs the Host allow-list; a new database is never seeded
 * unless --demo asks, and asks for the administrator (auth.setup) instead.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { displayDatabase, parseServerArgs, serverWarnings } from '../../src/main/web/serverArgs';
import { selfSignedCert } from './helpers/selfSigned';
import { callApi, killServers, startServer } from './helpers/serverProcess';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'server-args-'));
afterAll(() => {
  killServers();
  fs.rmSync(dir, { recursive: true, force: true });
});

const DB = ['--database', 'ledger.sqlite'];
const parse = (...argv: string[]) => parseServerArgs(argv, (f) => fs.readFileSync(path.join(dir, f), 'utf8'));

describe('parsing', () => {
  it.each([
    [['--bogus'], /^未知参数：--bogus/],
    [[], /^缺少 --database/],
    [['--database'], /^参数 --database 缺少取值/],
    [[...DB, '--port', 'http'], /^--port 应为 0—65535 的整数/],
    [[...DB, '--port', '70000'], /^--port 应为/],
    [[...DB, '--cert', 'a.crt'], /^--cert 和 --key 须同时给出/],
    [[...DB, '--host', 'example.org'], /^--host 应为本机的 IP 地址/],
    [[...DB, '--host', '0.0.0.0'], /^监听地址 0\.0\.0\.0 可从其他计算机访问，须用 --allow-host/],
    [[...DB, '--host', '10.1.2.3', '--allow-host', 'bad host:80'], /^--allow-host 中的“bad host:80”应为主机名/],
    [
      [...DB, '--import-sqlite', 'desk.sqlite'],
      /^--import-sqlite 用于把桌面版数据文件导入服务器版，须同时用 --database 指定 postgres:\/\/ 数据库/,
    ],
    [['--database', 'mysql://x/y'], /^--database 只接受 postgres:\/\/ 地址或 SQLite 数据文件路径/],
    [['--database', 'postgres://'], /^--database 的 PostgreSQL 地址/],
    [['--database', 'postgres://ledger@db.local'], /^--database 的 PostgreSQL 地址应包含主机和数据库名/],
    [[...DB, '--today', '2026-13-01'], /^--today 应为 YYYY-MM-DD/],
    [['--config', 'missing.json'], /^无法读取配置文件：missing\.json/],
  ])('%j is refused in Chinese', (argv, message) => {
    expect(() => parse(...argv)).toThrow(message);
  });

  it('takes the documented options, a comma list of hosts, and defaults to loopback on 8080 without the demo', () => {
    expect(parse(...DB)).toEqual({
      database: 'ledger.sqlite',
      engine: 'sqlite',
      host: '127.0.0.1',
      port: 8080,
      cert: null,
      key: null,
      allowHosts: [],
      trustProxy: false,
      demo: false,
      importSqlite: null,
      today: null,
    });
    const a = parse(
      '--database',
      'postgres://ledger:s3cret@db.county.gov:5432/ledger',
      '--host',
      '0.0.0.0',
      '--port',
      '8443',
      '--cert',
      'server.crt',
      '--key',
      'server.key',
      '--allow-host',
      'TaiZhang.County.Gov,10.1.2.3',
      '--allow-host',
      '[fd00::5]',
      '--trust-proxy',
      '--import-sqlite',
      'desk.sqlite',
    );
    expect(a).toMatchObject({
      engine: 'postgres',
      host: '0.0.0.0',
      port: 8443,
      cert: 'server.crt',
      allowHosts: ['taizhang.county.gov', '10.1.2.3', '[fd00::5]'],
      trustProxy: true,
      importSqlite: 'desk.sqlite',
    });
    expect(serverWarnings(a)).toEqual([]);
    // The password never reaches the console.
    expect(displayDatabase(a.database)).toBe('postgres://ledger:***@db.county.gov:5432/ledger');
  });

  it('warns in Chinese when the intranet would get plain HTTP', () => {
    const a = parse(...DB, '--host', '0.0.0.0', '--allow-host', 'taizhang.local');
    expect(serverWarnings(a)).toEqual([expect.stringMatching(/^警告：未配置 HTTPS（--cert、--key），登录密码和数据将以明文在内网中传输/)]);
    expect(serverWarnings(parse(...DB))).toEqual([]);
  });

  it('reads the same keys from a JSON config file; the command line wins; unknown keys and broken JSON are refused', () => {
    fs.writeFileSync(
      path.join(dir, 'server.json'),
      JSON.stringify({
        database: 'postgres://ledger@127.0.0.1:5432/ledger',
        host: '0.0.0.0',
        port: 9000,
        allowHost: ['taizhang.local'],
        demo: true,
      }),
    );
    expect(parse('--config', 'server.json')).toMatchObject({
      engine: 'postgres',
      host: '0.0.0.0',
      port: 9000,
      allowHosts: ['taizhang.local'],
      demo: true,
    });
    expect(parse('--config', 'server.json', '--port', '8081', ...DB)).toMatchObject({ engine: 'sqlite', port: 8081 });
    fs.writeFileSync(path.join(dir, 'typo.json'), JSON.stringify({ databse: 'x' }));
    expect(() => parse('--config', 'typo.json')).toThrow('配置文件 typo.json 中有未知的项：databse');
    fs.writeFileSync(path.join(dir, 'broken.json'), '{ "port": 80, }');
    expect(() => parse('--config', 'broken.json')).toThrow('配置文件 broken.json 不是有效的 JSON');
    fs.writeFileSync(path.join(dir, 'flag.json'), JSON.stringify({ ...{ database: 'a.sqlite' }, demo: 'yes' }));
    expect(() => parse('--config', 'flag.json')).toThrow('--demo 应为 true 或 false');
  });
});

describe('the entry', () => {
  it('exits non-zero with the Chinese message, no stack and no English, on a wrong option', async () => {
    const s = startServer(['--database', path.join(dir, 'x.sqlite'), '--host', '0.0.0.0']);
    expect(await s.exited).toBe(1);
    expect(s.err().trim()).toMatch(/^监听地址 0\.0\.0\.0 可从其他计算机访问/);
    expect(s.err()).not.toMatch(/Error|at |node:/);
    expect(fs.existsSync(path.join(dir, 'x.sqlite'))).toBe(false);
  });

  it('serves HTTPS on a new SQLite ledger that asks for the administrator and holds no demo data', async () => {
    const certs = selfSignedCert(dir);
    const file = path.join(dir, 'fresh.sqlite');
    const s = startServer(['--database', file, '--port', '0', '--cert', certs.cert, '--key', certs.key]);
    const port = await s.listening();
    const ca = fs.readFileSync(certs.cert);
    expect((await callApi(port, 'auth.me', {}, { ca })).json).toEqual({
      ok: true,
      data: { needsSetup: true, user: null, engine: 'sqlite' },
    });
    expect(s.out()).toContain(`数据库：${file}`);
    expect(s.out()).not.toContain('示例数据');
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  }, 180_000);
});
