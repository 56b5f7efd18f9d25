/**
 * The only bridge between the page and the main process. It exposes `window.api` with
 * `invoke(channel, input)` for the contract's channels, the file-save and print helpers, and
 * `onPageCommand` for menu commands, and nothing of Node.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { type ApiResult, channels, type Input } from '../shared/contract';
import { isPageCommand, type PageCommand } from '../shared/pageCommands';
import { HELPER_CHANNELS } from '../shared/shellHelpers';

const allowed = new Set<string>(channels);

export const api = {
  invoke(channel: string, input: unknown): Promise<ApiResult<unknown>> {
    if (typeof channel !== 'string' || !allowed.has(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown_channel', message: `没有名为“${String(channel)}”的接口` } });
    }
    return ipcRenderer.invoke(channel, input);
  },
  /** Offers bytes as a file through the system save dialog (.xlsx exports). */
  saveFile(input: { name: string; base64: string }) {
    return ipcRenderer.invoke(HELPER_CHANNELS.saveFile, input);
  },
  /** A ledger's .xlsx, built by the main process and written where the clerk chooses in the save dialog. */
  saveReportXlsx(input: Input<'reports.xlsx'>) {
    return ipcRenderer.invoke(HELPER_CHANNELS.saveReportXlsx, input);
  },
  /** The system print dialog for a ledger's print route. */
  printLedger(job: { route: string; orientation: string; name: string }) {
    return ipcRenderer.invoke(HELPER_CHANNELS.printLedger, job);
  },
  /** printToPDF of a ledger's print route, saved where the clerk chooses. */
  savePdf(job: { route: string; orientation: string; name: string }) {
    return ipcRenderer.invoke(HELPER_CHANNELS.savePdf, job);
  },
  /** 另存到…: a backup written where the clerk picks in the save dialog (the main process keeps the path). */
  backupToFile() {
    return ipcRenderer.invoke(HELPER_CHANNELS.backupTo);
  },
  /** 从文件恢复…, step one: the open dialog, and the picked file's inspection. */
  pickRestoreFile() {
    return ipcRenderer.invoke(HELPER_CHANNELS.pickRestore);
  },
  /** Step two, once the clerk confirmed: restores the file picked in step one. */
  restorePicked() {
    return ipcRenderer.invoke(HELPER_CHANNELS.restorePicked);
  },
  /** Menu items for page shortcuts (新建, 查找, 打印, 导出) arrive here; returns an unsubscribe function. */
  onPageCommand(listener: (command: PageCommand) => void) {
    const handler = (_event: unknown, command: unknown) => {
      if (isPageCommand(command)) listener(command);
    };
    ipcRenderer.on('page-command', handler);
    return () => {
      ipcRenderer.removeListener('page-command', handler);
    };
  },
};

contextBridge.exposeInMainWorld('api', api);
