/** The county clerk's side of 数据交换: pick a .lxex file, 检查并预览, 确认合并 → 合并. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Opens 数据交换 and picks the file; its manifest names `region`. */
export async function pickExchangeFile(page: Page, base: string, file: string, region: string) {
  await page.goto(`${base}/#/exchange`);
  await page.locator('input[type="file"]').setInputFiles(file);
  await expect.poll(() => page.getByTestId('exchange-manifest').textContent()).toContain(region);
}

/** 检查并预览, with the file's password typed first when given. */
export async function checkAndPreview(page: Page, password?: string) {
  if (password !== undefined) await page.getByLabel('文件密码').fill(password);
  await page.getByRole('button', { name: '检查并预览' }).click();
}

/** 确认合并, then 合并 in the dialog, until 合并完成 shows. */
export async function confirmMerge(page: Page) {
  await page.getByRole('button', { name: '确认合并' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '合并', exact: true }).click();
  await expect.poll(() => page.getByText(/合并完成/).count(), { timeout: 30_000 }).toBe(1);
}
