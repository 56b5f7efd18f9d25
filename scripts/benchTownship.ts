/**
 * What region scoping (issue #14) costs on a big ledger: the organization list, its search and the
 * statistics as the county clerk (no narrowing) and as a 乡镇经办 of one township, on the same index.
 * Not a test: read the figures (median ms), the machines are shared and noisy.
 *
 *   npx tsx scripts/benchTownship.ts          # 100,000 organizations
 *   npx tsx scripts/benchTownship.ts 20000
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Caller, withCaller } from '../src/main/core/caller';
import { type Ctx, createContext } from '../src/main/core/context';
import { openLedger } from '../src/main/core/db';
import { fourHundred } from '../src/main/core/services/fourHundred';
import { listOrgs } from '../src/main/core/services/orgs';
import { listPartyOrgs } from '../src/main/core/services/partyOrgs';
import { coverageStats } from '../src/main/core/services/stats';
import { fillLedger } from './benchLedger';

const n = Number(process.argv[2] ?? 100_000);
const township: Caller = { userId: 1, userName: 'bench', name: '测试', role: 'township', regionIds: [3], mustChangePassword: false };
const county: Caller = { ...township, role: 'county', regionIds: [] };

const page = { sort: 'id', dir: 'asc', offset: 0, limit: 50 } as const;

async function median(fn: () => unknown, runs = 7): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(runs / 2)] as number;
}

async function figures(ctx: Ctx, who: Caller) {
  const as =
    <T>(fn: () => T) =>
    () =>
      withCaller(who, fn);
  return {
    '列表 第1页': await median(as(() => listOrgs(ctx, page))),
    '列表 第20页': await median(as(() => listOrgs(ctx, { ...page, offset: 950 }))),
    '搜索 “民政”（一次按键）': await median(as(() => listOrgs(ctx, { ...page, query: '民政' }))),
    按名称排序: await median(as(() => listOrgs(ctx, { ...page, sort: 'name' }))),
    党组织列表: await median(as(() => listPartyOrgs(ctx, { ...page, sort: 'id' }))),
    两个覆盖统计: await median(as(() => coverageStats(ctx, {}))),
    四个100: await median(as(() => fourHundred(ctx, {}))),
  };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-bench-township-'));
const ledger = await openLedger(path.join(dir, 'ledger.sqlite'));
const ctx = createContext(ledger, { today: () => '2026-06-30' });
await fillLedger(ledger.db, n);
const t0 = performance.now();
await withCaller(township, () => listOrgs(ctx, page));
const cold = performance.now() - t0;
const rows = { county: await figures(ctx, county), township: await figures(ctx, township) };
console.log(`${n.toLocaleString()} 个组织；乡镇经办的首次列表（建索引）${cold.toFixed(0)} ms`);
console.log('项目\t县级经办 ms\t乡镇经办 ms');
for (const k of Object.keys(rows.county) as (keyof typeof rows.county)[]) {
  console.log(`${k}\t${rows.county[k].toFixed(1)}\t${rows.township[k].toFixed(1)}`);
}
await ledger.close();
fs.rmSync(dir, { recursive: true, force: true });
