/**
 * How long a whole-county exchange takes now that the #13 records travel: the demo county, plus
 * `extra` 组织生活 records copied over its party organizations (default 50,000), exported, previewed
 * into an empty ledger, committed, and previewed again (everything unchanged). Figures printed, never
 * asserted: the machines are shared and noisy.
 *
 *   npx tsx scripts/benchExchange.ts [extra]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createContext } from '../src/main/core/context';
import { openLedger } from '../src/main/core/db';
import { commitExchange, exportExchange, previewExchange } from '../src/main/core/exchange';
import { demoSeedPath, loadSeed, readSeedFile } from '../src/main/core/seed';
import { updateSettings } from '../src/main/core/services/settings';

const extra = Number(process.argv[2] ?? 50_000);
const today = '2026-06-30';

async function ledger(name: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ledger-bench-exchange-${name}-`));
  const l = await openLedger(path.join(dir, 'ledger.sqlite'));
  return { ctx: createContext(l, { today: () => today }), dir };
}

async function timed<T>(label: string, fn: () => Promise<T>, lines: string[]): Promise<T> {
  const t0 = performance.now();
  const out = await fn();
  lines.push(`${label.padEnd(28)} ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  return out;
}

async function main() {
  const A = await ledger('township');
  await loadSeed(A.ctx, readSeedFile(demoSeedPath()));
  // Meetings spread over the party organizations, after each was founded (the service checks that on commit).
  const db = A.ctx.ledger.sqlite;
  const parties = db
    .prepare(
      `SELECT id, max(coalesce(founded_date, '2024-01-01'), '2024-01-01') AS since FROM party_orgs WHERE deleted_at IS NULL ORDER BY id`,
    )
    .all() as { id: number; since: string }[];
  const insert = db.prepare(
    `INSERT INTO activities (party_org_id, kind, date, topic, attendance, expected, created_at, updated_at)
     VALUES (?, 'branch_meeting', date(?, '+' || ? || ' days'), ?, 5, 6, ?, ?)`,
  );
  const stamp = `${today}T08:00:00.000Z`;
  db.transaction(() => {
    for (let i = 0; i < extra; i++) {
      const p = parties[i % parties.length] as { id: number; since: string };
      insert.run(p.id, p.since, i % 180, `支部党员大会第${i + 1}次`, stamp, stamp);
    }
  })();
  const B = await ledger('county');
  await updateSettings(B.ctx, { countyName: '青山旗', countyCode: '150499' });

  const lines: string[] = [];
  const file = await timed('导出全县', () => exportExchange(A.ctx), lines);
  const records = Object.entries(file.manifest.counts)
    .filter(([k]) => k !== 'assignments' && k !== 'trainingAttendees' && k !== 'regions')
    .reduce((n, [, v]) => n + v, 0);
  lines.unshift(`交换文件 ${(file.bytes.length / 1024 / 1024).toFixed(1)} MB，记录 ${records.toLocaleString('zh-CN')} 条`);
  const p = await timed('预览（空台账，全部新增）', () => previewExchange(B.ctx, file.bytes), lines);
  await timed('合并', () => commitExchange(B.ctx, p.id), lines);
  const again = await timed('再次预览（全部无变化）', () => previewExchange(B.ctx, file.bytes), lines);
  lines.push(`再次预览：无变化 ${again.counts.unchanged}，新增 ${again.counts.new}，更新 ${again.counts.changed}`);
  lines.push(`峰值内存（RSS）约 ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
  console.log(lines.join('\n'));
  for (const x of [A, B]) {
    await x.ctx.ledger.close();
    fs.rmSync(x.dir, { recursive: true, force: true });
  }
}

void main();
