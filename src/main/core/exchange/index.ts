/**
 * Exchange files between a township and the county (乡镇 → 县 数据交换): export a region's records (or
 * the whole county's) to one file, preview what importing it would do, and commit it.
 * The file format is documented in ./format.ts, the records and their keys in ./records.ts; the jobs are
 * ./export.ts, ./preview.ts (with the plan in ./plan.ts), ./commit.ts, and ./history.ts for the baseline.
 *
 * Exchange source. A file's source is its county code plus the region it covers (`150499/乌兰镇`, or
 * `150499/*` for the whole county). Both ends of an exchange use the same source, so a township's
 * export and the county's import of it (and the county's export of that region back) share a history.
 *
 * History and conflicts. Table `exchange_history` holds, per source and record key, the content hash
 * both sides agreed on at the last exchange: on export the hash written to the file, on import the
 * hash read from it (whatever the clerk chose). On import each record of the file is compared:
 * - no local record, no history               → new (created);
 * - local equals incoming                     → unchanged;
 * - no history for the record (first exchange with the source) and local differs: the local record's
 *   `updated_at` against the manifest's `exportedAt` (both UTC instants) —
 *   saved at or before the export → changed (the file was written later, so it is taken as the newer);
 *   saved after the export, or a time that cannot be read or believed (not the ISO time the app writes,
 *   or after this ledger's clock by more than a few minutes) → conflict (this ledger has a change the file
 *   cannot know of: a county clerk's save on the server after the township exported must not be
 *   silently overwritten by the township's older value);
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
export type {
  ExchangeCommitResult,
  ExchangeDifference,
  ExchangePreview,
  ExchangePreviewItem,
  ItemStatus,
  Resolution,
} from '../../../shared/exchange';
export { type CommitOptions, commitExchange } from './commit';
export { type ExchangeExport, type ExportOptions, exportExchange } from './export';
export { EXCHANGE_EXTENSION, type ExchangeManifest } from './format';
export { discardExchangePreview, inspectExchange, type PreviewOptions, previewExchange } from './preview';
export type { RecordKind } from './records';
