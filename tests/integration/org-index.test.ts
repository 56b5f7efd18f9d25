import { afterEach, beforeEach, expect, it } from 'vitest';
import { createContext } from '../../src/main/core/context';
import { orgIndex } from '../../src/main/core/services/orgIndex';
import { makeLedger, type TestLedger, TODAY } from './fixture';

let t: TestLedger;
beforeEach(async () => {
  t = await makeLedger();
});
afterEach(() => t.close());

/** What a fresh process would see on the same file. */
const rebuilt = () => orgIndex(createContext(t.ctx.ledger, { today: () => TODAY }));

it('the index patched after each kind of write equals one built from scratch', async () => {
  const region = (await t.call('regions.create', { name: '乌兰镇', kind: 'township' })).id;
  const mk = (name: string, formalMembers = 0) =>
    t.call('orgs.create', { name, category: 'nonpublic', subtype: 'company', regionId: region, formalMembers });
  const a = await mk('甲公司', 1);
  const b = await mk('乙公司', 4);
  const c = await mk('丙公司');
  expect(await orgIndex(t.ctx)).toEqual(await rebuilt());

  const po = await t.call('partyOrgs.create', {
    name: '联合支部',
    type: 'joint_branch',
    method: 'joint',
    regionId: region,
    coveredOrgIds: [a.id, b.id],
  });
  expect((await orgIndex(t.ctx)).find((o) => o.id === a.id)?.coverage).toBe('shared');
  expect(await orgIndex(t.ctx)).toEqual(await rebuilt());

  await t.call('partyOrgs.update', {
    id: po.id,
    fields: { name: '联合支部（改）', type: 'joint_branch', method: 'joint', regionId: region, coveredOrgIds: [b.id, c.id] },
  });
  expect((await orgIndex(t.ctx)).find((o) => o.id === a.id)?.coverage).toBe('none');
  expect((await orgIndex(t.ctx)).find((o) => o.id === c.id)?.partyOrg?.name).toBe('联合支部（改）');
  expect(await orgIndex(t.ctx)).toEqual(await rebuilt());

  const i = await t.call('instructors.create', { name: '李文' });
  await t.call('instructors.assign', { instructorId: i.id, orgId: a.id, fromDate: '2026-01-01' });
  expect((await orgIndex(t.ctx)).find((o) => o.id === a.id)?.coverage).toBe('work');
  expect(await orgIndex(t.ctx)).toEqual(await rebuilt());

  await t.call('orgs.update', {
    id: b.id,
    fields: { name: '乙公司（更名）', category: 'nonpublic', subtype: 'company', regionId: region, formalMembers: 9 },
  });
  await t.call('orgs.delete', { id: c.id });
  await mk('丁公司');
  // Several writes between two reads are patched together.
  expect((await orgIndex(t.ctx)).map((o) => o.name)).toEqual(['甲公司', '乙公司（更名）', '丁公司']);
  expect(await orgIndex(t.ctx)).toEqual(await rebuilt());

  await t.call('partyOrgs.delete', { id: po.id });
  await t.call('regions.update', { id: region, name: '乌兰苏木', kind: 'sumu' });
  expect((await orgIndex(t.ctx)).every((o) => o.regionName === '乌兰苏木')).toBe(true);
  expect(await orgIndex(t.ctx)).toEqual(await rebuilt());
});
