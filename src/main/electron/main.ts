/** Electron entry: single instance, one hardened window, the ledger in the user-data folder. */
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, session, shell } from 'electron';
import { channels } from '../../shared/contract';
import type { Ctx } from '../core/context';
import { startLedger } from '../core/startup';
import { dispatch } from '../handlers';
import { buildMenu } from './menu';
import { electronNativeBinding, preloadFile, rendererDir, rendererIndex } from './paths';
import { CONTENT_SECURITY_POLICY, isAppUrl, permissionAllowed, webPreferences } from './security';

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
let ctx: Ctx | null = null;
let win: BrowserWindow | null = null;

function logError(where: string, e: unknown) {
  console.error(`[${new Date().toISOString()}] ${where}:`, e);
}

function createWindow() {
  win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1100,
    minHeight: 700,
    title: '两新党建台账',
    show: false,
    webPreferences: webPreferences(preloadFile),
  });
  win.once('ready-to-show', () => win?.show());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, rendererDir, devServerUrl)) event.preventDefault();
  });
  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadFile(rendererIndex);
}

function bindIpc() {
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, input) => {
      const frameUrl = event.senderFrame?.url ?? '';
      if (!isAppUrl(frameUrl, rendererDir, devServerUrl)) {
        return { ok: false, error: { code: 'internal', message: '拒绝来自非本程序页面的请求' } };
      }
      if (!ctx) return { ok: false, error: { code: 'internal', message: '数据库尚未打开' } };
      return dispatch(ctx, channel, input, logError);
    });
  }
}

async function start() {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  await app.whenReady();
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(permissionAllowed(permission)));
  session.defaultSession.setPermissionCheckHandler((_wc, permission) => permissionAllowed(permission));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  const file = path.join(app.getPath('userData'), 'ledger.sqlite');
  try {
    ({ ctx } = await startLedger({ file, nativeBinding: electronNativeBinding(app.isPackaged) }));
  } catch (e) {
    logError('打开数据库', e);
    dialog.showErrorBox('无法打开数据库', `数据文件：${file}\n${e instanceof Error ? e.message : String(e)}`);
    app.quit();
    return;
  }
  bindIpc();
  Menu.setApplicationMenu(buildMenu({ dataFile: file, openDataDir: () => shell.openPath(path.dirname(file)) }));
  createWindow();
}

app.on('window-all-closed', () => {
  app.quit();
});
app.on('will-quit', () => {
  void ctx?.ledger.close();
});
process.on('uncaughtException', (e) => {
  logError('未捕获的错误', e);
  dialog.showErrorBox('程序出错', `发生了未预料的错误，详情已记录。\n${e.message}`);
});

void start();
