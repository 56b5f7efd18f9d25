/**
 * Electron entry: single instance, one hardened window, the ledger in the user-data folder,
 * errors logged to a file there and shown to the clerk in Chinese.
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, screen, session, shell } from 'electron';
import log from 'electron-log/main';
import type { Channel } from '../../shared/contract';
import { channels } from '../../shared/contract';
import type { PageCommand } from '../../shared/pageCommands';
import { HELPER_CHANNELS, parseReportExport, printJobSchema, saveFileSchema } from '../../shared/shellHelpers';
import { createBackup } from '../core/backup';
import { withCaller } from '../core/caller';
import type { Ctx } from '../core/context';
import { requireCaller } from '../core/services/accounts';
import { warmOrgIndex } from '../core/services/orgIndex';
import { startLedger } from '../core/startup';
import { dispatch, type Transport } from '../handlers';
import { backupToPicked, pickRestoreFile, restorePicked } from './backupDialogs';
import { Inflight } from './inflight';
import { menuTemplate } from './menu';
import { electronNativeBinding, preloadFile, rendererDir, rendererIndex } from './paths';
import { printLedger, saveFile, savePdf } from './printing';
import { saveReportXlsx } from './reportExport';
import { CONTENT_SECURITY_POLICY, guardNavigation, isAppUrl, permissionAllowed, webPreferences } from './security';
import { MIN_SIZE, readSavedBounds, restoreBounds, saveBounds } from './windowState';

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const inflight = new Inflight();
let ctx: Ctx | null = null;
let win: BrowserWindow | null = null;
let quitting = false;
/**
 * The signed-in account's session (issue #14). One PC, one window and its print windows, one clerk at a
 * time: the main process holds the id and the page never sees it.
 */
const desk: Transport = {
  keepSession(id) {
    desk.sessionId = id ?? undefined;
  },
};

log.initialize();
log.transports.file.level = 'info';

function fail(title: string, e: unknown) {
  log.error(title, e);
  const detail = e instanceof Error ? e.message : String(e);
  dialog.showErrorBox(title, `${detail}\n\n详细信息已写入日志：${log.transports.file.getFile().path}`);
}

process.on('uncaughtException', (e) => fail('程序出错', e));
process.on('unhandledRejection', (e) => fail('程序出错', e));

function dataFile() {
  return path.join(app.getPath('userData'), 'ledger.sqlite');
}

function createWindow() {
  const stateFile = path.join(app.getPath('userData'), 'window-state.json');
  const bounds = restoreBounds(
    readSavedBounds(stateFile),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  win = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: '两新党建台账',
    show: false,
    // Spelled out here as well so that a reader (and electronegativity) sees them at the window.
    webPreferences: {
      ...webPreferences(preloadFile),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  if (bounds.maximized) win.maximize();
  win.once('ready-to-show', () => win?.show());
  win.on('close', () => {
    if (win) saveBounds(stateFile, { ...win.getNormalBounds(), maximized: win.isMaximized() });
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  guardNavigation(win.webContents, (url) => isAppUrl(url, rendererDir, devServerUrl));
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.webContents.on('render-process-gone', (_e, details) => {
    if (details.reason !== 'clean-exit') fail('页面意外退出', new Error(`原因：${details.reason}。请重新打开程序，已保存的数据不受影响。`));
  });
  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadFile(rendererIndex);
}

function bindIpc() {
  for (const channel of channels) {
    ipcMain.handle(channel, (event, input) => {
      if (!isAppUrl(event.senderFrame?.url ?? '', rendererDir, devServerUrl)) {
        log.warn(`refused ${channel} from ${event.senderFrame?.url}`);
        return { ok: false, error: { code: 'internal', message: '拒绝来自非本程序页面的请求' } };
      }
      const current = ctx;
      if (!current) return { ok: false, error: { code: 'internal', message: '数据库尚未打开' } };
      return inflight.run(() => dispatch(current, channel, input, (c, e) => log.error(`处理 ${c} 出错`, e), desk));
    });
  }
}

/** The preload's file-save and print helpers: same sender check, inputs parsed before any dialog opens. */
function bindHelpers() {
  const guarded =
    <T>(name: string, run: (input: unknown) => Promise<T>) =>
    async (event: Electron.IpcMainInvokeEvent, input: unknown) => {
      if (!isAppUrl(event.senderFrame?.url ?? '', rendererDir, devServerUrl)) {
        log.warn(`refused ${name} from ${event.senderFrame?.url}`);
        throw new Error('拒绝来自非本程序页面的请求');
      }
      try {
        return await run(input);
      } catch (e) {
        log.error(`${name} 出错`, e);
        throw new Error(e instanceof Error ? e.message : String(e));
      }
    };
  ipcMain.handle(
    HELPER_CHANNELS.saveFile,
    guarded(HELPER_CHANNELS.saveFile, (input) => {
      const f = saveFileSchema.parse(input);
      return saveFile(win, f.name, f.base64);
    }),
  );
  ipcMain.handle(
    HELPER_CHANNELS.printLedger,
    guarded(HELPER_CHANNELS.printLedger, (input) => printLedger(printJobSchema.parse(input), devServerUrl)),
  );
  ipcMain.handle(
    HELPER_CHANNELS.savePdf,
    guarded(HELPER_CHANNELS.savePdf, (input) => savePdf(win, printJobSchema.parse(input), devServerUrl)),
  );
  /** A helper that works on the ledger does so as the signed-in account, with the rights of `as`. */
  const withLedger = <T>(name: string, as: Channel, run: (current: Ctx, logError: (e: unknown) => void) => Promise<T>) =>
    guarded(name, async () => {
      const current = ctx;
      if (!current) return { ok: false, error: { code: 'internal', message: '数据库尚未打开' } };
      const caller = await requireCaller(current, desk.sessionId, as);
      return inflight.run(() => withCaller(caller, () => run(current, (e) => log.error(`${name} 出错`, e))));
    });
  ipcMain.handle(
    HELPER_CHANNELS.backupTo,
    withLedger(HELPER_CHANNELS.backupTo, 'backup.create', (c, l) => backupToPicked(win, c, l)),
  );
  ipcMain.handle(
    HELPER_CHANNELS.pickRestore,
    withLedger(HELPER_CHANNELS.pickRestore, 'backup.restore', (c, l) => pickRestoreFile(win, c, l)),
  );
  ipcMain.handle(
    HELPER_CHANNELS.restorePicked,
    withLedger(HELPER_CHANNELS.restorePicked, 'backup.restore', (c, l) => restorePicked(c, l)),
  );
  ipcMain.handle(
    HELPER_CHANNELS.saveReportXlsx,
    guarded(HELPER_CHANNELS.saveReportXlsx, async (input) => {
      const job = parseReportExport(input);
      const current = ctx;
      if (!current) throw new Error('数据库尚未打开');
      const caller = await requireCaller(current, desk.sessionId, 'reports.xlsx');
      // Quitting waits for the file to be finished, as it waits for writes to the ledger.
      return inflight.run(() => withCaller(caller, () => saveReportXlsx(win, current, job)));
    }),
  );
}

function sendPageCommand(command: PageCommand) {
  win?.webContents.send('page-command', command);
}

async function start() {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  await app.whenReady();
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(permissionAllowed(permission)));
  session.defaultSession.setPermissionCheckHandler((_wc, permission) => permissionAllowed(permission));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  const file = dataFile();
  try {
    // An installed app starts on an empty ledger and asks for the administrator (no default password);
    // `npm start` / `npm run dev` show the demo county with its demo accounts, as browser mode does.
    const seed = !app.isPackaged || process.env.LEDGER_DEMO === '1';
    ({ ctx } = await startLedger({ file, nativeBinding: electronNativeBinding(app.isPackaged), seed }));
    log.info(`ledger opened: ${file}`);
  } catch (e) {
    fail('无法打开数据库', new Error(`数据文件：${file}\n${e instanceof Error ? e.message : String(e)}`));
    app.quit();
    return;
  }
  bindIpc();
  bindHelpers();
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        pageCommand: sendPageCommand,
        openDataDir: () => void shell.openPath(path.dirname(file)),
        about: () =>
          void dialog.showMessageBox({
            type: 'info',
            title: '关于',
            message: `两新党建台账 ${app.getVersion()}`,
            detail: `数据文件：${file}\n日志文件：${log.transports.file.getFile().path}`,
            buttons: ['确定'],
          }),
      }),
    ),
  );
  createWindow();
  // While the window loads the page, the organization index its first list needs is built.
  warmOrgIndex(ctx).catch((e) => log.error('预先整理组织索引失败', e));
}

app.on('window-all-closed', () => app.quit());

// A write under way finishes before the ledger closes.
app.on('before-quit', (event) => {
  if (quitting) return;
  event.preventDefault();
  quitting = true;
  void inflight
    .idle()
    .then(async () => {
      if (!ctx) return;
      await createBackup(ctx, 'exit').catch((e) => log.error('退出备份失败', e));
      await ctx.ledger.close();
    })
    .catch((e) => log.error('关闭数据库出错', e))
    .finally(() => app.exit(0));
});

void start();
