/**
 * What differs between the desktop app and browser mode, in one place: saving a file, printing a
 * ledger, saving it as PDF. Electron goes through the preload's helpers (system dialogs, a hidden
 * window printing the ledger's own route); the browser downloads and prints the current page.
 */
import { type Input, MAX_FILE_MB } from '../../shared/contract';
import { ApiCallError, invoke } from './api';

export interface LedgerPrintJob {
  /** The print route, e.g. `print/orgs?regionId=3`. */
  route: string;
  orientation: 'portrait' | 'landscape';
  /** Suggested file name without extension. */
  name: string;
}

export interface ShellHelpers {
  saveFile(input: { name: string; base64: string }): Promise<{ saved: boolean; file?: string }>;
  printLedger(job: LedgerPrintJob): Promise<{ printed: boolean }>;
  savePdf(job: LedgerPrintJob): Promise<{ saved: boolean; file?: string }>;
  saveReportXlsx(input: Input<'reports.xlsx'>): Promise<{ saved: boolean; file?: string }>;
}

const shell = (): ShellHelpers | null => window.api ?? null;

export const isDesktop = () => shell() != null;

/** Offers the bytes as a file: the save dialog in Electron, a download in the browser. */
export async function saveFile(name: string, base64: string): Promise<{ saved: boolean; file?: string }> {
  const s = shell();
  if (s) return s.saveFile({ name, base64 });
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes]));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { saved: true, file: name };
}

/**
 * A ledger's .xlsx: in Electron the main process asks where to save and writes the file there itself
 * (the bytes never pass through the page); the browser downloads it.
 */
export async function exportReportXlsx(input: Input<'reports.xlsx'>): Promise<{ saved: boolean; file?: string }> {
  const s = shell();
  if (s) return s.saveReportXlsx(input);
  const x = await invoke('reports.xlsx', input);
  return saveFile(x.fileName, x.base64);
}

/** The system print dialog for the ledger. In the browser the 报表 page prints itself (only the paper shows). */
export async function printLedger(job: LedgerPrintJob): Promise<void> {
  const s = shell();
  if (s) {
    await s.printLedger(job);
    return;
  }
  window.print();
}

/** Electron only: printToPDF with the shared page settings, then a save dialog. */
export async function savePdf(job: LedgerPrintJob): Promise<{ saved: boolean; file?: string }> {
  const s = shell();
  if (!s) throw new Error('浏览器模式下请用“打印”，在打印对话框中选择“另存为PDF”');
  return s.savePdf(job);
}

/** A picked file's bytes as base64, for the import and exchange channels; reports reading progress. */
export function readFileBase64(file: File, onProgress?: (percent: number) => void): Promise<string> {
  // Said before reading, so a 300 MB file neither fills the page's memory nor travels to be refused.
  if (file.size > MAX_FILE_MB * 1024 * 1024) {
    const message = `文件过大：不能超过${MAX_FILE_MB}MB（所选文件约${Math.ceil(file.size / 1024 / 1024)}MB），请分成几个文件`;
    return Promise.reject(new ApiCallError({ code: 'invalid_input', message }));
  }
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.(Math.round((e.loaded / e.total) * 100));
    };
    reader.onerror = () => reject(new ApiCallError({ code: 'invalid_input', message: '无法读取该文件，请确认文件未被其他程序占用' }));
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.readAsDataURL(file);
  });
}
