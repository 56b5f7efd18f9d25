/** 党员发展 by year: the current year mirrors the organization's counts; past years are kept and summed. */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedger } from '../../src/main/core/db';
import { demoSeedPath, loadSeed, readSeedFile } from '../../src/main/core/seed';
import { memberYearTotals } from '../../src/main/core/services/memberYears';
import { todayIso } from '../../src/shared/rules/dates';
import { makeLedger, type TestLedger } from './fixture';
import { oldLedger } from './helpers/oldLedger';

let t: TestLedger;
let regionA: number;
let regionB: number;

beforeEach(async () => {
  t = await makeLedger();
  regionA = (await t.call('regions.create', { name: '乌兰镇', kind: 'township' })).id;
  regionB = (await t.call('regions.create', { name: '新城街道', kind: 'subdistrict' })).id;
});
afterEach(() => t.close());

const org = (name: string, regionId: number, formalMembers: number, probationaryMembers = 0, activists = 0) =>
  t.call('orgs.create', { name, category: 'nonpublic', subtype: 'company', regionId, formalMembers, probationaryMembers, activists });

const figures = { formal: 5, probationary: 1, activists: 2, candidates: 1, newMembers: 1 };

describe('党员发展 by year', () => {
  it('an organization written from its form is this year’s row; 发展对象 and 新发展党员 stay when the form saves again', async () => {
    const o = await org('泰和建材有限公司', regionA, 4, 1, 3);
    expect(await t.call('memberYears.list', { orgId: o.id })).toMatchObject([
      { year: 2026, formal: 4, probationary: 1, activists: 3, candidates: 0, newMembers: 0 },
    ]);
    await t.call('memberYears.set', { orgId: o.id, year: 2026, formal: 4, probationary: 1, activists: 3, candidates: 2, newMembers: 1 });
    await t.call('orgs.update', {
      id: o.id,
      fields: {
        name: o.name,
        category: 'nonpublic',
        subtype: 'company',
        regionId: regionA,
        formalMembers: 5,
        probationaryMembers: 0,
        activists: 3,
      },
    });
    expect(await t.call('memberYears.list', { orgId: o.id })).toMatchObject([
      { year: 2026, formal: 5, probationary: 0, activists: 3, candidates: 2, newMembers: 1 },
    ]);
  });

  it('setting this year changes the organization’s counts and its list row; a past year leaves them alone', async () => {
    const o = await org('泰和建材有限公司', regionA, 2);
    await t.call('memberYears.set', { orgId: o.id, year: 2025, ...figures, formal: 1 });
    expect((await t.call('orgs.get', { id: o.id })).formalMembers).toBe(2);

    const years = await t.call('memberYears.set', { orgId: o.id, year: 2026, ...figures });
    expect(years.map((y) => [y.year, y.formal])).toEqual([
      [2026, 5],
      [2025, 1],
    ]);
    const after = await t.call('orgs.get', { id: o.id });
    expect(after).toMatchObject({ formalMembers: 5, probationaryMembers: 1, activists: 2 });
    // The list's index sees the new count at once (应建未建 now that it has 3+).
    const row = (await t.call('orgs.list', {})).rows[0];
    expect(row?.formalMembers).toBe(5);
    expect(row?.flags).toContain('should_build');

    const audit = await t.call('audit.list', { entity: 'member_year', entityId: o.id });
    expect(audit.rows.map((r) => r.action)).toEqual(['set', 'set']);
    expect(audit.rows[0]?.before).toMatchObject({ year: 2026, formal: 2, candidates: 0 });
    expect(audit.rows[0]?.after).toMatchObject({ year: 2026, formal: 5, newMembers: 1 });
    expect(audit.rows[1]?.before).toBeNull();
  });

  it('refuses a future year, a missing or deleted organization, and negative figures in Chinese', async () => {
    const o = await org('泰和建材有限公司', regionA, 2);
    const future = await t.raw('memberYears.set', { orgId: o.id, year: 2027, ...figures });
    expect(future).toMatchObject({ ok: false, error: { code: 'invalid_input', message: '「年度」不能晚于今年（2026年）' } });
    const negative = await t.raw('memberYears.set', { orgId: o.id, year: 2025, ...figures, newMembers: -1 });
    expect(negative).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('新发展党员') } });
    expect(await t.raw('memberYears.set', { orgId: 999, year: 2025, ...figures })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    await t.call('orgs.delete', { id: o.id });
    expect(await t.raw('memberYears.list', { orgId: o.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await t.raw('memberYears.set', { orgId: o.id, year: 2025, ...figures })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('deletes a year entered by mistake with an audit row, and refuses this year, a year not recorded and a deleted organization', async () => {
    const o = await org('泰和建材有限公司', regionA, 2);
    await t.call('memberYears.set', { orgId: o.id, year: 2019, ...figures });
    await t.call('memberYears.set', { orgId: o.id, year: 2025, ...figures, formal: 1 });

    const left = await t.call('memberYears.delete', { orgId: o.id, year: 2019 });
    expect(left.map((y) => y.year)).toEqual([2026, 2025]);
    expect((await t.call('memberYears.list', { orgId: o.id })).map((y) => y.year)).toEqual([2026, 2025]);
    const audit = await t.call('audit.list', { entity: 'member_year', entityId: o.id });
    expect(audit.rows[0]).toMatchObject({ action: 'delete', after: null, before: { year: 2019, formal: 5, newMembers: 1 } });

    // This year's row is the organization's own counts: changed, never deleted.
    const current = await t.raw('memberYears.delete', { orgId: o.id, year: 2026 });
    expect(current).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('不能删除') } });
    expect((await t.call('memberYears.list', { orgId: o.id })).map((y) => y.year)).toEqual([2026, 2025]);
    expect(await t.raw('memberYears.delete', { orgId: o.id, year: 2019 })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringContaining('2019年度') },
    });
    await t.call('orgs.delete', { id: o.id });
    expect(await t.raw('memberYears.delete', { orgId: o.id, year: 2025 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await t.call('audit.list', { entity: 'member_year', entityId: o.id })).rows.filter((r) => r.action === 'delete')).toHaveLength(
      1,
    );
  });

  it('memberYearTotals sums one year per region over live organizations, zeros for an empty region', async () => {
    const a = await org('甲公司', regionA, 3, 1, 2);
    const b = await org('乙公司', regionA, 1);
    const gone = await org('丙公司', regionA, 9);
    await t.call('memberYears.set', { orgId: a.id, year: 2025, formal: 2, probationary: 1, activists: 1, candidates: 1, newMembers: 1 });
    await t.call('memberYears.set', { orgId: b.id, year: 2025, formal: 1, probationary: 0, activists: 3, candidates: 2, newMembers: 0 });
    await t.call('memberYears.set', { orgId: gone.id, year: 2025, formal: 8, probationary: 1, activists: 0, candidates: 0, newMembers: 1 });
    await t.call('orgs.delete', { id: gone.id });

    expect(await memberYearTotals(t.ctx.ledger.db, 2025)).toEqual([
      { regionId: regionA, formal: 3, probationary: 1, activists: 4, candidates: 3, newMembers: 1 },
      { regionId: regionB, formal: 0, probationary: 0, activists: 0, candidates: 0, newMembers: 0 },
    ]);
    expect(await memberYearTotals(t.ctx.ledger.db, 2026)).toEqual([
      { regionId: regionA, formal: 4, probationary: 1, activists: 2, candidates: 0, newMembers: 0 },
      { regionId: regionB, formal: 0, probationary: 0, activists: 0, candidates: 0, newMembers: 0 },
    ]);
  });

  it('the migration turns each existing organization’s counts into this year’s row', async () => {
    const old = await oldLedger('0005_case_references');
    const now = '2025-01-01T00:00:00.000Z';
    await sql`INSERT INTO regions (id, name, kind, created_at) VALUES (1, '乌兰镇', 'township', ${now})`.execute(old.db);
    await sql`INSERT INTO orgs (id, name, name_initials, category, subtype, region_id, formal_members, probationary_members, activists, status, created_at, updated_at)
         VALUES (1, '甲公司', 'jgs', 'nonpublic', 'company', 1, 4, 1, 2, 'normal', ${now}, ${now}), (2, '乙公司', 'ygs', 'nonpublic', 'company', 1, 0, 0, 0, 'normal', ${now}, ${now})`.execute(
      old.db,
    );
    await old.release();
    const ledger = await openLedger(old.target);
    const year = Number(todayIso().slice(0, 4));
    const { rows } = await sql`SELECT * FROM member_years ORDER BY org_id, year`.execute(ledger.db);
    expect(rows).toMatchObject([
      { org_id: 1, year, formal: 4, probationary: 1, activists: 2, candidates: 0, new_members: 0 },
      { org_id: 2, year, formal: 0, probationary: 0, activists: 0, candidates: 0, new_members: 0 },
    ]);
    await ledger.close();
    await old.drop();
  });

  it('the demo county loads both years, and the 党员发展情况统计表 rows are the sums of the records', async () => {
    const fresh = await makeLedger();
    const seed = readSeedFile(demoSeedPath());
    await loadSeed(fresh.ctx, seed);
    const sumOf = (year: number) =>
      (seed.memberYears ?? [])
        .filter((r) => r.year === year)
        .reduce((s, r) => ({ formal: s.formal + r.formal, newMembers: s.newMembers + r.newMembers }), { formal: 0, newMembers: 0 });
    const d = await fresh.call('reports.rows', { report: 'memberYears', filters: { year: 2026 } });
    expect(d.title).toBe('党员发展情况统计表');
    expect(d.totals).toMatchObject({ region: '合计', ...sumOf(2026), lastFormal: sumOf(2025).formal });
    expect(d.totals?.formalChange).toBe(sumOf(2026).formal - sumOf(2025).formal);
    expect(sumOf(2025).newMembers).toBeGreaterThan(10);
    // Each region's row is its organizations' records summed, straight from the table.
    const regions = await fresh.call('regions.list', {});
    for (const row of d.rows) {
      const region = regions.find((r) => r.name === row.region);
      const [sums] = await fresh.rows<{ formal: number; new_members: number }>(
        sql`SELECT COALESCE(SUM(m.formal), 0) AS formal, COALESCE(SUM(m.new_members), 0) AS new_members FROM member_years m
          JOIN orgs o ON o.id = m.org_id WHERE o.region_id = ${region?.id} AND m.year = 2026`,
      );
      expect(row).toMatchObject({ formal: Number(sums?.formal), newMembers: Number(sums?.new_members) });
    }
    // This year's row of every organization is its own counts.
    const [mismatched] = await fresh.rows<{ n: number }>(
      sql`SELECT COUNT(*) AS n FROM orgs o JOIN member_years m ON m.org_id = o.id AND m.year = 2026
          WHERE m.formal <> o.formal_members OR m.probationary <> o.probationary_members OR m.activists <> o.activists`,
    );
    expect(Number(mismatched?.n)).toBe(0);
    await fresh.close();
  });
});
