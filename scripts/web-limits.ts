/**
 * Browser mode's body limit, measured: time and the server process's peak memory for bodies under,
 * at and far over the limit; then the server edition's login limiter under a flood of distinct
 * addresses. `npx tsx scripts/web-limits.ts`
 *
 * The server runs in a child process so the client's own buffers do not count.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MB = 1024 * 1024;

if (process.argv[2] === '--serve') {
  const { openLedger } = await import('../src/main/core/db');
  const { createContext } = await import('../src/main/core/context');
  const { createWebServer } = await import('../src/main/web/server');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'web-limits-'));
  const ledger = await openLedger(path.join(dir, 'ledger.sqlite'));
  const ctx = createContext(ledger);
  const { testSession } = await import('../tests/integration/helpers/sessions');
  const session = await testSession(ctx, 'county', [], 0);
  const server = createWebServer({ ctx, staticDir: dir });
  let peak = 0;
  setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5).unref();
  process.on('message', (m: string) => {
    if (m === 'reset') {
      global.gc?.();
      peak = process.memoryUsage().rss;
      process.send?.({ rss: peak });
    } else if (m === 'peak') process.send?.({ peak });
    else if (m === 'stop')
      server.close(() =>
        ledger
          .close()
          .then(() => fs.rmSync(dir, { recursive: true, force: true }))
          .then(() => process.exit(0)),
      );
  });
  server.listen(0, '127.0.0.1', () => {
    const a = server.address();
    process.send?.({ port: typeof a === 'object' && a ? a.port : 0, session });
  });
} else {
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], { execArgv: ['--import', 'tsx', '--expose-gc'] });
  type Reply = { port: number; session: string; rss: number; peak: number };
  const next = () => new Promise<Reply>((r) => child.once('message', (m) => r(m as Reply)));
  const { port, session } = await next();
  const cases: [string, string, Buffer][] = [
    ['1 MB JSON (not a workbook)', 'import.preview', json(1)],
    ['34 MB file as base64 (the contract’s limit)', 'import.preview', json(34)],
    ['35 MB file as base64 (over the contract’s limit)', 'import.preview', json(35)],
    ['70 MB body (over the 48 MB body limit)', 'import.preview', Buffer.alloc(70 * MB, 0x61)],
    ['150 MB body', 'import.preview', Buffer.alloc(150 * MB, 0x61)],
  ];
  console.log('| 请求 | HTTP 状态 | 用时 | 服务进程内存峰值（增量） | 信息 |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const [what, channel, body] of cases) {
    child.send('reset');
    const { rss } = await next();
    const started = performance.now();
    const res = await fetch(`http://127.0.0.1:${port}/api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `lx_session=${session}` },
      body,
    });
    const text = await res.text();
    const ms = performance.now() - started;
    child.send('peak');
    const { peak } = await next();
    const message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? '（成功）';
    console.log(
      `| ${what} | ${res.status} | ${ms.toFixed(0)} ms | ${(peak / MB).toFixed(0)} MB（+${((peak - rss) / MB).toFixed(0)} MB） | ${message.slice(0, 40)} |`,
    );
  }
  child.send('stop');
  await limiterFigures();
}

/**
 * The server edition's login limiter under a flood of distinct addresses (each one new, as a spoofing
 * script behind --trust-proxy would send): time per attempt and heap growth, with the default cap.
 */
async function limiterFigures() {
  const { createLoginLimiter } = await import('../src/main/web/loginLimit');
  console.log('\n| 登录限速：不同地址的尝试次数 | 每次用时 | 记录的地址数 | 堆内存增量 |');
  console.log('| --- | --- | --- | --- |');
  for (const n of [10_000, 100_000, 1_000_000]) {
    const limiter = createLoginLimiter();
    const before = process.memoryUsage().heapUsed;
    const started = performance.now();
    for (let i = 0; i < n; i++) limiter.attempt(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, `user${i}`);
    const us = ((performance.now() - started) * 1000) / n;
    const grown = (process.memoryUsage().heapUsed - before) / MB;
    console.log(`| ${n.toLocaleString('en')} | ${us.toFixed(2)} µs | ${limiter.size()} | ${grown.toFixed(1)} MB |`);
  }
}

/** An import.preview input carrying `mb` megabytes of file as base64. */
function json(mb: number): Buffer {
  const base64 = Buffer.alloc(mb * MB, 7).toString('base64');
  return Buffer.from(JSON.stringify({ kind: 'orgs', fileName: 'a.xlsx', base64 }));
}
