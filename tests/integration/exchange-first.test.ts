/**
 * The first exchange with a source into a ledger that is in use (the county's server): a record the
 * county saved after the township exported its file is a conflict the clerk decides, never silently
 * overwritten by the file's older value; one saved before the export takes the file's value as before.
 * The township is a desktop ledger (SQLite); the county is the engine under test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type Ctx, createContext } from '../../src/main/core/context';
import { type Ledger, openLedger } from '../../src/main/core/db';
import { commitExchange, exportExchange, previewExchange } from '../../src/main/core/exchange';
import { instantOf } from '../../src/main/core/exchange/plan';
import { demoSeedPath, loadSeed, readSeedFile } from '../../src/main/core/seed';
import { assignInstructor, endAssignment } from '../../src/main/core/services/instructors';
import { setMassOrg } from '../../src/main/core/services/massOrgs';
import { setMemberYear } from '../../src/main/core/services/memberYears';
import { deleteOrg, updateOrg } from '../../src/main/core/services/orgs';
import type { OrgFields } from '../../src/shared/types';
import { orgFieldsOf } from '../helpers/orgFields';
import { makeLedger, type TestLedger, TODAY } from './fixture';

let dir: string;
let desktop: Ledger;
let township: Ctx;
let townshipClock = `${TODAY}T07:00:00.000Z`;
let county: TestLedger;
let countyCtx: Ctx;
let countyClock = `${TODAY}T08:00:00.000Z`;

const SEEDING_MS = 90_000;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-exchange-first-'));
  desktop = await openLedger(path.join(dir, 'township.sqlite'));
  townshipClock = `${TODAY}T07:00:00.000Z`;
  township = createContext(desktop, { today: () => TODAY, now: () => townshipClock });
  await loadSeed(township, readSeedFile(demoSeedPath()));
  county = await makeLedger();
  countyClock = `${TODAY}T08:00:00.000Z`;
  countyCtx = createContext(county.ctx.ledger, { today: () => TODAY, now: () => countyClock });
  await loadSeed(countyCtx, readSeedFile(demoSeedPath()));
}, SEEDING_MS);
afterEach(async () => {
  await desktop.close();
  await county.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Saves an organization's form with some fields changed, as the 两新组织 screen does. */
async function saveOrg(ctx: Ctx, id: number, change: Partial<OrgFields>) {
  await updateOrg(ctx, id, { ...(await orgFieldsOf(ctx, id)), ...change });
}

async function orgIn(db: Ledger['db'], region: string, offset: number) {
  return db
    .selectFrom('orgs as o')
    .innerJoin('regions as r', 'r.id', 'o.region_id')
    .select(['o.id', 'o.name', 'o.legal_rep_phone as phone', 'o.employees'])
    .where('r.name', '=', region)
    .where('o.deleted_at', 'is', null)
    .orderBy('o.name')
    .orderBy('o.id')
    .offset(offset)
    .limit(1)
    .executeTakeFirstOrThrow();
}

it(
  'a record saved here after the file was exported is a conflict; one saved before takes the file’s value',
  async () => {
    const region = '乌兰镇';
    const wulan = await desktop.db.selectFrom('regions').select('id').where('name', '=', region).executeTakeFirstOrThrow();
    // Two organizations of the region, the same in both ledgers (the demo county).
    const a = await orgIn(desktop.db, region, 0);
    const b = await orgIn(desktop.db, region, 1);
    const countyA = await orgIn(county.ctx.ledger.db, region, 0);
    const countyB = await orgIn(county.ctx.ledger.db, region, 1);
    expect([countyA.name, countyB.name]).toEqual([a.name, b.name]);

    // The township corrects B's headcount and exports at 09:00 (the county's copies were saved at 08:00).
    await saveOrg(township, b.id, { employees: 777 });
    townshipClock = `${TODAY}T09:00:00.000Z`;
    const file = await exportExchange(township, { regionId: wulan.id, fileName: 'wulan.lxex' });
    expect(file.manifest.exportedAt).toBe(townshipClock);

    // At 10:00, a county clerk saves a newer phone number for A; the file still has the old one.
    countyClock = `${TODAY}T10:00:00.000Z`;
    await saveOrg(countyCtx, countyA.id, { legalRepPhone: '13800000002' });

    const preview = await previewExchange(countyCtx, file.bytes, { fileName: 'wulan.lxex' });
    expect(preview.firstExchange).toBe(true);
    expect(preview.conflicts.map((c) => c.name)).toEqual([a.name]);
    expect(preview.conflicts[0]?.differences).toEqual([
      { field: 'legalRepPhone', label: expect.any(String), local: '13800000002', incoming: a.phone },
    ]);
    expect(preview.changed.map((c) => c.name)).toEqual([b.name]);
    expect(preview.counts).toMatchObject({ conflict: 1, changed: 1 });

    // Not decided → refused, nothing written.
    await expect(commitExchange(countyCtx, preview.id)).rejects.toMatchObject({ code: 'invalid_input' });
    expect((await orgIn(county.ctx.ledger.db, region, 0)).phone).toBe('13800000002');

    // The clerk keeps the county's number; B takes the file's headcount.
    const key = preview.conflicts[0]?.key as string;
    const result = await commitExchange(countyCtx, preview.id, { resolutions: { [key]: 'local' } });
    expect(result).toMatchObject({ keptLocal: 1, updated: { org: 1 } });
    expect(await orgIn(county.ctx.ledger.db, region, 0)).toMatchObject({ phone: '13800000002' });
    expect(await orgIn(county.ctx.ledger.db, region, 1)).toMatchObject({ employees: 777 });

    // The next file from the township: A is the county's own change now (kept), B agrees.
    townshipClock = `${TODAY}T11:00:00.000Z`;
    const again = await exportExchange(township, { regionId: wulan.id, fileName: 'wulan-2.lxex' });
    countyClock = `${TODAY}T11:30:00.000Z`;
    const second = await previewExchange(countyCtx, again.bytes, { fileName: 'wulan-2.lxex' });
    expect(second.firstExchange).toBe(false);
    expect(second.localChanged.map((c) => c.name)).toEqual([a.name]);
    expect(second.counts).toMatchObject({ conflict: 0, changed: 0 });
  },
  SEEDING_MS,
);

it('reads stored times as UTC whatever their form; an unreadable one is no time at all', () => {
  expect(instantOf('2026-06-30T08:00:00.000Z')).toBe(Date.UTC(2026, 5, 30, 8));
  // SQLite's datetime('now') has no zone but is UTC, not the machine's local time.
  expect(instantOf('2026-06-30 08:00:00')).toBe(Date.UTC(2026, 5, 30, 8));
  expect(instantOf('2026-06-30T16:00:00+08:00')).toBe(Date.UTC(2026, 5, 30, 8));
  expect(instantOf('昨天')).toBeNull();
  expect(instantOf(null)).toBeNull();
});

it(
  'an instructor whose assignment ended here after the file was exported is a conflict, not overwritten',
  async () => {
    const region = '乌兰镇';
    const wulan = await desktop.db.selectFrom('regions').select('id').where('name', '=', region).executeTakeFirstOrThrow();
    townshipClock = `${TODAY}T09:00:00.000Z`;
    const file = await exportExchange(township, { regionId: wulan.id, fileName: 'wulan.lxex' });

    // At 10:00 a county clerk ends an instructor's assignment to an organization of the region; the
    // instructor's own fields are untouched, and the file still has the assignment open.
    const open = await county.ctx.ledger.db
      .selectFrom('assignments as a')
      .innerJoin('orgs as o', 'o.id', 'a.org_id')
      .innerJoin('regions as r', 'r.id', 'o.region_id')
      .innerJoin('instructors as i', 'i.id', 'a.instructor_id')
      .select(['a.id', 'i.id as instructorId', 'i.name', 'i.unit', 'i.version'])
      .where('r.name', '=', region)
      .where('a.to_date', 'is', null)
      .where('a.from_date', '<=', TODAY)
      .where('o.deleted_at', 'is', null)
      .orderBy('a.id')
      .limit(1)
      .executeTakeFirstOrThrow();
    countyClock = `${TODAY}T10:00:00.000Z`;
    await endAssignment(countyCtx, open.id, TODAY);
    const label = open.unit ? `${open.name}（${open.unit}）` : open.name;

    const preview = await previewExchange(countyCtx, file.bytes, { fileName: 'wulan.lxex' });
    expect(preview.firstExchange).toBe(true);
    expect(preview.changed.map((c) => c.name)).not.toContain(label);
    expect(preview.conflicts.map((c) => c.name)).toEqual([label]);

    // Taking the file's side for everything else keeps the county's ended assignment.
    const result = await commitExchange(countyCtx, preview.id, { resolutions: { [preview.conflicts[0]?.key as string]: 'local' } });
    expect(result).toMatchObject({ keptLocal: 1 });
    const after = await county.ctx.ledger.db
      .selectFrom('assignments')
      .select('to_date')
      .where('id', '=', open.id)
      .executeTakeFirstOrThrow();
    expect(after.to_date).toBe(TODAY);
    // Not a field of the instructor's form: a form opened before the 结束选派 still saves.
    const instructor = await county.ctx.ledger.db
      .selectFrom('instructors')
      .select(['version', 'updated_at'])
      .where('id', '=', open.instructorId)
      .executeTakeFirstOrThrow();
    expect(instructor).toEqual({ version: open.version, updated_at: countyClock });
  },
  SEEDING_MS,
);

it(
  'an instructor assigned here to an organization after the file was exported is a conflict too',
  async () => {
    const region = '乌兰镇';
    const wulan = await desktop.db.selectFrom('regions').select('id').where('name', '=', region).executeTakeFirstOrThrow();
    townshipClock = `${TODAY}T09:00:00.000Z`;
    const file = await exportExchange(township, { regionId: wulan.id, fileName: 'wulan.lxex' });

    // An instructor of the file (assigned in the region), now also assigned to another organization of it.
    const assigned = await county.ctx.ledger.db
      .selectFrom('assignments as a')
      .innerJoin('orgs as o', 'o.id', 'a.org_id')
      .innerJoin('regions as r', 'r.id', 'o.region_id')
      .innerJoin('instructors as i', 'i.id', 'a.instructor_id')
      .select(['i.id', 'i.name', 'i.unit'])
      .where('r.name', '=', region)
      .where('o.deleted_at', 'is', null)
      .orderBy('i.id')
      .limit(1)
      .executeTakeFirstOrThrow();
    const other = await county.ctx.ledger.db
      .selectFrom('orgs as o')
      .innerJoin('regions as r', 'r.id', 'o.region_id')
      .select('o.id')
      .where('r.name', '=', region)
      .where('o.deleted_at', 'is', null)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb.selectFrom('assignments as a').select('a.id').whereRef('a.org_id', '=', 'o.id').where('a.instructor_id', '=', assigned.id),
          ),
        ),
      )
      .orderBy('o.id')
      .limit(1)
      .executeTakeFirstOrThrow();
    countyClock = `${TODAY}T10:00:00.000Z`;
    await assignInstructor(countyCtx, { instructorId: assigned.id, orgId: other.id, fromDate: TODAY, toDate: null });
    const label = assigned.unit ? `${assigned.name}（${assigned.unit}）` : assigned.name;

    const preview = await previewExchange(countyCtx, file.bytes, { fileName: 'wulan.lxex' });
    expect(preview.conflicts.map((c) => c.name)).toEqual([label]);
    expect(preview.changed.map((c) => c.name)).not.toContain(label);
  },
  SEEDING_MS,
);

it(
  '群团 and 党员发展 rows saved here after the file was exported are conflicts; those saved before take the file’s values',
  async () => {
    const region = '乌兰镇';
    const wulan = await desktop.db.selectFrom('regions').select('id').where('name', '=', region).executeTakeFirstOrThrow();
    const c = await orgIn(desktop.db, region, 2);
    const d = await orgIn(desktop.db, region, 3);
    const countyC = await orgIn(county.ctx.ledger.db, region, 2);
    const countyD = await orgIn(county.ctx.ledger.db, region, 3);
    expect([countyC.name, countyD.name]).toEqual([c.name, d.name]);
    const year = Number(TODAY.slice(0, 4)) - 2;
    const figures = { formal: 9, probationary: 1, activists: 2, candidates: 1, newMembers: 1 };

    // The township records C's union chair and C's and D's figures of an earlier year, then exports at 09:00.
    await setMassOrg(township, { orgId: c.id, kind: 'union', present: true, foundedDate: null, members: 40, chair: '乡镇填的主席' });
    await setMemberYear(township, { orgId: c.id, year, ...figures });
    await setMemberYear(township, { orgId: d.id, year, ...figures });
    townshipClock = `${TODAY}T09:00:00.000Z`;
    const file = await exportExchange(township, { regionId: wulan.id, fileName: 'wulan.lxex' });

    // At 10:00 the county records D's union chair and D's figures of that year; the file has the older ones.
    countyClock = `${TODAY}T10:00:00.000Z`;
    await setMassOrg(countyCtx, { orgId: countyD.id, kind: 'union', present: true, foundedDate: null, members: 50, chair: '县里填的主席' });
    await setMemberYear(countyCtx, { orgId: countyD.id, year, ...figures, formal: 12 });

    const preview = await previewExchange(countyCtx, file.bytes, { fileName: 'wulan.lxex' });
    const of = (items: typeof preview.conflicts) => items.map((i) => `${i.kind}:${i.localId}`).sort();
    expect(of(preview.conflicts)).toEqual([`massOrg:${countyD.id}`, `memberYear:${countyD.id}`]);
    // C's rows are the file's news (new or changed here), never conflicts.
    const news = [...preview.new, ...preview.changed].filter((i) => i.kind === 'massOrg' || i.kind === 'memberYear');
    expect(news.map((i) => i.name)).toEqual(expect.arrayContaining([expect.stringContaining(c.name)]));

    // Keeping the county's rows keeps D's chair; C's takes the file's.
    const resolutions = Object.fromEntries(preview.conflicts.map((i) => [i.key, 'local' as const]));
    await commitExchange(countyCtx, preview.id, { resolutions });
    const chairs = await county.ctx.ledger.db
      .selectFrom('mass_orgs')
      .select(['org_id', 'chair'])
      .where('kind', '=', 'union')
      .where('org_id', 'in', [countyC.id, countyD.id])
      .orderBy('org_id')
      .execute();
    expect(Object.fromEntries(chairs.map((r) => [r.org_id, r.chair]))).toEqual({
      [countyC.id]: '乡镇填的主席',
      [countyD.id]: '县里填的主席',
    });
    const formal = await county.ctx.ledger.db
      .selectFrom('member_years')
      .select(['org_id', 'formal'])
      .where('year', '=', year)
      .where('org_id', 'in', [countyC.id, countyD.id])
      .orderBy('org_id')
      .execute();
    expect(Object.fromEntries(formal.map((r) => [r.org_id, r.formal]))).toEqual({ [countyC.id]: 9, [countyD.id]: 12 });
  },
  SEEDING_MS,
);

it(
  'deleting an organization here after the export makes its instructors conflicts, ended assignments too',
  async () => {
    const region = '乌兰镇';
    const wulan = await desktop.db.selectFrom('regions').select('id').where('name', '=', region).executeTakeFirstOrThrow();
    const openIn = (db: Ledger['db']) =>
      db
        .selectFrom('assignments as a')
        .innerJoin('orgs as o', 'o.id', 'a.org_id')
        .innerJoin('regions as r', 'r.id', 'o.region_id')
        .innerJoin('instructors as i', 'i.id', 'a.instructor_id')
        .select(['a.id', 'a.org_id as orgId', 'o.name as orgName', 'i.name', 'i.unit'])
        .where('r.name', '=', region)
        .where('a.to_date', 'is', null)
        .where('a.from_date', '<', TODAY)
        .where('o.deleted_at', 'is', null)
        .orderBy('a.id')
        .limit(1)
        .executeTakeFirstOrThrow();
    // The same assignment, ended in both ledgers before the export: the file has it ended.
    const here = await openIn(desktop.db);
    const there = await openIn(county.ctx.ledger.db);
    expect([there.orgName, there.name]).toEqual([here.orgName, here.name]);
    await endAssignment(township, here.id, TODAY);
    await endAssignment(countyCtx, there.id, TODAY);
    townshipClock = `${TODAY}T09:00:00.000Z`;
    const file = await exportExchange(township, { regionId: wulan.id, fileName: 'wulan.lxex' });

    // At 10:00 the county deletes the organization: the instructor's record loses that (ended) assignment.
    countyClock = `${TODAY}T10:00:00.000Z`;
    await deleteOrg(countyCtx, there.orgId);
    const label = there.unit ? `${there.name}（${there.unit}）` : there.name;

    const preview = await previewExchange(countyCtx, file.bytes, { fileName: 'wulan.lxex' });
    expect(preview.conflicts.map((c) => c.name)).toContain(label);
    expect(preview.changed.map((c) => c.name)).not.toContain(label);
  },
  SEEDING_MS,
);
