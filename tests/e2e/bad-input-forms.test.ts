/**
 * What a clerk's slip does in a form: an emptied or negative count is refused in Chinese instead of
 * saved as 0 (党员发展 once overwrote 正式党员 19 with 0), a future day typed in a date box says why it is
 * not taken. Found by a clerk's walk at 1366×768;
 * screenshots under test-output/e2e/bad-input-forms/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MemberYear } from '../../src/shared/records/memberYears';
import type { Page as ListPage, OrgListRow } from '../../src/shared/types';
import { type App, startApp } from './harness';

let app: App;
let page: Page;

beforeAll(async () => {
  app = await startApp('bad-input-forms');
  page = app.page;
  await page.setViewportSize({ width: 1366, height: 768 });
});
afterAll(async () => {
  await app?.close();
});

it('党员发展: an emptied or negative figure is refused and nothing is saved', { timeout: 120_000 }, async () => {
  const org = (await app.call<ListPage<OrgListRow>>('orgs.list', { sort: 'formalMembers', dir: 'desc', limit: 1 })).rows[0] as OrgListRow;
  const before = await app.call<MemberYear[]>('memberYears.list', { orgId: org.id });
  await page.goto(`${app.base}/#/orgs/${org.id}`);
  const row = page.getByRole('row').filter({ has: page.getByText(/（当年）/) });
  await row.getByRole('button', { name: '修改' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await dialog.getByLabel('正式党员').fill('');
  await dialog.getByLabel('新发展党员').fill('-2');
  await dialog.getByLabel('预备党员').click();
  await dialog.getByRole('button', { name: '保存' }).click();
  await dialog.getByText('请填写数字').waitFor();
  await dialog.getByText('不能为负数').waitFor();
  await app.snap('member-year-refused');
  expect(await dialog.isVisible()).toBe(true);
  expect(await app.call<MemberYear[]>('memberYears.list', { orgId: org.id })).toEqual(before);
  const after = (await app.call<ListPage<OrgListRow>>('orgs.list', { query: org.name, limit: 1 })).rows[0];
  expect(after?.formalMembers).toBe(org.formalMembers);
});

it('经费: an empty save names what is missing, a future day says why it is not taken', {
  timeout: 120_000,
}, async () => {
  await page.goto(`${app.base}/#/funding`);
  await page.getByRole('button', { name: '登记经费' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect.poll(() => dialog.locator('.mantine-InputWrapper-error').count()).toBeGreaterThan(1);
  expect(await dialog.isVisible()).toBe(true);
  await app.snap('funding-empty-save');
  const date = dialog.getByLabel('拨付日期');
  await date.click();
  await date.press('Control+a');
  await date.pressSequentially('2099-01-15');
  await page.keyboard.press('Tab');
  await dialog.getByText('2099-01-15晚于今天').waitFor();
  await app.snap('funding-future-date');
});
