/**
 * The organization lists in other orders, kept across writes (patched, not sorted again), and writes
 * that change no organization's row (组织生活) leaving the index as it is: in this process and in
 * another one on the same ledger, on either engine.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type Ctx, catchUpWithOtherWriters, createContext } from '../../src/main/core/context';
import { type Ledger, openLedger } from '../../src/main/core/db';
import { type IndexedOrg, orgIndex, sortedOrgIndex } from '../../src/main/core/services/orgIndex';
import { dispatch, type Transport } from '../../src/main/handlers';
import type { Channel, Input, Output } from '../../src/shared/contract';
import { freshTarget, TODAY } from './fixture';
import { testSession } from './helpers/sessions';

let drop: () => Promise<void>;
let ledgers: Ledger[];
let a: Ctx;
let b: Ctx;
let signed: Transport;
let regionId: number;
const clock = { today: () => TODAY };

async function call<C extends Channel>(ctx: Ctx, channel: C, input: Input<C>): Promise<Output<C>> {
  const r = await dispatch(ctx, channel, input, undefined, signed);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.data as Output<C>;
}

const org = (name: string, formalMembers = 1) => ({
  name,
  category: 'nonpublic' as const,
  subtype: 'company' as const,
  regionId,
  formalMembers,
});

beforeEach(async () => {
  let target: string;
  ({ target, drop } = await freshTarget());
  ledgers = [await openLedger(target), await openLedger(target)];
  a = createContext(ledgers[0] as Ledger, clock);
  b = createContext(ledgers[1] as Ledger, clock);
  signed = { sessionId: await testSession(a, 'county', [], 0) };
  regionId = (await call(a, 'regions.create', { name: '红山街道', kind: 'subdistrict' })).id;
  for (const name of ['乙公司', '甲公司', '丙公司', '丁公司', '戊公司']) await call(a, 'orgs.create', org(name));
});

afterEach(async () => {
  for (const l of ledgers) await l.close();
  await drop();
});

const collator = new Intl.Collator('zh-CN');
const byName = (a: IndexedOrg, b: IndexedOrg) => collator.compare(a.name, b.name) || a.id - b.id;

/** What a process started now would list, by name and by 正式党员. */
async function fresh(): Promise<string[][]> {
  const ctx = createContext(ledgers[0] as Ledger, clock);
  return [
    (await call(ctx, 'orgs.list', { sort: 'name', limit: 100 })).rows.map((r) => r.name),
    (await call(ctx, 'orgs.list', { sort: 'formalMembers', limit: 100 })).rows.map((r) => r.name),
  ];
}

const lists = async (ctx: Ctx) => [
  (await call(ctx, 'orgs.list', { sort: 'name', limit: 100 })).rows.map((r) => r.name),
  (await call(ctx, 'orgs.list', { sort: 'formalMembers', limit: 100 })).rows.map((r) => r.name),
];

it('the lists in name and 党员 order stay right after writes from this process and from another', async () => {
  expect(await lists(a)).toEqual(await fresh());
  expect(await lists(b)).toEqual(await fresh());
  const list = (await call(a, 'orgs.list', { limit: 100 })).rows;
  const id = (name: string) => list.find((r) => r.name === name)?.id as number;

  // A rename moves the organization; a delete takes it out; a new one goes in its place.
  await call(a, 'orgs.update', { id: id('甲公司'), fields: org('子公司', 7) });
  await call(b, 'orgs.delete', { id: id('丙公司') });
  await call(a, 'orgs.create', org('阿公司', 2));
  for (const ctx of [a, b]) expect(await lists(ctx)).toEqual(await fresh());

  await call(b, 'orgs.update', { id: id('乙公司'), fields: org('安公司', 4) });
  await call(b, 'orgs.create', org('昂公司', 3));
  for (const ctx of [a, b]) expect(await lists(ctx)).toEqual(await fresh());
  expect((await fresh())[0]).toEqual(['安公司', '昂公司', '阿公司', '丁公司', '戊公司', '子公司'].sort(collator.compare));
});

it('after a save the kept name order is patched, not sorted again', async () => {
  await sortedOrgIndex(a, 'name', byName);
  const id = (await orgIndex(a)).find((o) => o.name === '甲公司')?.id as number;
  await call(b, 'orgs.update', { id, fields: org('子公司') });
  await catchUpWithOtherWriters(a);
  let compared = 0;
  const counting = (x: IndexedOrg, y: IndexedOrg) => {
    compared++;
    return byName(x, y);
  };
  const rows = await sortedOrgIndex(a, 'name', counting);
  expect(rows.map((o) => o.name)).toEqual(['丙公司', '丁公司', '乙公司', '戊公司', '子公司'].sort(collator.compare));
  // A binary search over 4 rows, not a sort of 5.
  expect(compared).toBeLessThanOrEqual(3);
});

it('组织生活 recorded here or by another process leaves the organization index as it is', async () => {
  const po = await call(a, 'partyOrgs.create', {
    name: '联合支部',
    type: 'joint_branch',
    method: 'joint',
    regionId,
    coveredOrgIds: [(await orgIndex(a))[0]?.id as number],
  });
  // Each side has caught up with the other's writes so far (a request does this first).
  for (const ctx of [a, b]) await catchUpWithOtherWriters(ctx);
  const before = await orgIndex(a);
  const otherBefore = await orgIndex(b);
  await call(a, 'activities.create', { partyOrgId: po.id, kind: 'theme_day', date: TODAY, topic: '学习' });
  await call(b, 'activities.create', { partyOrgId: po.id, kind: 'theme_day', date: TODAY, topic: '再学习' });
  for (const ctx of [a, b]) await catchUpWithOtherWriters(ctx);
  expect(a.orgChanges).not.toBe('all');
  expect(b.orgChanges).not.toBe('all');
  expect(await orgIndex(a)).toBe(before);
  expect(await orgIndex(b)).toBe(otherBefore);
});

it('the party organization list is kept across saves that change none of its rows, and right after those that do, from either process', async () => {
  const ids = (await orgIndex(a)).map((o) => o.id);
  const po = await call(a, 'partyOrgs.create', {
    name: '联合支部',
    type: 'joint_branch',
    method: 'joint',
    regionId,
    coveredOrgIds: ids.slice(0, 3),
  });
  const listed = async (ctx: Ctx) => (await call(ctx, 'partyOrgs.list', { limit: 100 })).rows;
  const kept = (ctx: Ctx) => ctx.caches.get('partyOrgIndex')?.value;
  expect((await listed(b))[0]?.coveredCount).toBe(3);
  await listed(a);
  const [keptA, keptB] = [kept(a), kept(b)];

  await call(a, 'activities.create', { partyOrgId: po.id, kind: 'theme_day', date: TODAY, topic: '学习' });
  await call(b, 'orgs.update', { id: ids[4] as number, fields: org('改名公司', 2) });
  await listed(a);
  await listed(b);
  expect([kept(a), kept(b)]).toEqual([keptA, keptB]);
  expect(kept(a)).toBe(keptA);
  expect(kept(b)).toBe(keptB);

  // Deleting a covered organization changes the count; renaming the party organization its name.
  await call(b, 'orgs.delete', { id: ids[0] as number });
  for (const ctx of [a, b]) expect((await listed(ctx))[0]?.coveredCount).toBe(2);
  await call(a, 'partyOrgs.update', {
    id: po.id,
    version: (await call(a, 'partyOrgs.get', { id: po.id })).version,
    fields: { name: '联合支部（改）', type: 'joint_branch', method: 'joint', regionId, coveredOrgIds: ids.slice(1, 2) },
  });
  for (const ctx of [a, b]) expect((await listed(ctx))[0]).toMatchObject({ name: '联合支部（改）', coveredCount: 1 });
});
