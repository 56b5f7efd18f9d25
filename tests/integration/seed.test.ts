/** The demo county loaded into a real ledger file: its size, its mix, its figures and its flags. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ctx, createContext } from '../../src/main/core/context';
import { type Ledger, openLedger } from '../../src/main/core/db';
import { AppError } from '../../src/main/core/errors';
import { demoSeedPath, loadSeed, readSeedFile, type SeedFile, seedIfEmpty } from '../../src/main/core/seed';
import { listAudit } from '../../src/main/core/services/audit';
import { caseStats, listCases } from '../../src/main/core/services/cases';
import { listInstructors } from '../../src/main/core/services/instructors';
import { listOrgs } from '../../src/main/core/services/orgs';
import { listPartyOrgs } from '../../src/main/core/services/partyOrgs';
import { listRegions } from '../../src/main/core/services/regions';
import { getSettings } from '../../src/main/core/services/settings';
import { coverageStats } from '../../src/main/core/services/stats';
import { orgsListSchema, partyOrgsListSchema } from '../../src/shared/contract';
import { FORMATION_METHODS, ORG_FLAGS, ORG_SUBTYPES, PARTY_ORG_FLAGS, PARTY_ORG_TYPES } from '../../src/shared/domain/codes';
import type { Ratio } from '../../src/shared/rules/coverage';

const TODAY = '2026-06-30';
/** The day the demo was made: the flags and figures must hold then too. */
const LATER = '2026-11-25';

let dir: string;
let ledger: Ledger;
let ctx: Ctx;
let counts: Awaited<ReturnType<typeof loadSeed>>;
const seed: SeedFile = readSeedFile(demoSeedPath());

const tableCount = (table: string) => (ledger.sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-seed-'));
  ledger = await openLedger(path.join(dir, 'ledger.sqlite'));
  ctx = createContext(ledger, { today: () => TODAY, now: () => `${TODAY}T08:00:00.000Z` });
  counts = await loadSeed(ctx, seed);
  // Loading the demo county takes seconds, more on a busy machine: more than a hook's default 10 s.
}, 60_000);

afterAll(async () => {
  await ledger.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const within = (r: Ratio, lo: number, hi: number) => {
  expect(r.rate).not.toBeNull();
  expect(r.rate as number).toBeGreaterThanOrEqual(lo);
  expect(r.rate as number).toBeLessThanOrEqual(hi);
};

describe('the demo county', () => {
  it('finds seeds/demo-county.json from the working directory', () => {
    expect(demoSeedPath()).toBe(path.resolve('seeds/demo-county.json'));
  });

  it('has its settings, 8+ regions, 300+ organizations, party organizations and instructors', async () => {
    expect(counts.regions).toBeGreaterThanOrEqual(8);
    expect(counts.orgs).toBeGreaterThanOrEqual(300);
    expect(counts.partyOrgs).toBeGreaterThanOrEqual(110);
    expect(counts.instructors).toBeGreaterThanOrEqual(25);
    expect(counts).toEqual({
      regions: tableCount('regions'),
      orgs: tableCount('orgs'),
      partyOrgs: tableCount('party_orgs'),
      instructors: tableCount('instructors'),
      cases: tableCount('cases'),
    });
    expect((await listRegions(ctx)).map((r) => r.name)).toEqual(seed.regions.map((r) => r.name));
    expect(await getSettings(ctx)).toMatchObject({ countyName: '青山旗', countyCode: '150499', reportingUnit: '中共青山旗委组织部' });
    const instructors = await listInstructors(ctx);
    expect(instructors.filter((i) => i.activeAssignments > 0).length).toBeGreaterThanOrEqual(20);
    expect(instructors.some((i) => i.assignments.some((a) => !a.active))).toBe(true);
    // 姓名 + 工作单位 identifies an instructor (instructors.create refuses a second one; exchange keys by it).
    const keys = instructors.map((i) => `${i.name}|${i.unit ?? ''}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('has every sub-type of organization, every 组建方式 and every type of party organization', async () => {
    const subtypes = new Set(seed.orgs.map((o) => o.subtype));
    for (const s of ORG_SUBTYPES) expect(subtypes, s.label).toContain(s.code);
    const listed = (await listPartyOrgs(ctx, partyOrgsListSchema.parse({ limit: 500 }))).rows;
    for (const m of FORMATION_METHODS)
      expect(
        listed.some((p) => p.method === m.code),
        m.label,
      ).toBe(true);
    for (const t of PARTY_ORG_TYPES)
      expect(
        listed.some((p) => p.type === t.code),
        t.label,
      ).toBe(true);
    // A 单独组建 organization covers exactly one organization; every link survived the load.
    expect(listed.filter((p) => p.method === 'single').every((p) => p.coveredCount === 1)).toBe(true);
    expect(tableCount('coverage')).toBe(seed.partyOrgs.reduce((s, p) => s + p.coveredOrgRefs.length, 0));
  });

  it.each([TODAY, LATER])('county figures fall in the target ranges on %s', async (day) => {
    const { county } = await coverageStats(ctx, { asOf: day });
    expect(county.total).toBe(counts.orgs);
    within(county.orgCoverage, 65, 80);
    within(county.workCoverage, 90, 95);
    within(county.singleRate, 25, 35);
    within(county.buildRate, 80, 90);
    expect(county.none).toBeGreaterThanOrEqual(15);
    expect(county.none).toBeLessThanOrEqual(25);
  });

  it.each([TODAY, LATER])('some organization trips each flag on %s', async (day) => {
    const at = createContext(ledger, { today: () => day });
    for (const f of ORG_FLAGS) {
      expect((await listOrgs(at, orgsListSchema.parse({ flag: f.code }))).total, f.label).toBeGreaterThan(0);
    }
    for (const f of PARTY_ORG_FLAGS) {
      expect((await listPartyOrgs(at, partyOrgsListSchema.parse({ flag: f.code }))).total, f.label).toBeGreaterThan(0);
    }
  });

  it('finds 民政局 by its pinyin initials', async () => {
    const found = (await listOrgs(ctx, orgsListSchema.parse({ query: 'mzj' }))).rows;
    expect(found.some((o) => o.name.includes('民政局'))).toBe(true);
  });

  it('wrote one seed audit row for the load, and the cases’ own history', async () => {
    const seedRows = await listAudit(ctx, { entity: 'ledger', offset: 0, limit: 10 });
    expect(seedRows.total).toBe(1);
    expect(seedRows.rows[0]).toMatchObject({ entity: 'ledger', entityId: 0, action: 'seed', after: counts, at: `${TODAY}T08:00:00.000Z` });
    const caseRows = await listAudit(ctx, { entity: 'case', offset: 0, limit: 1000 });
    expect(caseRows.rows.filter((r) => r.action === 'create')).toHaveLength(counts.cases);
    const all = await listAudit(ctx, { offset: 0, limit: 1 });
    expect(all.total).toBe(
      1 +
        caseRows.total +
        (await listAudit(ctx, { entity: 'rating', offset: 0, limit: 1 })).total +
        (await listAudit(ctx, { entity: 'class', offset: 0, limit: 1 })).total +
        (await listAudit(ctx, { entity: 'funding', offset: 0, limit: 1 })).total +
        (await listAudit(ctx, { entity: 'training', offset: 0, limit: 1 })).total +
        (await listAudit(ctx, { entity: 'grid', offset: 0, limit: 1 })).total,
    );
  });

  it('has cases in every state across 2025 and 2026, some overdue, one 重复认定', async () => {
    const all = (await listCases(ctx, { offset: 0, limit: 1000 })).rows;
    expect(new Set(all.map((c) => c.year))).toEqual(new Set([2025, 2026]));
    for (const year of [2025, 2026]) {
      const states = new Set(all.filter((c) => c.year === year).map((c) => c.state));
      expect(states.has('delisted') || year === 2026).toBe(true);
    }
    expect(new Set(all.map((c) => c.state))).toEqual(new Set(['identified', 'rectifying', 'accepted', 'delisted']));
    expect(all.filter((c) => c.isRepeat)).toHaveLength(1);
    expect(all.filter((c) => c.overdue).length).toBeGreaterThanOrEqual(2);
    const later = createContext(ledger, { today: () => LATER });
    expect((await caseStats(later, {})).overdue).toBeGreaterThanOrEqual(2);
    // A failed acceptance stays in the history.
    const failed = all.find((c) => c.year === 2026 && c.state === 'rectifying' && c.deadline === '2026-12-15');
    expect(failed).toBeDefined();
  });

  it('refuses a second load and writes nothing', async () => {
    const before = ['settings', 'regions', 'orgs', 'party_orgs', 'coverage', 'instructors', 'assignments', 'audit_log'].map(tableCount);
    const error = await loadSeed(ctx, seed).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'conflict' });
    expect((error as Error).message).toMatch(/已有\d+个两新组织/);
    expect(await seedIfEmpty(ctx)).toBe(false);
    expect(['settings', 'regions', 'orgs', 'party_orgs', 'coverage', 'instructors', 'assignments', 'audit_log'].map(tableCount)).toEqual(
      before,
    );
    expect((await listAudit(ctx, { offset: 0, limit: 10 })).rows.filter((r) => r.action === 'seed')).toHaveLength(1);
  });
});

describe('the loader', () => {
  it('checks every record with the forms’ schemas and names the one that fails, writing nothing', async () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-seed-bad-'));
    const l = await openLedger(path.join(d, 'ledger.sqlite'));
    try {
      const c = createContext(l, { today: () => TODAY });
      const bad: SeedFile = structuredClone(seed);
      const victim = bad.orgs[5];
      if (!victim) throw new Error('seed too small');
      victim.legalRepPhone = '12345';
      await expect(loadSeed(c, bad)).rejects.toThrow(`“${victim.name}”`);

      const badRef: SeedFile = structuredClone(seed);
      badRef.partyOrgs[0]?.coveredOrgRefs.push('org-nope');
      await expect(loadSeed(c, badRef)).rejects.toThrow('org-nope');

      const count = (t: string) => (l.sqlite.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
      expect(['regions', 'orgs', 'party_orgs', 'audit_log'].map(count)).toEqual([0, 0, 0, 0]);

      // seedIfEmpty loads the demo county into the new ledger, once.
      expect(await seedIfEmpty(c)).toBe(true);
      expect(count('orgs')).toBe(seed.orgs.length);
      expect(await seedIfEmpty(c)).toBe(false);
    } finally {
      await l.close();
      fs.rmSync(d, { recursive: true, force: true });
    }
  });
});
