/** 分类定级 → 星级评定 of the current year: the 评定日期 offered is not after today (it was the year's end). */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type App, startApp } from './harness';

let app: App;
let page: Page;

beforeAll(async () => {
  app = await startApp('rating-date');
  page = app.page;
});

afterAll(async () => {
  await app?.close();
});

it('the 星级评定 dialog proposes a date no later than today', { timeout: 120_000 }, async () => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const today = await page.evaluate(() => new Date().toLocaleDateString('sv-SE'));
  const year = today.slice(0, 4);
  await page.goto(`${app.base}/#/classes?year=${year}`);
  await page.getByTitle('评定星级').first().click();
  const field = page.getByRole('dialog').getByLabel('评定日期');
  const proposed = await field.inputValue();
  expect(proposed <= today, `${proposed} > ${today}`).toBe(true);
  await app.snap('1366-rating-dialog');
});
