/**
 * Printing a ledger from the desktop app: its print route is loaded in a hidden window with the same
 * hardened settings, then sent to the system print dialog or to printToPDF with the page settings
 * shared with the tests (src/shared/reports/page.ts). Files are written only where the clerk chose.
 */
import fs from 'node:fs/promises';
import { BrowserWindow, dialog, type WebContents } from 'electron';
import { electronPdfOptions } from '../../shared/reports/page';
import type { PrintJob } from '../../shared/shellHelpers';
import { preloadFile, rendererIndex } from './paths';
import { guardNavigation, webPreferences } from './security';

async function whenReady(wc: WebContents, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ready = await wc.executeJavaScript(`!!document.querySelector('[data-ready="1"]') && document.fonts.status === 'loaded'`, true);
    if (ready) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('台账页面加载超时');
}

async function withLedgerWindow<T>(job: PrintJob, devServerUrl: string | undefined, fn: (wc: WebContents) => Promise<T>): Promise<T> {
  const hidden = new BrowserWindow({
    show: false,
    webPreferences: {
      ...webPreferences(preloadFile),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  hidden.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // It shows one ledger and goes nowhere else.
  guardNavigation(hidden.webContents, () => false);
  try {
    if (devServerUrl) await hidden.loadURL(`${devServerUrl}#/${job.route}`);
    else await hidden.loadFile(rendererIndex, { hash: `/${job.route}` });
    await whenReady(hidden.webContents);
    return await fn(hidden.webContents);
  } finally {
    hidden.destroy();
  }
}

export function printLedger(job: PrintJob, devServerUrl?: string): Promise<{ printed: boolean }> {
  return withLedgerWindow(
    job,
    devServerUrl,
    (wc) =>
      new Promise((resolve, reject) => {
        wc.print({ silent: false, printBackground: true, landscape: job.orientation === 'landscape', pageSize: 'A4' }, (ok, reason) => {
          if (ok || reason === 'cancelled') resolve({ printed: ok });
          else reject(new Error(`打印失败：${reason}`));
        });
      }),
  );
}

export async function savePdf(
  parent: BrowserWindow | null,
  job: PrintJob,
  devServerUrl?: string,
): Promise<{ saved: boolean; file?: string }> {
  const choice = await (parent
    ? dialog.showSaveDialog(parent, { defaultPath: `${job.name}.pdf`, filters: [{ name: 'PDF 文件', extensions: ['pdf'] }] })
    : dialog.showSaveDialog({ defaultPath: `${job.name}.pdf`, filters: [{ name: 'PDF 文件', extensions: ['pdf'] }] }));
  if (choice.canceled || !choice.filePath) return { saved: false };
  const file = choice.filePath;
  const bytes = await withLedgerWindow(job, devServerUrl, (wc) => wc.printToPDF(electronPdfOptions(job.orientation)));
  await fs.writeFile(file, bytes);
  return { saved: true, file };
}

export async function saveFile(parent: BrowserWindow | null, name: string, base64: string): Promise<{ saved: boolean; file?: string }> {
  const ext = name.split('.').pop() ?? '';
  const filters = ext === 'xlsx' ? [{ name: 'Excel 工作簿', extensions: ['xlsx'] }] : [];
  const choice = await (parent
    ? dialog.showSaveDialog(parent, { defaultPath: name, filters })
    : dialog.showSaveDialog({ defaultPath: name, filters }));
  if (choice.canceled || !choice.filePath) return { saved: false };
  await fs.writeFile(choice.filePath, Buffer.from(base64, 'base64'));
  return { saved: true, file: choice.filePath };
}
