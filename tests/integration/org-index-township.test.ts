/**
 * A 乡镇经办's organization list from the shared index (issue #14): only their regions, and the plain
 * first page right after start is answered during the warm-up like the county clerk's, without
 * overtaking it.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type Caller, withCaller } from '../../src/main/core/caller';
import { createContext } from '../../src/main/core/context';
import { afterWarmUp, warmOrgIndex } from '../../src/main/core/services/orgIndex';
import { listOrgs } from '../../src/main/core/services/orgs';
import { makeLedger, type TestLedger, TODAY } from './fixture';

let t: TestLedger;
let township: Caller;
beforeEach(async () => {
  t = await makeLedger({ demo: 'firstStart' });
  const [{ id }] = (await t.rows<{ id: number }>(sql`SELECT id FROM regions WHERE kind = 'township' ORDER BY id LIMIT 1`)) as [
    { id: number },
  ];
  township = { userId: 1, userName: 'tw', name: '乡镇', role: 'township', regionIds: [id], mustChangePassword: false };
}, 60_000);
afterEach(() => t.close());

const page = { sort: 'id', dir: 'asc', offset: 0, limit: 10 } as const;

it("a 乡镇经办's first page during the warm-up is their region's, as the finished index answers it", async () => {
  const ctx = createContext(t.ctx.ledger, { today: () => TODAY });
  const warming = warmOrgIndex(ctx, 40);
  await new Promise((r) => setImmediate(r));
  const early = await withCaller(township, () => listOrgs(ctx, page));
  // Answered without the index: the warm-up is still under way.
  expect(afterWarmUp(ctx)).toBeDefined();
  await warming;
  const after = await withCaller(township, () => listOrgs(ctx, page));
  expect(early).toEqual(after);
  expect(early.rows.length).toBe(10);
  expect(early.rows.filter((o) => o.regionId !== township.regionIds[0])).toEqual([]);
  const [own] = await t.rows<{ n: number | string }>(
    sql`SELECT COUNT(*) AS n FROM orgs WHERE region_id = ${township.regionIds[0]} AND deleted_at IS NULL`,
  );
  expect(early.total).toBe(Number(own?.n));
});
