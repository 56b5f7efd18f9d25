/**
 * A clerk records the 组织生活 the 提醒 asks for, in Chromium through browser mode on the demo county
 * (today 2026-11-25): a 1+N branch's missing third-quarter 恳谈会 from the 组织生活 page, and a 主题党日
 * from a party organization's own page; each 提醒 goes once its activity is recorded.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ActivityGapRow } from '../../src/shared/records/activities';
import { type App, startApp } from './harness';

let app: App;
let page: Page;

beforeAll(async () => {
  app = await startApp('activities');
  page = app.page;
  await page.setViewportSize({ width: 1366, height: 768 });
});

afterAll(async () => {
  await app?.close();
});

const dialog = () => page.getByRole('dialog');

async function pickKind(label: string) {
  await dialog().getByRole('combobox', { name: '活动类型' }).click();
  await page.getByRole('option', { name: label, exact: true }).click();
}

async function save() {
  await dialog().getByRole('button', { name: '保存' }).click();
  await expect.poll(() => dialog().count(), { timeout: 10_000 }).toBe(0);
}

it('records a 恳谈会 and a 主题党日, and their 提醒 go away', { timeout: 180_000 }, async () => {
  const gaps = await app.call<ActivityGapRow[]>('activities.gaps', {});
  const forum = gaps.find((g) => g.code === 'no_forum');
  const themeDay = gaps.find((g) => g.code === 'no_theme_day');
  if (!forum || !themeDay) throw new Error('演示数据中应有未开恳谈会和未开展主题党日的党组织');
  expect(forum.reason).toBe('2026年第三季度（2026-07-01至2026-09-30）未召开恳谈会');

  // The 组织生活 page names both in its 提醒.
  await page.goto(`${app.base}/#/activities`);
  const card = page.getByTestId('activity-gaps');
  await card.locator('tr', { hasText: forum.partyOrgName }).filter({ hasText: forum.reason }).waitFor();
  await expect.poll(() => card.getByRole('row').count()).toBe(gaps.length);
  await page.getByTestId('activity-total').waitFor();
  await app.snap('1366-activities');

  // 登记 the 恳谈会: the party organization found by typing part of its name.
  await page.getByRole('button', { name: '登记组织生活' }).click();
  await dialog().waitFor();
  const partyBox = dialog().getByRole('combobox', { name: '党组织' });
  await partyBox.fill(forum.partyOrgName.slice(0, 4));
  await page.getByRole('option', { name: new RegExp(`^${forum.partyOrgName}（`) }).click();
  await pickKind('恳谈会');
  const date = dialog().getByRole('textbox', { name: '活动日期' });
  await date.fill('2026-08-18');
  await date.press('Tab');
  await dialog().getByRole('textbox', { name: '活动主题' }).fill('第三季度网格企业用工恳谈');
  await dialog().getByRole('textbox', { name: '应到人数' }).fill('12');
  await dialog().getByRole('textbox', { name: '实到人数' }).fill('11');
  await app.snap('1366-record-forum');
  await save();
  // Other 1+N branches missed the same quarter: only this one's line goes.
  await expect.poll(() => card.locator('tr', { hasText: forum.partyOrgName }).filter({ hasText: '恳谈会' }).count()).toBe(0);
  await expect.poll(() => card.getByRole('row').count()).toBe(gaps.length - 1);
  // Found by its topic in the search box (it is months older than the first page).
  await page.getByRole('textbox', { name: '查找' }).fill('网格企业用工');
  const row = page.locator('tbody tr', { hasText: '第三季度网格企业用工恳谈' });
  await expect.poll(() => row.count()).toBe(1);
  expect(await row.textContent()).toContain('12 / 11');
  await app.snap('1366-forum-recorded');

  // The 主题党日 from the party organization's own page.
  await page.goto(`${app.base}/#/party-orgs/${themeDay.partyOrgId}`);
  const section = page.getByTestId('party-org-activities');
  await section.getByText(themeDay.reason).waitFor();
  await section.getByRole('button', { name: '登记组织生活' }).click();
  expect(await dialog().getByRole('combobox', { name: '党组织' }).inputValue()).toBe(themeDay.partyOrgName);
  await pickKind('主题党日');
  await dialog().getByRole('textbox', { name: '活动日期' }).fill('2026-11-20');
  await dialog().getByRole('textbox', { name: '活动日期' }).press('Tab');
  await dialog().getByRole('textbox', { name: '活动主题' }).fill('重温入党誓词');
  await save();
  await expect.poll(() => section.getByText(themeDay.reason).count()).toBe(0);
  await section.getByText('重温入党誓词').waitFor();
  await app.snap('1366-party-org-section');

  const left = await app.call<ActivityGapRow[]>('activities.gaps', {});
  expect(left.some((g) => g.partyOrgId === forum.partyOrgId && g.code === 'no_forum')).toBe(false);
  expect(left.some((g) => g.partyOrgId === themeDay.partyOrgId && g.code === 'no_theme_day')).toBe(false);
  expect(left).toHaveLength(gaps.length - 2);
});
