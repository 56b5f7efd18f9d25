/**
 * Accounts as the clerks meet them (issue #14), at 1366×768: the first start of an empty ledger names
 * the 系统管理员; on the demo ledger a wrong password, the caps-lock hint and the lockout are told in
 * Chinese; the administrator opens a 乡镇经办 account, who must change the password at first login and
 * then sees the app under their own name; 退出 returns to the login page; the auditor's menu holds only
 * the logs, the 操作人 filter narrows 操作日志 and 导出 writes the rows as CSV.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/main/core/services/demoAccounts';
import { spawnWebServer } from '../helpers/webServer';
import { type App, CHROMIUM_ARGS, startApp } from './harness';

const OUT = path.resolve('test-output/e2e/login');
let app: App;
let page: Page;

beforeAll(async () => {
  app = await startApp('login', '2026-11-25', { role: null });
  page = app.page;
  await page.setViewportSize({ width: 1366, height: 768 });
});

afterAll(async () => {
  await app?.close();
});

async function logIn(userName: string, password: string) {
  await page.getByLabel('用户名').fill(userName);
  await page.getByLabel('密码', { exact: true }).fill(password);
  // Each try waits for its answer: the next message may read the same as the last one.
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/auth.login'));
  await page.getByRole('button', { name: '登录' }).click();
  await answered;
}

async function logOut() {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: '退出' }).click();
  await expect.poll(() => page.getByRole('button', { name: '登录' }).isVisible()).toBe(true);
}

it('asks an empty ledger for its 系统管理员 first, with the password rule shown', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-login-empty-'));
  const web = await spawnWebServer(['--port', '0', '--data', path.join(dir, 'ledger.sqlite'), '--today', '2026-11-25', '--no-seed'], {
    stderr: 'inherit',
  });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const fresh = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    await fresh.goto(web.base);
    await expect.poll(() => fresh.getByText('首次使用：设置系统管理员').isVisible()).toBe(true);
    await expect.poll(() => fresh.getByText('至少8位，含大写字母、小写字母、数字、符号中的至少三类').first().isVisible()).toBe(true);
    await fresh.getByLabel('姓名').fill('李管理');
    await fresh.getByLabel('密码', { exact: true }).fill('abcdefgh');
    await fresh.getByLabel('再次输入密码').fill('abcdefgh');
    await fresh.getByRole('button', { name: '设置并登录' }).click();
    await expect.poll(() => fresh.getByText('密码应包含大写字母、小写字母、数字、符号中的至少三类').isVisible()).toBe(true);
    await fresh.screenshot({ path: path.join(OUT, '01-first-start.png') });
    await fresh.getByLabel('密码', { exact: true }).fill('Guanli#2026');
    await fresh.getByLabel('再次输入密码').fill('Guanli#2026');
    await fresh.getByRole('button', { name: '设置并登录' }).click();
    // The administrator starts on 账号管理, under their own name.
    await expect.poll(() => fresh.getByRole('heading', { name: '账号管理' }).isVisible()).toBe(true);
    await expect.poll(() => fresh.getByTestId('user-menu').textContent()).toContain('李管理');
    await expect.poll(() => fresh.getByTestId('user-menu').textContent()).toContain('系统管理员');
  } finally {
    await browser.close();
    web.server.kill('SIGTERM');
    await new Promise((r) => web.server.once('exit', r));
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

it('tells a wrong password, Caps Lock and a lockout with its minutes in Chinese', async () => {
  await page.goto(app.base);
  await expect.poll(() => page.getByRole('button', { name: '登录' }).isVisible()).toBe(true);
  await logIn('county', 'wrong-password');
  await expect.poll(() => page.getByTestId('login-message').textContent()).toBe('用户名或密码错误，还可尝试4次');

  const box = page.getByLabel('密码', { exact: true });
  expect(await page.getByText('大写锁定已打开').count()).toBe(0);
  await box.dispatchEvent('keydown', { key: 'A', modifierCapsLock: true });
  await expect.poll(() => page.getByText('大写锁定已打开，密码区分大小写').isVisible()).toBe(true);
  await app.snap('wrong-password-caps-lock');
  await box.dispatchEvent('keyup', { key: 'A', modifierCapsLock: false });
  expect(await page.getByText('大写锁定已打开').count()).toBe(0);

  for (let left = 4; left > 0; left--) {
    await logIn('leader', 'wrong-password');
    await expect.poll(() => page.getByTestId('login-message').textContent()).toBe(`用户名或密码错误，还可尝试${left}次`);
  }
  await logIn('leader', 'wrong-password');
  await expect.poll(() => page.getByTestId('login-message').textContent()).toBe('密码连续错误5次，账号已锁定，请15分钟后再试');
  // The right password does not open a locked account; the message counts the minutes left.
  await logIn('leader', DEMO_PASSWORD);
  await expect.poll(() => page.getByTestId('login-message').textContent()).toMatch(/^密码错误次数过多，账号已锁定，请1[45]分钟后再试$/);
  await app.snap('locked');
});

it('lets the administrator open a 乡镇经办 account that must change its password at first login', async () => {
  await logIn('admin', DEMO_PASSWORD);
  await expect.poll(() => page.getByRole('heading', { name: '账号管理' }).isVisible()).toBe(true);
  await expect.poll(() => page.getByTestId('user-menu').textContent()).toContain('演示管理员');
  await page.getByRole('button', { name: '新建账号' }).click();
  const dialog = page.getByRole('dialog', { name: '新建账号' });
  await dialog.getByLabel('用户名').fill('zhangsan');
  await dialog.getByLabel('姓名').fill('张三');
  expect(await dialog.getByLabel('负责属地').count()).toBe(0);
  await dialog.getByLabel('角色').click();
  await page.getByRole('option', { name: '乡镇经办' }).click();
  await dialog.getByLabel('初始密码').fill('Chushi#2026');
  await dialog.getByRole('button', { name: '保存' }).click();
  // A 乡镇经办 without a region is refused under the field.
  await expect.poll(() => dialog.getByText('乡镇经办请至少选择一个属地').isVisible()).toBe(true);
  await dialog.getByLabel('负责属地').click();
  await page.getByRole('option').first().click();
  await page.keyboard.press('Escape');
  await app.snap('new-account');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect
    .poll(() =>
      page
        .getByTestId('users-table')
        .getByRole('row', { name: /zhangsan/ })
        .textContent(),
    )
    .toContain('待改密码');
  await app.snap('users');
  // 设置 → 账号安全: the four account rules with their defaults.
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '设置' }).click();
  await expect.poll(() => page.getByRole('heading', { name: '账号安全' }).isVisible()).toBe(true);
  await expect.poll(() => page.getByRole('textbox', { name: '无操作自动退出' }).inputValue()).toBe('30 分钟');
  expect(await page.getByRole('textbox', { name: '连续输错密码几次后锁定' }).inputValue()).toBe('5 次');
  await app.snap('settings-account-rules');
  await logOut();

  await logIn('zhangsan', 'Chushi#2026');
  await expect.poll(() => page.getByText('请修改密码').first().isVisible()).toBe(true);
  await page.getByLabel('原密码').fill('Chushi#2026');
  await page.getByLabel('新密码', { exact: true }).fill('Xinmima#2026');
  await page.getByLabel('再次输入新密码').fill('Xinmima#2026');
  await app.snap('must-change');
  await page.getByRole('button', { name: '修改密码' }).click();
  await expect.poll(() => page.getByTestId('user-menu').textContent()).toBe('张三乡镇经办');
  await expect.poll(() => page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '两新组织' }).isVisible()).toBe(true);
  await app.snap('township-shell');
  await logOut();
});

it('shows the auditor only the logs, narrows 操作日志 by 操作人 and exports it', async () => {
  await logIn('auditor', DEMO_PASSWORD);
  await expect.poll(() => page.getByRole('heading', { name: '操作日志' }).isVisible()).toBe(true);
  const nav = page.getByRole('navigation', { name: '主菜单' });
  await expect.poll(() => nav.getByRole('link').allTextContents()).toEqual(['操作日志', '登录日志']);

  await page.getByRole('combobox', { name: '操作人' }).click();
  await page.getByRole('option', { name: /张三/ }).click();
  const table = page.getByTestId('audit-table');
  await expect.poll(() => page.getByText('共 1 条').isVisible()).toBe(true);
  expect(await table.locator('tbody tr').first().textContent()).toContain('张三');
  await app.snap('audit-by-actor');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出' }).click();
  const file = await (await download).path();
  const text = fs.readFileSync(file, 'utf8');
  expect(text.startsWith('\uFEFF时间,操作人,对象,名称,操作')).toBe(true);
  expect(text.trim().split('\r\n')).toHaveLength(2);

  await page.goto(`${app.base}/#/login-log`);
  await expect.poll(() => page.getByTestId('login-log-table').textContent()).toContain('账号锁定');
  await app.snap('login-log');

  await page.goto(`${app.base}/#/users`);
  await expect.poll(() => page.getByText('无权访问此页面').isVisible()).toBe(true);
});

it("goes back to the login page, with the core's message and no dialog left open, when the session is gone", async () => {
  await logOut();
  await logIn('county', DEMO_PASSWORD);
  await expect.poll(() => page.getByTestId('user-menu').textContent()).toBe('演示县级经办县级经办');
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: '修改密码' }).click();
  await page.getByLabel('原密码').fill('half-typed');
  // The session ends behind the page's back (as an idle timeout on the server would); the next read finds out.
  await app.call('auth.logout', {});
  await page.goto(`${app.base}/#/party-orgs`);
  await expect.poll(() => page.getByTestId('login-message').textContent()).toBe('请先登录');
  expect(await page.getByRole('dialog').count()).toBe(0);
  expect(await page.getByLabel('原密码').count()).toBe(0);
  await app.snap('session-gone');
});
