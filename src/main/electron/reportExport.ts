/**
 * 导出 Excel in the desktop app: the save dialog first, then the ledger is built and streamed straight
 * into the chosen file by the main process, so a 100,000-row ledger never travels to the page as
 * base64. A half-written file is never left under the clerk's name: it is written beside it and renamed.
 */
import fs from 'node:fs/promises';
import { type BrowserWindow, dialog } from 'electron';
import type { ReportExport } from '../../shared/shellHelpers';
import type { Ctx } from '../core/context';
import { reportRows } from '../core/reports/rows';
import { reportFileName, writeReportXlsx } from '../core/reports/xlsx';

/** Why a chosen file could not be written, in the clerk's words. */
export function writeFailure(e: unknown): string {
  const code = (e as { code?: string } | null)?.code;
  if (code === 'EBUSY' || code === 'EPERM') return '无法保存：该文件正被其他程序（如 Excel、WPS）打开，请关闭后重试';
  if (code === 'EACCES' || code === 'EROFS') return '无法保存：没有写入该位置的权限，请换一个文件夹';
  if (code === 'ENOSPC') return '无法保存：磁盘空间不足';
  return '无法保存该文件，请换一个位置重试';
}

export async function saveReportXlsx(
  parent: BrowserWindow | null,
  ctx: Ctx,
  input: ReportExport,
): Promise<{ saved: boolean; file?: string }> {
  const data = await reportRows(ctx, input.report, input.filters, input.hidden);
  const options = { defaultPath: reportFileName(data), filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }] };
  const choice = await (parent ? dialog.showSaveDialog(parent, options) : dialog.showSaveDialog(options));
  if (choice.canceled || !choice.filePath) return { saved: false };
  const file = choice.filePath;
  const part = `${file}.part`;
  try {
    await writeReportXlsx(data, part);
    await fs.rename(part, file);
  } catch (e) {
    await fs.rm(part, { force: true }).catch(() => {});
    throw Object.assign(new Error(writeFailure(e)), { cause: e });
  }
  return { saved: true, file };
}
