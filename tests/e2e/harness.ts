/**
 * Browser mode for e2e tests: a fresh ledger (the demo county) served by `out/main/web.js` on a free
 * port with a fixed "today", and Debian's Chromium driving it. Screenshots go under test-output/e2e/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type APIResponse, type Browser, chromium, type Page } from 'playwright-core';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/main/core/services/demoAccounts';
import type { RoleCode } from '../../src/shared/domain/roles';
import { spawnWebServer } from '../helpers/webServer';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * POSTs to the browser-mode API from the test's side (shares the page's cookies). Node's server drops a
 * keep-alive connection after 5 s idle; when a request goes out on such a socket just as it closes,
 * playwright reports ECONNRESET where a browser would quietly retry. Retry once, as a browser does: the
 * server never saw the request.
 */
export async function postApi(page: Page, url: string, data: unknown): Promise<APIResponse> {
  try {
    return await page.request.post(url, { data });
  } catch (e) {
    if (!/ECONNRESET|socket hang up/.test(String(e))) throw e;
    return await page.request.post(url, { data });
  }
}

export interface App {
  base: string;
  page: Page;
  /** Calls a channel of the browser-mode API directly (fixtures and checks beside what the clerk does). */
  call<T>(channel: string, input: unknown): Promise<T>;
  /**
   * Signs the browser in as the demo account of a role (the session cookie is shared by the page and
   * `call`), or signs out with null. The page is not reloaded.
   */
  signIn(role: RoleCode | null): Promise<void>;
  /** Saves a full-page screenshot numbered in the order taken. */
  snap(name: string): Promise<void>;
  close(): Promise<void>;
}

export interface StartOptions {
  /** The demo account the browser is signed in as before the test starts (default 县级经办); null: none. */
  role?: RoleCode | null;
  /**
   * The server edition (`out/main/server.js`) on this database (a postgres:// URL), loaded with the demo
   * county, instead of browser mode on a SQLite file.
   */
  database?: string;
}

export async function startApp(name: string, today = '2026-11-25', options: StartOptions = {}): Promise<App> {
  const out = path.resolve('test-output/e2e', name);
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `e2e-${name}-`));
  const { server, base } = options.database
    ? await spawnWebServer(['--database', options.database, '--port', '0', '--demo', '--today', today], {
        entry: ['out/main/server.js'],
        stderr: 'inherit',
      })
    : await spawnWebServer(['--port', '0', '--data', path.join(dir, 'ledger.sqlite'), '--today', today], {
        stderr: 'inherit',
      });
  const browser: Browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  let shot = 0;
  async function signIn(role: RoleCode | null) {
    await signInAs(role);
    // A page already open keeps the account it was loaded with (a hash change is no reload).
    if (page.url().startsWith(base)) await page.reload();
  }
  async function signInAs(role: RoleCode | null) {
    await postApi(page, `${base}/api/auth.logout`, {});
    if (!role) return;
    const account = DEMO_ACCOUNTS.find((a) => a.role === role);
    const res = await postApi(page, `${base}/api/auth.login`, { userName: account?.userName, password: DEMO_PASSWORD });
    const body = (await res.json()) as { ok: boolean; error?: { message: string } };
    if (!body.ok) throw new Error(`登录失败：${body.error?.message}`);
  }
  await signInAs(options.role === undefined ? 'county' : options.role);
  return {
    base,
    page,
    signIn,
    async call<T>(channel: string, input: unknown): Promise<T> {
      const res = await postApi(page, `${base}/api/${channel}`, input);
      const body = (await res.json()) as { ok: boolean; data: T; error?: { message: string } };
      if (!body.ok) throw new Error(`${channel}: ${body.error?.message}`);
      return body.data;
    },
    async snap(label: string) {
      shot++;
      await page.screenshot({ path: path.join(out, `${String(shot).padStart(2, '0')}-${label}.png`), fullPage: true });
    },
    async close() {
      await browser.close();
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
      fs.rmSync(dir, { recursive: true, force: true });
      if (errors.length) throw new Error(`页面脚本出错：${errors.join('\n')}`);
    },
  };
}
