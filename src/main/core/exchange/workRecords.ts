/**
 * The #13 records an exchange file carries beside organizations, party organizations and instructors:
 * 经费, 培训班 (with attendees), 组织生活, 网格 (with organizations and instructor), 示范点, 群团, 年检 and
 * 党员发展 by year.
 *
 * Content JSON adds the arrays `funding, trainings, activities, grids, modelSites, massOrgs, inspections,
 * memberYears` (a file without them, written before they travelled, reads as empty arrays). Each record
 * is its form's fields with ids replaced by keys (./records.ts): `partyOrgKey`, `orgKey`, `instructorKey`,
 * a grid's `orgKeys`, a training's `regionName` (null: the county's own class) and attendees as
 * `{ partyOrgKey, instructorKey, name, unit }`; a payment's amount is 元 as text (“1200.50”).
 *
 * Keys:
 * - 经费 `funding:<党组织 key>|<日期>|<来源>|<类别>|<文号>`, 组织生活 `activity:<党组织 key>|<类型>|<日期>|<主题>`,
 *   培训班 `training:<属地名称或旗（县）级>|<举办单位>|<开始日期>|<主题>` — two records alike in all of these
 *   get `#2`, `#3`… in the order they were entered (the file keeps that order), so they stay apart;
 * - 网格 `grid:<党组织 key>|<网格名称>`, 示范点 `site:<党组织 key>|<级别>|<命名年度>`,
 *   群团 `massOrg:<组织 key>|<类型>`, 年检 `inspection:<组织 key>|<年度>`, 党员发展 `memberYear:<组织 key>|<年度>`.
 * The amount is not in a payment's key, so a corrected amount is the same payment changed.
 *
 * References are resolved on import against the file and the ledger; a record whose 党组织, 两新组织 or
 * 指导员 is in neither is reported (preview warning) and not imported. Writes go through the records'
 * services, so each is checked and audited as a clerk's edit would be, with the file named in the row.
 */
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { auditFieldLabel, codedAuditField } from '../../../shared/audit/labels';
import { labelOf } from '../../../shared/domain/codes';
import type { RecordKind } from '../../../shared/exchange';
import { activityFieldsSchema } from '../../../shared/records/activities';
import { fundingFieldsSchema } from '../../../shared/records/funding';
import { gridFieldsSchema } from '../../../shared/records/grids';
import { inspectionSetSchema } from '../../../shared/records/inspections';
import { massOrgSetSchema } from '../../../shared/records/massOrgs';
import { memberYearSetSchema } from '../../../shared/records/memberYears';
import { modelSiteFieldsSchema } from '../../../shared/records/modelSites';
import { COUNTY_LEVEL, trainingFieldsSchema } from '../../../shared/records/trainings';
import { describeErrors, fieldErrors } from '../../../shared/schemas';
import { camelDb } from '../camel';
import { AppError } from '../errors';
import type { Database } from '../schema';
import { activityFieldsOf, createActivityIn, updateActivityIn } from '../services/activities';
import { createFundingIn, storedFields, updateFundingIn } from '../services/funding';
import { createGridIn, updateGridIn } from '../services/grids';
import { setInspectionIn } from '../services/inspections';
import { setMassOrgIn } from '../services/massOrgs';
import { memberYearSets, setMemberYearIn } from '../services/memberYears';
import { createModelSiteIn, updateModelSiteIn } from '../services/modelSites';
import { createTrainingIn, trainingSnapshots, updateTrainingIn } from '../services/trainings';
import type { Writer } from '../write';

type Db = Kysely<Database> | Transaction<Database>;

export type WorkKind = Exclude<RecordKind, 'org' | 'partyOrg' | 'instructor'>;

export interface FundingContent {
  partyOrgKey: string;
  source: string;
  fundKind: string;
  amount: string;
  date: string;
  period: string | null;
  documentNo: string | null;
  remarks: string | null;
}
export interface AttendeeContent {
  partyOrgKey: string | null;
  instructorKey: string | null;
  name: string | null;
  unit: string | null;
}
export interface TrainingContent {
  startDate: string;
  endDate: string;
  topic: string;
  target: string;
  organizer: string;
  regionName: string | null;
  place: string | null;
  sessions: number;
  attendances: number;
  remarks: string | null;
  attendees: AttendeeContent[];
}
export interface ActivityContent {
  partyOrgKey: string;
  kind: string;
  date: string;
  topic: string | null;
  expected: number | null;
  attendance: number | null;
  place: string | null;
  remarks: string | null;
}
export interface GridContent {
  partyOrgKey: string;
  name: string;
  instructorKey: string | null;
  contactCards: boolean;
  contactCardsDate: string | null;
  remarks: string | null;
  orgKeys: string[];
}
export type ModelSiteContent = Omit<z.output<typeof modelSiteFieldsSchema>, 'partyOrgId'> & { partyOrgKey: string };
export type MassOrgContent = Omit<z.output<typeof massOrgSetSchema>, 'orgId' | 'present'> & { orgKey: string };
export type InspectionContent = Omit<z.output<typeof inspectionSetSchema>, 'orgId'> & { orgKey: string };
export type MemberYearContent = Omit<z.output<typeof memberYearSetSchema>, 'orgId'> & { orgKey: string };

export interface WorkContent {
  funding: FundingContent[];
  trainings: TrainingContent[];
  activities: ActivityContent[];
  grids: GridContent[];
  modelSites: ModelSiteContent[];
  massOrgs: MassOrgContent[];
  inspections: InspectionContent[];
  memberYears: MemberYearContent[];
}

export type WorkRecordContent =
  | FundingContent
  | TrainingContent
  | ActivityContent
  | GridContent
  | ModelSiteContent
  | MassOrgContent
  | InspectionContent
  | MemberYearContent;

export const WORK_ARRAYS = ['funding', 'trainings', 'activities', 'grids', 'modelSites', 'massOrgs', 'inspections', 'memberYears'] as const;
type WorkArray = (typeof WORK_ARRAYS)[number];

/** Content array → kind of record, and the audit entity whose field labels and codes it shares. */
export const WORK_KINDS: Record<WorkArray, { kind: WorkKind; entity: string }> = {
  funding: { kind: 'funding', entity: 'funding' },
  trainings: { kind: 'training', entity: 'training' },
  activities: { kind: 'activity', entity: 'activity' },
  grids: { kind: 'grid', entity: 'grid' },
  modelSites: { kind: 'modelSite', entity: 'model_site' },
  massOrgs: { kind: 'massOrg', entity: 'mass_org' },
  inspections: { kind: 'inspection', entity: 'inspection' },
  memberYears: { kind: 'memberYear', entity: 'member_year' },
};

export const emptyWork = (): WorkContent => ({
  funding: [],
  trainings: [],
  activities: [],
  grids: [],
  modelSites: [],
  massOrgs: [],
  inspections: [],
  memberYears: [],
});

const yuan = (fen: number) => (fen / 100).toFixed(2);
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// ---------------------------------------------------------------------------------------------------
// Keys

const baseKey: { [A in WorkArray]: (c: WorkContent[A][number]) => string } = {
  funding: (c) => `funding:${c.partyOrgKey}|${c.date}|${c.source}|${c.fundKind}|${c.documentNo ?? ''}`,
  activities: (c) => `activity:${c.partyOrgKey}|${c.kind}|${c.date}|${c.topic ?? ''}`,
  trainings: (c) => `training:${c.regionName ?? COUNTY_LEVEL}|${c.organizer}|${c.startDate}|${c.topic}`,
  grids: (c) => `grid:${c.partyOrgKey}|${c.name}`,
  modelSites: (c) => `site:${c.partyOrgKey}|${c.level}|${c.year}`,
  massOrgs: (c) => `massOrg:${c.orgKey}|${c.kind}`,
  inspections: (c) => `inspection:${c.orgKey}|${c.year}`,
  memberYears: (c) => `memberYear:${c.orgKey}|${c.year}`,
};

/** Kinds whose records may be alike in every key field (two payments the same day): numbered in entry order. */
const NUMBERED: ReadonlySet<WorkArray> = new Set(['funding', 'activities', 'trainings']);

export interface Keyed<C> {
  key: string;
  base: string;
  n: number;
  content: C;
}

/** Keys of a list in its order; alike records of a numbered kind get `#2`, `#3`…, others keep the first. */
function keyList<A extends WorkArray>(array: A, list: WorkContent[A][number][]): Keyed<WorkContent[A][number]>[] {
  const seen = new Map<string, number>();
  const out: Keyed<WorkContent[A][number]>[] = [];
  for (const content of list) {
    const base = (baseKey[array] as (c: WorkContent[A][number]) => string)(content);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    if (n > 1 && !NUMBERED.has(array)) continue;
    out.push({ key: n === 1 ? base : `${base}#${n}`, base, n, content });
  }
  return out;
}

/** A file's records of one kind with their keys. */
export const fileRecords = <A extends WorkArray>(content: WorkContent, array: A) => keyList(array, content[array]);

/** The file's order: by key, alike records in their entry order (so the reader numbers them the same). */
export function sortKeyed<C>(list: Keyed<C>[]): Keyed<C>[] {
  return [...list].sort((a, b) => byText(a.base, b.base) || a.n - b.n);
}

// ---------------------------------------------------------------------------------------------------
// Building content from fields (both sides use these, so equal records give equal content)

const attendee = (a: AttendeeContent): AttendeeContent => ({
  partyOrgKey: a.partyOrgKey,
  instructorKey: a.partyOrgKey ? null : a.instructorKey,
  name: a.name,
  unit: a.partyOrgKey || a.instructorKey ? null : a.unit,
});

// ---------------------------------------------------------------------------------------------------
// This ledger's records

export interface LocalWorkRecord<C> {
  id: number;
  content: C;
}
export type LocalWork = { [A in WorkArray]: Map<string, LocalWorkRecord<WorkContent[A][number]>> };

export interface KeyMaps {
  regionName: Map<number, string>;
  orgKey: Map<number, string>;
  partyOrgKey: Map<number, string>;
  instructorKey: Map<number, string>;
}

function keyedMap<A extends WorkArray>(array: A, rows: { id: number; content: WorkContent[A][number] | null }[]): LocalWork[A] {
  const live = rows.filter((r): r is { id: number; content: WorkContent[A][number] } => r.content != null).sort((a, b) => a.id - b.id);
  const ids = new Map(live.map((r) => [r.content, r.id]));
  const map = new Map<string, LocalWorkRecord<WorkContent[A][number]>>();
  for (const k of keyList(
    array,
    live.map((r) => r.content),
  ))
    map.set(k.key, { id: ids.get(k.content) as number, content: k.content });
  return map as LocalWork[A];
}

/** Every live record of the eight kinds whose references are live, keyed. */
export async function loadWork(db: Db, maps: KeyMaps): Promise<LocalWork> {
  const po = (id: number) => maps.partyOrgKey.get(id) ?? null;
  const org = (id: number) => maps.orgKey.get(id) ?? null;

  const funding = (await camelDb(db).selectFrom('funding').selectAll().execute()).map((r) => {
    const f = storedFields(r);
    const partyOrgKey = po(f.partyOrgId);
    return {
      id: r.id,
      content: partyOrgKey
        ? {
            partyOrgKey,
            source: f.source,
            fundKind: f.fundKind,
            amount: yuan(f.amount),
            date: f.date,
            period: f.period,
            documentNo: f.documentNo,
            remarks: f.remarks,
          }
        : null,
    };
  });

  const activities = (await camelDb(db).selectFrom('activities').selectAll().where('deletedAt', 'is', null).execute()).map((r) => {
    const { partyOrgId, ...f } = activityFieldsOf(r);
    const partyOrgKey = po(partyOrgId);
    return { id: r.id, content: partyOrgKey ? { partyOrgKey, ...f } : null };
  });

  const trainings = (await trainingSnapshots(db as Kysely<Database>)).map(({ id, fields }) => {
    const { regionId, attendees, ...f } = fields;
    return {
      id,
      content: {
        ...f,
        regionName: regionId == null ? null : (maps.regionName.get(regionId) ?? null),
        attendees: attendees.map((a) =>
          attendee({
            partyOrgKey: a.partyOrgId == null ? null : po(a.partyOrgId),
            instructorKey: a.instructorId == null ? null : (maps.instructorKey.get(a.instructorId) ?? null),
            name: a.name,
            unit: a.unit,
          }),
        ),
      },
    };
  });

  const gridOrgs = new Map<number, string[]>();
  for (const g of await db.selectFrom('grid_orgs').select(['grid_id', 'org_id']).execute()) {
    const key = org(g.org_id);
    if (key) gridOrgs.set(g.grid_id, [...(gridOrgs.get(g.grid_id) ?? []), key]);
  }
  const camel = camelDb(db);
  const grids = (await camel.selectFrom('grids').selectAll().where('deletedAt', 'is', null).execute()).map((r) => {
    const { id, partyOrgId, name, instructorId, contactCards, contactCardsDate, remarks } = r;
    const partyOrgKey = po(partyOrgId);
    return {
      id,
      content: partyOrgKey
        ? {
            partyOrgKey,
            name,
            instructorKey: instructorId == null ? null : (maps.instructorKey.get(instructorId) ?? null),
            contactCards: contactCards === 1,
            contactCardsDate,
            remarks,
            orgKeys: [...new Set(gridOrgs.get(id) ?? [])].sort(byText),
          }
        : null,
    };
  });

  const modelSites = (await camel.selectFrom('model_sites').selectAll().execute()).map((r) => {
    const { id, partyOrgId, level, year, brandName, fiveStar, revokedYear, documentNo, remarks } = r;
    const partyOrgKey = po(partyOrgId);
    return {
      id,
      content: partyOrgKey ? { partyOrgKey, level, year, brandName, fiveStar: fiveStar === 1, revokedYear, documentNo, remarks } : null,
    };
  });

  // 群团 and 党员发展 rows have no id of their own: the organization's stands for them, as in the audit log.
  const massOrgs = (await camel.selectFrom('mass_orgs').selectAll().execute()).map((r) => {
    const { orgId, kind, foundedDate, members, chair } = r;
    const orgKey = org(orgId);
    return { id: orgId, content: orgKey ? { orgKey, kind, foundedDate, members, chair } : null };
  });

  const inspections = (await camel.selectFrom('inspections').selectAll().execute()).map((r) => {
    const { id, orgId, year, result, partyReview, remarks } = r;
    const orgKey = org(orgId);
    return { id, content: orgKey ? { orgKey, year, result, partyReview, remarks } : null };
  });

  const memberYears = (await memberYearSets(camel).execute()).map(({ orgId, ...f }) => {
    const orgKey = org(orgId);
    return { id: orgId, content: orgKey ? { orgKey, ...f } : null };
  });

  return {
    funding: keyedMap('funding', funding),
    trainings: keyedMap('trainings', trainings),
    activities: keyedMap('activities', activities),
    grids: keyedMap('grids', grids),
    modelSites: keyedMap('modelSites', modelSites),
    massOrgs: keyedMap('massOrgs', massOrgs),
    inspections: keyedMap('inspections', inspections),
    memberYears: keyedMap('memberYears', memberYears),
  };
}

// ---------------------------------------------------------------------------------------------------
// Scope of an export

export interface WorkScope {
  partyOrgKeys: ReadonlySet<string>;
  orgKeys: ReadonlySet<string>;
  /** The region exported, or null for the whole county. */
  regionName: string | null;
}

/** The records of the exported party organizations, organizations and region, in the file's order. */
export function scopeWork(local: LocalWork, scope: WorkScope): { content: WorkContent; keyed: Keyed<WorkRecordContent>[] } {
  const content = emptyWork();
  const keyed: Keyed<WorkRecordContent>[] = [];
  const inScope: { [A in WorkArray]: (c: WorkContent[A][number]) => boolean } = {
    funding: (c) => scope.partyOrgKeys.has(c.partyOrgKey),
    activities: (c) => scope.partyOrgKeys.has(c.partyOrgKey),
    grids: (c) => scope.partyOrgKeys.has(c.partyOrgKey),
    modelSites: (c) => scope.partyOrgKeys.has(c.partyOrgKey),
    trainings: (c) => scope.regionName == null || c.regionName === scope.regionName,
    massOrgs: (c) => scope.orgKeys.has(c.orgKey),
    inspections: (c) => scope.orgKeys.has(c.orgKey),
    memberYears: (c) => scope.orgKeys.has(c.orgKey),
  };
  for (const array of WORK_ARRAYS) {
    const list: Keyed<WorkRecordContent>[] = [];
    const test = inScope[array] as (c: WorkRecordContent) => boolean;
    for (const [key, r] of local[array] as Map<string, LocalWorkRecord<WorkRecordContent>>) {
      if (!test(r.content)) continue;
      const at = key.lastIndexOf('#');
      const numbered = NUMBERED.has(array) && at > 0 && /^#\d+$/.test(key.slice(at));
      list.push({ key, base: numbered ? key.slice(0, at) : key, n: numbered ? Number(key.slice(at + 1)) : 1, content: r.content });
    }
    const sorted = sortKeyed(list);
    (content[array] as WorkRecordContent[]) = sorted.map((k) => k.content);
    keyed.push(...sorted);
  }
  return { content, keyed };
}

/** Instructors a grid or a class of the file names: they go in the file even without an assignment in it. */
export function referencedInstructors(content: WorkContent): Set<string> {
  const out = new Set<string>();
  for (const g of content.grids) if (g.instructorKey) out.add(g.instructorKey);
  for (const t of content.trainings) for (const a of t.attendees) if (a.instructorKey) out.add(a.instructorKey);
  return out;
}

// ---------------------------------------------------------------------------------------------------
// A file's records, checked with the forms' schemas

const bad = (what: string, detail: string) => new AppError('invalid_input', `交换文件中${what}有误：${detail}`);
const zodDetail = (e: z.ZodError) => describeErrors(fieldErrors(e));
const text = (v: unknown) => (typeof v === 'string' ? v : String(v ?? ''));

const refKey = (prefix: string) => z.string().refine((s) => s.startsWith(prefix) && s.length > prefix.length, '引用格式不对');
const partyRef = refKey('party:');
const orgRef = refKey('org:');
const instructorRef = refKey('instructor:');
const optRef = (r: z.ZodType<string>) => r.nullable().default(null);

const shellSchema = z.object(
  Object.fromEntries(WORK_ARRAYS.map((a) => [a, z.array(z.record(z.string(), z.unknown())).default([])])) as Record<
    WorkArray,
    z.ZodDefault<z.ZodArray<z.ZodRecord<z.ZodString, z.ZodUnknown>>>
  >,
);

/** Reads the eight arrays of a content JSON object (absent in older files: empty). */
export function parseWork(raw: unknown, regionNames: ReadonlySet<string>): WorkContent {
  const shell = shellSchema.safeParse(raw);
  if (!shell.success) throw new AppError('invalid_input', '交换文件的内容不完整：经费、培训等记录的格式不对，不能导入。');
  const data = shell.data;
  const out = emptyWork();
  const refs = <T>(schema: z.ZodType<T>, v: unknown, what: string): T => {
    const r = schema.safeParse(v);
    if (!r.success) throw bad(what, '引用的党组织、两新组织或指导员格式不对');
    return r.data;
  };
  const check = <T>(schema: z.ZodType<T>, v: unknown, what: string): T => {
    const r = schema.safeParse(v);
    if (!r.success) throw bad(what, zodDetail(r.error));
    return r.data;
  };

  for (const [i, r] of data.funding.entries()) {
    const what = `第${i + 1}条经费记录`;
    const { partyOrgKey, ...given } = r;
    const f = check(fundingFieldsSchema, { ...given, partyOrgId: 1 }, what);
    out.funding.push({
      partyOrgKey: refs(partyRef, partyOrgKey, what),
      source: f.source,
      fundKind: f.fundKind,
      amount: yuan(f.amount),
      date: f.date,
      period: f.period,
      documentNo: f.documentNo,
      remarks: f.remarks,
    });
  }

  for (const [i, r] of data.trainings.entries()) {
    const what = `第${i + 1}个培训班“${text(r.topic)}”`;
    const { regionName, attendees, ...given } = r;
    if (regionName != null && (typeof regionName !== 'string' || !regionNames.has(regionName))) {
      throw bad(what, `举办属地“${text(regionName)}”不在文件的属地列表中`);
    }
    if (!Array.isArray(attendees)) throw bad(what, '参训人员列表格式不对');
    // The form's checks (one kind per attendee, no one twice) run on stand-in ids, one per key.
    const ids = new Map<string, number>();
    const idOf = (k: string) => {
      if (!ids.has(k)) ids.set(k, ids.size + 1);
      return ids.get(k) as number;
    };
    const people = attendees.map((a: unknown, j: number) => {
      const x = (a ?? {}) as Record<string, unknown>;
      return {
        partyOrgKey: refs(optRef(partyRef), x.partyOrgKey ?? null, `${what}的第${j + 1}名参训人员`),
        instructorKey: refs(optRef(instructorRef), x.instructorKey ?? null, `${what}的第${j + 1}名参训人员`),
        name: x.name,
        unit: x.unit,
      };
    });
    const f = check(
      trainingFieldsSchema,
      {
        ...given,
        regionId: regionName == null ? null : 1,
        attendees: people.map((p) => ({
          partyOrgId: p.partyOrgKey ? idOf(p.partyOrgKey) : null,
          instructorId: p.instructorKey ? idOf(p.instructorKey) : null,
          name: p.name ?? null,
          unit: p.unit ?? null,
        })),
      },
      what,
    );
    out.trainings.push({
      startDate: f.startDate,
      endDate: f.endDate,
      topic: f.topic,
      target: f.target,
      organizer: f.organizer,
      regionName: (regionName as string | null) ?? null,
      place: f.place,
      sessions: f.sessions,
      attendances: f.attendances,
      remarks: f.remarks,
      attendees: f.attendees.map((a, j) =>
        attendee({
          partyOrgKey: people[j]?.partyOrgKey ?? null,
          instructorKey: people[j]?.instructorKey ?? null,
          name: a.name,
          unit: a.unit,
        }),
      ),
    });
  }

  for (const [i, r] of data.activities.entries()) {
    const what = `第${i + 1}条组织生活记录`;
    const { partyOrgKey, ...given } = r;
    const { partyOrgId: _p, ...f } = check(activityFieldsSchema, { ...given, partyOrgId: 1 }, what);
    out.activities.push({ partyOrgKey: refs(partyRef, partyOrgKey, what), ...f });
  }

  for (const [i, r] of data.grids.entries()) {
    const what = `第${i + 1}个网格“${text(r.name)}”`;
    const { partyOrgKey, instructorKey, orgKeys, ...given } = r;
    const keys = refs(z.array(orgRef).max(10_000), orgKeys ?? [], what);
    const f = check(
      gridFieldsSchema,
      { ...given, partyOrgId: 1, instructorId: instructorKey ? 1 : null, orgIds: keys.map((_k, j) => j + 1) },
      what,
    );
    if (new Set(keys).size !== keys.length) throw bad(what, '网格内组织有重复');
    out.grids.push({
      partyOrgKey: refs(partyRef, partyOrgKey, what),
      name: f.name,
      instructorKey: refs(optRef(instructorRef), instructorKey ?? null, what),
      contactCards: f.contactCards,
      contactCardsDate: f.contactCards ? f.contactCardsDate : null,
      remarks: f.remarks,
      orgKeys: [...keys].sort(byText),
    });
  }

  for (const [i, r] of data.modelSites.entries()) {
    const what = `第${i + 1}条示范点记录`;
    const { partyOrgKey, ...given } = r;
    const { partyOrgId: _p, ...f } = check(modelSiteFieldsSchema, { ...given, partyOrgId: 1 }, what);
    out.modelSites.push({ partyOrgKey: refs(partyRef, partyOrgKey, what), ...f });
  }

  for (const [i, r] of data.massOrgs.entries()) {
    const what = `第${i + 1}条群团组织记录`;
    const { orgKey, ...given } = r;
    const f = check(massOrgSetSchema, { ...given, orgId: 1, present: true }, what);
    out.massOrgs.push({ orgKey: refs(orgRef, orgKey, what), kind: f.kind, foundedDate: f.foundedDate, members: f.members, chair: f.chair });
  }

  for (const [i, r] of data.inspections.entries()) {
    const what = `第${i + 1}条年检记录`;
    const { orgKey, ...given } = r;
    const f = check(inspectionSetSchema, { ...given, orgId: 1 }, what);
    out.inspections.push({
      orgKey: refs(orgRef, orgKey, what),
      year: f.year,
      result: f.result,
      partyReview: f.partyReview,
      remarks: f.remarks,
    });
  }

  for (const [i, r] of data.memberYears.entries()) {
    const what = `第${i + 1}条党员发展记录`;
    const { orgKey, ...given } = r;
    const { orgId: _o, ...f } = check(memberYearSetSchema, { ...given, orgId: 1 }, what);
    out.memberYears.push({ orgKey: refs(orgRef, orgKey, what), ...f });
  }

  for (const array of WORK_ARRAYS) {
    const list = out[array] as WorkRecordContent[];
    if (NUMBERED.has(array)) continue;
    const seen = new Set<string>();
    for (const c of list) {
      const key = (baseKey[array] as (c: WorkRecordContent) => string)(c);
      if (seen.has(key)) throw bad(`${KIND_NAMES[WORK_KINDS[array].kind]}“${key}”`, '与文件中另一条记录重复（关键信息相同）');
      seen.add(key);
    }
  }
  return out;
}

export const KIND_NAMES: Record<WorkKind, string> = {
  funding: '经费',
  training: '培训班',
  activity: '组织生活',
  grid: '网格',
  modelSite: '示范点',
  massOrg: '群团组织',
  inspection: '年检',
  memberYear: '党员发展',
};

// ---------------------------------------------------------------------------------------------------
// References, names, differences

export interface Ref {
  type: 'partyOrg' | 'org' | 'instructor';
  key: string;
}

export function refsOf(array: WorkArray, c: WorkRecordContent): Ref[] {
  const x = c as Partial<FundingContent & GridContent & MassOrgContent & TrainingContent>;
  const out: Ref[] = [];
  if (x.partyOrgKey) out.push({ type: 'partyOrg', key: x.partyOrgKey });
  if (x.orgKey) out.push({ type: 'org', key: x.orgKey });
  if (array === 'grids') {
    if (x.instructorKey) out.push({ type: 'instructor', key: x.instructorKey });
    for (const k of x.orgKeys ?? []) out.push({ type: 'org', key: k });
  }
  if (array === 'trainings') {
    for (const a of x.attendees ?? []) {
      if (a.partyOrgKey) out.push({ type: 'partyOrg', key: a.partyOrgKey });
      if (a.instructorKey) out.push({ type: 'instructor', key: a.instructorKey });
    }
  }
  return out;
}

/** What a key names, for a clerk: a party organization's or instructor's name, an organization's name when known. */
export function keyName(key: string, orgNames: ReadonlyMap<string, string>): string {
  if (key.startsWith('party:')) return key.slice(key.indexOf('|') + 1);
  if (key.startsWith('instructor:')) return key.slice('instructor:'.length).split('|')[0] ?? key;
  return orgNames.get(key) ?? key.replace(/^org:(uscc:|name:)/, '');
}

/** “党组织“某公司党支部”（乌兰镇）”, “两新组织“某公司”（代码 9115…）”, “指导员“张三”（某单位）”. */
export function describeRef(ref: Ref, orgNames: ReadonlyMap<string, string>): string {
  const [first, second] = ref.key.slice(ref.key.indexOf(':') + 1).split('|');
  if (ref.type === 'partyOrg') return `党组织“${second}”（${first}）`;
  if (ref.type === 'instructor') return `指导员“${first}”${second ? `（${second}）` : ''}`;
  const known = orgNames.get(ref.key);
  if (known) return `两新组织“${known}”`;
  if (ref.key.startsWith('org:uscc:')) return `统一社会信用代码为${ref.key.slice('org:uscc:'.length)}的两新组织`;
  const [region, name] = ref.key.slice('org:name:'.length).split('|');
  return `两新组织“${name}”（${region}）`;
}

/** The region a party organization's key names. */
const regionOfParty = (key: string) => key.slice('party:'.length, key.indexOf('|'));

/** The name and region a preview lists a record under. */
export function describeWork(
  array: WorkArray,
  c: WorkRecordContent,
  orgs: ReadonlyMap<string, { name: string; regionName: string }>,
  orgNames: ReadonlyMap<string, string>,
): { name: string; regionName: string | null } {
  const code = (field: string, v: string) => {
    const table = codedAuditField(WORK_KINDS[array].entity, field);
    return table ? labelOf(table, v) : v;
  };
  switch (array) {
    case 'funding': {
      const x = c as FundingContent;
      return {
        name: `${keyName(x.partyOrgKey, orgNames)} ${x.date} ${code('source', x.source)} ${x.amount}元`,
        regionName: regionOfParty(x.partyOrgKey),
      };
    }
    case 'activities': {
      const x = c as ActivityContent;
      return { name: `${keyName(x.partyOrgKey, orgNames)} ${x.date} ${code('kind', x.kind)}`, regionName: regionOfParty(x.partyOrgKey) };
    }
    case 'trainings': {
      const x = c as TrainingContent;
      return { name: `${x.topic}（${x.startDate}，${x.organizer}）`, regionName: x.regionName ?? COUNTY_LEVEL };
    }
    case 'grids': {
      const x = c as GridContent;
      return { name: `${keyName(x.partyOrgKey, orgNames)} ${x.name}`, regionName: regionOfParty(x.partyOrgKey) };
    }
    case 'modelSites': {
      const x = c as ModelSiteContent;
      return {
        name: `${keyName(x.partyOrgKey, orgNames)} ${x.year}年${code('level', x.level)}示范点`,
        regionName: regionOfParty(x.partyOrgKey),
      };
    }
    case 'massOrgs': {
      const x = c as MassOrgContent;
      return { name: `${keyName(x.orgKey, orgNames)} ${code('kind', x.kind)}`, regionName: orgs.get(x.orgKey)?.regionName ?? null };
    }
    case 'inspections': {
      const x = c as InspectionContent;
      return { name: `${keyName(x.orgKey, orgNames)} ${x.year}年年检`, regionName: orgs.get(x.orgKey)?.regionName ?? null };
    }
    case 'memberYears': {
      const x = c as MemberYearContent;
      return { name: `${keyName(x.orgKey, orgNames)} ${x.year}年党员发展`, regionName: orgs.get(x.orgKey)?.regionName ?? null };
    }
  }
}

const CONTENT_FIELD_LABELS: Record<string, string> = {
  partyOrgKey: '党组织',
  orgKey: '两新组织',
  instructorKey: '指导员',
  orgKeys: '网格内组织',
  attendees: '参训人员',
  regionName: '举办属地',
  amount: '金额（元）',
};

/** A field's name on the record's own screen. */
export function workFieldLabel(kind: WorkKind, field: string): string {
  const array = WORK_ARRAYS.find((a) => WORK_KINDS[a].kind === kind) as WorkArray;
  if (array === 'grids' && field === 'partyOrgKey') return '区域党支部';
  return CONTENT_FIELD_LABELS[field] ?? auditFieldLabel(WORK_KINDS[array].entity, field) ?? field;
}

/** A value as a clerk reads it: codes by their words, keys by names, attendees by name. */
export function workValue(kind: WorkKind, field: string, v: unknown, orgNames: ReadonlyMap<string, string>): unknown {
  const array = WORK_ARRAYS.find((a) => WORK_KINDS[a].kind === kind) as WorkArray;
  if (v == null) return v;
  if (field.endsWith('Key') && typeof v === 'string') return keyName(v, orgNames);
  if (field === 'orgKeys' && Array.isArray(v)) return v.map((k) => keyName(String(k), orgNames));
  if (field === 'attendees' && Array.isArray(v)) {
    return (v as AttendeeContent[]).map((a) =>
      a.partyOrgKey
        ? `${a.name ?? ''}（${keyName(a.partyOrgKey, orgNames)}书记）`
        : a.instructorKey
          ? `${a.name ?? ''}（指导员）`
          : a.unit
            ? `${a.name}（${a.unit}）`
            : (a.name ?? ''),
    );
  }
  const table = typeof v === 'string' ? codedAuditField(WORK_KINDS[array].entity, field) : undefined;
  return table ? labelOf(table, v as string) : v;
}

// ---------------------------------------------------------------------------------------------------
// Writing a file's record here, through the record's service

export interface WorkIds {
  partyOrg(key: string): number | undefined;
  org(key: string): number | undefined;
  instructor(key: string): number | undefined;
  region(name: string): Promise<number>;
}

export const arrayOf = (kind: WorkKind) => WORK_ARRAYS.find((a) => WORK_KINDS[a].kind === kind) as WorkArray;

/**
 * Creates (localId null) or updates the record. Returns a reason in Chinese when a reference has no
 * record here (kept deleted here since the last exchange): the record is then left out.
 */
export async function applyWork(
  w: Writer,
  kind: WorkKind,
  localId: number | null,
  c: WorkRecordContent,
  ids: WorkIds,
  tag: Record<string, unknown>,
): Promise<string | null> {
  const array = arrayOf(kind);
  const missing: string[] = [];
  const need = (type: Ref['type'], key: string): number => {
    const id = ids[type](key);
    if (id == null) missing.push(describeRef({ type, key }, new Map()));
    return id ?? 0;
  };
  switch (array) {
    case 'funding': {
      const { partyOrgKey, amount, ...f } = c as FundingContent;
      const fields = fundingFieldsSchema.parse({ ...f, amount, partyOrgId: need('partyOrg', partyOrgKey) || 1 });
      if (missing.length) break;
      if (localId == null) await createFundingIn(w, fields, null, tag);
      else await updateFundingIn(w, localId, fields, null, tag);
      return null;
    }
    case 'activities': {
      const { partyOrgKey, ...f } = c as ActivityContent;
      const fields = activityFieldsSchema.parse({ ...f, partyOrgId: need('partyOrg', partyOrgKey) || 1 });
      if (missing.length) break;
      if (localId == null) await createActivityIn(w, fields, tag);
      else await updateActivityIn(w, localId, fields, tag);
      return null;
    }
    case 'trainings': {
      const { regionName, attendees, ...f } = c as TrainingContent;
      const people = attendees.map((a) => ({
        partyOrgId: a.partyOrgKey ? need('partyOrg', a.partyOrgKey) : null,
        instructorId: a.instructorKey ? need('instructor', a.instructorKey) : null,
        name: a.name,
        unit: a.unit,
      }));
      if (missing.length) break;
      const fields = trainingFieldsSchema.parse({
        ...f,
        regionId: regionName == null ? null : await ids.region(regionName),
        attendees: people,
      });
      if (localId == null) await createTrainingIn(w, fields, null, tag);
      else await updateTrainingIn(w, localId, fields, null, tag);
      return null;
    }
    case 'grids': {
      const { partyOrgKey, instructorKey, orgKeys, ...f } = c as GridContent;
      const partyOrgId = need('partyOrg', partyOrgKey);
      const instructorId = instructorKey ? need('instructor', instructorKey) : null;
      const orgIds = orgKeys.map((k) => need('org', k));
      if (missing.length) break;
      const fields = gridFieldsSchema.parse({ ...f, partyOrgId, instructorId, orgIds });
      if (localId == null) await createGridIn(w, fields, tag);
      else await updateGridIn(w, localId, fields, tag);
      return null;
    }
    case 'modelSites': {
      const { partyOrgKey, ...f } = c as ModelSiteContent;
      const partyOrgId = need('partyOrg', partyOrgKey);
      if (missing.length) break;
      const fields = modelSiteFieldsSchema.parse({ ...f, partyOrgId });
      if (localId == null) await createModelSiteIn(w, fields, tag);
      else await updateModelSiteIn(w, localId, fields, tag);
      return null;
    }
    case 'massOrgs': {
      const { orgKey, ...f } = c as MassOrgContent;
      const orgId = need('org', orgKey);
      if (missing.length) break;
      await setMassOrgIn(w, massOrgSetSchema.parse({ ...f, orgId, present: true }), tag);
      return null;
    }
    case 'inspections': {
      const { orgKey, ...f } = c as InspectionContent;
      const orgId = need('org', orgKey);
      if (missing.length) break;
      await setInspectionIn(w, inspectionSetSchema.parse({ ...f, orgId }), tag);
      return null;
    }
    case 'memberYears': {
      const { orgKey, ...f } = c as MemberYearContent;
      const orgId = need('org', orgKey);
      if (missing.length) break;
      await setMemberYearIn(w, memberYearSetSchema.parse({ ...f, orgId }), tag);
      return null;
    }
  }
  return `本台账中没有${missing.slice(0, 3).join('、')}`;
}
