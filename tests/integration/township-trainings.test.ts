/**
 * Issue #14, 培训班 of a 乡镇经办: their region's classes are theirs to keep, the county's own are read
 * only, another region's do not exist; attendees of other regions stay hidden and survive their edits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Input } from '../../src/shared/contract';
import { makeLedger, type TestLedger } from './fixture';

let t: TestLedger;
let ids: { town: number; park: number; po: number; po2: number };

const base = (regionId: number | null, attendees: number[]): Input<'trainings.create'> => ({
  startDate: '2026-03-12',
  endDate: '2026-03-12',
  topic: '书记培训班',
  target: 'secretary',
  organizer: '镇党委',
  regionId,
  sessions: 1,
  attendances: 20,
  attendees: attendees.map((partyOrgId) => ({ partyOrgId, instructorId: null, name: null, unit: null })),
});

beforeAll(async () => {
  t = await makeLedger();
  const town = (await t.call('regions.create', { name: '乌兰镇', kind: 'township' })).id;
  const park = (await t.call('regions.create', { name: '经济开发区', kind: 'park' })).id;
  const partyOrg = async (name: string, regionId: number, secretaryName: string) => {
    const org = (await t.call('orgs.create', { name: name.replace('党支部', ''), category: 'nonpublic', subtype: 'company', regionId })).id;
    return (await t.call('partyOrgs.create', { name, type: 'branch', method: 'single', regionId, secretaryName, coveredOrgIds: [org] })).id;
  };
  const po = await partyOrg('甲公司党支部', town, '张海');
  const po2 = await partyOrg('乙公司党支部', park, '刘燕');
  ids = { town, park, po, po2 };
});
afterAll(() => t.close());

describe('a 乡镇经办 and the 培训班', () => {
  it('sees a class of their region without the other regions’ attendees, and an edit keeps those', async () => {
    const township = t.as('township', [ids.town]);
    const id = (await t.call('trainings.create', base(ids.town, [ids.po, ids.po2]))).id;
    const seen = await township.call('trainings.get', { id });
    expect(seen.attendees.map((a) => a.partyOrgId)).toEqual([ids.po]);
    await township.call('trainings.update', { id, fields: { ...base(ids.town, [ids.po]), topic: '书记轮训班' } });
    const after = await t.call('trainings.get', { id });
    expect(after.topic).toBe('书记轮训班');
    expect(after.attendees.map((a) => a.partyOrgId)).toEqual([ids.po, ids.po2]);
  });

  it('records classes of their region only; the county’s own are read only', async () => {
    const township = t.as('township', [ids.town]);
    const own = await township.call('trainings.create', base(ids.town, [ids.po]));
    expect(own.regionName).toBe('乌兰镇');
    const county = (await t.call('trainings.create', base(null, []))).id;
    const park = (await t.call('trainings.create', { ...base(ids.park, []), topic: '园区培训班' })).id;
    const listed = (await township.call('trainings.list', { offset: 0, limit: 100 })).rows.map((r) => r.id);
    expect(listed).toContain(county);
    expect(listed).toContain(own.id);
    expect(listed).not.toContain(park);
    expect(await township.call('trainings.get', { id: county })).toMatchObject({ regionId: null });
    const create = await township.raw('trainings.create', base(null, []));
    expect(create).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const del = await township.raw('trainings.delete', { id: county });
    expect(del).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/县级培训班/) } });
    await township.call('trainings.delete', { id: own.id });
  });
});
