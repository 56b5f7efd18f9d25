/**
 * How long a 2,000-row ledger takes to become paper, in a ledger of 100,000 organizations: browser
 * mode (out/main/web.js, so `npm run build` first) serves it, Chromium opens the print route (the
 * rows arrive, React renders them, the paginator measures and cuts the sheets) and prints it with the
 * shared page settings. Figures printed, never asserted: the machines are shared and noisy.
 *
 *   npx tsx scripts/benchPrint.ts [organizations] [rows]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { createContext } from '../src/main/core/context';
import { openLedger } from '../src/main/core/db';
import { chromiumPdfOptions } from '../src/shared/reports/page';
import { CHROMIUM_ARGS } from '../tests/e2e/harness';
import { spawnWebServer } from '../tests/helpers/webServer';
import { testSession } from '../tests/integration/helpers/sessions';
import { fillLedger } from './benchLedger';

/** `total` organizations, the first `rows` of them in 第1镇 (the ledger printed), a third covered. */
async function buildLedger(file: string, total: number, rows: number): Promise<string> {
  const ledger = await openLedger(file);
  await fillLedger(ledger.db, total, (i) => (i <= rows ? 1 : 2 + (i % 11)));
  // The ledger is printed by a signed-in 县级经办.
  const session = await testSession(createContext(ledger), 'county', [], 0);
  await ledger.close();
  return session;
}

export async function printFigures(total = 100_000, rows = 2_000): Promise<string> {
  if (!fs.existsSync('out/main/web.js')) return '打印：未找到 out/main/web.js，请先 npm run build';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-bench-print-'));
  const file = path.join(dir, 'ledger.sqlite');
  const session = await buildLedger(file, total, rows);
  const { server, base } = await spawnWebServer(['--port', '0', '--data', file, '--no-seed'], { stderr: 'inherit' });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await page.context().addCookies([{ name: 'lx_session', value: session, url: base }]);
    const samples: { load: number; render: number; pdf: number; pages: number }[] = [];
    for (let run = 0; run < 3; run++) {
      await page.goto('about:blank');
      const t0 = performance.now();
      const rowsArrived = page.waitForResponse((r) => r.url().endsWith('/api/reports.rows'), { timeout: 120_000 });
      await page.goto(`${base}/#/print/orgs?regionId=1&pdf=1`);
      await rowsArrived;
      const tRows = performance.now();
      const ready = page.locator('[data-ready="1"][data-report="orgs"]');
      await ready.waitFor({ timeout: 120_000 });
      const t1 = performance.now();
      await page.emulateMedia({ media: 'print' });
      await page.pdf(chromiumPdfOptions('landscape'));
      await page.emulateMedia({ media: 'screen' });
      samples.push({
        load: tRows - t0,
        render: t1 - t0,
        pdf: performance.now() - t1,
        pages: Number(await ready.getAttribute('data-pages')),
      });
    }
    samples.sort((a, b) => a.render + a.pdf - (b.render + b.pdf));
    const m = samples[1] as (typeof samples)[number];
    return `打印 两新组织台账 ${rows.toLocaleString()} 行（${total.toLocaleString()} 个组织的台账，${m.pages} 页）：打开并排版 ${m.render.toFixed(0)} ms（其中页面载入和取数 ${m.load.toFixed(0)} ms）+ 生成PDF ${m.pdf.toFixed(0)} ms = ${(m.render + m.pdf).toFixed(0)} ms（3 次取中）`;
  } finally {
    await browser.close();
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    // It writes its closing backup before it exits.
    await exited;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('benchPrint.ts')) {
  console.log(await printFigures(Number(process.argv[2] ?? 100_000), Number(process.argv[3] ?? 2_000)));
}
