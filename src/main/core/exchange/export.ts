/** Export: one region's records (a township clerk) or the whole county's, to one exchange file. */
import { actorName, currentCaller, visibleRegions } from '../caller';
import type { Ctx } from '../context';
import { appliedMigrations } from '../db';
import { AppError, notFound } from '../errors';
import { getSettings } from '../services/settings';
import { write } from '../write';
import { EXCHANGE_EXTENSION, type ExchangeManifest, packExchange } from './format';
import { upsertHistory } from './history';
import { countsOf, sourceLabelOf, sourceOf } from './manifest';
import {
  type ExchangeContent,
  hashOf,
  type InstructorContent,
  instructorContent,
  instructorKey,
  type LocalSnapshot,
  loadSnapshot,
  type OrgContent,
  orgKey,
  type PartyOrgContent,
  partyOrgKey,
  type RegionContent,
} from './records';
import { referencedInstructors, scopeWork } from './workRecords';

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

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The export's time in the file name as the clerk's clock shows it (the PC's own time zone), `YYYYMMDD-HHmmss`. */
export function fileStamp(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

const safeName = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '_');

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
  const schemaVersion = (await appliedMigrations(ctx.ledger.db)).at(-1) ?? '';
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
    safeName(`两新台账交换-${settings.countyName}-${region?.name ?? '全部属地'}-${fileStamp(exportedAt)}`) + EXCHANGE_EXTENSION;
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

/** Who the manifest names as exporting: the signed-in account, or the local user outside a request. */
function exporter(ctx: Ctx): string {
  const caller = currentCaller();
  return caller ? actorName(caller) : ctx.actor;
}
