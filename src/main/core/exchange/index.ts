/**
 * Exchange files between a township and the county (乡镇 → 县 数据交换): export a region's records (or
 * the whole county's) to one file, preview what importing it would do, and commit it.
 * The file format is documented in ./format.ts, the records and their keys in ./records.ts.
 *
 * Exchange source. A file's source is its county code plus the region it covers (`150499/乌兰镇`, or
 * `150499/*` for the whole county). Both ends of an exchange use the same source, so a township's
 * export and the county's import
of it (and the county's export of that region back) share a history.
 *
 * History and conflicts. Table `exchange_history` holds, per source and record key, the content hash
 * both sides agreed on at the last exchange: on export the hash written to the file, on import the
 * hash read from it (whatever the clerk chose). On import each record of the file is compared:
 * - no local record, no history               → new (created);
 * - local equals incoming                     → unchanged;
 * - no history (first exchange with the source) and local differs → changed (the incoming version is
 *   applied: with nothing to tell which side changed, the file is taken as the newer);
 * - local equals history, incoming differs    → changed (only the other side changed; applied);
 * - incoming equals history, local differs    → localChanged (only this ledger changed; kept);
 * - local, incoming and history all differ    → conflict (both changed since the last exchange);
 * - no local record but history: incoming equals history → localChanged (deleted or renamed here;
 *   kept so), else → conflict (deleted here, changed there).
 * Conflicts need a resolution per record ('incoming' | 'local') or a bulk one; the commit is refused
 * otherwise. Records missing from a file are never deleted. An export is taken to be imported at the
 * other end: it moves this ledger's baseline for that source to what was exported.
 *
 * @example
 * const { bytes } = await exportExchange(township, { regionId: 3, password: '1234' });
 * const preview = await previewExchange(county, bytes, { password: '1234', fileName: '乌兰镇.lxex' });
 * await commitExchange(county, preview.id, { resolutions: { [preview.conflicts[0].key]: 'local' }, bulk: 'incoming' });
 */
import { randomUUID } from 'node:crypto';
import { actorName, currentCaller, visibleRegions } from '../caller';
import type { Ctx } from '../context';
import { appliedMigrations } from '../db';
import { AppError, notFound } from '../errors';
import { toColumns } from '../mapping';
import { migrationProvider } from '../migrations';
import { initialsOf } from '../pinyin';
import type { Database } from '../schema';
import { alignAnnualCheckIn } from '../services/inspections';
import { alignMassOrgsIn } from '../services/massOrgs';
import { syncCurrentMemberYear } from '../services/memberYears';
import { getSettings } from '../services/settings';
import { type Writer, write } from '../write';
import { EXCHANGE_EXTENSION, type ExchangeManifest, packExchange, readExchangeHeader, unpackExchange } from './format';
import {
  CONTENT_LABELS,
  canonicalJson,
  type ExchangeContent,
  hashOf,
  type InstructorContent,
  instructorContent,
  instructorKey,
  KIND_LABELS,
  type LocalSnapshot,
  loadSnapshot,
  type OrgContent,
  orgKey,
  type PartyOrgContent,
  parseContent,
  partyOrgKey,
  type RecordContent,
  type RecordKind,
  type RegionContent,
} from './records';
import {
  applyWork,
  arrayOf,
  describeRef,
  describeWork,
  fileRecords,
  type Keyed,
  referencedInstructors,
  refsOf,
  scopeWork,
  WORK_ARRAYS,
  WORK_KINDS,
  type WorkKind,
  type WorkRecordContent,
  workFieldLabel,
  workValue,
} from './workRecords';

export type { ExchangeManifest } from './format';

import type {
  ExchangeCommitResult,
  ExchangeDifference,
  ExchangePreview,
  ExchangePreviewItem,
  ItemStatus,
  Resolution,
} from '../../../shared/exchange';

export { EXCHANGE_EXTENSION } from './format';
export type { RecordKind } from './records';
export type { ExchangeCommitResult, ExchangeDifference, ExchangePreview, ExchangePreviewItem, ItemStatus, Resolution };

export interface ExportOptions {
  /** The region to export; omitted or null exports the whole county. */
  regionId?: number | null;
  /** Encrypts the file (AES-256-GCM, key from scrypt); empty means no encryption. */
  password?: string | null;
  fileName?: string | null;
}

export interface ExchangeExport {
  fileName: string;
  bytes: Buffer;
  manifest: ExchangeManifest;
}

export interface PreviewOptions {
  password?: string | null;
  /** The file's name, kept in the audit rows and the exchange history. */
  fileName?: string | null;
}

export interface CommitOptions {
  /** Per conflict key: keep this ledger's version or take the file's. */
  resolutions?: Record<string, Resolution>;
  /** For every conflict without its own resolution. */
  bulk?: Resolution | null;
}

type KindCounts = Record<RecordKind, number>;

// ---------------------------------------------------------------------------------------------------

const sourceOf = (countyCode: string, regionName: string | null) => `${countyCode}/${regionName ?? '*'}`;
const sourceLabelOf = (countyName: string, countyCode: string, regionName: string | null) =>
  `${countyName}（${countyCode}）${regionName ?? '全部属地'}`;

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function chunks<T>(list: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

async function upsertHistory(
  w: Writer,
  source: string,
  records: { key: string; hash: string }[],
  direction: 'import' | 'export',
  fileName: string,
) {
  for (const part of chunks(records)) {
    await w.trx
      .insertInto('exchange_history')
      .values(part.map((r) => ({ source, record_key: r.key, hash: r.hash, direction, file_name: fileName, at: w.now })))
      .onConflict((oc) =>
        oc.columns(['source', 'record_key']).doUpdateSet((eb) => ({
          hash: eb.ref('excluded.hash'),
          direction: eb.ref('excluded.direction'),
          file_name: eb.ref('excluded.file_name'),
          at: eb.ref('excluded.at'),
        })),
      )
      .execute();
  }
}

function countsOf(content: ExchangeContent): ExchangeManifest['counts'] {
  return {
    regions: content.regions.length,
    orgs: content.orgs.length,
    partyOrgs: content.partyOrgs.length,
    instructors: content.instructors.length,
    assignments: content.instructors.reduce((n, t) => n + t.assignments.length, 0),
    funding: content.funding.length,
    trainings: content.trainings.length,
    trainingAttendees: content.trainings.reduce((n, t) => n + t.attendees.length, 0),
    activities: content.activities.length,
    grids: content.grids.length,
    modelSites: content.modelSites.length,
    massOrgs: content.massOrgs.length,
    inspections: content.inspections.length,
    memberYears: content.memberYears.length,
  };
}

function stamp(iso: string): string {
  return iso.slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}

const safeName = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '_');

// ---------------------------------------------------------------------------------------------------
// Export

/** The records of one scope (a region, or null for all) from a snapshot, with their hashes. */
function scopeContent(
  snap: LocalSnapshot,
  regionName: string | null,
): { content: ExchangeContent; records: { key: string; hash: string }[] } {
  const inScope = (name: string) => regionName == null || name === regionName;
  const duplicates: string[] = [];
  const first = <T>(list: T[], label: () => string): T => {
    if (list.length > 1) duplicates.push(`${label()}（${list.length}条）`);
    return list[0] as T;
  };

  const partyOrgs: PartyOrgContent[] = [];
  const wanted = new Set<string>();
  for (const list of snap.partyOrgs.values()) {
    const p = list[0]?.content;
    if (!p || !inScope(p.regionName)) continue;
    partyOrgs.push(first(list, () => `党组织“${p.name}”（${p.regionName}）`).content);
    for (const k of p.coveredOrgKeys) wanted.add(k);
  }
  const orgs: OrgContent[] = [];
  for (const [key, list] of snap.orgs) {
    const o = list[0]?.content;
    if (!o || !(inScope(o.regionName) || wanted.has(key))) continue;
    orgs.push(first(list, () => `两新组织“${o.name}”（${o.regionName}${o.uscc ? `，${o.uscc}` : ''}）`).content);
  }
  const orgKeys = new Set(orgs.map(orgKey));
  const work = scopeWork(snap.work, { partyOrgKeys: new Set(partyOrgs.map(partyOrgKey)), orgKeys, regionName });
  // A grid's or a class's instructor goes with it, even with no assignment in the region.
  const named = referencedInstructors(work.content);
  const instructors: InstructorContent[] = [];
  for (const [key, list] of snap.instructors) {
    const t = list[0];
    if (!t) continue;
    const content = instructorContent(t, orgKeys);
    if (regionName != null && content.assignments.length === 0 && !named.has(key)) continue;
    first(list, () => `指导员“${t.fields.name}”（${t.fields.unit ?? '无工作单位'}）`);
    instructors.push(content);
  }
  if (duplicates.length) {
    throw new AppError(
      'invalid_input',
      `本台账中以下记录的关键信息相同，交换时无法区分，请先修改或合并后再导出：${duplicates.slice(0, 5).join('；')}${duplicates.length > 5 ? ` 等${duplicates.length}处` : ''}`,
    );
  }

  const used = new Set<string>([...orgs.map((o) => o.regionName), ...partyOrgs.map((p) => p.regionName)]);
  if (regionName != null) used.add(regionName);
  for (const c of work.content.trainings) if (c.regionName != null) used.add(c.regionName);
  const regions: RegionContent[] = [...snap.regions.values()]
    .filter((r) => used.has(r.name))
    .map((r) => ({ name: r.name, kind: r.kind, code: r.code }));

  const keyed = <C>(list: C[], key: (c: C) => string) => list.map((c) => ({ c, key: key(c) })).sort((a, b) => byText(a.key, b.key));
  const o = keyed(orgs, orgKey);
  const p = keyed(partyOrgs, partyOrgKey);
  const t = keyed(instructors, instructorKey);
  return {
    content: { regions, orgs: o.map((x) => x.c), partyOrgs: p.map((x) => x.c), instructors: t.map((x) => x.c), ...work.content },
    records: [
      ...[...o, ...p, ...t].map((x) => ({ key: x.key, hash: hashOf(x.c) })),
      ...work.keyed.map((x) => ({ key: x.key, hash: hashOf(x.content) })),
    ],
  };
}

/** A 乡镇经办 sends their own region's file only: never the whole county's, never another region's. */
function assertMayExport(regionId: number | null | undefined): void {
  const mine = visibleRegions();
  if (mine === null) return;
  if (regionId == null) throw new AppError('forbidden', '乡镇经办只能导出本属地的交换文件，请选择属地');
  if (!mine.includes(regionId)) throw new AppError('forbidden', '乡镇经办只能导出本属地的交换文件');
}

/**
 * Writes an exchange file of one region (a township clerk) or of the whole county, and records what was
 * exported as the baseline for that source. With a password the file is encrypted.
 */
export async function exportExchange(ctx: Ctx, opts: ExportOptions = {}): Promise<ExchangeExport> {
  assertMayExport(opts.regionId);
  const settings = await getSettings(ctx);
  const snap = await loadSnapshot(ctx.ledger.db);
  let region: RegionContent | null = null;
  if (opts.regionId != null) {
    const r = [...snap.regions.values()].find((x) => x.id === opts.regionId);
    if (!r) throw notFound('属地', opts.regionId);
    region = { name: r.name, kind: r.kind, code: r.code };
  }
  const { content, records } = scopeContent(snap, region?.name ?? null);
  const schemaVersion = (await appliedMigrations(ctx.ledger.sqlite)).at(-1) ?? '';
  const exportedAt = ctx.now();
  const { bytes, manifest } = await packExchange(
    {
      format: 'lxdj-exchange',
      version: 1,
      source: { countyName: settings.countyName, countyCode: settings.countyCode, reportingUnit: settings.reportingUnit || null },
      region,
      exportedAt,
      exportedBy: exporter(ctx),
      schemaVersion,
      counts: countsOf(content),
    },
    JSON.stringify(content),
    opts.password || null,
  );
  const fileName =
    opts.fileName?.trim() ||
    safeName(`两新台账交换-${settings.countyName}-${region?.name ?? '全部属地'}-${stamp(exportedAt)}`) + EXCHANGE_EXTENSION;
  const source = sourceOf(settings.countyCode, region?.name ?? null);
  await write(ctx, async (w) => {
    await upsertHistory(w, source, records, 'export', fileName);
    await w.audit('exchange', 0, 'export', null, {
      exchangeFile: fileName,
      exchangeSource: sourceLabelOf(settings.countyName, settings.countyCode, region?.name ?? null),
      counts: manifest.counts,
      contentSha256: manifest.contentSha256,
      encrypted: manifest.encryption != null,
    });
    w.touchOrgs([]);
  });
  return { fileName, bytes, manifest };
}

// ---------------------------------------------------------------------------------------------------
// Preview

interface PlanItem {
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

interface Plan {
  snap: LocalSnapshot;
  items: PlanItem[];
  warnings: string[];
  firstExchange: boolean;
  regionsToCreate: string[];
  /** Changes when anything the plan was built from changes: a commit compares it with the preview's. */
  signature: string;
}

type Db = Parameters<typeof loadSnapshot>[0];

async function buildPlan(db: Db, content: ExchangeContent, source: string): Promise<Plan> {
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
function orgDirectory(content: ExchangeContent, snap: LocalSnapshot): Map<string, { name: string; regionName: string }> {
  const out = new Map<string, { name: string; regionName: string }>();
  for (const [key, list] of snap.orgs) if (list[0]) out.set(key, { name: list[0].content.name, regionName: list[0].content.regionName });
  for (const o of content.orgs) out.set(orgKey(o), { name: o.name, regionName: o.regionName });
  return out;
}

const WORK: ReadonlySet<RecordKind> = new Set(Object.values(WORK_KINDS).map((k) => k.kind));

function differences(
  kind: RecordKind,
  local: RecordContent | null,
  incoming: RecordContent,
  orgNames: ReadonlyMap<string, string>,
): ExchangeDifference[] {
  if (!local) return [];
  const l = local as unknown as Record<string, unknown>;
  const r = incoming as unknown as Record<string, unknown>;
  const out: ExchangeDifference[] = [];
  for (const field of new Set([...Object.keys(r), ...Object.keys(l)])) {
    if (canonicalJson(l[field] ?? null) === canonicalJson(r[field] ?? null)) continue;
    if (WORK.has(kind)) {
      const k = kind as WorkKind;
      out.push({
        field,
        label: workFieldLabel(k, field),
        local: workValue(k, field, l[field] ?? null, orgNames),
        incoming: workValue(k, field, r[field] ?? null, orgNames),
      });
    } else out.push({ field, label: CONTENT_LABELS[field] ?? field, local: l[field] ?? null, incoming: r[field] ?? null });
  }
  return out;
}

interface StoredPreview {
  id: string;
  createdAt: number;
  fileName: string;
  source: string;
  sourceLabel: string;
  manifest: ExchangeManifest;
  content: ExchangeContent;
  signature: string;
}

const MAX_PREVIEWS = 5;
const PREVIEW_TTL_MS = 6 * 60 * 60 * 1000;
const stores = new WeakMap<Ctx, Map<string, StoredPreview>>();

function previews(ctx: Ctx): Map<string, StoredPreview> {
  let store = stores.get(ctx);
  if (!store) {
    store = new Map();
    stores.set(ctx, store);
  }
  const now = Date.now();
  for (const [id, p] of store) if (now - p.createdAt > PREVIEW_TTL_MS) store.delete(id);
  return store;
}

/** The manifest of a file after the structural checks, without decrypting it (to ask for a password first). */
export function inspectExchange(bytes: Uint8Array): ExchangeManifest {
  return readExchangeHeader(bytes).manifest;
}

/**
 * Checks a file (magic, checksums, manifest, password, content) and compares it with this ledger.
 * Nothing is written; the preview is kept in memory for `commitExchange`.
 */
export async function previewExchange(ctx: Ctx, bytes: Uint8Array, opts: PreviewOptions = {}): Promise<ExchangePreview> {
  const { manifest, contentJson } = await unpackExchange(bytes, opts.password);
  const known = await migrationProvider.getMigrations();
  if (!(manifest.schemaVersion in known)) {
    throw new AppError('invalid_input', `交换文件由更新版本的程序导出（数据库版本 ${manifest.schemaVersion}），请升级程序后再导入。`);
  }
  const content = parseContent(contentJson);
  if (canonicalJson(countsOf(content)) !== canonicalJson(manifest.counts)) {
    throw new AppError('invalid_input', '交换文件清单中的记录数与文件内容不符，文件可能被改动，不能导入。');
  }
  const regionName = manifest.region?.name ?? null;
  const source = sourceOf(manifest.source.countyCode, regionName);
  const sourceLabel = sourceLabelOf(manifest.source.countyName, manifest.source.countyCode, regionName);
  const plan = await buildPlan(ctx.ledger.db, content, source);

  const store = previews(ctx);
  const id = randomUUID();
  const fileName = opts.fileName?.trim() || `交换文件${EXCHANGE_EXTENSION}`;
  store.set(id, { id, createdAt: Date.now(), fileName, source, sourceLabel, manifest, content, signature: plan.signature });
  while (store.size > MAX_PREVIEWS) {
    const oldest = store.keys().next().value;
    if (oldest === undefined) break;
    store.delete(oldest);
  }

  const orgNames = new Map([...orgDirectory(content, plan.snap)].map(([k, o]) => [k, o.name]));
  const view = (i: PlanItem): ExchangePreviewItem => ({
    key: i.key,
    kind: i.kind,
    kindLabel: KIND_LABELS[i.kind],
    name: i.name,
    regionName: i.regionName,
    status: i.status,
    localId: i.localId,
    localMissing: i.localId == null && i.baseHash != null,
    differences: i.status === 'unchanged' || i.status === 'new' ? [] : differences(i.kind, i.local, i.incoming, orgNames),
  });
  const of = (s: ItemStatus) => plan.items.filter((i) => i.status === s).map(view);
  const preview: ExchangePreview = {
    id,
    fileName,
    manifest,
    source,
    sourceLabel,
    firstExchange: plan.firstExchange,
    regionsToCreate: plan.regionsToCreate,
    counts: { new: 0, changed: 0, unchanged: 0, localChanged: 0, conflict: 0 },
    new: of('new'),
    changed: of('changed'),
    unchanged: of('unchanged'),
    localChanged: of('localChanged'),
    conflicts: of('conflict'),
    warnings: plan.warnings,
  };
  for (const i of plan.items) preview.counts[i.status]++;
  return preview;
}

/** Forgets a preview (the clerk cancelled). */
export function discardExchangePreview(ctx: Ctx, previewId: string): boolean {
  return previews(ctx).delete(previewId);
}

// ---------------------------------------------------------------------------------------------------
// Commit

type OrgColumns = Omit<Database['orgs'], 'id' | 'created_at' | 'updated_at' | 'deleted_at'>;
type PartyOrgColumns = Omit<Database['party_orgs'], 'id' | 'created_at' | 'updated_at' | 'deleted_at'>;
type InstructorColumns = Omit<Database['instructors'], 'id' | 'created_at' | 'updated_at' | 'deleted_at'>;

/**
 * Applies a preview in one transaction: new records created, changed ones updated, conflicts as
 * resolved; regions created by name when missing; an audit row (action 'exchange', naming the file)
 * per record written and one for the whole import; the exchange history brought up to date.
 * Refused when a conflict has no resolution and no bulk one is given, or when the ledger changed
 * since the preview.
 */
export async function commitExchange(ctx: Ctx, previewId: string, opts: CommitOptions = {}): Promise<ExchangeCommitResult> {
  const stored = previews(ctx).get(previewId);
  if (!stored) throw new AppError('not_found', '导入预览不存在或已过期，请重新选择交换文件并预览');
  const resolutions = opts.resolutions ?? {};
  const bulk = opts.bulk ?? null;
  if (bulk !== null && bulk !== 'incoming' && bulk !== 'local') {
    throw new AppError('invalid_input', '统一处理方式应为“采用导入文件”或“保留本台账”');
  }

  const result = await write(ctx, async (w) => {
    const plan = await buildPlan(w.trx, stored.content, stored.source);
    if (plan.signature !== stored.signature) {
      throw new AppError('conflict', '预览之后本台账的数据已有改动，请重新预览后再导入');
    }
    const conflicts = plan.items.filter((i) => i.status === 'conflict');
    const conflictKeys = new Set(conflicts.map((i) => i.key));
    for (const [key, choice] of Object.entries(resolutions)) {
      if (!conflictKeys.has(key)) throw new AppError('invalid_input', `“${key}”不是本次导入中的冲突记录，不能为它选择处理方式`);
      if (choice !== 'incoming' && choice !== 'local') {
        throw new AppError('invalid_input', `冲突记录“${key}”的处理方式应为“采用导入文件”或“保留本台账”`);
      }
    }
    const choiceOf = (key: string): Resolution | null => (Object.hasOwn(resolutions, key) ? (resolutions[key] as Resolution) : bulk);
    const unresolved = conflicts.filter((i) => choiceOf(i.key) == null);
    if (unresolved.length) {
      const names = unresolved
        .slice(0, 3)
        .map((i) => `${KIND_LABELS[i.kind]}“${i.name}”`)
        .join('、');
      throw new AppError(
        'invalid_input',
        `还有${unresolved.length}条冲突记录未选择处理方式（${names}${unresolved.length > 3 ? '等' : ''}），请逐条选择“采用导入文件”或“保留本台账”，或选择统一的处理方式`,
      );
    }
    return apply(w, stored, plan, choiceOf);
  });
  previews(ctx).delete(previewId);
  return result;
}

async function apply(
  w: Writer,
  stored: StoredPreview,
  plan: Plan,
  choiceOf: (key: string) => Resolution | null,
): Promise<ExchangeCommitResult> {
  const { trx, now } = w;
  const { snap } = plan;
  const tag = { exchangeFile: stored.fileName, exchangeSource: stored.sourceLabel };
  const touched = new Set<number>();
  const zero = (): KindCounts => ({
    org: 0,
    partyOrg: 0,
    instructor: 0,
    funding: 0,
    training: 0,
    activity: 0,
    grid: 0,
    modelSite: 0,
    massOrg: 0,
    inspection: 0,
    memberYear: 0,
  });
  const created = zero();
  const updated = zero();
  const applies = (i: PlanItem) =>
    i.status === 'new' || i.status === 'changed' || (i.status === 'conflict' && choiceOf(i.key) === 'incoming');
  const toApply = plan.items.filter(applies);

  // Regions, created by name when a record written needs one.
  const regionIds = new Map([...snap.regions].map(([name, r]) => [name, r.id]));
  const fileRegions = new Map(stored.content.regions.map((r) => [r.name, r]));
  const regionsCreated: string[] = [];
  let order = Number(
    (
      await trx
        .selectFrom('regions')
        .select((eb) => eb.fn.max('sort_order').as('m'))
        .executeTakeFirst()
    )?.m ?? 0,
  );
  const regionId = async (name: string): Promise<number> => {
    const known = regionIds.get(name);
    if (known != null) return known;
    const r = fileRegions.get(name) ?? { name, kind: 'township' as const, code: null };
    const row = { name: r.name, kind: r.kind, code: r.code, sort_order: ++order, created_at: now };
    const { id } = await trx.insertInto('regions').values(row).returning('id').executeTakeFirstOrThrow();
    await w.audit('region', id, 'exchange', null, { ...row, ...tag });
    regionIds.set(name, id);
    regionsCreated.push(name);
    return id;
  };

  // Organizations first: the others point at them.
  const orgIds = new Map<string, number>();
  for (const [key, list] of snap.orgs) if (list[0]) orgIds.set(key, list[0].id);
  for (const item of toApply) {
    if (item.kind !== 'org') continue;
    const { regionName, ...fields } = item.incoming as OrgContent;
    const values = {
      ...(toColumns({ ...fields, regionId: await regionId(regionName) }) as OrgColumns),
      name_initials: initialsOf(fields.name),
    };
    let id = item.localId;
    if (id != null) {
      await trx
        .updateTable('orgs')
        .set({ ...values, updated_at: now })
        .where('id', '=', id)
        .execute();
      updated.org++;
    } else {
      id = (
        await trx
          .insertInto('orgs')
          .values({ ...values, created_at: now, updated_at: now })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      orgIds.set(item.key, id);
      created.org++;
    }
    // An exchanged organization's counts are this year's 党员发展 figures, as when typed in its form.
    await syncCurrentMemberYear(w, id, fields);
    await w.audit('org', id, 'exchange', item.local, { ...item.incoming, ...tag });
    // 群团 rows and the latest 年检 stay the record behind these columns (services/massOrgs.ts, inspections.ts).
    await alignMassOrgsIn(w, id, fields);
    await alignAnnualCheckIn(w, id);
    touched.add(id);
  }

  // Party organizations and the organizations they cover.
  const partyOrgIds = new Map<string, number>();
  for (const [key, list] of snap.partyOrgs) if (list[0]) partyOrgIds.set(key, list[0].id);
  const lostCoverage = new Map<number, number[]>();
  for (const item of toApply) {
    if (item.kind !== 'partyOrg') continue;
    const { regionName, coveredOrgKeys, ...fields } = item.incoming as PartyOrgContent;
    const values = {
      ...(toColumns({ ...fields, regionId: await regionId(regionName) }) as PartyOrgColumns),
      name_initials: initialsOf(fields.name),
    };
    let id = item.localId;
    if (id != null) {
      await trx
        .updateTable('party_orgs')
        .set({ ...values, updated_at: now })
        .where('id', '=', id)
        .execute();
      updated.partyOrg++;
    } else {
      id = (
        await trx
          .insertInto('party_orgs')
          .values({ ...values, created_at: now, updated_at: now })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      created.partyOrg++;
    }
    partyOrgIds.set(item.key, id);
    const partyOrgId = id;
    const before = await trx.selectFrom('coverage').select('org_id').where('party_org_id', '=', partyOrgId).execute();
    for (const b of before) touched.add(b.org_id);
    await trx.deleteFrom('coverage').where('party_org_id', '=', partyOrgId).execute();
    // Organizations deleted here since the last exchange stay uncovered.
    const targets = coveredOrgKeys.map((k) => orgIds.get(k)).filter((x): x is number => x != null);
    for (const part of chunks(targets)) {
      // The file says these organizations are covered by this party organization: another one here lets go.
      const taken = await trx.selectFrom('coverage').select(['org_id', 'party_org_id']).where('org_id', 'in', part).execute();
      for (const t of taken) lostCoverage.set(t.party_org_id, [...(lostCoverage.get(t.party_org_id) ?? []), t.org_id]);
      if (taken.length) {
        await trx
          .deleteFrom('coverage')
          .where(
            'org_id',
            'in',
            taken.map((t) => t.org_id),
          )
          .execute();
      }
      await trx
        .insertInto('coverage')
        .values(part.map((org_id) => ({ org_id, party_org_id: partyOrgId })))
        .execute();
      for (const o of part) touched.add(o);
    }
    await w.audit('partyOrg', partyOrgId, 'exchange', item.local, { ...item.incoming, ...tag });
  }
  for (const [partyOrgId, orgs] of lostCoverage) {
    await w.audit(
      'partyOrg',
      partyOrgId,
      'exchange',
      { coveredOrgIds: orgs },
      { removedCoveredOrgIds: orgs, reason: '导入文件中这些两新组织由其他党组织覆盖', ...tag },
    );
  }

  // Instructors, and their assignments to the organizations in the file (others are left as they are).
  const fileOrgKeys = new Set(stored.content.orgs.map(orgKey));
  const instructorIds = new Map<string, number>();
  for (const [key, list] of snap.instructors) if (list[0]) instructorIds.set(key, list[0].id);
  for (const item of toApply) {
    if (item.kind !== 'instructor') continue;
    const { assignments, ...fields } = item.incoming as InstructorContent;
    const values = toColumns(fields) as InstructorColumns;
    let id = item.localId;
    if (id != null) {
      await trx
        .updateTable('instructors')
        .set({ ...values, updated_at: now })
        .where('id', '=', id)
        .execute();
      updated.instructor++;
    } else {
      id = (
        await trx
          .insertInto('instructors')
          .values({ ...values, created_at: now, updated_at: now })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      created.instructor++;
    }
    instructorIds.set(item.key, id);
    const instructorId = id;
    const local = (snap.instructors.get(item.key)?.find((i) => i.id === instructorId)?.assignments ?? []).filter((a) =>
      fileOrgKeys.has(a.orgKey),
    );
    const byPeriod = new Map(local.map((a) => [`${a.orgId}|${a.fromDate}`, a]));
    for (const a of assignments) {
      const orgId = orgIds.get(a.orgKey);
      if (orgId == null) continue;
      const match = byPeriod.get(`${orgId}|${a.fromDate}`);
      if (match) {
        byPeriod.delete(`${orgId}|${a.fromDate}`);
        if (match.toDate === a.toDate) continue;
        await trx.updateTable('assignments').set({ to_date: a.toDate }).where('id', '=', match.id).execute();
      } else {
        await trx
          .insertInto('assignments')
          .values({ instructor_id: instructorId, org_id: orgId, from_date: a.fromDate, to_date: a.toDate, created_at: now })
          .execute();
      }
      touched.add(orgId);
    }
    for (const gone of byPeriod.values()) {
      await trx.deleteFrom('assignments').where('id', '=', gone.id).execute();
      touched.add(gone.orgId);
    }
    await w.audit('instructor', instructorId, 'exchange', item.local, { ...item.incoming, ...tag });
  }

  // The #13 records, through their services (checked and audited as a clerk's edit), after what they refer to.
  const ids = {
    partyOrg: (k: string) => partyOrgIds.get(k),
    org: (k: string) => orgIds.get(k),
    instructor: (k: string) => instructorIds.get(k),
    region: regionId,
  };
  const skipped: string[] = [];
  const left = new Set<string>();
  for (const array of WORK_ARRAYS) {
    for (const item of toApply) {
      if (!WORK.has(item.kind) || arrayOf(item.kind as WorkKind) !== array) continue;
      const reason = await applyWork(w, item.kind as WorkKind, item.localId, item.incoming as WorkRecordContent, ids, tag);
      if (reason) {
        skipped.push(`${KIND_LABELS[item.kind]}“${item.name}”：${reason}`);
        left.add(item.key);
      } else if (item.localId == null) created[item.kind]++;
      else updated[item.kind]++;
    }
  }

  // The history: what the file said is what both sides have now agreed on for this source.
  await upsertHistory(
    w,
    stored.source,
    plan.items.filter((i) => !left.has(i.key)).map((i) => ({ key: i.key, hash: i.incomingHash })),
    'import',
    stored.fileName,
  );

  const keptLocal = plan.items.filter((i) => i.status === 'localChanged' || (i.status === 'conflict' && choiceOf(i.key) === 'local'));
  const unchanged = plan.items.filter((i) => i.status === 'unchanged').length;
  await w.audit('exchange', 0, 'exchange', null, {
    ...tag,
    exportedAt: stored.manifest.exportedAt,
    contentSha256: stored.manifest.contentSha256,
    regionsCreated,
    created,
    updated,
    keptLocal: keptLocal.map((i) => i.key),
    unchanged,
    skipped,
  });
  w.touchOrgs(touched);
  return {
    fileName: stored.fileName,
    source: stored.source,
    regionsCreated,
    created,
    updated,
    keptLocal: keptLocal.length,
    unchanged,
    skipped,
  };
}

/** Who the manifest names as exporting: the signed-in account, or the local user outside a request. */
function exporter(ctx: Ctx): string {
  const caller = currentCaller();
  return caller ? actorName(caller) : ctx.actor;
}
