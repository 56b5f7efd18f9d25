/**
 * Township → county exchange files: the manifest every file carries and what a preview and a commit
 * answer. The file format itself is in src/main/core/exchange/format.ts.
 */
import { z } from 'zod';

const count = z.number().int().min(0);
const base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/);

export const manifestSchema = z.object({
  format: z.literal('lxdj-exchange'),
  version: z.literal(1),
  /** The ledger that wrote the file: its county (from 设置) and reporting unit. */
  source: z.object({ countyName: z.string(), countyCode: z.string(), reportingUnit: z.string().nullable() }),
  /** The region exported, or null when the whole county was. */
  region: z.object({ name: z.string(), kind: z.string(), code: z.string().nullable() }).nullable(),
  exportedAt: z.string(),
  exportedBy: z.string(),
  /** Name of the newest migration applied to the exporting ledger. */
  schemaVersion: z.string(),
  counts: z.object({ regions: count, orgs: count, partyOrgs: count, instructors: count, assignments: count }),
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

export type RecordKind = 'org' | 'partyOrg' | 'instructor';

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
  /** No record was exchanged with this source before: differing records count as changed, never as conflicts. */
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
}
