/**
 * Two clerks at once (issue #15): a second browser context signed in as another demo account, and the
 * save conflict both e2e tests of it walk through on a 两新组织's form.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../../src/main/core/services/demoAccounts';
import type { RoleCode } from '../../../src/shared/domain/roles';
import { type App, postApi } from '../harness';

/** The app's page at 1366×768 beside a browser of its own for `role`, signed in, at the same size. */
export async function secondClerk(app: App, role: RoleCode): Promise<{ context: BrowserContext; page: Page }> {
  await app.page.setViewportSize({ width: 1366, height: 768 });
  const browser = app.page.context().browser();
  if (!browser) throw new Error('没有浏览器');
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const account = DEMO_ACCOUNTS.find((a) => a.role === role);
  const res = await postApi(page, `${app.base}/api/auth.login`, { userName: account?.userName, password: DEMO_PASSWORD });
  expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
  return { context, page };
}

/** Waits until the page has loaded what it shows (no 正在加载, no spinner) and painted it. */
export async function settled(page: Page) {
  await expect.poll(() => page.getByText('正在加载').count(), { timeout: 20_000 }).toBe(0);
  await expect.poll(() => page.locator('.mantine-Loader-root').count(), { timeout: 20_000 }).toBe(0);
  await page.waitForTimeout(200);
}

export interface ConflictSteps {
  base: string;
  orgId: number;
  /** Saves first: 负责人电话 13800000002. */
  first: Page;
  /** Saves second: 负责人电话 13900000003 and whatever `alsoTyped` types. */
  second: Page;
  alsoTyped?: (page: Page) => Promise<void>;
}

/**
 * Both open the organization's form; the first (the county clerk) saves, then the second: the second
 * stays on the form with the conflict naming both numbers. Returns the conflict's text.
 */
export async function saveBothOrgForms({ base, orgId, first, second, alsoTyped }: ConflictSteps): Promise<string> {
  for (const page of [first, second]) {
    await page.goto(`${base}/#/orgs/${orgId}/edit`);
    await settled(page);
  }
  await first.getByLabel('负责人电话').fill('13800000002');
  await first.getByRole('button', { name: '保存' }).click();
  await expect.poll(() => first.url(), { timeout: 20_000 }).toMatch(new RegExp(`#/orgs/${orgId}$`));
  await second.getByLabel('负责人电话').fill('13900000003');
  await alsoTyped?.(second);
  await second.getByRole('button', { name: '保存' }).click();
  const alert = second.getByTestId('save-conflict');
  await alert.waitFor({ timeout: 20_000 });
  const text = (await alert.textContent()) ?? '';
  expect(text).toContain('该记录已被 演示县级经办（county）于');
  expect(text).toContain('负责人电话：您填写「13900000003」，对方已保存为「13800000002」。');
  // Still on the form, nothing of the second clerk's saved.
  expect(second.url()).toMatch(/\/edit$/);
  return text;
}
