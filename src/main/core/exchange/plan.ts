/** The plan of an import: each record of the file against this ledger and the exchange history. */
import type { ItemStatus } from '../../../shared/exchange';
import { chunks } from './history';
import {
  type ExchangeContent,
  hashOf,
  instructorContent,
  instructorKey,
  KIND_LABELS,
  type LocalSnapshot,
  loadSnapshot,
  orgKey,
  partyOrgKey,
  type RecordContent,
  type RecordKind,
} from './records';
import { describeRef, describeWork, fileRecords, type Keyed, refsOf, WORK_ARRAYS, WORK_KINDS, type WorkRecordContent } from './workRecords';

// ---------------------------------------------------------------------------------------------------
// Preview

export interface PlanItem {
  key: string;
  kind: RecordKind;
  name: string;
  regionName: string | null;
  status: ItemStatus;
  localId: number | null;
  incoming: RecordContent;
  incomingHash: string;
  local: RecordContent | null;
  localHash: string | null;
  baseHash: string | null;
}

export interface Plan {
  snap: LocalSnapshot;
  items: PlanItem[];
  warnings: string[];
  firstExchange: boolean;
  regionsToCreate: string[];
  /** Changes when anything the plan was built from changes: a commit compares it with the preview's. */
  signature: string;
}

type Db = Parameters<typeof loadSnapshot>[0];

/** The table each kind of record is kept in, for when a local record was last saved. */
const TABLES = {
  org: 'orgs',
  partyOrg: 'party_orgs',
  instructor: 'instructors',
  funding: 'funding',
  training: 'trainings',
  activity: 'activities',
  grid: 'grids',
  modelSite: 'model_sites',
  massOrg: 'mass_orgs',
  inspection: 'inspections',
  memberYear: 'member_years',
} as const satisfies Record<RecordKind, string>;

/**
 * A stored time as milliseconds, or null when it cannot be read. The app writes ISO text in UTC
 * (`2026-11-25T07:00:00.000Z`); SQLite's own `datetime('now')` (older rows) has a space and no zone
 * but is UTC too, so it must not be read as the machine's local time.
 */
export function instantOf(text: string | null | undefined): number | null {
  if (!text) return null;
  let t = text.trim().replace(' ', 'T');
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(t)) t += 'Z';
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? null : ms;
}

/** How far ahead of this ledger's clock a file's export time is still believed: a township PC's clock a few minutes fast. */
const CLOCK_SKEW_MS = 5 * 60_000;
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?(Z|[+-](\d{2}):(\d{2}))$/;

/**
 * The instant a file's manifest says it was exported, or null when it cannot be believed: anything but
 * the ISO time the app writes (`2026-06-30T09:00:00.000Z`; Date.parse would read `12345` as a year), a
 * day that does not exist, or a time after this ledger's clock — a file from the future would make
 * every change saved here look older than the file. Null makes every differing record of a first
 * exchange a conflict, the safe direction.
 */
export function exportInstantOf(exportedAt: unknown, now: string): number | null {
  const m = typeof exportedAt === 'string' ? ISO_INSTANT.exec(exportedAt) : null;
  if (!m) return null;
  const part = (i: number) => Number(m[i] ?? 0);
  const day = new Date(Date.UTC(part(1), part(2) - 1, part(3)));
  if (day.getUTCMonth() !== part(2) - 1 || day.getUTCDate() !== part(3)) return null;
  if (part(4) > 23 || part(5) > 59 || part(6) > 59 || part(9) > 14 || part(10) > 59) return null;
  const at = Date.parse(m[0]);
  const clock = instantOf(now);
  if (Number.isNaN(at) || clock == null || at > clock + CLOCK_SKEW_MS) return null;
  return at;
}

/**
 * Items differing with no history for their key: a local record saved after the file was exported has
 * a change the file cannot know of (a county clerk's save on the server after a township exported), so
 * it becomes a conflict for the clerk to decide; one saved before (or at) the export is taken to be
 * older than the file. A time that cannot be read is a conflict too: nothing tells which side is newer.
 */
async function conflictsSavedAfterExport(db: Db, items: PlanItem[], exported: number | null, warnings: string[]): Promise<void> {
  const candidates = items.filter((i) => i.status === 'changed' && i.baseHash == null && i.localId != null);
  if (!candidates.length) return;
  if (exported == null) {
    warnings.push(
      `交换文件记录的导出时间无法识别或晚于本机当前时间，无法判断本台账的修改是否在导出之后：与文件不同的${candidates.length}条记录都列为冲突，请逐条核对后选择`,
    );
  }
  const ids = new Map<RecordKind, number[]>();
  for (const i of candidates) ids.set(i.kind, [...(ids.get(i.kind) ?? []), i.localId as number]);
  const savedAt = new Map<string, number | null>();
  for (const [kind, list] of ids) {
    for (const part of chunks(list, 500)) {
      for (const r of await savedTimes(db, kind, part)) savedAt.set(`${kind}:${r.id}`, instantOf(r.updated_at));
    }
  }
  for (const i of candidates) {
    const saved = savedAt.get(`${i.kind}:${i.localId}`) ?? null;
    if (exported == null || saved == null || saved > exported) i.status = 'conflict';
  }
}

/** When each local record was last saved, by the id its plan item carries. */
function savedTimes(db: Db, kind: RecordKind, ids: number[]): Promise<{ id: number; updated_at: string | null }[]> {
  if (kind === 'massOrg' || kind === 'memberYear') {
    // 群团 and 党员发展 rows have no id: their organization's stands for them (workRecords.ts). The newest
    // of its rows is taken, so a change here to any of them makes the organization's differing ones conflicts.
    return db
      .selectFrom(TABLES[kind])
      .select((eb) => ['org_id as id', eb.fn.max('updated_at').as('updated_at')])
      .where('org_id', 'in', ids)
      .groupBy('org_id')
      .execute();
  }
  return db.selectFrom(TABLES[kind]).select(['id', 'updated_at']).where('id', 'in', ids).execute();
}

/** `exported`: the file's export instant as exportInstantOf read it when previewed, null when unbelievable. */
export async function buildPlan(db: Db, content: ExchangeContent, source: string, exported: number | null): Promise<Plan> {
  const snap = await loadSnapshot(db);
  const history = new Map<string, string>();
  for (const h of await db.selectFrom('exchange_history').select(['record_key', 'hash']).where('source', '=', source).execute()) {
    history.set(h.record_key, h.hash);
  }
  const fileOrgKeys = new Set(content.orgs.map(orgKey));
  const items: PlanItem[] = [];
  const warnings: string[] = [];

  const classify = (
    kind: RecordKind,
    key: string,
    name: string,
    regionName: string | null,
    incoming: RecordContent,
    locals: { id: number; content: RecordContent }[] | undefined,
  ) => {
    const local = locals?.[0] ?? null;
    if (locals && locals.length > 1) {
      warnings.push(
        `本台账中有${locals.length}条${KIND_LABELS[kind]}与“${name}”对应（关键信息相同），按编号最小的一条（编号${local?.id}）处理`,
      );
    }
    const incomingHash = hashOf(incoming);
    const localHash = local ? hashOf(local.content) : null;
    const baseHash = history.get(key) ?? null;
    let status: ItemStatus;
    if (!local) status = baseHash == null ? 'new' : baseHash === incomingHash ? 'localChanged' : 'conflict';
    else if (localHash === incomingHash) status = 'unchanged';
    else if (baseHash == null || baseHash === localHash) status = 'changed';
    else if (baseHash === incomingHash) status = 'localChanged';
    else status = 'conflict';
    items.push({
      key,
      kind,
      name,
      regionName,
      status,
      localId: local?.id ?? null,
      incoming,
      incomingHash,
      local: local?.content ?? null,
      localHash,
      baseHash,
    });
  };

  for (const o of content.orgs) {
    const key = orgKey(o);
    classify('org', key, o.name, o.regionName, o, snap.orgs.get(key));
  }
  for (const p of content.partyOrgs) {
    const key = partyOrgKey(p);
    classify('partyOrg', key, p.name, p.regionName, p, snap.partyOrgs.get(key));
  }
  for (const t of content.instructors) {
    const key = instructorKey(t);
    const locals = snap.instructors.get(key)?.map((i) => ({ id: i.id, content: instructorContent(i, fileOrgKeys) }));
    classify('instructor', key, t.unit ? `${t.name}（${t.unit}）` : t.name, null, t, locals);
  }

  // The #13 records: each reference must name a record of the file or of this ledger.
  const orgsByKey = orgDirectory(content, snap);
  const orgNames = new Map([...orgsByKey].map(([k, o]) => [k, o.name]));
  const known = {
    partyOrg: new Set([...content.partyOrgs.map(partyOrgKey), ...snap.partyOrgs.keys()]),
    org: new Set([...fileOrgKeys, ...snap.orgs.keys()]),
    instructor: new Set([...content.instructors.map(instructorKey), ...snap.instructors.keys()]),
  };
  for (const array of WORK_ARRAYS) {
    const { kind } = WORK_KINDS[array];
    const locals = snap.work[array] as Map<string, { id: number; content: WorkRecordContent }>;
    for (const { key, content: c } of fileRecords(content, array) as Keyed<WorkRecordContent>[]) {
      const { name, regionName } = describeWork(array, c, orgsByKey, orgNames);
      const absent = refsOf(array, c).filter((r) => !known[r.type].has(r.key));
      if (absent.length) {
        const what = [...new Set(absent.map((r) => describeRef(r, orgNames)))];
        warnings.push(
          `${KIND_LABELS[kind]}“${name}”引用的${what.slice(0, 3).join('、')}${what.length > 3 ? '等' : ''}在文件和本台账中都没有，这条记录不导入`,
        );
        continue;
      }
      const local = locals.get(key);
      classify(kind, key, name, regionName, c, local ? [local] : undefined);
    }
  }

  await conflictsSavedAfterExport(db, items, exported, warnings);

  const needed = new Set<string>();
  for (const i of items) {
    if (i.regionName != null && (i.status === 'new' || i.status === 'changed' || i.status === 'conflict')) needed.add(i.regionName);
  }
  const regionsToCreate = content.regions.map((r) => r.name).filter((n) => needed.has(n) && !snap.regions.has(n));
  const signature = hashOf({
    items: items.map((i) => [i.key, i.status, i.localId, i.localHash, i.baseHash]),
    regionsToCreate,
  });
  return { snap, items, warnings, firstExchange: history.size === 0, regionsToCreate, signature };
}

/** Organizations of the file and of this ledger by key, for the names the #13 records are listed under. */
export function orgDirectory(content: ExchangeContent, snap: LocalSnapshot): Map<string, { name: string; regionName: string }> {
  const out = new Map<string, { name: string; regionName: string }>();
  for (const [key, list] of snap.orgs) if (list[0]) out.set(key, { name: list[0].content.name, regionName: list[0].content.regionName });
  for (const o of content.orgs) out.set(orgKey(o), { name: o.name, regionName: o.regionName });
  return out;
}

export const WORK: ReadonlySet<RecordKind> = new Set(Object.values(WORK_KINDS).map((k) => k.kind));
