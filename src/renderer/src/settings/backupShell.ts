/**
 * The desktop app's backup dialogs (another folder, a USB stick), through the preload. Browser mode has
 * none: there backups are named files in the ledger's backups folder only.
 */
import type { ApiResult } from '../../../shared/contract';
import type { BackupInfo, BackupInspection } from '../../../shared/types';
import { ApiCallError } from '../api';

interface BackupShell {
  backupToFile(): Promise<ApiResult<{ saved: boolean; backup?: BackupInfo }>>;
  pickRestoreFile(): Promise<ApiResult<{ picked: boolean; inspection?: BackupInspection }>>;
  restorePicked(): Promise<ApiResult<{ inspection: BackupInspection; safetyBackup: BackupInfo }>>;
}

export function backupShell(): BackupShell | null {
  return (window.api as BackupShell | undefined) ?? null;
}

export async function unwrap<T>(result: Promise<ApiResult<T>>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new ApiCallError(r.error);
  return r.data;
}
