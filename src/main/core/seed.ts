/**
 * The demo county (seeds/demo-county.json) and its loader. A seed file names regions and
 * organizations instead of numbering them, so it can be written by hand or by seeds/generate.ts;
 * every record is checked with the same schemas the forms use before anything is written, and the
 * whole county goes in as one transaction with one audit row.
 *
 * @example await loadSeed(ctx, readSeedFile(demoSeedPath())) // { regions: 9, orgs: 330, … }
 */

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import type { ManagementClass, RegionKind } from '../../shared/domain/codes';
import { normalizeUscc, usccCheckChar } from '../../shared/rules/uscc';
import {
  assignSchema,
  caseActSchema,
  caseCreateSchema,
  describeErrors,
  fieldErrors,
  instructorFieldsSchema,
  orgFieldsSchema,
  partyOrgFieldsSchema,
  regionFieldsSchema,
  settingsSchema,
} from '../../shared/schemas';
import type { InstructorFields, OrgFields, PartyOrgFields, Settings } from '../../shared/types';
import type { Ctx } from './context';
import { AppError } from './errors';
import { loadActivitySeed, type SeedActivity } from './services/activities';
import { actOnCaseIn, createCaseIn } from './services/cases';
import { setClassesIn, setRatingIn } from './services/classification';
import { seedDemoAccounts } from './services/demoAccounts';
import { loadFundingSeedIn, type SeedFunding } from './services/funding';
import { loadGridSeed, type SeedGrid } from './services/grids';
import { assignInstructorIn, createInstructorIn } from './services/instructors';
import { loadSeedMemberYears, type SeedMemberYear } from './services/memberYears';
import { createOrgIn } from './services/orgs';
import { createPartyOrgIn } from './services/partyOrgs';
import { createRegionIn } from './services/regions';
import { loadSiteSeedIn, type SiteSeed } from './services/sitesSeed';
import { loadTrainingSeed, type SeedTraining } from './services/trainings';
import { type Writer, write } from './write';

export interface SeedRegion {
  name: string;
  kind: RegionKind;
  /** 乡级区划代码 (9 digits) or null. */
  code: string | null;
}

/** An organization: OrgFields with its region named, and a stable key the other records point at. */
export type SeedOrg = Omit<OrgFields, 'regionId'> & { ref: string; regionName: string };

/** A party organization: PartyOrgFields with its region named and the organizations it covers by ref. */
export type SeedPartyOrg = Omit<PartyOrgFields, 'regionId'> & { regionName: string; coveredOrgRefs: string[] };

export interface SeedAssignment {
  orgRef: string;
  fromDate: string;
  /** null while the assignment is active. */
  toDate: string | null;
}

export type SeedInstructor = InstructorFields & { assignments: SeedAssignment[] };

/** A 软弱涣散 case: its 认定 and the steps it went through, replayed through the case service. */
export interface SeedCase {
  partyOrgName: string;
  year: number;
  batch: string | null;
  date: string;
  situations: string[];
  problems: string;
  reason: string | null;
  steps: Omit<z.input<typeof caseActSchema>, 'id'>[];
}

export interface SeedClass {
  year: number;
  class: ManagementClass;
  partyOrgNames: string[];
}

export interface SeedRating {
  partyOrgName: string;
  year: number;
  stars: number;
  assessedDate: string;
}

export interface SeedFile extends SiteSeed {
  settings: Settings;
  regions: SeedRegion[];
  orgs: SeedOrg[];
  partyOrgs: SeedPartyOrg[];
  instructors: SeedInstructor[];
  ratings?: SeedRating[];
  classes?: SeedClass[];
  cases?: SeedCase[];
  funding?: SeedFunding[];
  trainings?: SeedTraining[];
  activities?: SeedActivity[];
  grids?: SeedGrid[];
  /** 党员发展 by year (the current year's counts come from the organizations themselves). */
  memberYears?: SeedMemberYear[];
}

export interface SeedCounts {
  regions: number;
  orgs: number;
  partyOrgs: number;
  instructors: number;
  cases: number;
}

type OrgInput = z.output<typeof orgFieldsSchema>;
type PartyOrgInput = z.output<typeof partyOrgFieldsSchema>;
type InstructorInput = z.output<typeof instructorFieldsSchema>;

/** The demo county's file name, relative to the project (or app) root. */
export const DEMO_SEED_PATH = 'seeds/demo-county.json';

function moduleDir(): string | null {
  try {
    return path.dirname(fileURLToPath(import.meta.url));
  } catch {
    return typeof __dirname === 'string' ? __dirname : null;
  }
}

/** Where the demo county may be: the working directory, then next to the bundle (out/main → ../../seeds), then the sources. */
export function demoSeedCandidates(): string[] {
  const out = [path.resolve(process.cwd(), DEMO_SEED_PATH)];
  const here = moduleDir();
  if (here) {
    // out/main/*.js (bundled) and src/main/core/seed.ts (tsx, vitest).
    out.push(path.resolve(here, '../..', DEMO_SEED_PATH), path.resolve(here, '../../..', DEMO_SEED_PATH));
  }
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  if (resources) out.push(path.join(resources, DEMO_SEED_PATH), path.join(resources, 'app.asar', DEMO_SEED_PATH));
  return [...new Set(out)];
}

/** The path of seeds/demo-county.json; throws when it is found nowhere. */
export function demoSeedPath(): string {
  const candidates = demoSeedCandidates();
  const found = candidates.find((f) => fs.existsSync(f));
  if (!found) throw new AppError('not_found', `找不到示例数据文件 ${DEMO_SEED_PATH}（已查找：${candidates.join('；')}）`);
  return found;
}

export function readSeedFile(file: string): SeedFile {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new AppError('invalid_input', `无法读取示例数据文件“${file}”：${e instanceof Error ? e.message : String(e)}`);
  }
  const d = data as Partial<Record<keyof SeedFile, unknown>>;
  const lists = ['regions', 'orgs', 'partyOrgs', 'instructors'] as const;
  if (!d || typeof d !== 'object' || typeof d.settings !== 'object' || d.settings === null || lists.some((k) => !Array.isArray(d[k]))) {
    throw new AppError('invalid_input', `示例数据文件“${file}”格式不对：应包含 settings、regions、orgs、partyOrgs、instructors`);
  }
  return data as SeedFile;
}

function fail(what: string, error: z.ZodError): never {
  const errors = fieldErrors(error);
  throw new AppError('invalid_input', `示例数据中${what}有误：${describeErrors(errors)}`, errors);
}

/**
 * A code whose only fault is its check character (as found in old ledgers) is kept, so the demo can
 * show the 信用代码有误 flag; every other fault is refused like the form refuses it.
 */
function onlyCheckCharWrong(uscc: string | null): boolean {
  if (!uscc) return false;
  const code = normalizeUscc(uscc);
  const expected = usccCheckChar(code.slice(0, 17));
  return /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code) && /^\d{6}$/.test(code.slice(2, 8)) && expected != null && expected !== code[17];
}

interface Checked {
  settings: Partial<Settings>;
  regions: SeedRegion[];
  orgs: { ref: string; region: number; fields: OrgInput }[];
  partyOrgs: { region: number; fields: PartyOrgInput; covered: number[] }[];
  instructors: { fields: InstructorInput; assignments: { org: number; fromDate: string; toDate: string | null }[] }[];
}

/** Parses every record with the forms' schemas; regions and organizations are referred to by their index in the file. */
function check(seed: SeedFile): Checked {
  // Keys a newer version adds are left to their defaults (getSettings fills them in).
  const settings = settingsSchema.partial().safeParse(seed.settings);
  if (!settings.success) fail('“设置”', settings.error);

  const regionIndex = new Map<string, number>();
  const regions = seed.regions.map((r, i) => {
    const parsed = regionFieldsSchema.safeParse(r);
    if (!parsed.success) fail(`第${i + 1}个属地“${r.name}”`, parsed.error);
    if (regionIndex.has(parsed.data.name)) throw new AppError('invalid_input', `示例数据中属地“${parsed.data.name}”重复`);
    regionIndex.set(parsed.data.name, i);
    return parsed.data;
  });
  const regionOf = (name: string, what: string) => {
    const i = regionIndex.get(name);
    if (i == null) throw new AppError('invalid_input', `示例数据中${what}的属地“${name}”不在属地列表中`);
    return i;
  };

  const orgIndex = new Map<string, number>();
  const codes = new Map<string, string>();
  const orgs = seed.orgs.map((o, i) => {
    const what = `第${i + 1}个两新组织“${o.name}”（${o.ref}）`;
    if (!o.ref || orgIndex.has(o.ref)) throw new AppError('invalid_input', `示例数据中${what}的编号重复或为空`);
    orgIndex.set(o.ref, i);
    const region = regionOf(o.regionName, what);
    const { ref: _ref, regionName: _regionName, ...given } = o;
    const input = { ...given, regionId: region + 1 };
    const parsed = orgFieldsSchema.safeParse(input);
    let fields: OrgInput;
    if (parsed.success) fields = parsed.data;
    else if (onlyCheckCharWrong(o.uscc)) {
      // Check everything else, then keep the code as it was recorded.
      const rest = orgFieldsSchema.safeParse({ ...input, uscc: null });
      if (!rest.success) fail(what, rest.error);
      fields = { ...rest.data, uscc: normalizeUscc(o.uscc as string) };
    } else fail(what, parsed.error);
    const uscc = fields.uscc;
    if (uscc) {
      const other = codes.get(uscc);
      if (other) throw new AppError('invalid_input', `示例数据中${what}的统一社会信用代码${uscc}与“${other}”重复`);
      codes.set(uscc, o.name);
    }
    return { ref: o.ref, region, fields };
  });
  const orgOf = (ref: string, what: string) => {
    const i = orgIndex.get(ref);
    if (i == null) throw new AppError('invalid_input', `示例数据中${what}引用的两新组织“${ref}”不存在`);
    return i;
  };

  const coveredBy = new Map<number, string>();
  const partyOrgs = seed.partyOrgs.map((p, i) => {
    const what = `第${i + 1}个党组织“${p.name}”`;
    const region = regionOf(p.regionName, what);
    const covered = (p.coveredOrgRefs ?? []).map((ref) => orgOf(ref, what));
    const { coveredOrgRefs: _c, regionName: _r, ...fields } = p;
    const parsed = partyOrgFieldsSchema.safeParse({ ...fields, regionId: region + 1, coveredOrgIds: covered.map((c) => c + 1) });
    if (!parsed.success) fail(what, parsed.error);
    for (const c of covered) {
      const other = coveredBy.get(c);
      const org = seed.orgs[c]?.name ?? '';
      if (other) throw new AppError('invalid_input', `示例数据中“${org}”同时由“${other}”和“${p.name}”覆盖，一个组织只能由一个党组织覆盖`);
      coveredBy.set(c, p.name);
    }
    return { region, fields: parsed.data, covered };
  });

  const instructors = seed.instructors.map((t, i) => {
    const what = `第${i + 1}个指导员“${t.name}”`;
    const { assignments, ...fields } = t;
    const parsed = instructorFieldsSchema.safeParse(fields);
    if (!parsed.success) fail(what, parsed.error);
    const checked: Checked['instructors'][number]['assignments'] = [];
    for (const [j, a] of (assignments ?? []).entries()) {
      const org = orgOf(a.orgRef, what);
      const p = assignSchema.safeParse({ instructorId: i + 1, orgId: org + 1, fromDate: a.fromDate, toDate: a.toDate });
      if (!p.success) fail(`${what}的第${j + 1}条选派记录`, p.error);
      // The same rule as instructors.assign: no two periods of one instructor at one organization overlap.
      const clash = checked.find(
        (b) => b.org === org && (b.toDate == null || b.toDate >= p.data.fromDate) && (p.data.toDate == null || b.fromDate <= p.data.toDate),
      );
      if (clash) throw new AppError('invalid_input', `示例数据中${what}到“${seed.orgs[org]?.name ?? a.orgRef}”的选派时间重叠`);
      checked.push({ org, fromDate: p.data.fromDate, toDate: p.data.toDate });
    }
    return { fields: parsed.data, assignments: checked };
  });

  return { settings: settings.data, regions, orgs, partyOrgs, instructors };
}

async function countRows(ctx: Ctx, table: 'orgs' | 'regions'): Promise<number> {
  const r = await ctx.ledger.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Loads a county into a ledger that has no organizations yet (deleted ones count: their history stays).
 * Everything is written in one transaction; nothing is written when a record is refused.
 */
export async function loadSeed(ctx: Ctx, seed: SeedFile): Promise<SeedCounts> {
  const data = check(seed);
  return write(ctx, async (w) => {
    const { trx } = w;
    const existing = await trx
      .selectFrom('orgs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(existing.n) > 0) {
      throw new AppError(
        'conflict',
        `台账中已有${Number(existing.n)}个两新组织，示例数据只能载入空台账；如需重新载入，请使用 npm run seed:reset`,
      );
    }
    const names = data.regions.map((r) => r.name);
    const clash = names.length ? await trx.selectFrom('regions').select('name').where('name', 'in', names).executeTakeFirst() : undefined;
    if (clash) throw new AppError('conflict', `属地“${clash.name}”已存在，示例数据只能载入空台账`);

    for (const [key, value] of Object.entries(data.settings)) {
      await trx
        .insertInto('settings')
        .values({ key, value: JSON.stringify(value) })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value) }))
        .execute();
    }

    // Regions, organizations, party organizations and instructors through the screens' services (their
    // checks, 党员发展 of this year, 群团 rows), audited by the load's one row below.
    const quiet: Writer = { ...w, audit: async () => {} };
    const regionIds: number[] = [];
    for (const r of data.regions) regionIds.push(await createRegionIn(quiet, r));
    const regionId = (i: number) => regionIds[i] as number;

    const orgIds: number[] = [];
    for (const o of data.orgs) orgIds.push(await createOrgIn(quiet, { ...o.fields, regionId: regionId(o.region) }));
    const orgId = (i: number) => orgIds[i] as number;

    for (const p of data.partyOrgs) {
      await createPartyOrgIn(quiet, { ...p.fields, regionId: regionId(p.region), coveredOrgIds: p.covered.map(orgId) });
    }

    for (const t of data.instructors) {
      const instructorId = await createInstructorIn(quiet, t.fields);
      for (const a of t.assignments) {
        await assignInstructorIn(quiet, { instructorId, orgId: orgId(a.org), fromDate: a.fromDate, toDate: a.toDate });
      }
    }

    // Ratings, classes and cases go through their services, inside this same transaction.
    const poByName = new Map<string, number>();
    for (const p of await trx.selectFrom('party_orgs').select(['id', 'name']).where('deleted_at', 'is', null).execute()) {
      poByName.set(p.name, p.id);
    }
    const poId = (name: string, what: string) => {
      const id = poByName.get(name);
      if (id == null) throw new AppError('invalid_input', `示例数据${what}中的党组织“${name}”不存在`);
      return id;
    };
    for (const r of seed.ratings ?? []) {
      await setRatingIn(w, { partyOrgId: poId(r.partyOrgName, '星级'), year: r.year, stars: r.stars, assessedDate: r.assessedDate });
    }
    for (const c of seed.classes ?? []) {
      await setClassesIn(
        w,
        c.year,
        c.partyOrgNames.map((n) => poId(n, '分类定级')),
        c.class,
      );
    }
    for (const c of seed.cases ?? []) {
      const what = `整顿对象“${c.partyOrgName}”`;
      const input = caseCreateSchema.safeParse({ ...c, partyOrgId: poId(c.partyOrgName, what) });
      if (!input.success) throw new AppError('invalid_input', `示例数据${what}有误：${describeErrors(fieldErrors(input.error))}`);
      const id = await createCaseIn(w, input.data);
      for (const step of c.steps) {
        const act = caseActSchema.safeParse({ ...step, id });
        if (!act.success) throw new AppError('invalid_input', `示例数据${what}的步骤有误：${describeErrors(fieldErrors(act.error))}`);
        await actOnCaseIn(w, act.data, { createLeaders: true });
      }
    }
    await loadFundingSeedIn(w, seed.funding ?? [], (name) => poId(name, '经费'));

    await loadTrainingSeed(w, seed.trainings ?? [], ctx.today());

    await loadActivitySeed(w, seed.activities ?? [], (n) => poId(n, '组织生活'));

    await loadGridSeed(w, seed.grids ?? [], new Map(seed.orgs.map((o, i) => [o.ref, orgId(i)])));

    const orgIdByRef = new Map(data.orgs.map((o, i) => [o.ref, orgId(i)]));
    const orgOfRef = (ref: string, what: string) => {
      const id = orgIdByRef.get(ref);
      if (id == null) throw new AppError('invalid_input', `示例数据${what}引用的两新组织“${ref}”不存在`);
      return id;
    };
    await loadSiteSeedIn(w, seed, orgOfRef, poId);

    await loadSeedMemberYears(w, seed.memberYears ?? []);

    const counts: SeedCounts = {
      regions: data.regions.length,
      orgs: data.orgs.length,
      partyOrgs: data.partyOrgs.length,
      instructors: data.instructors.length,
      cases: seed.cases?.length ?? 0,
    };
    await w.audit('ledger', 0, 'seed', null, counts);
    // No touchOrgs: the organization index is rebuilt whole.
    return counts;
  });
}

/**
 * On first start: loads the demo county when the ledger is new (no organizations, deleted ones
 * included, and no regions). Returns whether it did. A missing demo file is reported, not fatal.
 */
export async function seedIfEmpty(ctx: Ctx): Promise<boolean> {
  if ((await countRows(ctx, 'orgs')) > 0 || (await countRows(ctx, 'regions')) > 0) return false;
  let file: string;
  try {
    file = demoSeedPath();
  } catch (e) {
    console.warn(e instanceof Error ? e.message : String(e));
    return false;
  }
  await loadSeed(ctx, readSeedFile(file));
  // One documented account per role (README, 演示账号), so the demo shows every screen at once.
  await seedDemoAccounts(ctx);
  return true;
}
