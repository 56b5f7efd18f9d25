/**
 * The organization index warmed up in slices at start-up is the index a cold build gives, whether the
 * warm-up finishes, is overtaken by a list, or is interrupted by a write.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createContext } from '../../src/main/core/context';
import { seedIfEmpty } from '../../src/main/core/seed';
import { afterWarmUp, orgIndex, warmOrgIndex } from '../../src/main/core/services/orgIndex';
import { dispatch } from '../../src/main/handlers';
import { makeLedger, type TestLedger, TODAY } from './fixture';

let t: TestLedger;
beforeEach(async () => {
  t = await makeLedger();
  await seedIfEmpty(t.ctx);
});
afterEach(() => t.close());

/** What a fresh process would see on the same file. */
const rebuilt = () => orgIndex(createContext(t.ctx.ledger, { today: () => TODAY }));

/** A context of its own, as a server has right after opening the ledger. */
const fresh = () => createContext(t.ctx.ledger, { today: () => TODAY });

it('a finished warm-up is the index, and the next list reads nothing more', async () => {
  const ctx = fresh();
  await warmOrgIndex(ctx, 40);
  const warmed = orgIndex(ctx);
  expect(warmed.length).toBeGreaterThan(300);
  expect(warmed).toEqual(rebuilt());
  // Served from the warm index: the very same array.
  expect(orgIndex(ctx)).toBe(warmed);
});

it('a list asked for in the middle of the warm-up reads the rest at once', async () => {
  const ctx = fresh();
  const warming = warmOrgIndex(ctx, 40);
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setImmediate(r));
  const listed = orgIndex(ctx);
  expect(listed).toEqual(rebuilt());
  await warming;
  expect(orgIndex(ctx)).toBe(listed);
});

it('a write during the warm-up abandons it, and the list shows the write', async () => {
  const ctx = fresh();
  const warming = warmOrgIndex(ctx, 40);
  await new Promise((r) => setImmediate(r));
  const first = rebuilt()[0];
  if (!first) throw new Error('演示数据中没有组织');
  const o = await t.call('orgs.get', { id: first.id });
  const fields = { name: '预热期间改名的公司', category: o.category, subtype: o.subtype, regionId: o.regionId };
  // Through the warming server's own context: a write on the same connection is told, not noticed.
  const r = await dispatch(ctx, 'orgs.update', { id: first.id, fields });
  expect(r.ok).toBe(true);
  await warming;
  const listed = orgIndex(ctx);
  expect(listed.find((o) => o.id === first.id)?.name).toBe('预热期间改名的公司');
  expect(listed).toEqual(rebuilt());
});

it('the plain first pages are answered during the warm-up without it, as the finished index answers them', async () => {
  const ctx = fresh();
  const warming = warmOrgIndex(ctx, 40);
  await new Promise((r) => setImmediate(r));
  const input = { sort: 'id', dir: 'asc', offset: 50, limit: 50 };
  const early = await dispatch(ctx, 'orgs.list', input);
  // Answered before the warm-up ended: it was not overtaken, it goes on in the background.
  expect(afterWarmUp(ctx)).toBeDefined();
  await warming;
  const after = await dispatch(ctx, 'orgs.list', input);
  expect(early).toEqual(after);
});
