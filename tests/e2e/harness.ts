/**
 * Browser mode for e2e tests: a fresh ledger (the demo county) served by `out/main/web.js` on a free
 * port with a fixed "today", and Debian's Chromium driving it. Screenshots go under test-output/e2e/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
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

export interface App {
  base: string;
  page: Page;
  /** Calls a channel of the browser-mode API directly (fixtures and checks beside what the clerk does). */
  call<T>(channel: string, input: unknown): Promise<T>;
  /** Saves a full-page screenshot numbered in the order taken. */
  snap(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function startApp(name: string, today = '2026-11-25'): Promise<App> {
  const out = path.resolve('test-output/e2e', name);
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `e2e-${name}-`));
  const { server, base } = await spawnWebServer(['--port', '0', '--data', path.join(dir, 'ledger.sqlite'), '--today', today], {
    stderr: 'inherit',
  });
  const browser: Browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  let shot = 0;
  return {
    base,
    page,
    async call<T>(channel: string, input: unknown): Promise<T> {
      const res = await page.request.post(`${base}/api/${channel}`, { data: input });
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
