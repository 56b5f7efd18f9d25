/**
 * Starts a ledger over with the demo county (青山旗):
 *
 *   npm run seed:reset                                 # data/ledger.sqlite
 *   npm run seed:reset -- --data path/to/ledger.sqlite
 *
 * An existing ledger is never deleted: it is moved aside to `<file>.bak-<timestamp>` (its -wal and
 * -shm files with it, renamed to match, so the backup opens as it was). Stop the app first.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { createContext } from '../src/main/core/context';
import { openLedger } from '../src/main/core/db';
import { demoSeedPath, loadSeed, readSeedFile } from '../src/main/core/seed';
import { coverageStats } from '../src/main/core/services/stats';
import { formatRatio } from '../src/shared/rules/coverage';

function parseArgs(argv: string[]): { data: string } {
  let data = 'data/ledger.sqlite';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--data') {
      const v = argv[++i];
      if (!v) throw new Error('--data 后应跟数据文件路径');
      data = v;
    } else if (a?.startsWith('--data=')) data = a.slice('--data='.length);
    else if (a === '--help' || a === '-h') {
      console.log('用法：npx tsx scripts/seed-reset.ts [--data data/ledger.sqlite]');
      process.exit(0);
    } else throw new Error(`不认识的参数：${a}`);
  }
  return { data };
}

function timestamp(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

/** Moves the ledger and its -wal/-shm aside; returns the backup's path, or null when there was nothing to move. */
function moveAside(file: string): string | null {
  const parts = [file, `${file}-wal`, `${file}-shm`];
  if (!parts.some((f) => fs.existsSync(f))) return null;
  if (fs.existsSync(file)) {
    // Fold the WAL into the main file first, so the backup is complete on its own. A file that is not
    // a ledger (or is locked) is moved as it is.
    try {
      const db = new SQLite(file, { fileMustExist: true });
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    } catch {
      // moved as it is
    }
  }
  let backup = `${file}.bak-${timestamp()}`;
  for (let n = 2; [backup, `${backup}-wal`, `${backup}-shm`].some((f) => fs.existsSync(f)); n++) {
    backup = `${file}.bak-${timestamp()}-${n}`;
  }
  for (const [i, suffix] of ['', '-wal', '-shm'].entries()) {
    const from = parts[i] as string;
    if (fs.existsSync(from)) fs.renameSync(from, `${backup}${suffix}`);
  }
  return backup;
}

async function main() {
  const { data } = parseArgs(process.argv.slice(2));
  const file = path.resolve(data);
  const seedFile = demoSeedPath();
  const seed = readSeedFile(seedFile);

  const backup = moveAside(file);
  if (backup) console.log(`原数据文件已移至：${backup}`);

  const ledger = await openLedger(file);
  try {
    const ctx = createContext(ledger);
    const counts = await loadSeed(ctx, seed);
    const { asOf, county } = await coverageStats(ctx, {});
    console.log(`已新建台账：${file}`);
    console.log(`载入示例数据“${seed.settings.countyName}”（${path.relative(process.cwd(), seedFile) || seedFile}）：`);
    console.log(
      `  属地 ${counts.regions} 个，两新组织 ${counts.orgs} 个，党组织 ${counts.partyOrgs} 个，党建工作指导员 ${counts.instructors} 名`,
    );
    console.log(`全旗两个覆盖情况（统计截至 ${asOf}，纳入统计 ${county.inScope} 个，共 ${county.total} 个）：`);
    console.log(`  组织覆盖率  ${formatRatio(county.orgCoverage)}`);
    console.log(`  工作覆盖率  ${formatRatio(county.workCoverage)}`);
    console.log(`  单独组建率  ${formatRatio(county.singleRate)}`);
    console.log(`  应建尽建率  ${formatRatio(county.buildRate)}`);
  } finally {
    await ledger.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
