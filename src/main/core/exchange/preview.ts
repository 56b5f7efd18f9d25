/** Preview: a file checked and compared with this ledger, kept in memory until it is committed or discarded. */
import { randomUUID } from 'node:crypto';
import type { ExchangeDifference, ExchangePreview, ExchangePreviewItem, ItemStatus } from '../../../shared/exchange';
import type { Ctx } from '../context';
import { AppError } from '../errors';
import { migrationProvider } from '../migrations';
import { EXCHANGE_EXTENSION, type ExchangeManifest, readExchangeHeader, unpackExchange } from './format';
import { countsOf, sourceLabelOf, sourceOf } from './manifest';
import { buildPlan, exportInstantOf, orgDirectory, type PlanItem, WORK } from './plan';
import {
  CONTENT_LABELS,
  canonicalJson,
  type ExchangeContent,
  KIND_LABELS,
  parseContent,
  type RecordContent,
  type RecordKind,
} from './records';
import { type WorkKind, workFieldLabel, workValue } from './workRecords';

export interface PreviewOptions {
  password?: string | null;
  /** The file's name, kept in the audit rows and the exchange history. */
  fileName?: string | null;
}

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

export interface StoredPreview {
  id: string;
  createdAt: number;
  fileName: string;
  source: string;
  sourceLabel: string;
  manifest: ExchangeManifest;
  /** The manifest's export time as believed at the preview (exportInstantOf), null when it was not. */
  exportedMs: number | null;
  content: ExchangeContent;
  signature: string;
}

const MAX_PREVIEWS = 5;
const PREVIEW_TTL_MS = 6 * 60 * 60 * 1000;
const stores = new WeakMap<Ctx, Map<string, StoredPreview>>();

export function previews(ctx: Ctx): Map<string, StoredPreview> {
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
  // Read against the clock once, here: the commit builds its plan from the same instant.
  const exportedMs = exportInstantOf(manifest.exportedAt, ctx.now());
  const plan = await buildPlan(ctx.ledger.db, content, source, exportedMs);

  const store = previews(ctx);
  const id = randomUUID();
  const fileName = opts.fileName?.trim() || `交换文件${EXCHANGE_EXTENSION}`;
  store.set(id, { id, createdAt: Date.now(), fileName, source, sourceLabel, manifest, exportedMs, content, signature: plan.signature });
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
