/** 四个100% on a fixture where every numerator and denominator is counted by hand. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgFields } from '../../src/shared/types';
import { makeLedger, type TestLedger } from './fixture';

let t: TestLedger;
let regionA: number;
let regionB: number;
const ids: Record<string, number> = {};

async function org(name: string, regionId: number, formalMembers: number, over: Partial<OrgFields> = {}) {
  ids[name] = (await t.call('orgs.create', { name, category: 'nonpublic', subtype: 'company', regionId, formalMembers, ...over })).id;
}

async function single(name: string, regionId: number, covered: string[], ratedYear?: number) {
  const po = await t.call('partyOrgs.create', {
    name,
    type: 'branch',
    method: 'single',
    regionId,
    coveredOrgIds: covered.map((c) => ids[c] as number),
  });
  if (ratedYear) await t.call('ratings.set', { partyOrgId: po.id, year: ratedYear, stars: 3, assessedDate: `${ratedYear}-03-01` });
}

beforeAll(async () => {
  t = await makeLedger();
  regionA = (await t.call('regions.create', { name: '乌兰镇', kind: 'township' })).id;
  regionB = (await t.call('regions.create', { name: '新城街道', kind: 'subdistrict' })).id;
  // 3+ 正式党员: A1, A2, A3, A11, A12 (A9 注销 is not counted), B2.
  await org('A1', regionA, 5);
  await org('A2', regionA, 3);
  await org('A3', regionA, 4);
  await org('A9', regionA, 7, { status: 'cancelled' });
  await org('A11', regionA, 3);
  await org('A12', regionA, 4);
  await org('B2', regionB, 3);
  // 1—2: A4, A5.
  await org('A4', regionA, 2);
  await org('A5', regionA, 1);
  // none: A6, A7, A8, B1, B3, B4 (A10 is out of scope).
  await org('A6', regionA, 0);
  await org('A7', regionA, 0);
  await org('A8', regionA, 0);
  await org('A10', regionA, 0, { outOfScope: true, outOfScopeReason: '空壳' });
  await org('B1', regionB, 0);
  await org('B3', regionB, 0);
  await org('B4', regionB, 0);

  await single('S1', regionA, ['A1'], 2026);
  await single('S2', regionA, ['A11']);
  await single('S3', regionA, ['A12'], 2025);
  await single('S4', regionB, ['B2'], 2026);
  await t.call('partyOrgs.create', {
    name: 'J',
    type: 'joint_branch',
    method: 'joint',
    regionId: regionA,
    coveredOrgIds: [ids.A2, ids.A4, ids.A8] as number[],
  });
  // B3 is covered by party work through a grid of the 1+N branch R, B4 by R itself.
  const branch = await t.call('partyOrgs.create', {
    name: 'R',
    type: 'branch',
    method: 'regional',
    regionId: regionB,
    coveredOrgIds: [ids.B4 as number],
  });
  await t.call('grids.create', { partyOrgId: branch.id, name: '第一网格', orgIds: [ids.B3 as number] });
  const ins = await t.call('instructors.create', { name: '李指导' });
  await t.call('instructors.assign', { instructorId: ins.id, orgId: ids.A6 as number, fromDate: '2026-01-01' });
  await t.call('instructors.assign', { instructorId: ins.id, orgId: ids.B1 as number, fromDate: '2025-01-01', toDate: '2026-01-01' });
});
afterAll(() => t.close());

describe('四个100%', () => {
  it('counts each target over its own denominator, for the county and for one region', async () => {
    const county = await t.call('stats.fourHundred', {});
    expect(county).toMatchObject({
      year: 2026,
      build: { n: 4, d: 6, rate: 66.67 },
      rated: { n: 2, d: 4, rate: 50 },
      joint: { n: 1, d: 2, rate: 50 },
      work: { n: 4, d: 6, rate: 66.67 },
    });
    expect(await t.call('stats.fourHundred', { regionId: regionB })).toMatchObject({
      build: { n: 1, d: 1, rate: 100 },
      rated: { n: 1, d: 1, rate: 100 },
      joint: { n: 0, d: 0, rate: null },
      work: { n: 2, d: 3, rate: 66.67 },
    });
    // As of a day in 2025: S3's 2025 rating counts, the others' 2026 ones do not; B1's instructor was there
    // and A6's not yet, so A8 (under J), B1, B3 (in a grid) and B4 (under R) are covered.
    expect(await t.call('stats.fourHundred', { day: '2025-06-30' })).toMatchObject({
      year: 2025,
      rated: { n: 1, d: 4 },
      work: { n: 4, d: 6 },
    });
  });

  it('lists what misses each target, with why', async () => {
    const misses = async (which: 'build' | 'rated' | 'joint' | 'work', regionId?: number) =>
      (await t.call('stats.fourHundredMisses', { which, regionId })).map((m) => [m.name, m.why]);
    expect(await misses('build')).toEqual([
      ['A2', '有3名正式党员，现由联合组建党组织覆盖，未单独组建'],
      ['A3', '有4名正式党员，尚未建立党组织'],
    ]);
    expect(await misses('rated')).toEqual([
      ['S2', '单独组建，2026年度未评定星级'],
      ['S3', '单独组建，2026年度未评定星级'],
    ]);
    expect(await misses('joint')).toEqual([['A5', '有1名正式党员，未纳入联合党组织']]);
    expect(await misses('work')).toEqual([
      ['A7', '无正式党员，未选派指导员，也未纳入1+N网格'],
      ['B1', '无正式党员，未选派指导员，也未纳入1+N网格'],
    ]);
    expect(await misses('work', regionB)).toEqual([['B1', '无正式党员，未选派指导员，也未纳入1+N网格']]);
    const rated = await t.call('stats.fourHundredMisses', { which: 'rated' });
    expect(rated[0]).toMatchObject({ kind: 'partyOrg', regionName: '乌兰镇' });
  });

  it('refuses an unknown target in Chinese', async () => {
    const r = await t.raw('stats.fourHundredMisses', { which: 'all' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('请选择四个100%中的一项') } });
  });
});
