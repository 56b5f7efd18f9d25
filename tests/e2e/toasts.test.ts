/**
 * Toasts at 1366×768: a save that failed and then succeeded leaves no failure toast behind; a failure
 * the program did not foresee says what to do, in Chinese; and no toast covers the page's 编辑 / 删除.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page as ListPage, OrgListRow, PartyOrgListRow } from '../../src/shared/types';
import { type App, startApp } from './harness';

let app: App;
let page: Page;

beforeAll(async () => {
  app = await startApp('toasts');
  page = app.page;
  await page.setViewportSize({ width: 1366, height: 768 });
});

afterAll(async () => {
  await app?.close();
});

const toasts = () => page.locator('.mantine-Notification-root');
const failures = () => toasts().filter({ hasText: /未完成|未能|失败/ });

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

it('a failed save then a good one leaves only the good news, and no toast covers 编辑 or 删除', async () => {
  const org = (await app.call<ListPage<OrgListRow>>('orgs.list', { limit: 1 })).rows[0];
  if (!org) throw new Error('演示数据中没有组织');
  await page.goto(`${app.base}/#/orgs/${org.id}/edit`);
  await page.getByLabel('单位名称').fill(`${org.name}（更名）`);

  // The answer does not arrive as the program expects (a proxy's error page, a server gone mid-answer).
  await page.route('**/api/orgs.update', (route) => route.fulfill({ status: 502, contentType: 'text/html', body: '<h1>502</h1>' }));
  await page.getByRole('button', { name: '保存' }).click();
  await expect.poll(() => failures().count()).toBe(1);
  const message = (await failures().first().textContent()) ?? '';
  // Says what happened and what to do, not just “操作失败，请重试”.
  expect(message).not.toContain('操作失败，请重试');
  expect(message).toMatch(/刷新|重新打开/);
  expect(message).not.toMatch(/[A-Za-z]{2,}/);
  await app.snap('failed-save');

  await page.unroute('**/api/orgs.update');
  await page.getByRole('button', { name: '保存' }).click();
  await page.waitForURL(new RegExp(`#/orgs/${org.id}$`));
  await expect.poll(() => toasts().filter({ hasText: '已保存' }).count()).toBe(1);
  // Gone within its closing animation, long before its own 8 seconds would end it.
  await expect.poll(() => failures().count(), { timeout: 2000 }).toBe(0);
  await app.snap('saved');

  const toast = await toasts().first().boundingBox();
  expect(toast).not.toBeNull();
  for (const name of ['编辑', '删除']) {
    const button = await page.getByRole('main').getByRole('button', { name, exact: true }).first().boundingBox();
    expect(button, name).not.toBeNull();
    if (toast && button) expect(overlaps(toast, button), `提示框遮住了“${name}”`).toBe(false);
  }
});

it('the 党组织 form: a refused save, then a failed one, then a good one leave only the good news', async () => {
  const po = (await app.call<ListPage<PartyOrgListRow>>('partyOrgs.list', { limit: 1 })).rows[0];
  if (!po) throw new Error('演示数据中没有党组织');
  await page.goto(`${app.base}/#/party-orgs/${po.id}/edit`);
  const name = page.getByLabel('党组织名称');
  await name.fill('');
  await page.getByRole('button', { name: '保存' }).click();
  const refused = toasts().filter({ hasText: '请先改正标红的项目' });
  await expect.poll(() => refused.count()).toBe(1);
  // A field left empty is the clerk's to correct, not a program failure: the toast says so.
  expect((await refused.first().textContent()) ?? '').not.toContain('程序没有收到预期的答复');
  await app.snap('party-org-refused');
  await name.fill(`${po.name}（更名）`);

  await page.route('**/api/partyOrgs.update', (route) => route.fulfill({ status: 502, contentType: 'text/html', body: '<h1>502</h1>' }));
  await page.getByRole('button', { name: '保存' }).click();
  await expect
    .poll(() =>
      failures()
        .filter({ hasText: /刷新|重新打开/ })
        .count(),
    )
    .toBe(1);
  await expect.poll(() => toasts().count(), { timeout: 2000 }).toBe(1);
  await page.unroute('**/api/partyOrgs.update');
  await page.getByRole('button', { name: '保存' }).click();
  await page.waitForURL(new RegExp(`#/party-orgs/${po.id}$`));
  await expect.poll(() => toasts().filter({ hasText: '已保存' }).count()).toBe(1);
  await expect.poll(() => toasts().count(), { timeout: 2000 }).toBe(1);
  await app.snap('party-org-saved');
});
