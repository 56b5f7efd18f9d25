/**
 * 示范点与品牌: a clerk names a party organization a 县级 示范点, later a 市级 one (a new row, the first kept),
 * 摘牌 ends one; every write is in the 操作日志 in Chinese; the yearly totals equal a hand count.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { modelSiteTotals } from '../../src/main/core/services/modelSites';
import { makeLedger, type TestLedger } from './fixture';

let t: TestLedger;
let ids: { north: number; south: number; po1: number; po2: number; po3: number };

beforeEach(async () => {
  t = await makeLedger();
  const north = (await t.call('regions.create', { name: '乌兰镇', kind: 'township' })).id;
  const south = (await t.call('regions.create', { name: '新城街道', kind: 'subdistrict' })).id;
  const org = async (name: string, regionId: number) =>
    (await t.call('orgs.create', { name, category: 'nonpublic', subtype: 'company', regionId })).id;
  const po = async (name: string, regionId: number, orgId: number) =>
    (await t.call('partyOrgs.create', { name, type: 'branch', method: 'single', regionId, coveredOrgIds: [orgId], secretaryName: '韩梅' }))
      .id;
  const po1 = await po('红山建材有限公司党支部', north, await org('红山建材有限公司', north));
  const po2 = await po('乌兰物流有限公司党支部', north, await org('乌兰物流有限公司', north));
  const po3 = await po('新城商贸有限公司党支部', south, await org('新城商贸有限公司', south));
  ids = { north, south, po1, po2, po3 };
});
afterEach(() => t.close());

describe('示范点与品牌', () => {
  it('creates, updates and deletes a designation, each write in the log in Chinese', async () => {
    const site = await t.call('modelSites.create', {
      partyOrgId: ids.po1,
      level: 'county',
      year: 2025,
      brandName: '红色引擎',
      fiveStar: true,
      documentNo: '青组发〔2025〕12号',
    });
    expect(site).toMatchObject({
      partyOrgName: '红山建材有限公司党支部',
      regionName: '乌兰镇',
      level: 'county',
      fiveStar: true,
      inForce: true,
    });
    const updated = await t.call('modelSites.update', {
      id: site.id,
      fields: { partyOrgId: ids.po1, level: 'county', year: 2025, brandName: '红色引擎·匠心' },
    });
    expect(updated.brandName).toBe('红色引擎·匠心');
    expect(updated.fiveStar).toBe(false);
    await t.call('modelSites.delete', { id: site.id });
    expect(await t.call('modelSites.list', {})).toEqual([]);

    const log = (await t.call('audit.list', { entity: 'model_site', limit: 10 })).rows;
    expect(log.map((r) => r.action).sort()).toEqual(['create', 'delete', 'update']);
    const upd = log.find((r) => r.action === 'update');
    expect(upd?.entityLabel).toBe('示范点（品牌）');
    expect(upd?.name).toBe('红山建材有限公司党支部 2025年县级示范点');
    const brand = upd?.fields.find((f) => f.key === 'brandName');
    expect(brand).toMatchObject({ label: '党建品牌名称', before: '红色引擎', after: '红色引擎·匠心', changed: true });
    expect(upd?.fields.find((f) => f.key === 'level')).toMatchObject({ label: '命名级别', after: '县级' });
    expect(upd?.fields.find((f) => f.key === 'fiveStar')).toMatchObject({ label: '五星创建', before: '是', after: '否' });
  });

  it('keeps history: a higher level later is a new row, the same level twice in force is refused, 摘牌 keeps the row', async () => {
    const county = await t.call('modelSites.create', { partyOrgId: ids.po1, level: 'county', year: 2024 });
    await t.call('modelSites.create', { partyOrgId: ids.po1, level: 'city', year: 2026, brandName: '红色引擎' });
    const again = await t.raw('modelSites.create', { partyOrgId: ids.po1, level: 'county', year: 2026 });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    if (!again.ok) expect(again.error.message).toContain('2024年命名为县级示范点');
    // 摘牌 in 2026: the county designation stays in the history, no longer in force from 2026.
    await t.call('modelSites.update', { id: county.id, fields: { partyOrgId: ids.po1, level: 'county', year: 2024, revokedYear: 2026 } });
    const history = await t.call('modelSites.list', { partyOrgId: ids.po1 });
    expect(history.map((m) => [m.level, m.year, m.revokedYear])).toEqual([
      ['county', 2024, 2026],
      ['city', 2026, null],
    ]);
    expect((await t.call('modelSites.list', { year: 2025 })).map((m) => m.level)).toEqual(['county']);
    expect((await t.call('modelSites.list', { year: 2026 })).map((m) => m.level)).toEqual(['city']);
    // Named again at county level after the 摘牌: allowed, a third row.
    await t.call('modelSites.create', { partyOrgId: ids.po1, level: 'county', year: 2027 });
    expect(await t.call('modelSites.list', { partyOrgId: ids.po1 })).toHaveLength(3);
  });

  it('refuses a revoke year before the naming year, an unknown party organization, and answers not_found for a missing id', async () => {
    const early = await t.raw('modelSites.create', { partyOrgId: ids.po1, level: 'county', year: 2025, revokedYear: 2024 });
    expect(early).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!early.ok) expect(early.error.message).toContain('撤销（摘牌）年度不能早于命名年度');
    expect(await t.raw('modelSites.create', { partyOrgId: 999, level: 'county', year: 2025 })).toMatchObject({ ok: false });
    expect(await t.raw('modelSites.update', { id: 999, fields: { partyOrgId: ids.po1, level: 'county', year: 2025 } })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await t.raw('modelSites.delete', { id: 999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('lists by region, level and search (name, pinyin initials, brand)', async () => {
    await t.call('modelSites.create', { partyOrgId: ids.po1, level: 'county', year: 2025, brandName: '红色引擎' });
    await t.call('modelSites.create', { partyOrgId: ids.po2, level: 'city', year: 2025 });
    await t.call('modelSites.create', { partyOrgId: ids.po3, level: 'county', year: 2026, brandName: '商贸先锋' });
    expect((await t.call('modelSites.list', { regionId: ids.south })).map((m) => m.partyOrgName)).toEqual(['新城商贸有限公司党支部']);
    expect((await t.call('modelSites.list', { level: 'city' })).map((m) => m.partyOrgId)).toEqual([ids.po2]);
    expect((await t.call('modelSites.list', { query: '物流' })).map((m) => m.partyOrgId)).toEqual([ids.po2]);
    expect((await t.call('modelSites.list', { query: 'hsjc' })).map((m) => m.partyOrgId)).toEqual([ids.po1]);
    expect((await t.call('modelSites.list', { query: '先锋' })).map((m) => m.partyOrgId)).toEqual([ids.po3]);
    // 2025: the 2026 designation is not yet in force.
    expect((await t.call('modelSites.list', { year: 2025 })).map((m) => m.partyOrgId)).toEqual([ids.po1, ids.po2]);
  });

  it('totals by region and level equal a hand count of the designations in force', async () => {
    const add = (partyOrgId: number, level: 'county' | 'city' | 'province', year: number, more: object = {}) =>
      t.call('modelSites.create', { partyOrgId, level, year, ...more });
    await add(ids.po1, 'county', 2024, { brandName: '红色引擎', fiveStar: true, revokedYear: 2026 });
    await add(ids.po1, 'city', 2025, { brandName: '红色引擎' });
    await add(ids.po2, 'county', 2025, { fiveStar: true });
    await add(ids.po3, 'county', 2026, { brandName: '商贸先锋', fiveStar: true });
    await add(ids.po3, 'province', 2027);
    const sorted = (rows: Awaited<ReturnType<typeof modelSiteTotals>>) =>
      [...rows].sort((a, b) => a.regionId - b.regionId || a.level.localeCompare(b.level));
    // 2025 in force: po1 county (until 2026) + po1 city + po2 county, all 乌兰镇.
    expect(sorted(await modelSiteTotals(t.ctx.ledger.db, 2025))).toEqual([
      { regionId: ids.north, level: 'city', count: 1, brands: 1, fiveStar: 0 },
      { regionId: ids.north, level: 'county', count: 2, brands: 1, fiveStar: 2 },
    ]);
    // 2026: po1's county designation was revoked; po3's county one begins.
    expect(sorted(await modelSiteTotals(t.ctx.ledger.db, 2026))).toEqual([
      { regionId: ids.north, level: 'city', count: 1, brands: 1, fiveStar: 0 },
      { regionId: ids.north, level: 'county', count: 1, brands: 0, fiveStar: 1 },
      { regionId: ids.south, level: 'county', count: 1, brands: 1, fiveStar: 1 },
    ]);
    // A deleted party organization's designations no longer count.
    await t.call('partyOrgs.delete', { id: ids.po2 });
    expect((await modelSiteTotals(t.ctx.ledger.db, 2026)).reduce((n, r) => n + r.count, 0)).toBe(2);
  });
});

describe('示范点（品牌）台账', () => {
  it('has one row per designation in force in the year, equal to the records', async () => {
    await t.call('modelSites.create', {
      partyOrgId: ids.po1,
      level: 'county',
      year: 2024,
      brandName: '红色引擎',
      fiveStar: true,
      documentNo: '青组发〔2024〕3号',
      revokedYear: 2027,
    });
    await t.call('modelSites.create', { partyOrgId: ids.po2, level: 'city', year: 2026 });
    await t.call('modelSites.create', { partyOrgId: ids.po3, level: 'county', year: 2025, revokedYear: 2026 });
    const data = await t.call('reports.rows', { report: 'modelSites', filters: { year: 2026 } });
    expect(data.title).toBe('示范点（品牌）台账');
    expect(data.filterText).toEqual(['年度：2026年']);
    expect(data.rows).toEqual([
      {
        seq: 1,
        name: '红山建材有限公司党支部',
        region: '乌兰镇',
        secretary: '韩梅',
        level: '县级',
        year: '2024',
        brand: '红色引擎',
        fiveStar: '是',
        documentNo: '青组发〔2024〕3号',
        status: '2027年撤销',
      },
      {
        seq: 2,
        name: '乌兰物流有限公司党支部',
        region: '乌兰镇',
        secretary: '韩梅',
        level: '市级',
        year: '2026',
        brand: null,
        fiveStar: '',
        documentNo: null,
        status: '有效',
      },
    ]);
    const south = await t.call('reports.rows', { report: 'modelSites', filters: { year: 2025, regionId: ids.south } });
    expect(south.rows.map((r) => r.name)).toEqual(['新城商贸有限公司党支部']);
  });
});
