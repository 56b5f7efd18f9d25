import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { usccCheckChar } from '../../src/shared/rules/uscc';
import type { OrgFields } from '../../src/shared/types';
import { makeLedger, type TestLedger } from './fixture';

const uscc = (kind: string, serial: number) => {
  const first17 = `${kind}150499MA${String(serial).padStart(7, '0')}`;
  return first17 + usccCheckChar(first17);
};

let t: TestLedger;
let regionA: number;
let regionB: number;

beforeEach(async () => {
  t = await makeLedger();
  regionA = (await t.call('regions.create', { name: '乌兰镇', kind: 'township' })).id;
  regionB = (await t.call('regions.create', { name: '新城街道', kind: 'subdistrict' })).id;
});
afterEach(() => t.close());

function orgInput(over: Partial<OrgFields> = {}) {
  return { name: '青山旗泰和建材有限公司', category: 'nonpublic', subtype: 'company', regionId: regionA, ...over } as const;
}

describe('organizations', () => {
  it('create, update and soft delete each leave an audit row with before and after', async () => {
    const created = await t.call('orgs.create', orgInput({ uscc: uscc('91', 1).toLowerCase(), formalMembers: 2 }));
    expect(created).toMatchObject({ name: '青山旗泰和建材有限公司', uscc: uscc('91', 1), regionName: '乌兰镇', coverage: 'none' });

    const updated = await t.call('orgs.update', { id: created.id, fields: orgInput({ uscc: uscc('91', 1), formalMembers: 4 }) });
    expect(updated.formalMembers).toBe(4);
    expect(updated.flags.map((f) => f.code)).toContain('should_build');

    await t.call('orgs.delete', { id: created.id });
    expect((await t.call('orgs.list', {})).total).toBe(0);
    // The row stays for history.
    expect(t.count('orgs')).toBe(1);

    const audit = await t.call('audit.list', { entity: 'org', entityId: created.id });
    expect(audit.rows.map((r) => r.action)).toEqual(['delete', 'update', 'create']);
    const [del, upd, cre] = audit.rows;
    expect(cre?.before).toBeNull();
    expect(cre?.after).toMatchObject({ name: '青山旗泰和建材有限公司', formalMembers: 2 });
    expect(upd?.before).toMatchObject({ formalMembers: 2 });
    expect(upd?.after).toMatchObject({ formalMembers: 4 });
    expect(del?.before).toMatchObject({ formalMembers: 4, partyOrgId: null });
    expect(del?.after).toBeNull();
  });

  it('refuses a code already used by another live organization, and frees it on delete', async () => {
    const a = await t.call('orgs.create', orgInput({ uscc: uscc('91', 2) }));
    const r = await t.raw('orgs.create', orgInput({ name: '另一家公司', uscc: uscc('91', 2) }));
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: `统一社会信用代码${uscc('91', 2)}已被“青山旗泰和建材有限公司”使用` },
    });
    await t.call('orgs.delete', { id: a.id });
    await t.call('orgs.create', orgInput({ name: '另一家公司', uscc: uscc('91', 2) }));
  });

  it('finds organizations by name, code and pinyin initials', async () => {
    await t.call('orgs.create', orgInput({ name: '民政局家属院物业服务中心', uscc: uscc('91', 3) }));
    await t.call('orgs.create', orgInput({ name: '青山旗餐饮行业协会', category: 'social', subtype: 'chamber' }));
    const names = async (query: string) => (await t.call('orgs.list', { query })).rows.map((r) => r.name);
    expect(await names('mzj')).toEqual(['民政局家属院物业服务中心']);
    expect(await names('MZJ')).toEqual(['民政局家属院物业服务中心']);
    expect(await names('餐饮')).toEqual(['青山旗餐饮行业协会']);
    expect(await names(uscc('91', 3).slice(4, 12).toLowerCase())).toEqual(['民政局家属院物业服务中心']);
    expect(await names('qsqcyhyxh')).toEqual(['青山旗餐饮行业协会']);
  });

  it('pages, sorts and filters with a total', async () => {
    for (let i = 0; i < 7; i++) {
      await t.call('orgs.create', orgInput({ name: `公司${i}`, regionId: i % 2 ? regionA : regionB, formalMembers: i }));
    }
    const page = await t.call('orgs.list', { sort: 'formalMembers', dir: 'desc', offset: 2, limit: 3 });
    expect(page.total).toBe(7);
    expect(page.rows.map((r) => r.formalMembers)).toEqual([4, 3, 2]);
    expect((await t.call('orgs.list', { regionId: regionB })).total).toBe(4);
    expect((await t.call('orgs.list', { flag: 'should_build' })).rows.map((r) => r.name)).toEqual(['公司3', '公司4', '公司5', '公司6']);
    expect((await t.call('orgs.list', { coverage: 'none', category: 'social' })).total).toBe(0);
  });
});

describe('party organizations and coverage', () => {
  it('a 联合 party organization covers several organizations; one organization cannot be covered twice', async () => {
    const a = await t.call('orgs.create', orgInput({ name: '甲公司', formalMembers: 1 }));
    const b = await t.call('orgs.create', orgInput({ name: '乙公司', formalMembers: 2 }));
    const po = await t.call('partyOrgs.create', {
      name: '中共乌兰镇甲乙联合支部委员会',
      type: 'joint_branch',
      method: 'joint',
      regionId: regionA,
      secretaryName: '王强',
      coveredOrgIds: [a.id, b.id],
    });
    expect(po.coveredOrgs.map((o) => o.name)).toEqual(['甲公司', '乙公司']);
    expect((await t.call('orgs.get', { id: a.id })).partyOrg).toMatchObject({ id: po.id, method: 'joint' });
    expect((await t.call('orgs.get', { id: a.id })).coverage).toBe('shared');

    const clash = await t.raw('partyOrgs.create', {
      name: '中共甲公司支部委员会',
      type: 'branch',
      method: 'single',
      regionId: regionA,
      coveredOrgIds: [a.id],
    });
    expect(clash).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(clash.ok === false && clash.error.message).toContain('“甲公司”已由“中共乌兰镇甲乙联合支部委员会”覆盖');

    // Moving 甲 out of the joint branch frees it.
    await t.call('partyOrgs.update', {
      id: po.id,
      fields: { name: po.name, type: 'joint_branch', method: 'joint', regionId: regionA, coveredOrgIds: [b.id] },
    });
    const single = await t.call('partyOrgs.create', {
      name: '中共甲公司支部委员会',
      type: 'branch',
      method: 'single',
      regionId: regionA,
      coveredOrgIds: [a.id],
    });
    expect((await t.call('orgs.get', { id: a.id })).partyOrg?.id).toBe(single.id);

    await t.call('partyOrgs.delete', { id: single.id });
    expect((await t.call('orgs.get', { id: a.id })).coverage).toBe('none');
    const audit = await t.call('audit.list', { entity: 'partyOrg', entityId: single.id });
    expect(audit.rows[0]).toMatchObject({ action: 'delete', before: { coveredOrgIds: [a.id] }, after: null });
  });

  it('a 单独组建 party organization covers exactly one organization', async () => {
    const a = await t.call('orgs.create', orgInput({ name: '甲公司' }));
    const b = await t.call('orgs.create', orgInput({ name: '乙公司' }));
    const r = await t.raw('partyOrgs.create', {
      name: '中共甲公司支部',
      type: 'branch',
      method: 'single',
      regionId: regionA,
      coveredOrgIds: [a.id, b.id],
    });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: '输入有误：「覆盖的两新组织」单独组建的党组织必须且只能覆盖1个两新组织' },
    });
    expect(t.count('party_orgs')).toBe(0);
  });

  it('instructors give 工作覆盖 while an assignment is active', async () => {
    const a = await t.call('orgs.create', orgInput({ name: '甲公司' }));
    const i = await t.call('instructors.create', { name: '李文', unit: '青山旗委组织部', phone: '13904770001', fullTime: true });
    await t.call('instructors.assign', { instructorId: i.id, orgId: a.id, fromDate: '2026-01-01' });
    expect((await t.call('orgs.get', { id: a.id })).coverage).toBe('work');
    const again = await t.raw('instructors.assign', { instructorId: i.id, orgId: a.id, fromDate: '2026-03-01' });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const withAssignment = await t.call('instructors.get', { id: i.id });
    const assignmentId = withAssignment.assignments[0]?.id as number;
    await t.call('instructors.endAssignment', { assignmentId, toDate: '2026-06-29' });
    expect((await t.call('orgs.get', { id: a.id })).coverage).toBe('none');
    expect((await t.call('instructors.get', { id: i.id })).activeAssignments).toBe(0);
  });

  it('an organization’s page and an instructor’s card show one assignment alike, newest first, the later record first on the same day', async () => {
    const a = await t.call('orgs.create', orgInput({ name: '甲公司' }));
    const b = await t.call('orgs.create', orgInput({ name: '乙公司' }));
    const li = await t.call('instructors.create', { name: '李文', fullTime: true });
    const wang = await t.call('instructors.create', { name: '王芳', fullTime: false });
    await t.call('instructors.assign', { instructorId: li.id, orgId: a.id, fromDate: '2026-01-01' });
    await t.call('instructors.assign', { instructorId: wang.id, orgId: a.id, fromDate: '2026-01-01' });
    await t.call('instructors.assign', { instructorId: li.id, orgId: b.id, fromDate: '2026-01-01' });
    await t.call('instructors.assign', { instructorId: li.id, orgId: b.id, fromDate: '2025-01-01', toDate: '2025-06-30' });

    const page = (await t.call('orgs.get', { id: a.id })).assignments;
    expect(page.map((x) => x.instructorName)).toEqual(['王芳', '李文']);
    const card = (await t.call('instructors.get', { id: li.id })).assignments;
    expect(card.map((x) => [x.orgName, x.fromDate, x.active])).toEqual([
      ['乙公司', '2026-01-01', true],
      ['甲公司', '2026-01-01', true],
      ['乙公司', '2025-01-01', false],
    ]);
    expect(card[1]).toEqual(page[1]);
    expect(page[1]).toEqual({
      id: page[1]?.id,
      instructorId: li.id,
      instructorName: '李文',
      orgId: a.id,
      orgName: '甲公司',
      fromDate: '2026-01-01',
      toDate: null,
      active: true,
    });
  });
});

describe('stats.coverage', () => {
  it('equals figures counted by hand', async () => {
    const mk = (name: string, regionId: number, formalMembers: number, extra: Partial<OrgFields> = {}) =>
      t.call('orgs.create', orgInput({ name, regionId, formalMembers, ...extra }));
    // 乌兰镇: 5 in scope + 1 cancelled. 新城街道: 3 in scope + 1 out of scope.
    const a1 = await mk('A1', regionA, 5);
    const a2 = await mk('A2', regionA, 1);
    const a3 = await mk('A3', regionA, 2);
    const a4 = await mk('A4', regionA, 0);
    await mk('A5', regionA, 3);
    await mk('A6', regionA, 7, { status: 'cancelled' });
    const b1 = await mk('B1', regionB, 4);
    const b2 = await mk('B2', regionB, 0);
    await mk('B3', regionB, 0);
    await mk('B4', regionB, 0, { outOfScope: true, outOfScopeReason: '空壳' });

    await t.call('partyOrgs.create', {
      name: 'A1支部',
      type: 'branch',
      method: 'single',
      regionId: regionA,
      secretaryName: '甲',
      coveredOrgIds: [a1.id],
    });
    await t.call('partyOrgs.create', {
      name: 'A联合支部',
      type: 'joint_branch',
      method: 'joint',
      regionId: regionA,
      coveredOrgIds: [a2.id, a3.id],
    });
    await t.call('partyOrgs.create', {
      name: 'B区域支部',
      type: 'branch',
      method: 'regional',
      regionId: regionB,
      coveredOrgIds: [b1.id, b2.id],
    });
    const i = await t.call('instructors.create', { name: '李文' });
    await t.call('instructors.assign', { instructorId: i.id, orgId: a4.id, fromDate: '2026-01-01' });

    const s = await t.call('stats.coverage', {});
    expect(s.asOf).toBe('2026-06-30');
    // County: in scope 8; single A1; shared A2 A3 B1 B2; work A4; none A5 B3. 应建: A1 A5 B1 → done A1.
    expect(s.county).toMatchObject({ total: 10, inScope: 8, single: 1, shared: 4, workOnly: 1, none: 2, mustBuild: 3, mustBuildDone: 1 });
    expect(s.county.orgCoverage).toEqual({ numerator: 5, denominator: 8, rate: 62.5 });
    expect(s.county.workCoverage).toEqual({ numerator: 6, denominator: 8, rate: 75 });
    expect(s.county.singleRate).toEqual({ numerator: 1, denominator: 8, rate: 12.5 });
    expect(s.county.buildRate).toEqual({ numerator: 1, denominator: 3, rate: 33.33 });
    const [ra, rb] = s.regions;
    expect(ra).toMatchObject({
      regionName: '乌兰镇',
      inScope: 5,
      orgCoverage: { numerator: 3, denominator: 5 },
      workCoverage: { numerator: 4, denominator: 5 },
    });
    expect(rb).toMatchObject({
      regionName: '新城街道',
      inScope: 3,
      orgCoverage: { numerator: 2, denominator: 3 },
      buildRate: { numerator: 0, denominator: 1 },
    });

    const onlyB = await t.call('stats.coverage', { regionId: regionB });
    expect(onlyB.regions).toHaveLength(1);
    expect(onlyB.county.inScope).toBe(3);

    // Before the instructor's assignment started, A4 was not covered.
    expect((await t.call('stats.coverage', { asOf: '2025-12-31' })).county.workCoverage.numerator).toBe(5);
  });
});

describe('settings and regions', () => {
  it('updates settings and renames and reorders regions, with audit rows', async () => {
    const s = await t.call('settings.update', {
      countyName: '青山旗',
      countyCode: '150499',
      reportingUnit: '中共青山旗委组织部',
      venueStandard: 'bayou',
    });
    expect(s).toMatchObject({
      countyName: '青山旗',
      countyCode: '150499',
      reportingUnit: '中共青山旗委组织部',
      venueStandard: 'bayou',
      venueThreshold: 4,
    });
    expect(s.situations).toContain('换届逾期');
    // Each form sends only its own part; the rest is kept.
    const s2 = await t.call('settings.update', { venueThreshold: 5, situations: ['书记空缺', '换届逾期'] });
    expect(s2).toEqual({ ...s, venueThreshold: 5, situations: ['书记空缺', '换届逾期'] });
    await t.call('regions.update', { id: regionA, name: '乌兰苏木', kind: 'sumu' });
    const reordered = await t.call('regions.reorder', { ids: [regionB, regionA] });
    expect(reordered.map((r) => r.name)).toEqual(['新城街道', '乌兰苏木']);
    const dup = await t.raw('regions.create', { name: '新城街道', kind: 'subdistrict' });
    expect(dup).toMatchObject({ ok: false, error: { code: 'conflict', message: '属地“新城街道”已存在' } });
    const audit = await t.call('audit.list', {});
    expect(audit.rows.map((r) => `${r.entity}:${r.action}`)).toEqual([
      'region:reorder',
      'region:update',
      'settings:update',
      'settings:update',
      'region:create',
      'region:create',
    ]);
  });
});
