/**
 * 1+N 网格 on a real ledger: a 区域党支部 divides its township's organizations into grids, each with an
 * instructor and the 服务联系卡; the core refuses what the rules forbid, counts the grids and judges the
 * branch's “四个一”.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoSeedPath, loadSeed, readSeedFile } from '../../src/main/core/seed';
import { makeLedger, type TestLedger } from './fixture';

let t: TestLedger;
let wulan: number;
let xincheng: number;
/** Organizations of 乌兰镇 (a1–a4) and one of 新城街道 (b1). */
let o: Record<'a1' | 'a2' | 'a3' | 'a4' | 'b1', number>;
let branch: number;
let single: number;
let instructor: number;

const org = (name: string, regionId: number, employees: number, formalMembers: number) =>
  t.call('orgs.create', { name, category: 'nonpublic', subtype: 'company', regionId, employees, formalMembers });

beforeEach(async () => {
  t = await makeLedger();
  wulan = (await t.call('regions.create', { name: '乌兰镇', kind: 'township' })).id;
  xincheng = (await t.call('regions.create', { name: '新城街道', kind: 'subdistrict' })).id;
  o = {
    a1: (await org('乌兰镇宏达商贸有限公司', wulan, 12, 0)).id,
    a2: (await org('乌兰镇草原牧业合作社', wulan, 25, 1)).id,
    a3: (await org('乌兰镇泰和建材有限公司', wulan, 40, 4)).id,
    a4: (await org('乌兰镇兴旺超市', wulan, 6, 0)).id,
    b1: (await org('新城街道光明药店', xincheng, 8, 0)).id,
  };
  branch = (
    await t.call('partyOrgs.create', {
      name: '中共乌兰镇非公经济组织区域党支部',
      type: 'branch',
      method: 'regional',
      regionId: wulan,
      coveredOrgIds: [o.a2],
    })
  ).id;
  single = (
    await t.call('partyOrgs.create', {
      name: '中共乌兰镇泰和建材有限公司支部',
      type: 'branch',
      method: 'single',
      regionId: wulan,
      coveredOrgIds: [o.a3],
    })
  ).id;
  instructor = (await t.call('instructors.create', { name: '赵志刚', unit: '青山旗委组织部' })).id;
  await t.call('instructors.assign', { instructorId: instructor, orgId: o.a1, fromDate: '2026-01-01' });
});
afterEach(() => t.close());

describe('grids', () => {
  it('create, update (organizations replaced as a set) and delete, each with an audit row read in Chinese', async () => {
    const g = await t.call('grids.create', {
      partyOrgId: branch,
      name: '第一网格',
      instructorId: instructor,
      contactCards: true,
      contactCardsDate: '2026-03-01',
      orgIds: [o.a1, o.a2],
    });
    expect(g).toMatchObject({
      name: '第一网格',
      partyOrgName: '中共乌兰镇非公经济组织区域党支部',
      regionName: '乌兰镇',
      instructorName: '赵志刚',
      contactCards: true,
      orgCount: 2,
      employees: 37,
      formalMembers: 1,
      orgIds: [o.a1, o.a2],
    });
    expect(g.orgs.map((x) => x.name)).toEqual(['乌兰镇宏达商贸有限公司', '乌兰镇草原牧业合作社']);

    const updated = await t.call('grids.update', {
      id: g.id,
      fields: { partyOrgId: branch, name: '第一网格', instructorId: null, contactCards: false, orgIds: [o.a2, o.a4] },
    });
    expect(updated.orgs.map((x) => x.id)).toEqual([o.a2, o.a4]);
    expect(updated).toMatchObject({ instructorId: null, instructorName: null, contactCards: false, contactCardsDate: null });
    expect(t.count('grid_orgs')).toBe(2);

    // The organization a grid lets go is free for another.
    const second = await t.call('grids.create', { partyOrgId: branch, name: '第二网格', orgIds: [o.a1] });
    expect((await t.call('grids.list', { partyOrgId: branch })).map((x) => x.name)).toEqual(['第一网格', '第二网格']);
    expect((await t.call('grids.list', { orgId: o.a1 })).map((x) => x.id)).toEqual([second.id]);

    await t.call('grids.delete', { id: g.id });
    expect((await t.call('grids.list', {})).map((x) => x.id)).toEqual([second.id]);
    expect((await t.raw('grids.get', { id: g.id })).ok).toBe(false);
    expect(await t.raw('grids.delete', { id: g.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(t.count('grids')).toBe(2);

    const audit = await t.call('audit.list', { entity: 'grid', entityId: g.id });
    expect(audit.rows.map((r) => r.action)).toEqual(['delete', 'update', 'create']);
    const [del, upd, cre] = audit.rows;
    expect(cre?.after).toMatchObject({ name: '第一网格', instructorId: instructor, contactCards: true, orgIds: [o.a1, o.a2] });
    expect(upd?.before).toMatchObject({ instructorId: instructor, orgIds: [o.a1, o.a2] });
    expect(upd?.after).toMatchObject({ instructorId: null, orgIds: [o.a2, o.a4] });
    expect(del?.before).toMatchObject({ orgIds: [o.a2, o.a4] });
    expect(del?.after).toBeNull();
    // The 操作日志 names the grid, its branch, instructor and organizations in Chinese.
    expect(cre?.entityLabel).toBe('网格');
    expect(cre?.name).toBe('第一网格（中共乌兰镇非公经济组织区域党支部）');
    const field = (key: string) => upd?.fields.find((f) => f.key === key);
    expect(field('instructorId')).toMatchObject({ label: '指导员', before: '赵志刚', after: '空', changed: true });
    expect(field('orgIds')).toMatchObject({
      label: '网格内组织',
      before: '乌兰镇宏达商贸有限公司、乌兰镇草原牧业合作社',
      after: '乌兰镇草原牧业合作社、乌兰镇兴旺超市',
    });
    expect(field('contactCards')).toMatchObject({ label: '服务联系卡已发放', before: '是', after: '否' });
    expect(field('partyOrgId')).toMatchObject({ label: '区域党支部', after: '中共乌兰镇非公经济组织区域党支部' });
  });

  it('refuses an organization already in another grid, naming that grid, and writes nothing', async () => {
    await t.call('grids.create', { partyOrgId: branch, name: '第一网格', orgIds: [o.a1, o.a2] });
    const other = await t.call('grids.create', { partyOrgId: branch, name: '第二网格', orgIds: [o.a4] });
    const before = t.count('audit_log');
    const r = await t.raw('grids.create', { partyOrgId: branch, name: '第三网格', orgIds: [o.a4, o.a2] });
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict' } });
    if (r.ok) return;
    expect(r.error.message).toContain('“乌兰镇草原牧业合作社”已在“中共乌兰镇非公经济组织区域党支部”的“第一网格”网格');
    expect(r.error.message).toContain('一个组织只能划入一个网格');
    const u = await t.raw('grids.update', { id: other.id, fields: { partyOrgId: branch, name: '第二网格', orgIds: [o.a4, o.a1] } });
    expect(u).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(t.count('grids')).toBe(2);
    expect(t.count('audit_log')).toBe(before);
  });

  it('refuses a branch that is not 区域化“1+N”, an organization outside its region, and a name used twice in a branch', async () => {
    const notRegional = await t.raw('grids.create', { partyOrgId: single, name: '第一网格', orgIds: [o.a1] });
    expect(notRegional).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!notRegional.ok)
      expect(notRegional.error.message).toBe('“中共乌兰镇泰和建材有限公司支部”不是区域化“1+N”党支部，只有区域党支部才能划分网格');

    const outside = await t.raw('grids.create', { partyOrgId: branch, name: '第一网格', orgIds: [o.a1, o.b1] });
    expect(outside).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!outside.ok) expect(outside.error.message).toBe('“新城街道光明药店”不在乌兰镇，区域党支部只能把本属地的组织划入网格');

    await t.call('grids.create', { partyOrgId: branch, name: '第一网格' });
    const twice = await t.raw('grids.create', { partyOrgId: branch, name: '第一网格' });
    expect(twice).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: '“中共乌兰镇非公经济组织区域党支部”已有名为“第一网格”的网格' },
    });
    expect(await t.raw('grids.create', { partyOrgId: 999, name: '第九网格' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await t.raw('grids.create', { partyOrgId: branch, name: '第九网格', instructorId: 999 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(t.count('grids')).toBe(1);
  });

  it('lists by region and finds a grid by its name, its branch, its instructor or pinyin initials', async () => {
    const g = await t.call('grids.create', { partyOrgId: branch, name: '草原网格', instructorId: instructor, orgIds: [o.a1] });
    expect((await t.call('grids.list', { regionId: wulan })).map((x) => x.id)).toEqual([g.id]);
    expect(await t.call('grids.list', { regionId: xincheng })).toEqual([]);
    for (const query of ['草原', '区域党支部', '赵志刚', 'cywg', 'wlz']) {
      expect(
        (await t.call('grids.list', { query })).map((x) => x.id),
        query,
      ).toEqual([g.id]);
    }
    expect(await t.call('grids.list', { query: '光明' })).toEqual([]);
    expect((await t.call('grids.list', { instructorId: instructor })).map((x) => x.id)).toEqual([g.id]);
  });

  it('counts each grid as a hand count does: organizations, 从业人员, 正式党员, covered and uncovered', async () => {
    // a1 is work-covered (an instructor), a2 covered by the regional branch, a4 neither; a3 has its own branch.
    await t.call('grids.create', { partyOrgId: branch, name: '第一网格', orgIds: [o.a1, o.a2, o.a4] });
    await t.call('grids.create', { partyOrgId: branch, name: '第二网格', orgIds: [o.a3] });
    const stats = await t.call('grids.stats', {});
    expect(
      stats.rows.map(({ gridName, orgs, employees, formalMembers, covered, uncovered }) => ({
        gridName,
        orgs,
        employees,
        formalMembers,
        covered,
        uncovered,
      })),
    ).toEqual([
      { gridName: '第一网格', orgs: 3, employees: 12 + 25 + 6, formalMembers: 1, covered: 2, uncovered: 1 },
      { gridName: '第二网格', orgs: 1, employees: 40, formalMembers: 4, covered: 1, uncovered: 0 },
    ]);
    expect(stats.total).toEqual({ grids: 2, orgs: 4, employees: 83, formalMembers: 5, covered: 3, uncovered: 1 });
    // A deleted organization leaves its grid's figures.
    await t.call('orgs.delete', { id: o.a4 });
    expect((await t.call('grids.stats', { regionId: wulan })).total).toMatchObject({ orgs: 3, uncovered: 0 });
    expect((await t.call('grids.stats', { regionId: xincheng })).rows).toEqual([]);
  });
});

/**
 * A 恳谈会 held by a party organization. The `activities` table is 组织生活与活动's (migration 0008); until
 * that is in this branch the test makes a table of the same shape for the columns it reads.
 */
function holdForum(partyOrgId: number, date: string) {
  const db = t.ctx.ledger.sqlite;
  db.exec(`CREATE TABLE IF NOT EXISTS activities (id INTEGER PRIMARY KEY AUTOINCREMENT, party_org_id INTEGER NOT NULL REFERENCES party_orgs(id),
    kind TEXT NOT NULL, date TEXT NOT NULL, deleted_at TEXT)`);
  db.prepare(
    "INSERT INTO activities (party_org_id, kind, date, created_at, updated_at) VALUES (?, 'forum', ?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
  ).run(partyOrgId, date);
}

describe('the “四个一” of each 区域党支部', () => {
  it('judges venue, the last complete quarter’s 恳谈会, one instructor per grid and the contact cards on a fixed day', async () => {
    const po = await t.call('partyOrgs.get', { id: branch });
    await t.call('partyOrgs.update', {
      id: branch,
      fields: { ...po, coveredOrgIds: [o.a2], venueChecklist: ['有场所', '有设施', '有标志', '有党旗'] },
    });
    const xinchengBranch = (
      await t.call('partyOrgs.create', {
        name: '中共新城街道区域党支部',
        type: 'branch',
        method: 'regional',
        regionId: xincheng,
        coveredOrgIds: [o.b1],
        venueChecklist: ['有场所', '有党旗'],
      })
    ).id;
    await t.call('grids.create', { partyOrgId: branch, name: '第一网格', instructorId: instructor, contactCards: true, orgIds: [o.a1] });
    await t.call('grids.create', { partyOrgId: branch, name: '第二网格', contactCards: false, orgIds: [o.a4] });
    // 乌兰镇's in the first quarter; 新城街道's only in April and the December before, neither in the quarter judged on 30 June.
    holdForum(branch, '2026-02-15');
    holdForum(xinchengBranch, '2026-04-10');
    holdForum(xinchengBranch, '2025-12-20');

    const r = await t.call('grids.fourChecks', { day: '2026-06-30' });
    expect(r.quarter).toEqual({ from: '2026-01-01', to: '2026-03-31', label: '2026年第一季度' });
    // The single-formed branch is no 1+N branch and is not judged.
    expect(r.rows.map((x) => x.partyOrgName)).toEqual(['中共乌兰镇非公经济组织区域党支部', '中共新城街道区域党支部']);
    const [wl, xc] = r.rows;
    expect(wl?.grids).toBe(2);
    expect(wl?.checks).toEqual({
      venue: { met: true, reason: '阵地建设达到“六有”标准4项' },
      forum: { met: true, reason: '2026年第一季度召开恳谈会1次（2026-02-15）' },
      instructors: { met: false, reason: '“第二网格”未配备指导员' },
      contactCards: { met: false, reason: '“第二网格”未发放服务联系卡' },
      allMet: false,
    });
    expect(xc?.checks).toEqual({
      venue: { met: false, reason: '阵地建设仅达到“六有”标准2项，不足4项' },
      forum: { met: false, reason: '2026年第一季度（2026-01-01至2026-03-31）未召开恳谈会' },
      instructors: { met: false, reason: '尚未划分网格' },
      contactCards: { met: false, reason: '尚未划分网格' },
      allMet: false,
    });

    // On 1 July the second quarter is complete: 新城街道's April 恳谈会 counts, 乌兰镇's February one no longer does.
    const july = await t.call('grids.fourChecks', { day: '2026-07-01', regionId: xincheng });
    expect(july.rows.map((x) => [x.partyOrgName, x.checks.forum.met])).toEqual([['中共新城街道区域党支部', true]]);

    // Every grid with an instructor and cards, and the county asking for 2 venue items: 乌兰镇 meets all four.
    const second = (await t.call('grids.list', { query: '第二网格' }))[0];
    await t.call('grids.update', {
      id: second?.id as number,
      fields: { partyOrgId: branch, name: '第二网格', instructorId: instructor, contactCards: true, orgIds: [o.a4] },
    });
    const met = await t.call('grids.fourChecks', { day: '2026-06-30', regionId: wulan });
    expect(met.rows[0]?.checks.allMet).toBe(true);
    expect(met.rows[0]?.checks.instructors.reason).toBe('2个网格均已配备指导员');
  });
});

describe('the printed ledgers', () => {
  it('网格化管理台账 and the “四个一” table hold a row per grid and per branch, equal to the records', async () => {
    await t.call('grids.create', {
      partyOrgId: branch,
      name: '第一网格',
      instructorId: instructor,
      contactCards: true,
      contactCardsDate: '2026-03-01',
      orgIds: [o.a1, o.a2],
    });
    await t.call('grids.create', { partyOrgId: branch, name: '第二网格', orgIds: [o.a4] });
    const grids = await t.call('reports.rows', { report: 'grids', filters: { regionId: wulan } });
    expect(grids.filterText).toEqual(['属地：乌兰镇']);
    expect(grids.rows).toEqual([
      {
        seq: 1,
        region: '乌兰镇',
        partyOrg: '中共乌兰镇非公经济组织区域党支部',
        grid: '第一网格',
        instructor: '赵志刚',
        contactCards: '已发放',
        orgCount: 2,
        orgs: '乌兰镇宏达商贸有限公司、乌兰镇草原牧业合作社',
        formalMembers: 1,
      },
      {
        seq: 2,
        region: '乌兰镇',
        partyOrg: '中共乌兰镇非公经济组织区域党支部',
        grid: '第二网格',
        instructor: '未配备',
        contactCards: '未发放',
        orgCount: 1,
        orgs: '乌兰镇兴旺超市',
        formalMembers: 0,
      },
    ]);
    expect(grids.totals).toMatchObject({ region: '合计', grid: '2个网格', orgCount: 3, formalMembers: 1 });

    const checks = await t.call('reports.rows', { report: 'fourChecks', filters: { asOf: '2026-06-30' } });
    expect(checks.rows).toEqual([
      {
        seq: 1,
        region: '乌兰镇',
        partyOrg: '中共乌兰镇非公经济组织区域党支部',
        grids: 2,
        venue: '否',
        forum: '否',
        instructors: '否',
        contactCards: '否',
        allMet: '否',
        gaps: '阵地建设仅达到“六有”标准0项，不足4项；2026年第一季度（2026-01-01至2026-03-31）未召开恳谈会；“第二网格”未配备指导员；“第二网格”未发放服务联系卡',
      },
    ]);
  });

  it('the demo county’s grids load, each 区域党支部 has 2–4, and the “四个一” shows gaps as well as branches that meet them', async () => {
    const demo = await makeLedger();
    try {
      const seed = readSeedFile(demoSeedPath());
      await loadSeed(demo.ctx, seed);
      const grids = await demo.call('grids.list', {});
      expect(grids).toHaveLength(seed.grids?.length ?? -1);
      const perBranch = new Map<number, number>();
      for (const g of grids) perBranch.set(g.partyOrgId, (perBranch.get(g.partyOrgId) ?? 0) + 1);
      expect([...perBranch.values()].every((n) => n >= 2 && n <= 4)).toBe(true);
      expect(grids.filter((g) => g.instructorId != null).length).toBeGreaterThan(grids.length / 2);
      const checks = await demo.call('grids.fourChecks', { day: '2026-06-30' });
      expect(checks.rows).toHaveLength(perBranch.size);
      expect(checks.rows.some((r) => !r.checks.instructors.met)).toBe(true);
      expect(checks.rows.some((r) => !r.checks.contactCards.met)).toBe(true);
      expect(checks.rows.some((r) => r.checks.instructors.met && r.checks.contactCards.met)).toBe(true);
    } finally {
      await demo.close();
    }
  });
});
