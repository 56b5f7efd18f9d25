/** Browser-mode entry: `node out/main/web.js --port 5180 --data data/ledger.sqlite`. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBackup } from '../core/backup';
import { warmOrgIndex } from '../core/services/orgIndex';
import { startLedger } from '../core/startup';
import { parseWebArgs } from './args';
import { createWebServer } from './server';

async function main() {
  const args = parseWebArgs(process.argv.slice(2));
  const file = path.resolve(args.data);
  const { ctx, seeded } = await startLedger({ file, today: args.today, seed: args.seed });
  const here = path.dirname(fileURLToPath(import.meta.url));
  const server = createWebServer({
    ctx,
    staticDir: path.join(here, '../renderer'),
    onError: (channel, e) => console.error(`[${new Date().toISOString()}] ${channel} 出错：`, e),
    allowHosts: args.allowHosts,
  });
  // A stray rejection is logged; it must not end the server the clerk is working in.
  process.on('unhandledRejection', (e) => console.error(`[${new Date().toISOString()}] 未处理的异常：`, e));
  server.listen(args.port, '127.0.0.1', () => {
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : args.port;
    console.log(`数据文件：${file}${seeded ? '（已载入示例数据）' : ''}`);
    console.log(`LISTENING http://127.0.0.1:${port}`);
    // While the browser loads the page, the organization index its first list needs is built.
    warmOrgIndex(ctx).catch((e) => console.error(`[${new Date().toISOString()}] 预先整理组织索引失败：`, e));
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // Requests under way finish first; then the exit backup, then the ledger closes.
    server.close(() => {
      createBackup(ctx, 'exit')
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
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
