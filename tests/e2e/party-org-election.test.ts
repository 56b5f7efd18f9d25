/** 党组织 list, 换届 filter: “3个月内到期” lists the soonest due first (unless the clerk picked an order by a header). */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type App, startApp } from './harness';

let app: App;
let page: Page;

beforeAll(async () => {
  app = await startApp('party-org-election');
  page = app.page;
});

afterAll(async () => {
  await app?.close();
});

it('the 换届 filter sorts by 应换届', { timeout: 120_000 }, async () => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${app.base}/#/party-orgs`);
  const total = page.getByTestId('party-org-total');
  await total.waitFor();
  const all = await total.textContent();
  const box = page.getByRole('combobox', { name: '换届' });
  await box.click();
  await page.getByRole('option', { name: '3个月内到期' }).click();
  await expect.poll(() => total.textContent()).not.toBe(all);
  const due = page.locator('tbody tr td:nth-child(9)');
  expect(await due.count()).toBeGreaterThan(1);
  const dates = (await due.allTextContents()).map((t) => t.trim());
  expect(dates).toEqual([...dates].sort());
  await app.snap('1366-election-due3');
});
