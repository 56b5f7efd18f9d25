/**
 * The renderer's foundations as a clerk meets them: leaving a half-filled form asks first (sidebar
 * and 取消 alike), a date typed the way clerks type it reads as YYYY-MM-DD, an address with a value
 * the list does not know still shows the list, and an unknown address says so in Chinese.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type App, startApp } from './harness';

let app: App;
let page: Page;
let base: string;

beforeAll(async () => {
  app = await startApp('foundation');
  page = app.page;
  base = app.base;
});

afterAll(async () => {
  await app?.close();
});

const nav = (label: string) => page.getByRole('navigation', { name: '主菜单' }).getByText(label, { exact: true });

it('asks before leaving a half-filled form by the sidebar; 继续填写 keeps what was typed, 放弃修改 leaves', async () => {
  await page.goto(`${base}/#/orgs/new`);
  const name = page.getByLabel('单位名称');
  await name.fill('测试离开提示有限公司');
  await nav('党组织').click();
  const dialog = page.getByRole('dialog');
  await expect.poll(() => dialog.getByText('填写的内容尚未保存，确定放弃吗？').count()).toBe(1);
  await app.snap('leave-asks');
  await dialog.getByRole('button', { name: '继续填写' }).click();
  await expect.poll(() => page.url()).toMatch(/#\/orgs\/new$/);
  expect(await name.inputValue()).toBe('测试离开提示有限公司');

  await page.getByRole('button', { name: '取消' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '放弃修改' }).click();
  await expect.poll(() => page.url()).toMatch(/#\/orgs$/);
});

it('reads a date typed as 2021.7.1 as 2021-07-01 and shows it so', async () => {
  await page.goto(`${base}/#/party-orgs/new`);
  const founded = page.getByLabel('成立时间');
  await founded.fill('2021.7.1');
  await founded.blur();
  await expect.poll(() => founded.inputValue()).toBe('2021-07-01');
  await founded.fill('2021年8月3日');
  await founded.blur();
  await expect.poll(() => founded.inputValue()).toBe('2021-08-03');
  await app.snap('date-typed');
  // Leaving the form it was typed in is asked about too; this test leaves on purpose.
  await nav('概览').click();
  await page.getByRole('dialog').getByRole('button', { name: '放弃修改' }).click();
});

it('shows the list when the address carries a filter value, an order or a page the list does not know', async () => {
  await page.goto(`${base}/#/orgs?category=bogus&sort=nonsense&dir=sideways&page=-3`);
  await expect.poll(async () => (await page.getByTestId('org-total').textContent()) ?? '').toMatch(/^共 \d+ 个两新组织$/);
  expect(await page.getByText('加载失败').count()).toBe(0);
});

it('says in Chinese that an unknown address has no page, with a way back', async () => {
  await page.goto(`${base}/#/no-such-page`);
  await expect.poll(() => page.getByRole('heading', { name: '没有这个页面' }).count()).toBe(1);
  await page.getByRole('link', { name: '返回概览' }).click();
  await expect.poll(() => page.url()).toMatch(/#\/$/);
});

it('keeps both dates when the clerk types them in quick succession (two filter changes before the page redraws)', async () => {
  // The 操作日志 is the auditor's page.
  await app.signIn('auditor');
  await page.goto(`${base}/#/audit`);
  await page.reload();
  const from = page.getByLabel('起始日期');
  await from.waitFor();
  // Both changes land before the list redraws: the second must not start from the address the first replaced.
  // (A script string: the tests are typed without the DOM library.)
  await page.evaluate(`(() => {
    const fire = (label, text) => {
      const input = [...document.querySelectorAll('input')].find((i) => i.closest('.mantine-InputWrapper-root')?.textContent?.includes(label));
      if (!input) throw new Error(label);
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, text);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new FocusEvent('blur'));
      input.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
    };
    fire('起始日期', '2026-11-01');
    fire('截止日期', '2026-11-30');
  })()`);
  await expect.poll(() => page.url()).toContain('to=2026-11-30');
  expect(page.url()).toContain('from=2026-11-01');
  await app.signIn('county');
});

it('asks the core for the first 两新组织 list before the rest of the renderer has loaded, and only once', async () => {
  const asked: string[] = [];
  const note = (r: { url(): string }) => {
    const u = r.url();
    if (u.endsWith('/api/orgs.list')) asked.push('orgs.list');
    else if (/\/assets\/boot-[^/]+\.js$/.test(u)) asked.push('boot');
  };
  await page.goto('about:blank');
  page.on('request', note);
  await page.goto(`${base}/#/orgs`);
  await page.locator('table tbody tr a').first().waitFor();
  page.off('request', note);
  // The list's own query took the answer already under way instead of asking again.
  expect(asked.filter((a) => a === 'orgs.list')).toHaveLength(1);
  expect(asked[0]).toBe('orgs.list');
});
