/**
 * Issue #15 in Chromium at 1366×768: a county clerk and a township clerk, each in their own browser,
 * open the same 两新组织 and both change 负责人电话. The first save goes through; the second shows the
 * conflict in the form with both numbers, and 载入最新内容 puts the saved record in the form with the
 * township clerk's typed number listed beside it. Screenshots go under test-output/e2e/conflict/.
 */
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page as ListPage, OrgListRow } from '../../src/shared/types';
import { type App, postApi, startApp } from './harness';
import { saveBothOrgForms, secondClerk } from './steps/conflict';

let app: App;
let county: Page;
let townshipContext: BrowserContext;
let township: Page;

beforeAll(async () => {
  app = await startApp('conflict');
  county = app.page;
  ({ context: townshipContext, page: township } = await secondClerk(app, 'township'));
});

afterAll(async () => {
  await townshipContext?.close();
  await app?.close();
});

it('the second of two clerks saving the same 两新组织 sees the conflict with both values, then the latest', async () => {
  // An organization of the township clerk's own region: both clerks may edit it.
  const listed = await postApi(township, `${app.base}/api/orgs.list`, { limit: 1 });
  const org = ((await listed.json()) as { data: ListPage<OrgListRow> }).data.rows[0];
  if (!org) throw new Error('乡镇没有两新组织');

  const text = await saveBothOrgForms({
    base: app.base,
    orgId: org.id,
    first: county,
    second: township,
    alsoTyped: (page) => page.getByLabel('地址').fill('乌兰镇二街'),
  });
  // No English besides the account's own user name.
  expect(text.replace('（county）', '')).not.toMatch(/[A-Za-z]{4,}/);
  // Told once, in the form: no 未能保存 toast repeating it.
  await township.waitForTimeout(500);
  expect(await township.getByText('未能保存').count()).toBe(0);
  expect(await township.getByText('对方已保存为「13800000002」').count()).toBe(1);
  await township.screenshot({ path: path.resolve('test-output/e2e/conflict/01-conflict.png') });

  await township.getByRole('button', { name: '载入最新内容' }).click();
  const typed = township.getByTestId('save-conflict-typed');
  await typed.waitFor({ timeout: 20_000 });
  expect(await typed.textContent()).toContain('负责人电话：「13900000003」');
  expect(await typed.textContent()).toContain('地址：「乌兰镇二街」');
  // Only what the form edits: no version, no stamps.
  expect(await typed.textContent()).not.toMatch(/版本号|[A-Za-z]{4,}/);
  expect(await township.getByLabel('负责人电话').inputValue()).toBe('13800000002');
  await township.screenshot({ path: path.resolve('test-output/e2e/conflict/02-latest-loaded.png') });

  // Saved again over the latest, it goes through.
  await township.getByLabel('负责人电话').fill('13900000003');
  await township.getByRole('button', { name: '保存' }).click();
  await expect.poll(() => township.url(), { timeout: 20_000 }).toMatch(new RegExp(`#/orgs/${org.id}$`));
  const saved = await app.call<{ legalRepPhone: string; version: number }>('orgs.get', { id: org.id });
  expect(saved).toMatchObject({ legalRepPhone: '13900000003', version: 3 });
});
