/**
 * The 两新组织 and 指导员 forms refuse what the core would refuse as the clerk leaves a field, with the
 * core's Chinese message under that field, and send nothing while a field is wrong.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type App, postApi, startApp } from './harness';

let app: App;
let page: Page;
const writes: string[] = [];

beforeAll(async () => {
  app = await startApp('forms');
  page = app.page;
  page.on('request', (r) => {
    if (/\/api\/(orgs\.create|instructors\.(create|assign))$/.test(r.url())) writes.push(r.url());
  });
});

afterAll(async () => {
  await app?.close();
});

/** The message Mantine shows under the field whose input is `input`. */
const errorUnder = (input: Locator) =>
  input.locator('xpath=ancestor::div[contains(@class, "mantine-InputWrapper-root")][1]').locator('.mantine-InputWrapper-error');

it('says a wrong phone number under the field when the clerk leaves it, and saves nothing', async () => {
  await page.goto(`${app.base}/#/orgs/new`);
  const phone = page.getByLabel('负责人电话');
  await phone.fill('12345');
  await phone.blur();
  await expect.poll(() => errorUnder(phone).textContent()).toBe('电话号码格式不正确：手机为1开头的11位数字，座机需带区号');
  await page.getByRole('button', { name: '保存' }).click();
  await expect.poll(async () => (await errorUnder(page.getByLabel('单位名称')).textContent()) ?? '').toMatch(/[\u4e00-\u9fa5]/);
  await app.snap('org-form-refused');
  expect(writes).toEqual([]);

  await phone.fill('13912345678');
  await phone.blur();
  await expect.poll(() => errorUnder(phone).count()).toBe(0);
  // Leaves on purpose: the guard asks, the clerk discards.
  await page.getByRole('button', { name: '取消' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '放弃修改' }).click();
});

it('says a wrong instructor phone under the field before sending; 选派 without a start date is refused in the dialog', async () => {
  await page.goto(`${app.base}/#/instructors`);
  await page.getByRole('button', { name: '新增指导员' }).click();
  const dialog = page.getByRole('dialog');
  const phone = dialog.getByLabel('联系电话');
  await dialog.getByLabel('姓名').fill('测试指导员');
  await phone.fill('0000');
  await phone.blur();
  await expect.poll(() => errorUnder(phone).textContent()).toBe('电话号码格式不正确：手机为1开头的11位数字，座机需带区号');
  await dialog.getByRole('button', { name: '保存' }).click();
  await app.snap('instructor-form-refused');
  expect(writes).toEqual([]);
  await dialog.getByRole('button', { name: '取消' }).click();
  await page.getByRole('button', { name: '放弃修改' }).click();
  await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

  // 选派 from an organization's page: the dialog opens with that organization fixed.
  const res = await postApi(page, `${app.base}/api/orgs.list`, { coverage: 'none', limit: 1 });
  const org = ((await res.json()) as { data: { rows: { id: number }[] } }).data.rows[0];
  await page.goto(`${app.base}/#/instructors?assignOrg=${org?.id}`);
  const assign = page.getByRole('dialog');
  const from = assign.getByLabel('起始日期');
  await from.fill('');
  await from.blur();
  await assign.getByRole('button', { name: '选派', exact: true }).click();
  await expect.poll(async () => (await errorUnder(from).textContent()) ?? '').toMatch(/日期/);
  await expect.poll(async () => (await errorUnder(assign.getByLabel('指导员')).textContent()) ?? '').toMatch(/[\u4e00-\u9fa5]/);
  expect(writes).toEqual([]);
  await app.snap('assign-refused');
});
