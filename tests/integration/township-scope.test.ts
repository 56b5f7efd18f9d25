/**
 * Issue #14: a 乡镇经办 calling any read or write channel with another region's ids gets nothing of it
 * (lists and statistics exclude it, by-id calls answer not_found or forbidden) and nothing is written.
 * The cases live in scope/*.ts, one per channel; this file runs them on the demo county.
 */
import { sql } from 'kysely';
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

/** Every table a write could touch, with its row count, in one query (kysely's listing works on both engines). */
async function counts(): Promise<Record<string, number>> {
  const tables = (await t.ctx.ledger.db.introspection.getTables())
    .map((table) => table.name)
    .filter((name) => !['sessions', 'login_log'].includes(name) && !name.startsWith('sqlite_'))
    .sort();
  const each = tables.map(
    (name) => sql<{ name: string; n: number }>`SELECT ${sql.lit(name)} AS name, count(*) AS n FROM ${sql.table(name)}`,
  );
  const all = await t.rows<{ name: string; n: number | string }>(sql.join(each, sql` UNION ALL `));
  return Object.fromEntries(all.map(({ name, n }) => [name, Number(n)]));
}

beforeAll(async () => {
  t = await makeLedger();
  await seedIfEmpty(t.ctx);
  const regions = await t.rows<{ id: number }>(
    sql`SELECT r.id FROM regions r WHERE r.kind = 'township'
       ORDER BY (SELECT COUNT(*) FROM party_orgs p WHERE p.region_id = r.id AND p.deleted_at IS NULL) DESC, r.id`,
  );
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
      const before = await counts();
      await run(s);
      if (WRITE_CHANNELS.has(c)) expect(await counts()).toEqual(before);
    });
  }
});
