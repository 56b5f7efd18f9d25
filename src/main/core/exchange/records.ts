/**
 * What an exchange file carries, and how a record is recognised in another ledger.
 *
 * Content JSON (the gzip'd part of the file, see ./format.ts):
 * `{ regions: [{ name, kind, code }], orgs: [OrgContent], partyOrgs: [PartyOrgContent], instructors: [InstructorContent] }`
 * — the form fields of each record with database ids replaced by names and keys: an organization's
 * `regionId` by `regionName`; a party organization's `coveredOrgIds` by `coveredOrgKeys`; an
 * instructor's assignments as `{ orgKey, fromDate, toDate }`. Arrays are sorted, so the same records give
 * the same bytes. The #13 records (经费, 培训班, 组织生活, 网格, 示范点, 群团, 年检, 党员发展) follow in arrays
 * of their own, described with their keys in ./workRecords.ts.
 *
 * Keys (ids differ between ledgers, so records are matched by these natural keys):
 * - organization: `org:uscc:<统一社会信用代码>` when it has one, else `org:name:<属地名称>|<名称>`;
 * - party organization: `party:<属地名称>|<名称>`;
 * - instructor: `instructor:<姓名>|<工作单位>`.
 *
 * A record's hash is the SHA-256 of its content as canonical JSON (keys sorted). An instructor's content
 * holds only the assignments to organizations in the file (its scope), so a township file and the
 * county's ledger compare the same thing.
 */

import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { RegionKind } from '../../../shared/domain/codes';
import { normalizeUscc, usccCheckChar } from '../../../shared/rules/uscc';
import {
  describeErrors,
  FIELD_LABELS,
  fieldErrors,
  instructorFieldsSchema,
  isoDate,
  optDate,
  orgFieldsSchema,
  partyOrgFieldsSchema,
  regionFieldsSchema,
} from '../../../shared/schemas';
import type { InstructorFields, OrgFields, PartyOrgFields } from '../../../shared/types';
import { camelDb } from '../camel';
import { AppError } from '../errors';
import type { Database } from '../schema';
import { asInstructorFields, instructorRows } from '../services/instructors';
import { asOrgFields, orgRows } from '../services/orgs';
import { asFields, partyOrgRows } from '../services/partyOrgs';
import { KIND_NAMES, type LocalWork, loadWork, parseWork, type WorkContent, type WorkRecordContent } from './workRecords';

export type { RecordKind } from '../../../shared/exchange';

import type { RecordKind } from '../../../shared/exchange';

export const KIND_LABELS: Record<RecordKind, string> = { org: '两新组织', partyOrg: '党组织', instructor: '指导员', ...KIND_NAMES };

export interface RegionContent {
  name: string;
  kind: RegionKind;
  code: string | null;
}
export type OrgContent = Omit<OrgFields, 'regionId'> & { regionName: string };
export type PartyOrgContent = Omit<PartyOrgFields, 'regionId'> & { regionName: string; coveredOrgKeys: string[] };
export interface AssignmentContent {
  orgKey: string;
  fromDate: string;
  toDate: string | null;
}
export type InstructorContent = InstructorFields & { assignments: AssignmentContent[] };

export interface ExchangeContent extends WorkContent {
  regions: RegionContent[];
  orgs: OrgContent[];
  partyOrgs: PartyOrgContent[];
  instructors: InstructorContent[];
}

export type RecordContent = OrgContent | PartyOrgContent | InstructorContent | WorkRecordContent;

/** Labels of the content fields, for the preview's list of differences. */
export const CONTENT_LABELS: Record<string, string> = {
  ...FIELD_LABELS,
  regionName: '所属属地',
  coveredOrgKeys: '覆盖的两新组织',
  assignments: '选派记录',
};

export const orgKey = (o: { uscc: string | null; regionName: string; name: string }) =>
  o.uscc ? `org:uscc:${o.uscc}` : `org:name:${o.regionName}|${o.name}`;
export const partyOrgKey = (p: { regionName: string; name: string }) => `party:${p.regionName}|${p.name}`;
export const instructorKey = (i: { name: string; unit: string | null }) => `instructor:${i.name}|${i.unit ?? ''}`;

/** JSON with object keys sorted at every level: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}

export const hashOf = (content: unknown) => createHash('sha256').update(canonicalJson(content)).digest('hex');

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sortAssignments = (list: AssignmentContent[]) =>
  [...list].sort((a, b) => byText(a.orgKey, b.orgKey) || byText(a.fromDate, b.fromDate) || byText(a.toDate ?? '', b.toDate ?? ''));

// ---------------------------------------------------------------------------------------------------
// The ledger's own records, keyed.

export interface LocalRecord<C> {
  id: number;
  key: string;
  content: C;
}

export interface LocalAssignment {
  id: number;
  orgId: number;
  orgKey: string;
  fromDate: string;
  toDate: string | null;
}

export interface LocalInstructor {
  id: number;
  key: string;
  fields: InstructorFields;
  assignments: LocalAssignment[];
}

export interface LocalSnapshot {
  regions: Map<string, { id: number } & RegionContent>;
  /** Key → live records with that key, lowest id first (more than one only when the ledger has duplicates). */
  orgs: Map<string, LocalRecord<OrgContent>[]>;
  orgKeyById: Map<number, string>;
  partyOrgs: Map<string, LocalRecord<PartyOrgContent>[]>;
  instructors: Map<string, LocalInstructor[]>;
  work: LocalWork;
}

type Db = Kysely<Database> | Transaction<Database>;

function push<T>(map: Map<string, T[]>, key: string, value: T) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Reads every live organization, party organization and instructor with its key and content. */
export async function loadSnapshot(db: Db): Promise<LocalSnapshot> {
  const regions = new Map<string, { id: number } & RegionContent>();
  const regionName = new Map<number, string>();
  for (const r of await db.selectFrom('regions').select(['id', 'name', 'kind', 'code']).orderBy('id').execute()) {
    regions.set(r.name, { id: r.id, name: r.name, kind: r.kind, code: r.code });
    regionName.set(r.id, r.name);
  }

  const orgs = new Map<string, LocalRecord<OrgContent>[]>();
  const orgKeyById = new Map<number, string>();
  for (const row of await orgRows(camelDb(db)).select('o.id').orderBy('o.id').execute()) {
    const { id: _, regionId, ...fields } = asOrgFields(row);
    const content: OrgContent = { ...fields, regionName: regionName.get(regionId) ?? '' };
    const key = orgKey(content);
    push(orgs, key, { id: row.id, key, content });
    orgKeyById.set(row.id, key);
  }

  const covered = new Map<string, string[]>();
  for (const c of await db.selectFrom('coverage').select(['org_id', 'party_org_id']).execute()) {
    const key = orgKeyById.get(c.org_id);
    if (key) push(covered, String(c.party_org_id), key);
  }
  const partyOrgs = new Map<string, LocalRecord<PartyOrgContent>[]>();
  for (const row of await partyOrgRows(camelDb(db)).select('p.id').orderBy('p.id').execute()) {
    const { id: _, regionId, ...fields } = asFields(row);
    const content: PartyOrgContent = {
      ...fields,
      regionName: regionName.get(regionId) ?? '',
      coveredOrgKeys: [...new Set(covered.get(String(row.id)) ?? [])].sort(byText),
    };
    const key = partyOrgKey(content);
    push(partyOrgs, key, { id: row.id, key, content });
  }

  const assignments = new Map<string, LocalAssignment[]>();
  const camel = camelDb(db);
  for (const { instructorId, ...a } of await camel
    .selectFrom('assignments')
    .select(['id', 'orgId', 'instructorId', 'fromDate', 'toDate'])
    .orderBy('id')
    .execute()) {
    const orgKey = orgKeyById.get(a.orgId);
    if (orgKey) push(assignments, String(instructorId), { id: a.id, orgId: a.orgId, orgKey, fromDate: a.fromDate, toDate: a.toDate });
  }
  const instructors = new Map<string, LocalInstructor[]>();
  const instructorKeyById = new Map<number, string>();
  for (const row of await instructorRows(camel).select('i.id').orderBy('i.id').execute()) {
    const { id: _, ...fields } = asInstructorFields(row);
    const key = instructorKey(fields);
    push(instructors, key, { id: row.id, key, fields, assignments: assignments.get(String(row.id)) ?? [] });
    instructorKeyById.set(row.id, key);
  }
  const partyOrgKeyById = new Map<number, string>();
  for (const [key, list] of partyOrgs) for (const p of list) partyOrgKeyById.set(p.id, key);
  const work = await loadWork(db, { regionName, orgKey: orgKeyById, partyOrgKey: partyOrgKeyById, instructorKey: instructorKeyById });
  return { regions, orgs, orgKeyById, partyOrgs, instructors, work };
}

/** An instructor's content within a scope: the assignments to the organizations whose keys are given. */
export function instructorContent(i: LocalInstructor, orgKeys: ReadonlySet<string>): InstructorContent {
  const assignments = i.assignments
    .filter((a) => orgKeys.has(a.orgKey))
    .map((a) => ({ orgKey: a.orgKey, fromDate: a.fromDate, toDate: a.toDate }));
  return { ...i.fields, assignments: sortAssignments(assignments) };
}

// ---------------------------------------------------------------------------------------------------
// A file's content, checked like the forms check what a clerk types.

const bad = (what: string, detail: string) => new AppError('invalid_input', `交换文件中${what}有误：${detail}`);
const zodDetail = (e: z.ZodError) => describeErrors(fieldErrors(e));

/** A code whose only fault is its check character (old ledgers have them; the demo county too) is kept as recorded. */
function onlyCheckCharWrong(uscc: unknown): uscc is string {
  if (typeof uscc !== 'string' || !uscc) return false;
  const code = normalizeUscc(uscc);
  const expected = usccCheckChar(code.slice(0, 17));
  return /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code) && /^\d{6}$/.test(code.slice(2, 8)) && expected != null && expected !== code[17];
}

const shellSchema = z.object({
  regions: z.array(z.unknown()),
  orgs: z.array(z.record(z.string(), z.unknown())),
  partyOrgs: z.array(z.record(z.string(), z.unknown())),
  instructors: z.array(z.record(z.string(), z.unknown())),
});

const assignmentSchema = z
  .object({ orgKey: z.string().min(1), fromDate: isoDate, toDate: optDate })
  .refine((a) => !a.toDate || a.toDate >= a.fromDate, { message: '截止日期不能早于起始日期', path: ['toDate'] });

const text = (v: unknown) => (typeof v === 'string' ? v : String(v ?? ''));

/** Parses the content JSON: every record through the forms' schemas, every reference resolved within the file. */
export function parseContent(json: string): ExchangeContent {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new AppError('invalid_input', '交换文件的内容无法读取（不是有效的数据），不能导入。');
  }
  const shell = shellSchema.safeParse(raw);
  if (!shell.success) throw new AppError('invalid_input', '交换文件的内容不完整：应包含属地、两新组织、党组织和指导员，不能导入。');
  const data = shell.data;

  const regions: RegionContent[] = [];
  const regionNames = new Set<string>();
  for (const [i, r] of data.regions.entries()) {
    const parsed = regionFieldsSchema.safeParse(r);
    if (!parsed.success) throw bad(`第${i + 1}个属地`, zodDetail(parsed.error));
    if (regionNames.has(parsed.data.name)) throw bad(`属地“${parsed.data.name}”`, '重复出现');
    regionNames.add(parsed.data.name);
    regions.push(parsed.data);
  }
  const regionOf = (v: unknown, what: string) => {
    if (typeof v !== 'string' || !regionNames.has(v)) throw bad(what, `所属属地“${text(v)}”不在文件的属地列表中`);
    return v;
  };

  const keys = new Set<string>();
  const unique = (key: string, what: string) => {
    if (keys.has(key)) throw bad(what, '与文件中另一条记录重复（关键信息相同）');
    keys.add(key);
  };

  const orgs: OrgContent[] = [];
  for (const [i, o] of data.orgs.entries()) {
    const what = `第${i + 1}个两新组织“${text(o.name)}”`;
    const { regionName: rn, ...given } = o;
    const regionName = regionOf(rn, what);
    const input = { ...given, regionId: 1 };
    const parsed = orgFieldsSchema.safeParse(input);
    let fields: z.output<typeof orgFieldsSchema>;
    if (parsed.success) fields = parsed.data;
    else if (onlyCheckCharWrong(o.uscc)) {
      const rest = orgFieldsSchema.safeParse({ ...input, uscc: null });
      if (!rest.success) throw bad(what, zodDetail(rest.error));
      fields = { ...rest.data, uscc: normalizeUscc(o.uscc as string) };
    } else throw bad(what, zodDetail(parsed.error));
    const { regionId: _r, ...rest } = fields;
    const content: OrgContent = { ...rest, regionName };
    unique(orgKey(content), what);
    orgs.push(content);
  }
  const orgKeys = new Set(orgs.map(orgKey));

  const partyOrgs: PartyOrgContent[] = [];
  const coveredBy = new Map<string, string>();
  for (const [i, p] of data.partyOrgs.entries()) {
    const what = `第${i + 1}个党组织“${text(p.name)}”`;
    const { regionName: rn, coveredOrgKeys: ck, coveredOrgIds: _ids, ...given } = p;
    const regionName = regionOf(rn, what);
    if (!Array.isArray(ck) || !ck.every((k): k is string => typeof k === 'string')) throw bad(what, '覆盖的两新组织列表格式不对');
    // Coverage is checked against the file below; the form's count rule is not, since a ledger may hold a
    // 单独组建 organization whose organization was deleted since.
    const parsed = partyOrgFieldsSchema.safeParse({ ...given, regionId: 1, coveredOrgIds: [1] });
    if (!parsed.success) throw bad(what, zodDetail(parsed.error));
    const { regionId: _r, coveredOrgIds: _c, ...fields } = parsed.data;
    const coveredOrgKeys = [...new Set(ck)].sort(byText);
    for (const k of coveredOrgKeys) {
      if (!orgKeys.has(k)) throw bad(what, `覆盖的两新组织“${k}”不在文件中`);
      const other = coveredBy.get(k);
      if (other) throw bad(what, `两新组织“${k}”同时由“${other}”覆盖，一个组织只能由一个党组织覆盖`);
      coveredBy.set(k, fields.name);
    }
    const content: PartyOrgContent = { ...fields, regionName, coveredOrgKeys };
    unique(partyOrgKey(content), what);
    partyOrgs.push(content);
  }

  const instructors: InstructorContent[] = [];
  for (const [i, t] of data.instructors.entries()) {
    const what = `第${i + 1}个指导员“${text(t.name)}”`;
    const { assignments: given, ...rest } = t;
    const parsed = instructorFieldsSchema.safeParse(rest);
    if (!parsed.success) throw bad(what, zodDetail(parsed.error));
    if (!Array.isArray(given)) throw bad(what, '选派记录格式不对');
    const assignments: AssignmentContent[] = [];
    for (const [j, a] of given.entries()) {
      const pa = assignmentSchema.safeParse(a);
      if (!pa.success) throw bad(`${what}的第${j + 1}条选派记录`, zodDetail(pa.error));
      if (!orgKeys.has(pa.data.orgKey)) throw bad(`${what}的第${j + 1}条选派记录`, `两新组织“${pa.data.orgKey}”不在文件中`);
      assignments.push(pa.data);
    }
    const content: InstructorContent = { ...parsed.data, assignments: sortAssignments(assignments) };
    unique(instructorKey(content), what);
    instructors.push(content);
  }
  return { regions, orgs, partyOrgs, instructors, ...parseWork(raw, regionNames) };
}
