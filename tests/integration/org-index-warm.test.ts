/**
 * The organization index warmed up in slices at start-up is the index a cold build gives, whether the
 * warm-up finishes, is overtaken by a list, or is interrupted by a write.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { catchUpWithOtherWriters, createContext } from '../../src/main/core/context';
import { afterWarmUp, orgIndex, warmOrgIndex } from '../../src/main/core/services/orgIndex';
import { dispatch, type Transport } from '../../src/main/handlers';
import { makeLedger, type TestLedger, TODAY } from './fixture';
import { testSession } from './helpers/sessions';

let t: TestLedger;
let signed: Transport;
beforeEach(async () => {
  t = await makeLedger({ demo: 'firstStart' });
  signed = { sessionId: await testSession(t.ctx, 'county', [], 90) };
});
afterEach(() => t.close());

/** What a fresh process would see on the same file. */
const rebuilt = () => orgIndex(createContext(t.ctx.ledger, { today: () => TODAY }));

/**
 * A context of its own, as a server has right after opening the ledger. On PostgreSQL a context starts
 * from the newest 操作日志 entry when the ledger was opened: the seed and sessions written since through
 * `t.ctx` would otherwise look like another server's writes at its first request, and abandon the warm-up
 * whenever that request outlasts a slice.
 */
const fresh = async () => {
  const ctx = createContext(t.ctx.ledger, { today: () => TODAY, now: () => t.ctx.now() });
  await catchUpWithOtherWriters(ctx);
  return ctx;
};

it('a finished warm-up is the index, and the next list reads nothing more', async () => {
  const ctx = await fresh();
  await warmOrgIndex(ctx, 40);
  const warmed = await orgIndex(ctx);
  expect(warmed.length).toBeGreaterThan(300);
  expect(warmed).toEqual(await rebuilt());
  // Served from the warm index: the very same array.
  expect(await orgIndex(ctx)).toBe(warmed);
});

it('a list asked for in the middle of the warm-up reads the rest at once', async () => {
  const ctx = await fresh();
  const warming = warmOrgIndex(ctx, 40);
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setImmediate(r));
  const listed = await orgIndex(ctx);
  expect(listed).toEqual(await rebuilt());
  await warming;
  expect(await orgIndex(ctx)).toBe(listed);
});

it('a write during the warm-up abandons it, and the list shows the write', async () => {
  const ctx = await fresh();
  const warming = warmOrgIndex(ctx, 40);
  await new Promise((r) => setImmediate(r));
  const first = (await rebuilt())[0];
  if (!first) throw new Error('演示数据中没有组织');
  const o = await t.call('orgs.get', { id: first.id });
  const fields = { name: '预热期间改名的公司', category: o.category, subtype: o.subtype, regionId: o.regionId };
  // Through the warming server's own context: a write on the same connection is told, not noticed.
  const r = await dispatch(ctx, 'orgs.update', { id: first.id, fields }, undefined, signed);
  expect(r.ok).toBe(true);
  await warming;
  const listed = await orgIndex(ctx);
  expect(listed.find((o) => o.id === first.id)?.name).toBe('预热期间改名的公司');
  expect(listed).toEqual(await rebuilt());
});

it('the plain first pages are answered during the warm-up without it, as the finished index answers them', async () => {
  const ctx = await fresh();
  const warming = warmOrgIndex(ctx, 40);
  await new Promise((r) => setImmediate(r));
  const input = { sort: 'id', dir: 'asc', offset: 50, limit: 50 };
  const early = await dispatch(ctx, 'orgs.list', input, undefined, signed);
  // Answered before the warm-up ended: it was not overtaken, it goes on in the background.
  expect(afterWarmUp(ctx)).toBeDefined();
  await warming;
  const after = await dispatch(ctx, 'orgs.list', input, undefined, signed);
  expect(early).toEqual(after);
});

it('the 属地 list is answered during the warm-up without waiting for it, with the counts the index gives', async () => {
  const ctx = await fresh();
  const warming = warmOrgIndex(ctx, 40);
  await new Promise((r) => setImmediate(r));
  const early = await dispatch(ctx, 'regions.list', {}, undefined, signed);
  // Not held behind the warm-up: it is still under way.
  expect(afterWarmUp(ctx)).toBeDefined();
  await warming;
  if (!early.ok) throw new Error(early.error.message);
  const counts = new Map<number, number>();
  for (const o of await orgIndex(ctx)) counts.set(o.regionId, (counts.get(o.regionId) ?? 0) + 1);
  const regions = early.data as { id: number; orgCount: number }[];
  expect(regions.length).toBeGreaterThan(3);
  for (const r of regions) expect(r.orgCount).toBe(counts.get(r.id) ?? 0);
  expect(regions.reduce((n, r) => n + r.orgCount, 0)).toBe((await orgIndex(ctx)).length);
});

it('a read that needs the index waits for the warm-up and then answers from the finished index', async () => {
  const ctx = await fresh();
  const warming = warmOrgIndex(ctx, 40);
  await new Promise((r) => setImmediate(r));
  let finished = false;
  void warming.then(() => (finished = true));
  const stats = await dispatch(ctx, 'stats.coverage', {}, undefined, signed);
  expect(finished).toBe(true);
  expect(stats).toEqual(await dispatch(await fresh(), 'stats.coverage', {}, undefined, signed));
});
