import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { Inflight } from '../../src/main/electron/inflight';
import { menuTemplate } from '../../src/main/electron/menu';
import {
  CONTENT_SECURITY_POLICY,
  guardNavigation,
  isAppUrl,
  NAVIGATION_EVENTS,
  permissionAllowed,
  webPreferences,
} from '../../src/main/electron/security';
import { DEFAULT_BOUNDS, restoreBounds } from '../../src/main/electron/windowState';
import { channels } from '../../src/shared/contract';
import { HELPER_CHANNELS, printJobSchema, saveFileSchema } from '../../src/shared/shellHelpers';

// Electron cannot be launched on the build machines; these check the shell's parts one by one
// against Electron's security checklist (https://www.electronjs.org/docs/latest/tutorial/security).

describe('window web preferences', () => {
  const p = webPreferences('/app/out/preload/index.cjs');
  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webviewTag', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['experimentalFeatures', false],
    ['enableBlinkFeatures', ''],
    ['disableBlinkFeatures', 'Auxclick'],
    ['navigateOnDragDrop', false],
  ] as const)('%s is %s', (key, value) => {
    expect(p[key]).toBe(value);
  });
  it('loads the CommonJS preload, which a sandboxed window can run', () => {
    expect(p.preload).toMatch(/\.cjs$/);
  });
});

describe('Content-Security-Policy', () => {
  const directives = Object.fromEntries(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );
  it('allows nothing but the app itself', () => {
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
  });
  it('has no eval, no remote origin, no wildcard', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*|wasm-unsafe|blob:/);
  });
  it('matches the policy in the page itself and in the browser-mode server', async () => {
    const fs = await import('node:fs');
    const html = fs.readFileSync('src/renderer/index.html', 'utf8');
    expect(html).toContain(`content="${CONTENT_SECURITY_POLICY}"`);
    expect(fs.readFileSync('src/main/web/server.ts', 'utf8')).toContain('CONTENT_SECURITY_POLICY');
  });
});

describe('navigation guard and IPC sender check', () => {
  const dir = '/opt/两新党建台账/resources/app.asar/out/renderer';
  it('accepts the app’s own pages', () => {
    expect(isAppUrl(`file://${encodeURI(dir)}/index.html`, dir)).toBe(true);
    expect(isAppUrl(`file://${encodeURI(dir)}/index.html#/orgs/12`, dir)).toBe(true);
    expect(isAppUrl('file:///C:/Program%20Files/app/out/renderer/index.html', 'C:\\Program Files\\app\\out\\renderer')).toBe(true);
  });
  it.each([
    'https://example.com/',
    'http://127.0.0.1:5173/',
    'file:///etc/passwd',
    `file://${dir}/../../secret.html`,
    `file://${dir}-evil/index.html`,
    'javascript:alert(1)',
    'devtools://devtools/bundled/inspector.html',
    '',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url, dir)).toBe(false);
  });
  it('accepts the development server only on loopback and only when one is set', () => {
    expect(isAppUrl('http://localhost:5173/#/orgs', dir, 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', dir, 'http://localhost:5173')).toBe(false);
    expect(isAppUrl('http://10.0.0.8:5173/', dir, 'http://10.0.0.8:5173')).toBe(false);
  });
});

describe('navigation, redirect and frame-navigation guards', () => {
  const dir = '/opt/app/out/renderer';
  const guarded = () => {
    const contents = new EventEmitter();
    guardNavigation(contents, (url) => isAppUrl(url, dir));
    return contents;
  };
  const navigate = (contents: EventEmitter, name: string, url: string, urlOnEventOnly = false) => {
    const event = { url, preventDefault: vi.fn() };
    if (urlOnEventOnly) contents.emit(name, event);
    else contents.emit(name, event, url, false, true);
    return event.preventDefault.mock.calls.length > 0;
  };
  it('listens to will-navigate, will-redirect and will-frame-navigate', () => {
    const contents = guarded();
    expect(NAVIGATION_EVENTS).toEqual(['will-navigate', 'will-redirect', 'will-frame-navigate']);
    for (const name of NAVIGATION_EVENTS) expect(contents.listenerCount(name), name).toBe(1);
  });
  it.each(NAVIGATION_EVENTS)('%s to another site or file is cancelled; the app’s own page is not', (name) => {
    const contents = guarded();
    expect(navigate(contents, name, 'https://example.com/')).toBe(true);
    expect(navigate(contents, name, 'file:///etc/passwd', true)).toBe(true);
    expect(navigate(contents, name, '')).toBe(true);
    expect(navigate(contents, name, `file://${dir}/index.html#/orgs`)).toBe(false);
    expect(navigate(contents, name, `file://${dir}/index.html`, true)).toBe(false);
  });
  it('is the guard the window uses', async () => {
    const fs = await import('node:fs');
    expect(fs.readFileSync('src/main/electron/main.ts', 'utf8')).toMatch(/guardNavigation\(win\.webContents/);
    // The hidden window that prints a ledger goes nowhere at all.
    expect(fs.readFileSync('src/main/electron/printing.ts', 'utf8')).toMatch(/guardNavigation\(hidden\.webContents, \(\) => false\)/);
  });
});

describe('permission requests', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'usb'])('%s is denied', (perm) => {
    expect(permissionAllowed(perm)).toBe(false);
  });
});

describe('remembered window bounds', () => {
  const screens = [{ x: 0, y: 0, width: 1920, height: 1040 }];
  it('restores saved bounds on a present screen', () => {
    expect(restoreBounds({ x: 100, y: 50, width: 1300, height: 800, maximized: true }, screens)).toEqual({
      x: 100,
      y: 50,
      width: 1300,
      height: 800,
      maximized: true,
    });
  });
  it('drops a position on a screen that is gone, and enforces the minimum size', () => {
    expect(restoreBounds({ x: 2500, y: 50, width: 600, height: 400 }, screens)).toEqual({ width: 1100, height: 700, maximized: false });
  });
  it('falls back to the default for garbage', () => {
    expect(restoreBounds(null, screens)).toEqual(DEFAULT_BOUNDS);
    expect(restoreBounds({ width: 'x' }, screens)).toEqual(DEFAULT_BOUNDS);
  });
});

describe('quitting waits for writes under way', () => {
  it('idle resolves only after running calls finish', async () => {
    const f = new Inflight();
    let release: () => void = () => {};
    const call = f.run(() => new Promise<string>((r) => (release = () => r('done'))));
    let idle = false;
    const waiting = f.idle().then(() => {
      idle = true;
    });
    await Promise.resolve();
    expect(f.busy).toBe(true);
    expect(idle).toBe(false);
    release();
    expect(await call).toBe('done');
    await waiting;
    expect(idle).toBe(true);
    expect(f.busy).toBe(false);
  });
});

describe('application menu', () => {
  const template = menuTemplate({ pageCommand: () => {}, openDataDir: () => {}, about: () => {} });
  it('is in Chinese: 文件 / 编辑 / 视图 / 帮助', () => {
    expect(template.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '帮助']);
  });
  it('offers the page shortcuts without stealing the keys from the page', () => {
    const items = template.flatMap((m) => (Array.isArray(m.submenu) ? m.submenu : []));
    const byAccel = Object.fromEntries(items.filter((i) => i.accelerator).map((i) => [i.accelerator, i]));
    for (const key of ['CmdOrCtrl+N', 'CmdOrCtrl+F', 'CmdOrCtrl+P', 'CmdOrCtrl+E']) {
      expect(byAccel[key], key).toBeDefined();
      expect(byAccel[key]?.registerAccelerator).toBe(false);
    }
    expect(items.some((i) => i.label === '打开数据目录')).toBe(true);
    expect(items.some((i) => i.label === '关于两新党建台账')).toBe(true);
    for (const i of items) if (i.label) expect(i.label).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('save and print helpers', () => {
  const job = (route: string) => ({ route, orientation: 'landscape', name: '两新组织党建工作台账' });
  it('print only the app’s own ledger routes', () => {
    expect(printJobSchema.safeParse(job('print/orgs?regionId=3&pdf=1')).success).toBe(true);
    for (const bad of [
      'https://example.com/',
      'file:///etc/passwd',
      'print/../../etc',
      'print/orgs#x',
      '//evil/print/orgs',
      'orgs',
      'print/orgs?x=<script>',
    ]) {
      expect(printJobSchema.safeParse(job(bad)).success, bad).toBe(false);
    }
    expect(printJobSchema.safeParse({ ...job('print/orgs'), orientation: 'sideways' }).success).toBe(false);
  });
  it('suggest file names without folders and accept only base64 content', () => {
    expect(saveFileSchema.safeParse({ name: '党组织台账（2026-11-25）.xlsx', base64: 'UEsDBA==' }).success).toBe(true);
    for (const name of ['../a.xlsx', 'C:\\x.xlsx', '/tmp/a.xlsx', 'a|b.xlsx', '']) {
      expect(saveFileSchema.safeParse({ name, base64: 'UEsDBA==' }).success, name).toBe(false);
    }
    expect(saveFileSchema.safeParse({ name: 'a.xlsx', base64: 'not base64!' }).success).toBe(false);
  });
});

describe('preload', () => {
  it('exposes exactly invoke, the save and print helpers and onPageCommand; invoke only the contract’s channels', async () => {
    const exposed: Record<string, unknown> = {};
    const invoked: string[] = [];
    const forwarded = new Map<string, unknown[]>();
    vi.doMock('electron', () => ({
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
      ipcRenderer: {
        invoke: (channel: string, ...args: unknown[]) => {
          invoked.push(channel);
          forwarded.set(channel, args);
          return Promise.resolve({ ok: true, data: null });
        },
        on: () => {},
        removeListener: () => {},
      },
    }));
    await import('../../src/preload/index');
    expect(Object.keys(exposed)).toEqual(['api']);
    const api = exposed.api as Record<string, (i: unknown, j?: unknown) => Promise<unknown>> & {
      invoke(c: string, i: unknown): Promise<unknown>;
    };
    expect(Object.keys(api).sort()).toEqual([
      'backupToFile',
      'invoke',
      'onPageCommand',
      'pickRestoreFile',
      'printLedger',
      'restorePicked',
      'saveFile',
      'savePdf',
      'saveReportXlsx',
    ]);
    for (const c of channels) await api.invoke(c, {});
    expect(invoked).toEqual(channels);
    expect(await api.invoke('fs.readFile', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(invoked).toHaveLength(channels.length);
    // The helpers reach only their own fixed channels, whatever they are given.
    await api.saveFile?.({ name: 'a.xlsx', base64: '' });
    await api.printLedger?.({ route: 'print/orgs', orientation: 'landscape', name: 'x' });
    await api.savePdf?.({ route: 'print/orgs', orientation: 'landscape', name: 'x' });
    // The backup dialogs pass nothing on: the main process picks the path, never the page.
    for (const helper of ['backupToFile', 'pickRestoreFile', 'restorePicked']) await api[helper]?.('/etc/passwd');
    for (const c of [HELPER_CHANNELS.backupTo, HELPER_CHANNELS.pickRestore, HELPER_CHANNELS.restorePicked])
      expect(forwarded.get(c)).toEqual([]);
    await api.saveReportXlsx?.({ report: 'orgs', filters: {} });
    expect(invoked.slice(channels.length)).toEqual(Object.values(HELPER_CHANNELS));
    vi.doUnmock('electron');
  });
});
