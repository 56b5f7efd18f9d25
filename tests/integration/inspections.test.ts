/**
 * 社会组织年检 with its 党建工作情况审查: one per organization and year, social organizations only; the
 * organization's 年检（年报）结果 follows its latest year; the year's list shows who has none (未年检).
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeLedger, type TestLedger } from './fixture';

let t: TestLedger;
let ids: { north: number; south: number; assoc: number; school: number; chamber: number; company: number };

beforeEach(async () => {
  t = await makeLedger();
  const north = (await t.call('regions.create', { name: '乌兰镇', kind: 'township' })).id;
  const south = (await t.call('regions.create', { name: '新城街道', kind: 'subdistrict' })).id;
  const social = async (name: string, subtype: 'association' | 'private_school' | 'chamber', regionId: number) =>
    (await t.call('orgs.create', { name, category: 'social', subtype, regionId })).id;
  const assoc = await social('青山旗摄影家协会', 'association', north);
  const school = await social('新城阳光幼儿园', 'private_school', south);
  const chamber = await social('青山旗建材商会', 'chamber', north);
  const company = (await t.call('orgs.create', { name: '红山建材有限公司', category: 'nonpublic', subtype: 'company', regionId: north }))
    .id;
  ids = { north, south, assoc, school, chamber, company };
});
afterEach(() => t.close());

const annualCheck = async (id: number) =>
  (await t.rows<{ a: string | null }>(sql`SELECT annual_check AS a FROM orgs WHERE id = ${id}`))[0]?.a;

describe('年检', () => {
  it('records, replaces and deletes a year’s 年检, logged in Chinese, the organization’s result following the latest year', async () => {
    await t.call('inspections.set', { orgId: ids.assoc, year: 2025, result: 'pass', partyReview: 'pass' });
    expect(await annualCheck(ids.assoc)).toBe('pass');
    const y2024 = await t.call('inspections.set', {
      orgId: ids.assoc,
      year: 2024,
      result: 'fail',
      partyReview: 'rectify',
      remarks: '未按期报送',
    });
    // An earlier year does not change the current result.
    expect(await annualCheck(ids.assoc)).toBe('pass');
    const again = await t.call('inspections.set', { orgId: ids.assoc, year: 2025, result: 'basic', partyReview: 'rectify' });
    expect(await annualCheck(ids.assoc)).toBe('basic');
    expect(t.count('inspections')).toBe(2);
    expect((await t.call('orgs.get', { id: ids.assoc })).annualCheck).toBe('basic');
    // Deleting the latest falls back to the year before; deleting the last clears it.
    await t.call('inspections.delete', { id: again.id });
    expect(await annualCheck(ids.assoc)).toBe('fail');
    await t.call('inspections.delete', { id: y2024.id });
    expect(await annualCheck(ids.assoc)).toBeNull();

    const log = (await t.call('audit.list', { entity: 'inspection', limit: 10 })).rows;
    expect(log.map((r) => r.action).sort()).toEqual(['create', 'create', 'delete', 'delete', 'update']);
    const upd = log.find((r) => r.action === 'update');
    expect(upd).toMatchObject({ entityLabel: '社会组织年检', name: '青山旗摄影家协会 2025年度年检' });
    expect(upd?.fields.find((f) => f.key === 'result')).toMatchObject({ label: '年检结论', before: '合格', after: '基本合格' });
    expect(upd?.fields.find((f) => f.key === 'partyReview')).toMatchObject({ label: '党建工作情况审查', before: '通过', after: '整改' });
  });

  it('the organization form cannot set a result that disagrees with the recorded 年检', async () => {
    await t.call('inspections.set', { orgId: ids.school, year: 2025, result: 'pass', partyReview: 'pass' });
    const org = await t.call('orgs.get', { id: ids.school });
    const saved = await t.call('orgs.update', { id: ids.school, fields: { ...org, annualCheck: 'fail' } });
    expect(saved.annualCheck).toBe('pass');
    // With no 年检 recorded, the form's value stands (an organization not yet inspected here).
    const chamber = await t.call('orgs.get', { id: ids.chamber });
    expect((await t.call('orgs.update', { id: ids.chamber, fields: { ...chamber, annualCheck: 'basic' } })).annualCheck).toBe('basic');
  });

  it('refuses non-social organizations, future years and bad codes in Chinese; not_found for missing records', async () => {
    const company = await t.raw('inspections.set', { orgId: ids.company, year: 2025, result: 'pass', partyReview: 'pass' });
    expect(company).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!company.ok) expect(company.error.message).toBe('“红山建材有限公司”是非公经济组织，年检只登记社会组织');
    const future = await t.raw('inspections.set', { orgId: ids.assoc, year: 2027, result: 'pass', partyReview: 'pass' });
    expect(future).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const code = await t.raw('inspections.set', { orgId: ids.assoc, year: 2025, result: 'good', partyReview: 'pass' });
    expect(code).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!code.ok) expect(code.error.message).toContain('请选择年检结论');
    expect(await t.raw('inspections.set', { orgId: 999, year: 2025, result: 'pass', partyReview: 'pass' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await t.raw('inspections.delete', { id: 999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(t.count('inspections')).toBe(0);
  });

  it('lists a year’s social organizations with their result, 未年检 among them, by region, result and search', async () => {
    await t.call('inspections.set', { orgId: ids.assoc, year: 2025, result: 'pass', partyReview: 'pass' });
    await t.call('inspections.set', { orgId: ids.school, year: 2025, result: 'fail', partyReview: 'rectify' });
    await t.call('inspections.set', { orgId: ids.school, year: 2026, result: 'basic', partyReview: 'pass' });
    const y2025 = await t.call('inspections.list', { year: 2025 });
    expect(y2025.total).toBe(3);
    expect(y2025.rows.map((r) => [r.orgName, r.result])).toEqual([
      ['青山旗摄影家协会', 'pass'],
      ['青山旗建材商会', null],
      ['新城阳光幼儿园', 'fail'],
    ]);
    expect((await t.call('inspections.list', { year: 2025, result: 'none' })).rows.map((r) => r.orgId)).toEqual([ids.chamber]);
    expect((await t.call('inspections.list', { year: 2025, result: 'fail' })).rows.map((r) => r.orgId)).toEqual([ids.school]);
    expect((await t.call('inspections.list', { year: 2025, regionId: ids.south })).rows.map((r) => r.orgId)).toEqual([ids.school]);
    expect((await t.call('inspections.list', { year: 2025, query: 'sy' })).rows.map((r) => r.orgId)).toEqual([ids.assoc]);
    const y2026 = await t.call('inspections.list', { year: 2026, query: '幼儿园' });
    expect(y2026.rows[0]).toMatchObject({ result: 'basic', previousResult: 'fail', partyReview: 'pass' });
    // This year when none is given (the tests' clock is 2026).
    expect((await t.call('inspections.list', {})).rows.find((r) => r.orgId === ids.school)?.year).toBe(2026);
    expect((await t.call('inspections.history', { orgId: ids.school })).map((r) => [r.year, r.result])).toEqual([
      [2026, 'basic'],
      [2025, 'fail'],
    ]);
  });
});

describe('社会组织年检及党建工作审查台账', () => {
  it('has one row per social organization of the year, equal to the records, 未年检 named', async () => {
    await t.call('partyOrgs.create', {
      name: '青山旗摄影家协会党支部',
      type: 'branch',
      method: 'single',
      regionId: ids.north,
      coveredOrgIds: [ids.assoc],
    });
    await t.call('inspections.set', { orgId: ids.assoc, year: 2024, result: 'basic', partyReview: 'rectify' });
    await t.call('inspections.set', { orgId: ids.assoc, year: 2025, result: 'pass', partyReview: 'pass', remarks: '按期报送' });
    await t.call('inspections.set', { orgId: ids.school, year: 2025, result: 'absent', partyReview: 'na' });
    const data = await t.call('reports.rows', { report: 'inspections', filters: { year: 2025 } });
    expect(data.title).toBe('社会组织年检及党建工作审查台账');
    expect(data.rows).toEqual([
      {
        seq: 1,
        name: '青山旗摄影家协会',
        subtype: '社会团体',
        region: '乌兰镇',
        partyOrg: '青山旗摄影家协会党支部',
        result: '合格',
        partyReview: '通过',
        previous: '基本合格',
        remarks: '按期报送',
      },
      {
        seq: 2,
        name: '青山旗建材商会',
        subtype: '行业协会商会',
        region: '乌兰镇',
        partyOrg: null,
        result: '未年检',
        partyReview: null,
        previous: null,
        remarks: null,
      },
      {
        seq: 3,
        name: '新城阳光幼儿园',
        subtype: '民办学校',
        region: '新城街道',
        partyOrg: null,
        result: '未参检',
        partyReview: '不涉及',
        previous: null,
        remarks: null,
      },
    ]);
    const south = await t.call('reports.rows', { report: 'inspections', filters: { year: 2025, regionId: ids.south } });
    expect(south.rows.map((r) => r.name)).toEqual(['新城阳光幼儿园']);
  });
});
