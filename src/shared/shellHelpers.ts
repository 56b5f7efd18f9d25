/**
 * Inputs of the preload's file-save and print helpers, checked in the main process before anything
 * opens a dialog or a window. Plain functions (no electron) so unit tests can check them.
 */
import { z } from 'zod';
import { reportInputSchema } from './contract';
import { describeErrors, fieldErrors } from './schemas';

/** Only the app's own print route, e.g. `print/orgs?regionId=3&pdf=1`. */
export const LEDGER_ROUTE = /^print\/[A-Za-z]+(\?[A-Za-z0-9=&%._-]*)?$/;

const fileName = z
  .string()
  .trim()
  .min(1)
  .max(150)
  // A suggested name only: no folders, nothing a file system would refuse.
  .refine((s) => !/[\\/:*?"<>|]/.test(s) && [...s].every((ch) => ch.charCodeAt(0) >= 0x20), '文件名含有不允许的字符');

export const printJobSchema = z.object({
  route: z.string().max(500).regex(LEDGER_ROUTE, '只能打印本程序的台账'),
  orientation: z.enum(['portrait', 'landscape']),
  name: fileName,
});

export const saveFileSchema = z.object({
  name: fileName,
  base64: z
    .string()
    .max(200_000_000)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件内容无效'),
});

export type PrintJob = z.infer<typeof printJobSchema>;

export type ReportExport = z.infer<typeof reportInputSchema>;

/**
 * The ledger and filters the desktop app exports as .xlsx: checked before the save dialog opens; the
 * main process builds the file and writes it where the clerk chose, the page never holds the bytes.
 */
export function parseReportExport(input: unknown): ReportExport {
  const r = reportInputSchema.safeParse(input);
  if (!r.success) throw new Error(`无法导出：${describeErrors(fieldErrors(r.error))}`);
  return r.data;
}

export const HELPER_CHANNELS = {
  saveFile: 'shell:save-file',
  printLedger: 'shell:print-ledger',
  savePdf: 'shell:save-pdf',
  saveReportXlsx: 'shell:save-report-xlsx',
} as const;
