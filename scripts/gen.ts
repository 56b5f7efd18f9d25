/**
 * Writes a realistic scale-up into a ledger, on either engine:
 *
 *   npm run gen -- --orgs 100000 --database /tmp/big.sqlite
 *   npm run gen -- --orgs 100000 --database postgres://postgres@/ledger?host=/tmp/pgsock
 *
 * The database is created and migrated if new; the rows are added to whatever it holds.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { openBenchLedger } from './benchDatabase';
import { generateLedger } from './genLedger';

const { values } = parseArgs({
  options: { orgs: { type: 'string', default: '100000' }, database: { type: 'string' }, today: { type: 'string' } },
});
if (!values.database) {
  console.error('请用 --database 指定 SQLite 文件路径或 postgres://… 连接串');
  process.exit(2);
}
const orgs = Number(values.orgs);
if (!Number.isInteger(orgs) || orgs < 1) {
  console.error('--orgs 应为正整数');
  process.exit(2);
}
const opened = await openBenchLedger(values.database);
const t0 = performance.now();
const counts = await generateLedger(opened.ledger.db, { orgs, today: values.today });
const ms = performance.now() - t0;
await opened.close();
console.log(`造数（${opened.engine}）：${(ms / 1000).toFixed(1)} s`);
for (const [table, n] of Object.entries(counts)) console.log(`  ${table.padEnd(12)}${n.toLocaleString().padStart(10)}`);
