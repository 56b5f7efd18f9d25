/**
 * Command-line options of the server edition (issue #15):
 * `--database postgres://user@host:5432/ledger|FILE.sqlite --host 0.0.0.0 --port 8080 [--cert server.crt
 * --key server.key] [--allow-host NAME[,NAME]] [--trust-proxy] [--demo] [--import-sqlite FILE] [--config server.json]`.
 * A JSON config file holds the same keys (camelCase, e.g. `"allowHost": ["taizhang.gov"]`); the command
 * line wins over it. Every mistake is answered in Chinese before anything is opened.
 */
import fs from 'node:fs';
import net from 'node:net';
import { isValidDate } from '../../shared/rules/dates';
import { HOST_NAME } from './args';

export interface ServerArgs {
  /** A postgres:// URL or a SQLite file path. */
  database: string;
  engine: 'postgres' | 'sqlite';
  host: string;
  port: number;
  cert: string | null;
  key: string | null;
  allowHosts: string[];
  trustProxy: boolean;
  /** Load the demo county into an empty ledger (never by default on the server). */
  demo: boolean;
  /** A desktop ledger to copy into the (PostgreSQL) database, then exit. */
  importSqlite: string | null;
  today: string | null;
}

/** What the server answers to without an allow-list: the machine itself only. */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** Problems the administrator should hear about, though the server still starts. */
export function serverWarnings(a: ServerArgs): string[] {
  const out: string[] = [];
  if (!LOOPBACK.has(a.host) && !a.cert)
    out.push('警告：未配置 HTTPS（--cert、--key），登录密码和数据将以明文在内网中传输；请尽快配置证书。');
  return out;
}

type Raw = Partial<Record<keyof ServerArgs | 'config' | 'allowHost', unknown>>;

const FLAGS: Record<string, keyof Raw> = {
  '--database': 'database',
  '--host': 'host',
  '--port': 'port',
  '--cert': 'cert',
  '--key': 'key',
  '--allow-host': 'allowHost',
  '--import-sqlite': 'importSqlite',
  '--config': 'config',
  '--today': 'today',
};
const SWITCHES: Record<string, keyof Raw> = { '--trust-proxy': 'trustProxy', '--demo': 'demo' };
const CONFIG_KEYS = new Set<string>([...Object.values(FLAGS), ...Object.values(SWITCHES)].filter((k) => k !== 'config'));

function fromArgv(argv: string[]): Raw {
  const raw: Raw = {};
  const hosts: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const key = FLAGS[a];
    if (key) {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`参数 ${a} 缺少取值`);
      if (key === 'allowHost') hosts.push(v);
      else raw[key] = v;
    } else if (SWITCHES[a]) raw[SWITCHES[a]] = true;
    else throw new Error(`未知参数：${a}（可用参数：${[...Object.keys(FLAGS), ...Object.keys(SWITCHES)].join(' ')}）`);
  }
  if (hosts.length > 0) raw.allowHost = hosts.join(',');
  return raw;
}

function fromConfig(file: string, read: (file: string) => string): Raw {
  let text: string;
  try {
    text = read(file);
  } catch (e) {
    throw new Error(e instanceof Error && /[\u4e00-\u9fff]/.test(e.message) ? e.message : `无法读取配置文件：${file}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`配置文件 ${file} 不是有效的 JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`配置文件 ${file} 应为一个 JSON 对象`);
  for (const k of Object.keys(parsed)) if (!CONFIG_KEYS.has(k)) throw new Error(`配置文件 ${file} 中有未知的项：${k}`);
  return parsed as Raw;
}

const text = (v: unknown, name: string): string | null => {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string' || v.trim() === '') throw new Error(`${name} 应为非空文本`);
  return v.trim();
};

/** A configuration file holds a dozen settings: anything larger is not one (and is not read into memory). */
const MAX_CONFIG_BYTES = 64 * 1024;

function readConfigFile(file: string): string {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) throw new Error(`找不到配置文件：${file}`);
  if (!stat.isFile()) throw new Error(`配置文件 ${file} 不是文件`);
  if (stat.size > MAX_CONFIG_BYTES) throw new Error(`配置文件 ${file} 过大（超过 64 KB），不像是本程序的配置文件`);
  return fs.readFileSync(file, 'utf8');
}

export function parseServerArgs(argv: string[], read: (file: string) => string = readConfigFile): ServerArgs {
  const cli = fromArgv(argv);
  const config = cli.config === undefined ? {} : fromConfig(cli.config as string, read);
  const raw: Raw = { ...config, ...cli };

  const database = text(raw.database, '--database');
  if (!database)
    throw new Error('缺少 --database：请给出 PostgreSQL 数据库地址（如 postgres://ledger@127.0.0.1:5432/ledger）或 SQLite 数据文件路径');
  const engine = /^postgres(ql)?:\/\//i.test(database) ? 'postgres' : 'sqlite';
  if (engine === 'postgres') {
    let url: URL;
    try {
      url = new URL(database);
    } catch {
      throw new Error('--database 的 PostgreSQL 地址格式不正确，应如 postgres://用户名@主机:5432/数据库名');
    }
    if (!url.hostname || url.pathname.length <= 1)
      throw new Error('--database 的 PostgreSQL 地址应包含主机和数据库名，如 postgres://ledger@127.0.0.1:5432/ledger');
  } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(database)) {
    throw new Error('--database 只接受 postgres:// 地址或 SQLite 数据文件路径');
  }

  const host = (text(raw.host, '--host') ?? '127.0.0.1').replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (host !== 'localhost' && !net.isIP(host)) throw new Error('--host 应为本机的 IP 地址（如 0.0.0.0 表示所有网卡，或 10.1.2.3）');

  const port = raw.port === undefined ? 8080 : Number(raw.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port 应为 0—65535 的整数');

  const cert = text(raw.cert, '--cert');
  const key = text(raw.key, '--key');
  if ((cert === null) !== (key === null)) throw new Error('--cert 和 --key 须同时给出（证书文件和私钥文件）');

  const hostList = Array.isArray(raw.allowHost) ? raw.allowHost.join(',') : (text(raw.allowHost, '--allow-host') ?? '');
  const allowHosts = hostList
    .split(',')
    .map((h) => String(h).trim().toLowerCase())
    .filter((h) => h !== '');
  for (const h of allowHosts) {
    if (!HOST_NAME.test(h)) throw new Error(`--allow-host 中的“${h}”应为主机名（如 taizhang.local）或 IP 地址，不含端口`);
  }
  // Binding beyond the machine without naming the hosts would leave DNS rebinding open to every page.
  if (!LOOPBACK.has(host) && allowHosts.length === 0)
    throw new Error(
      `监听地址 ${host} 可从其他计算机访问，须用 --allow-host 列出浏览器访问时使用的主机名或 IP（如 --allow-host taizhang.gov.local,10.1.2.3）`,
    );

  const today = text(raw.today, '--today');
  if (today !== null && !isValidDate(today)) throw new Error('--today 应为 YYYY-MM-DD 格式的日期');

  const flag = (v: unknown, name: string) => {
    if (v === undefined) return false;
    if (typeof v !== 'boolean') throw new Error(`${name} 应为 true 或 false`);
    return v;
  };
  const importSqlite = text(raw.importSqlite, '--import-sqlite');
  if (importSqlite !== null && engine !== 'postgres')
    throw new Error('--import-sqlite 用于把桌面版数据文件导入服务器版，须同时用 --database 指定 postgres:// 数据库');

  return {
    database,
    engine,
    host,
    port,
    cert,
    key,
    allowHosts,
    trustProxy: flag(raw.trustProxy, '--trust-proxy'),
    demo: flag(raw.demo, '--demo'),
    importSqlite,
    today,
  };
}

/** The database address as it may be printed: a password in the URL is replaced by ***. */
export function displayDatabase(database: string): string {
  if (!/^postgres(ql)?:\/\//i.test(database)) return database;
  try {
    const url = new URL(database);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://…';
  }
}
