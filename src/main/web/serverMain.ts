/**
 * Server-edition entry (`npm run server -- --database postgres://… --host 0.0.0.0 --port 8080 …`): the
 * browser-mode server and renderer build for the county's intranet, with HTTPS, the Host allow-list and
 * the login rate limit. See README「服务器版（县级内网）」.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { displayDatabase, parseServerArgs, serverWarnings } from './serverArgs';

const stamp = () => `[${new Date().toISOString()}]`;

function readPem(file: string, what: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch {
    throw new Error(`无法读取${what}：${file}`);
  }
}

/** Why the database did not open, in Chinese (the driver's own message is English and names internals). */
function openFailure(e: unknown, database: string): string {
  const code = (e as { code?: unknown })?.code;
  const reasons: Record<string, string> = {
    ECONNREFUSED: '连接被拒绝，请确认 PostgreSQL 已启动、主机和端口正确',
    ENOTFOUND: '找不到数据库主机，请检查地址中的主机名',
    ETIMEDOUT: '连接超时，请检查网络和防火墙',
    '28P01': '用户名或密码不正确',
    '28000': '数据库不允许该用户连接（请检查 pg_hba.conf）',
    '3D000': '数据库不存在，请先按 README 创建',
    '42501': '该用户没有所需的权限（建表须为数据库所有者）',
    SQLITE_CANTOPEN: '无法打开数据文件，请确认文件夹存在且有写权限',
    SQLITE_NOTADB: '该文件不是本程序的数据文件',
  };
  // The core's own Chinese message already names the database and the reason.
  if (e instanceof Error && /[\u4e00-\u9fff]/.test(e.message)) return e.message;
  const reason = typeof code === 'string' ? reasons[code] : undefined;
  return `无法打开数据库 ${database}：${reason ?? '未知原因，请检查地址、账号和权限'}`;
}

/**
 * `--import-sqlite FILE`: copies a desktop ledger into the (empty) PostgreSQL database, prints per table
 * the rows and content hash on both sides, and exits; non-zero if any table differs.
 */
async function importDesktopLedger(file: string, url: string) {
  const { copySqliteToPostgres } = await import('../core/engineCopy');
  let report: Awaited<ReturnType<typeof copySqliteToPostgres>>;
  try {
    report = await copySqliteToPostgres(file, url);
  } catch (e) {
    throw new Error(openFailure(e, displayDatabase(url)));
  }
  console.log('| 表 | 桌面版行数 | 服务器行数 | 桌面版内容校验 | 服务器内容校验 | 结果 |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  let differ = 0;
  for (const r of report) {
    const same = r.sqliteRows === r.postgresRows && r.sqliteHash === r.postgresHash;
    if (!same) differ++;
    console.log(
      `| ${r.table} | ${r.sqliteRows} | ${r.postgresRows} | ${r.sqliteHash.slice(0, 16)} | ${r.postgresHash.slice(0, 16)} | ${same ? '一致' : '不一致'} |`,
    );
  }
  const rows = report.reduce((n, r) => n + r.postgresRows, 0);
  if (differ > 0) throw new Error(`导入后有 ${differ} 张表两边不一致，请勿启用服务器版，并把以上输出交给技术支持`);
  console.log(`导入完成：${report.length} 张表、${rows} 行，两边行数和内容校验一致。现在可以不带 --import-sqlite 启动服务器版。`);
}

async function main() {
  const args = parseServerArgs(process.argv.slice(2));
  for (const w of serverWarnings(args)) console.warn(w);
  if (args.importSqlite) {
    await importDesktopLedger(path.resolve(args.importSqlite), args.database);
    process.exit(0);
  }
  // The core is loaded once the options are known good: a mistyped option is answered at once.
  const [{ createBackup }, { warmOrgIndex }, { startLedger }, { createLoginLimiter }, { createWebServer }] = await Promise.all([
    import('../core/backup'),
    import('../core/services/orgIndex'),
    import('../core/startup'),
    import('./loginLimit'),
    import('./server'),
  ]);
  const tls = args.cert && args.key ? { cert: readPem(args.cert, '证书文件'), key: readPem(args.key, '私钥文件') } : undefined;
  const database = args.engine === 'sqlite' ? path.resolve(args.database) : args.database;
  // PostgreSQL is backed up by its administrators with pg_dump; a SQLite ledger keeps the desktop's backups.
  const fileBackups = args.engine === 'sqlite';
  let started: Awaited<ReturnType<typeof startLedger>>;
  try {
    started = await startLedger({ file: database, today: args.today, seed: args.demo, backup: fileBackups });
  } catch (e) {
    throw new Error(openFailure(e, displayDatabase(database)));
  }
  const { ctx, seeded } = started;
  const here = path.dirname(fileURLToPath(import.meta.url));
  const options = {
    ctx,
    staticDir: path.join(here, '../renderer'),
    onError: (channel: string, e: unknown) => console.error(`${stamp()} ${channel} 出错：`, e),
    allowHosts: args.allowHosts,
    loginLimiter: createLoginLimiter(),
    trustProxy: args.trustProxy,
  };
  const server = tls ? createWebServer({ ...options, tls }) : createWebServer(options);
  process.on('unhandledRejection', (e) => console.error(`${stamp()} 未处理的异常：`, e));
  server.on('error', (e: NodeJS.ErrnoException) => {
    console.error(
      e.code === 'EADDRINUSE'
        ? `端口 ${args.port} 已被占用，请换一个端口（--port）或停止占用它的程序`
        : e.code === 'EACCES'
          ? `没有权限监听端口 ${args.port}（1024 以下的端口需要管理员权限），请换一个端口`
          : e.code === 'EADDRNOTAVAIL'
            ? `本机没有地址 ${args.host}，请检查 --host`
            : `无法启动服务：${e.code ?? e.message}`,
    );
    process.exit(1);
  });
  server.listen(args.port, args.host, () => {
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : args.port;
    const scheme = tls ? 'https' : 'http';
    console.log(`数据库：${displayDatabase(database)}${seeded ? '（已载入示例数据）' : ''}`);
    for (const h of args.allowHosts) console.log(`访问地址：${scheme}://${h.includes(':') ? `[${h}]` : h}:${port}`);
    console.log(`LISTENING ${scheme}://${args.host.includes(':') ? `[${args.host}]` : args.host}:${port}`);
    warmOrgIndex(ctx).catch((e) => console.error(`${stamp()} 预先整理组织索引失败：`, e));
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close(() => {
      (fileBackups ? createBackup(ctx, 'exit') : Promise.resolve())
        .catch((e) => console.error('退出备份失败：', e))
        .then(() => ctx.ledger.close())
        .finally(() => process.exit(0));
    });
    server.closeIdleConnections();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
