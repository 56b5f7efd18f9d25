/**
 * 另存到… and 从文件恢复… in the desktop app: the main process shows the system dialog and keeps the
 * path it returns, so no path ever comes from the page. A restore is two steps (pick and inspect, then
 * confirm in the page); the picked file waits here between them. Answers are `ApiResult`s so the page
 * gets the Chinese message itself, not Electron's wrapped error text.
 */
import { type BrowserWindow, dialog } from 'electron';
import type { ApiResult } from '../../shared/contract';
import type { BackupInfo, BackupInspection } from '../../shared/types';
import { createBackupAt, inspectBackupFile, restoreBackupFile } from '../core/backup';
import type { Ctx } from '../core/context';
import { AppError } from '../core/errors';

const FILTERS = [{ name: '台账备份', extensions: ['sqlite'] }];
let picked: string | null = null;

async function answer<T>(run: () => Promise<T>, log: (e: unknown) => void): Promise<ApiResult<T>> {
  try {
    return { ok: true, data: await run() };
  } catch (e) {
    if (e instanceof AppError) return { ok: false, error: { code: e.code, message: e.message } };
    log(e);
    return { ok: false, error: { code: 'internal', message: '操作失败：程序内部错误，详情已写入日志' } };
  }
}

export function backupToPicked(
  parent: BrowserWindow | null,
  ctx: Ctx,
  log: (e: unknown) => void,
): Promise<ApiResult<{ saved: boolean; backup?: BackupInfo }>> {
  return answer(async () => {
    const options = { defaultPath: `台账备份-${ctx.today()}.sqlite`, filters: FILTERS };
    const choice = await (parent ? dialog.showSaveDialog(parent, options) : dialog.showSaveDialog(options));
    if (choice.canceled || !choice.filePath) return { saved: false };
    return { saved: true, backup: await createBackupAt(ctx, choice.filePath) };
  }, log);
}

export function pickRestoreFile(
  parent: BrowserWindow | null,
  ctx: Ctx,
  log: (e: unknown) => void,
): Promise<ApiResult<{ picked: boolean; inspection?: BackupInspection }>> {
  return answer(async () => {
    picked = null;
    const options = { properties: ['openFile' as const], filters: FILTERS };
    const choice = await (parent ? dialog.showOpenDialog(parent, options) : dialog.showOpenDialog(options));
    const file = choice.filePaths[0];
    if (choice.canceled || !file) return { picked: false };
    picked = file;
    return { picked: true, inspection: await inspectBackupFile(file, ctx) };
  }, log);
}

export function restorePicked(
  ctx: Ctx,
  log: (e: unknown) => void,
): Promise<ApiResult<{ inspection: BackupInspection; safetyBackup: BackupInfo }>> {
  return answer(async () => {
    const file = picked;
    picked = null;
    if (!file) throw new AppError('not_found', '请先选择要恢复的备份文件');
    return restoreBackupFile(ctx, file);
  }, log);
}
