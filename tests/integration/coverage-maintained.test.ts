/**
 * The fast 两个覆盖 statistics (per-region counts kept by the organization index as writes patch it,
 * or one grouped query before the index exists) equal a straightforward recount in plain SQL on the
 * same generated ledger, after every kind of write that moves an organization between the counts,
 * this process's and another's.
 */
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { generateLedger } from '../../scripts/genLedger';
import { type Ctx, createContext } from '../../src/main/core/context';
import { openLedger } from '../../src/main/core/db';
import { maintainedCoverageCounts } from '../../src/main/core/services/orgIndex';
import { dispatch } from '../../src/main/handlers';
import type { Channel, Input, Output } from '../../src/shared/contract';
import { type CoverageCounts, emptyCounts } from '../../src/shared/rules/coverage';
import { makeLedger, type TestLedger, TODAY } from './fixture';
import { recountCoverage } from './helpers/coverageRecount';
import { testSession } from './helpers/sessions';

let t: TestLedger;
beforeEach(async () => {
  t = await makeLedger();
  otherSession = undefined;
  await generateLedger(t.ctx.ledger.db, { orgs: 600, regions: 12, partyOrgs: 120, instructors: 40, cases: 20, today: TODAY });
});
afterEach(() => t.close());

const KEYS = Object.keys(emptyCounts()) as (keyof CoverageCounts)[];

/** The statistics' counts per region, as the channel answers them, beside the recount's. */
async function compare(ctx: Ctx = t.ctx, asOf?: string) {
  const stats =
    ctx === t.ctx ? await t.call('stats.coverage', asOf ? { asOf } : {}) : await callAs(ctx, 'stats.coverage', asOf ? { asOf } : {});
  const recount = await recountCoverage(ctx.ledger.db, asOf ?? TODAY);
  const fast = Object.fromEntries(stats.regions.map((r) => [r.regionId, KEYS.map((k) => r[k])]));
  const plain = Object.fromEntries(stats.regions.map((r) => [r.regionId, KEYS.map((k) => (recount.get(r.regionId) ?? emptyCounts())[k])]));
  return { fast, plain, county: KEYS.map((k) => stats.county[k]) };
}

let otherSession: string | undefined;
async function callAs<C extends Channel>(ctx: Ctx, channel: C, input: Input<C>): Promise<Output<C>> {
  otherSession ??= await testSession(ctx, 'county', [], 99);
  const r = await dispatch(ctx, channel, input, undefined, { sessionId: otherSession });
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.data as Output<C>;
}

/** Equal to the recount, and from the maintained counts (not the grouped query's fallback). */
async function expectMaintained() {
  const { fast, plain } = await compare();
  expect(fast).toEqual(plain);
  expect(await maintainedCoverageCounts(t.ctx, TODAY)).not.toBeNull();
}

it('after every kind of write the maintained statistics equal a recount in plain SQL', async () => {
  const before = await compare();
  expect(before.fast).toEqual(before.plain);
  expect(before.county[0]).toBe(600);
  // The list builds the index; from then on the statistics add up its per-region counts.
  await t.call('orgs.list', { limit: 50 });
  await expectMaintained();

  const regions = (await t.call('regions.list', {})).map((r) => r.id);
  const [r1, r2] = regions as [number, number];
  const fields = (name: string, regionId: number, formalMembers: number, extra = {}) => ({
    name,
    category: 'nonpublic' as const,
    subtype: 'company' as const,
    regionId,
    formalMembers,
    ...extra,
  });
  const a = await t.call('orgs.create', fields('新建甲公司', r1, 4));
  const b = await t.call('orgs.create', fields('新建乙公司', r1, 1));
  const c = await t.call('orgs.create', fields('新建丙公司', r2, 0));
  await expectMaintained();

  // Moved to another region, dropped out of scope, members up to 应建, deleted.
  await t.call('orgs.update', { id: b.id, fields: fields('新建乙公司', r2, 5) });
  await t.call('orgs.update', { id: c.id, fields: fields('新建丙公司', r2, 0, { outOfScope: true, outOfScopeReason: '仅家庭成员' }) });
  await expectMaintained();
  await t.call('orgs.update', { id: c.id, fields: fields('新建丙公司', r2, 0, { status: 'cancelled' }) });
  await t.call('orgs.delete', { id: 7 });
  await expectMaintained();

  // Covered by a 单独组建 branch, then a 联合 one takes it and another over, then it goes.
  const single = await t.call('partyOrgs.create', {
    name: '新建甲公司党支部',
    type: 'branch',
    method: 'single',
    regionId: r1,
    coveredOrgIds: [a.id],
  });
  await expectMaintained();
  await t.call('partyOrgs.delete', { id: single.id });
  const joint = await t.call('partyOrgs.create', {
    name: '联合党支部',
    type: 'joint_branch',
    method: 'joint',
    regionId: r1,
    coveredOrgIds: [a.id, b.id],
  });
  await expectMaintained();
  await t.call('partyOrgs.update', {
    id: joint.id,
    fields: { name: '联合党支部', type: 'joint_branch', method: 'joint', regionId: r1, coveredOrgIds: [b.id] },
  });
  await expectMaintained();

  // An instructor makes 工作覆盖 of an uncovered one, until the assignment ends.
  const i = await t.call('instructors.create', { name: '李文' });
  const assigned = await t.call('instructors.assign', { instructorId: i.id, orgId: a.id, fromDate: '2026-01-01' });
  await expectMaintained();
  const assignment = assigned.assignments.find((x) => x.orgId === a.id);
  await t.call('instructors.endAssignment', { assignmentId: assignment?.id as number, toDate: '2026-03-31' });
  await expectMaintained();

  // Another process (a second server on the same file) writes; this one's statistics notice it.
  const other = createContext(await openLedger(t.ctx.ledger.url ?? path.join(t.dir, 'ledger.sqlite')), {
    today: () => TODAY,
    now: t.ctx.now,
  });
  try {
    await callAs(other, 'orgs.update', { id: a.id, fields: fields('新建甲公司', r1, 4, { status: 'suspended' }) });
    const d = await callAs(other, 'orgs.create', fields('另一进程建的公司', r2, 3));
    await callAs(other, 'partyOrgs.create', { name: '又一个支部', type: 'branch', method: 'single', regionId: r2, coveredOrgIds: [d.id] });
    await expectMaintained();
    const theirs = await compare(other);
    expect(theirs.fast).toEqual(theirs.plain);
  } finally {
    await other.ledger.close();
  }
});

it('the first statistics after start, and those of another day, count in SQL what the index would', async () => {
  const fresh = createContext(t.ctx.ledger, { today: () => TODAY, now: t.ctx.now });
  expect(await maintainedCoverageCounts(fresh, TODAY)).toBeNull();
  for (const asOf of [undefined, '2025-06-30', '2027-02-01']) {
    const { fast, plain } = await compare(fresh, asOf);
    expect(fast).toEqual(plain);
  }
  // The index's own counts, once built, agree with the grouped query's.
  const grouped = await compare(fresh);
  await callAs(fresh, 'orgs.list', { limit: 10 });
  expect(await maintainedCoverageCounts(fresh, TODAY)).not.toBeNull();
  expect((await compare(fresh)).fast).toEqual(grouped.fast);
});
