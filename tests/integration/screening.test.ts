/** 排查 on the demo county and on hand-made party organizations: few, weighted, ranked, and set aside with a reason. */
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Input } from '../../src/shared/contract';
import type { CaseSuggestion } from '../../src/shared/types';
import { makeLedger, type TestLedger, TODAY } from './fixture';
import { caseMaker } from './helpers/caseLedger';

describe('the demo county', () => {
  let t: TestLedger;
  let partyOrgs: number;
  let regionOrder: Map<number, number>;
  /** Founded 8 days before the fixture's day, with nothing recorded yet: no 书记, no 星级, no 阵地, no 预备党员. */
  let newBranch: { id: number; name: string };
  const suggest = (over: Partial<Input<'cases.suggest'>> = {}) => t.call('cases.suggest', { year: 2026, ...over });

  beforeAll(async () => {
    t = await makeLedger({ demo: 'loaded' });
    const regions = await t.call('regions.list', {});
    regionOrder = new Map(regions.map((r) => [r.id, r.sortOrder]));
    const regionId = regions[0]!.id;
    const org = await t.call('orgs.create', {
      name: '青山旗新兴科技有限公司',
      category: 'nonpublic',
      subtype: 'company',
      regionId,
      formalMembers: 3,
    });
    newBranch = await t.call('partyOrgs.create', {
      name: '中共青山旗新兴科技有限公司支部委员会',
      type: 'branch',
      method: 'single',
      regionId,
      formalMembers: 3,
      foundedDate: '2026-06-22',
      coveredOrgIds: [org.id],
    });
    partyOrgs = t.count('party_orgs');
  }, 60_000);
  afterAll(() => t.close());

  it('suggests under a quarter of the party organizations, each with its weighted reasons', async () => {
    const { suggestions, deferred, day } = await suggest();
    expect(day).toBe(TODAY);
    expect(deferred).toEqual([]);
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions.length / partyOrgs).toBeLessThan(0.25);
    for (const s of suggestions) {
      expect(s.reasons.length, s.partyOrgName).toBeGreaterThanOrEqual(1);
      for (const r of s.reasons) {
        expect(r.weight).toBeGreaterThan(0);
        expect(r.text).toMatch(/[\u4e00-\u9fff]/);
      }
      expect(s.score).toBe(s.reasons.reduce((n, r) => n + r.weight, 0));
      expect(['key', 'normal']).toContain(s.level);
    }
    // No one is suggested for a single weak signal, such as having no 预备党员.
    expect(suggestions.filter((s) => s.reasons.length === 1 && s.reasons[0]!.weight === 1)).toEqual([]);
  });

  it('does not list a branch founded 8 days ago', async () => {
    const { suggestions } = await suggest();
    expect(suggestions.map((s) => s.partyOrgId)).not.toContain(newBranch.id);
  });

  it('ranks by weight, then by how many situations, then by region order', async () => {
    const { suggestions } = await suggest();
    const key = (s: CaseSuggestion) => [-s.score, -s.reasons.length, regionOrder.get(s.regionId) as number];
    for (let i = 1; i < suggestions.length; i++) {
      const [a, b] = [key(suggestions[i - 1]!), key(suggestions[i]!)];
      const order = a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!;
      expect(order, `${suggestions[i - 1]!.partyOrgName} before ${suggestions[i]!.partyOrgName}`).toBeLessThanOrEqual(0);
    }
    // 换届逾期 and 书记空缺 come before any suggestion without them.
    const heaviest = suggestions.map((s) => s.reasons.some((r) => r.code === 'election_overdue' || r.code === 'secretary_vacant'));
    expect(heaviest.indexOf(false)).toBeGreaterThan(heaviest.lastIndexOf(true));
    expect(suggestions[0]!.level).toBe('key');
  });

  it('filters by region and finds by name, pinyin initials and 书记', async () => {
    const all = (await suggest()).suggestions;
    const regionId = all[0]!.regionId;
    const inRegion = (await suggest({ regionId })).suggestions;
    expect(inRegion.length).toBeGreaterThan(0);
    expect(inRegion.length).toBeLessThan(all.length);
    expect(inRegion).toEqual(all.filter((s) => s.regionId === regionId));

    const target = all.find((s) => s.secretaryName) as CaseSuggestion;
    const byName = (await suggest({ query: target.partyOrgName.slice(2, 8) })).suggestions;
    expect(byName.map((s) => s.partyOrgId)).toContain(target.partyOrgId);
    const bySecretary = (await suggest({ query: target.secretaryName as string })).suggestions;
    expect(bySecretary.map((s) => s.partyOrgId)).toContain(target.partyOrgId);
    expect(bySecretary.length).toBeLessThan(all.length);
    const [initials] = (await t.rows<{ i: string }>(sql`SELECT name_initials AS i FROM party_orgs WHERE id = ${target.partyOrgId}`)) as [
      { i: string },
    ];
    const byInitials = (await suggest({ query: initials.i.slice(2).toUpperCase() })).suggestions;
    expect(byInitials.map((s) => s.partyOrgId)).toContain(target.partyOrgId);
  });

  it('暂不认定 takes a suggestion off the list for the year, keeps the reason, audits it; 恢复 brings it back', async () => {
    const before = (await suggest()).suggestions;
    const picked = before[before.length - 1]!;
    const reason = '该企业已于6月完成班子调整，待年底星级评定后再议';
    expect(await t.call('screening.defer', { partyOrgId: picked.partyOrgId, year: 2026, reason: `  ${reason} ` })).toEqual({
      partyOrgId: picked.partyOrgId,
      year: 2026,
    });

    const after = await suggest();
    expect(after.suggestions.map((s) => s.partyOrgId)).not.toContain(picked.partyOrgId);
    expect(after.suggestions).toHaveLength(before.length - 1);
    expect(after.deferred).toEqual([
      expect.objectContaining({
        partyOrgId: picked.partyOrgId,
        partyOrgName: picked.partyOrgName,
        regionName: picked.regionName,
        year: 2026,
        reason,
        reasons: picked.reasons,
      }),
    ]);
    // Another year is untouched.
    expect((await t.call('cases.suggest', { year: 2025 })).deferred).toEqual([]);

    const twice = await t.raw('screening.defer', { partyOrgId: picked.partyOrgId, year: 2026, reason: '再次' });
    expect(twice).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(twice.ok === false && twice.error.message).toContain('已暂不认定');

    const audit = await t.call('audit.list', { entity: 'screening_deferral', offset: 0, limit: 10 });
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!).toMatchObject({
      entityId: picked.partyOrgId,
      action: 'defer',
      before: null,
      after: { partyOrgId: picked.partyOrgId, partyOrgName: picked.partyOrgName, year: 2026, reason },
    });

    await t.call('screening.undefer', { partyOrgId: picked.partyOrgId, year: 2026 });
    const restored = await suggest();
    expect(restored.deferred).toEqual([]);
    expect(restored.suggestions).toEqual(before);
    const undone = await t.call('audit.list', { entity: 'screening_deferral', offset: 0, limit: 10 });
    expect(undone.rows[0]!).toMatchObject({ action: 'undefer', before: { partyOrgName: picked.partyOrgName, reason }, after: null });
    expect(t.count('screening_deferrals')).toBe(0);
  });

  it('refuses 暂不认定 without a reason, with one over 200 characters, or for one already 认定', async () => {
    const picked = (await suggest()).suggestions[0]!;
    for (const reason of ['', '   ', '理'.repeat(201)]) {
      const r = await t.raw('screening.defer', { partyOrgId: picked.partyOrgId, year: 2026, reason });
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(r.ok === false && r.error.message).toMatch(/请填写暂不认定的原因|不能超过200个字/);
    }
    const open = (await t.call('cases.list', { year: 2026, offset: 0, limit: 1 })).rows[0]!;
    const r = await t.raw('screening.defer', { partyOrgId: open.partyOrgId, year: 2026, reason: '已在整顿' });
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const gone = await t.raw('screening.undefer', { partyOrgId: picked.partyOrgId, year: 2026 });
    expect(gone).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(t.count('screening_deferrals')).toBe(0);
  });
});

describe('each reason on its own party organization', () => {
  let t: TestLedger;
  let region: number;
  let make: ReturnType<typeof caseMaker>;
  beforeEach(async () => {
    t = await makeLedger();
    region = (await t.call('regions.create', { name: '乌兰镇', kind: 'township' })).id;
    make = caseMaker(t, () => region);
  });
  afterEach(() => t.close());

  /** A party organization covering one organization of its own; every field sound unless overridden. */
  const partyOrg = (over: Partial<Input<'partyOrgs.create'>> = {}) => make.partyOrg(over);

  it('suggests the heavy reasons alone and the weak ones only together, ranked, with the county’s situations', async () => {
    await t.call('settings.update', { venueThreshold: 4 });
    await partyOrg({ name: '健全支部' });
    await partyOrg({ name: '未定星支部', starRating: null });
    await partyOrg({ name: '阵地不达标支部', venueChecklist: ['有场所', '有党旗', '有制度'] });
    await partyOrg({ name: '无发展支部', probationaryMembers: 0 });
    await partyOrg({ name: '三项弱信号支部', starRating: null, probationaryMembers: 0, venueChecklist: ['有场所'] });
    await partyOrg({ name: '书记空缺支部', secretaryName: null });
    await partyOrg({ name: '换届逾期支部', lastElectionDate: '2022-01-01' });
    await partyOrg({ name: '二星支部', starRating: 2 });
    await partyOrg({ name: '逾期且空缺支部', lastElectionDate: '2022-01-01', secretaryName: null });
    const already = await partyOrg({ name: '已认定支部', secretaryName: null });
    await t.call('cases.create', {
      partyOrgId: already.id,
      year: 2026,
      date: '2026-03-01',
      situations: ['班子配备不齐、书记空缺'],
      problems: '书记空缺',
    });
    // A rating for the year outranks the party organization's current stars.
    const ratedLow = await partyOrg({ name: '年度一星支部' });
    await t.call('ratings.set', { partyOrgId: ratedLow.id, year: 2026, stars: 1, assessedDate: '2026-01-15' });

    const { suggestions } = await t.call('cases.suggest', { year: 2026 });
    const rows = suggestions.map((s) => [s.partyOrgName, s.score, s.level, s.reasons.map((r) => r.text)]);
    expect(rows).toEqual([
      ['逾期且空缺支部', 12, 'key', ['换届逾期：上次换届2022-01-01，任期3年，应于2025-01-01前换届', '书记空缺：未配备党组织书记']],
      ['书记空缺支部', 6, 'key', ['书记空缺：未配备党组织书记']],
      ['换届逾期支部', 6, 'key', ['换届逾期：上次换届2022-01-01，任期3年，应于2025-01-01前换届']],
      ['三项弱信号支部', 3, 'normal', ['2026年度未评定星级', '阵地建设达标1项，低于4项', '无预备党员（正式党员5名），近期未发展党员']],
      ['二星支部', 3, 'normal', ['星级评定为2星（2星及以下）']],
      ['年度一星支部', 3, 'normal', ['星级评定为1星（2星及以下）']],
    ]);
    expect(suggestions[0]!.situations).toEqual(['换届逾期', '班子配备不齐、书记空缺']);
  });
});
