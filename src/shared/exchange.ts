/**
 * Township → county exchange files: the manifest every file carries and what a preview and a commit
 * answer. The file format itself is in src/main/core/exchange/format.ts.
 */
import { z } from 'zod';

const count = z.number().int().min(0);
const base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/);
/**
 * The manifest's words (county, unit, region, who exported) are shown on the preview and quoted in the
 * 操作日志: bounded well above what the app writes (县名 50, 填报单位 100) so a forged file cannot fill them.
 */
const text = z.string().max(200);

export const manifestSchema = z.object({
  format: z.literal('lxdj-exchange'),
  version: z.literal(1),
  /** The ledger that wrote the file: its county (from 设置) and reporting unit. */
  source: z.object({ countyName: text, countyCode: text, reportingUnit: text.nullable() }),
  /** The region exported, or null when the whole county was. */
  region: z.object({ name: text, kind: text, code: text.nullable() }).nullable(),
  /** ISO time as the app writes it; bounded so a forged one cannot fill the 操作日志 row that quotes it. */
  exportedAt: z.string().max(64),
  exportedBy: text,
  /** Name of the newest migration applied to the exporting ledger. */
  schemaVersion: text,
  /** Records per kind; the #13 kinds' counts are absent from files written before they travelled (read as 0). */
  counts: z.object({
    regions: count,
    orgs: count,
    partyOrgs: count,
    instructors: count,
    assignments: count,
    funding: count.default(0),
    trainings: count.default(0),
    trainingAttendees: count.default(0),
    activities: count.default(0),
    grids: count.default(0),
    modelSites: count.default(0),
    massOrgs: count.default(0),
    inspections: count.default(0),
    memberYears: count.default(0),
  }),
  contentSha256: z.string().regex(/^[0-9a-f]{64}$/),
  encryption: z
    .object({
      cipher: z.literal('aes-256-gcm'),
      kdf: z.literal('scrypt'),
      salt: base64,
      iv: base64,
      n: z.number().int(),
      r: z.number().int(),
      p: z.number().int(),
    })
    .nullable(),
});

export type ExchangeManifest = z.infer<typeof manifestSchema>;

export type RecordKind =
  | 'org'
  | 'partyOrg'
  | 'instructor'
  | 'funding'
  | 'training'
  | 'activity'
  | 'grid'
  | 'modelSite'
  | 'massOrg'
  | 'inspection'
  | 'memberYear';

/** A file's record counts as the screens name them, in this order; kinds with none are left out. */
const COUNT_WORDS: [keyof ExchangeManifest['counts'], string, string][] = [
  ['orgs', '两新组织', '个'],
  ['partyOrgs', '党组织', '个'],
  ['instructors', '指导员', '名'],
  ['funding', '经费', '条'],
  ['trainings', '培训班', '个'],
  ['activities', '组织生活', '条'],
  ['grids', '网格', '个'],
  ['modelSites', '示范点', '条'],
  ['massOrgs', '群团组织', '个'],
  ['inspections', '年检', '条'],
  ['memberYears', '党员发展', '条'],
];

/** “两新组织 33 个、党组织 12 个、指导员 3 名、经费 8 条…”. */
export function describeCounts(counts: ExchangeManifest['counts']): string {
  return COUNT_WORDS.filter(([k], i) => i < 3 || counts[k] > 0)
    .map(([k, word, unit]) => `${word} ${counts[k]} ${unit}`)
    .join('、');
}

type KindCounts = Record<RecordKind, number>;

export type Resolution = 'incoming' | 'local';
export type ItemStatus = 'new' | 'changed' | 'unchanged' | 'localChanged' | 'conflict';

export interface ExchangeDifference {
  field: string;
  label: string;
  local: unknown;
  incoming: unknown;
}

export interface ExchangePreviewItem {
  key: string;
  kind: RecordKind;
  kindLabel: string;
  name: string;
  regionName: string | null;
  status: ItemStatus;
  /** The matching record in this ledger, if there is one. */
  localId: number | null;
  /** True when the record was exchanged before and is gone from this ledger now (deleted or its key changed). */
  localMissing: boolean;
  /** Fields whose values differ between this ledger and the file (changed, localChanged, conflict). */
  differences: ExchangeDifference[];
}

export interface ExchangePreview {
  id: string;
  fileName: string;
  manifest: ExchangeManifest;
  /** The exchange source (county code / region), and a label for it. */
  source: string;
  sourceLabel: string;
  /** No record was exchanged with this source before: a differing record saved here after the file's export is a conflict, the others count as changed. */
  firstExchange: boolean;
  /** Regions the file's records need that this ledger lacks; created on commit when needed. */
  regionsToCreate: string[];
  counts: Record<ItemStatus, number>;
  new: ExchangePreviewItem[];
  changed: ExchangePreviewItem[];
  unchanged: ExchangePreviewItem[];
  localChanged: ExchangePreviewItem[];
  conflicts: ExchangePreviewItem[];
  warnings: string[];
}

export interface ExchangeCommitResult {
  fileName: string;
  source: string;
  regionsCreated: string[];
  created: KindCounts;
  updated: KindCounts;
  /** Conflicts resolved in favour of this ledger, plus records changed only here. */
  keptLocal: number;
  unchanged: number;
  /** Records left out because what they refer to is not in this ledger (deleted here), in Chinese. */
  skipped: string[];
}
