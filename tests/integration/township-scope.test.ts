/**
 * Issue #14: a 乡镇经办 calling any read or write channel with another region's ids gets nothing of it
 * (lists and statistics exclude it, by-id calls answer not_found or forbidden) and nothing is written.
 * The cases live in scope/*.ts, one per channel; this file runs them on the demo county.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIfEmpty } from '../../src/main/core/seed';
import { type Channel, channels } from '../../src/shared/contract';
import { mayCall, PUBLIC_CHANNELS } from '../../src/shared/domain/roles';
import { WRITE_CHANNELS } from '../../src/shared/writeChannels';
import { makeLedger, type TestLedger } from './fixture';
import { RECORD_CASES } from './scope/records';
import type { ScopeCase, ScopeSetup } from './scope/types';
import { WORK_CASES } from './scope/work';

const CASES: Partial<Record<Channel, ScopeCase>> = { ...RECORD_CASES, ...WORK_CASES };
/** Channels a 乡镇经办 may call that carry no region's records. */
const REGIONLESS = new Set<Channel>([
  'settings.get',
  'reports.list',
  'auth.logout',
  'auth.changePassword',
  'leaders.list',
  'cases.leaders',
]);

let t: TestLedger;
let s: ScopeSetup;

/** Every table a write could touch, with its row count. */
function counts(): Record<string, number> {
  const tables = t.ctx.ledger.sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('sessions', 'login_log') AND name NOT LIKE 'sqlite_%'")
    .all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, t.count(name)]));
}

beforeAll(async () => {
  t = await makeLedger();
  await seedIfEmpty(t.ctx);
  const regions = t.ctx.ledger.sqlite
    .prepare(
      `SELECT r.id FROM regions r WHERE r.kind = 'township'
       ORDER BY (SELECT COUNT(*) FROM party_orgs p WHERE p.region_id = r.id AND p.deleted_at IS NULL) DESC, r.id`,
    )
    .all() as { id: number }[];
  const [mine, other] = regions.map((r) => r.id) as [number, number];
  s = { t, ctx: t.ctx, mine, other, township: t.as('township', [mine]), county: t.as('county') };
}, 60_000);

afterAll(async () => {
  await t.close();
});

describe('a 乡镇经办 aimed at another region', () => {
  it('has a case for every channel it may call that carries records', () => {
    const needed = channels.filter((c) => mayCall('township', c) && !PUBLIC_CHANNELS.has(c) && !REGIONLESS.has(c));
    expect(needed.filter((c) => !CASES[c])).toEqual([]);
  });

  for (const c of channels) {
    const run = CASES[c];
    if (!run) continue;
    it(`${c} gives nothing of it${WRITE_CHANNELS.has(c) ? ' and writes nothing' : ''}`, async () => {
      const before = counts();
      await run(s);
      if (WRITE_CHANNELS.has(c)) expect(counts()).toEqual(before);
    });
  }
});
