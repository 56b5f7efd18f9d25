/**
 * A clerk's year of 软弱涣散 work in Chromium, through browser mode: screen, identify, plan, record
 * progress, fail an acceptance, re-plan, pass, delist; the class and the overview's overdue count follow.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type App, startApp } from './harness';

let app: App;
let page: Page;
let base: string;
const snap = (name: string) => app.snap(name);

beforeAll(async () => {
  app = await startApp('cases');
  page = app.page;
  base = app.base;
});

afterAll(async () => {
  await app?.close();
});

const overdueCount = async () => {
  await page.goto(`${base}/#/`);
  const el = page.getByTestId('overdue-count');
  await expect.poll(async () => (await el.textContent())?.trim()).toMatch(/^\d+$/);
  return Number(await el.textContent());
};

async function act(button: RegExp | string, fill: (p: Page) => Promise<void>) {
  await page.getByTestId('case-actions').getByRole('button', { name: button }).click();
  const dialog = page.getByRole('dialog');
  await fill(page);
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect.poll(() => dialog.count()).toBe(0);
}

const field = (label: string) => page.getByRole('dialog').getByLabel(label, { exact: false });

it('screens, identifies, rectifies through a failed acceptance, delists; class and overdue count follow', async () => {
  const overdueBefore = await overdueCount();
  await snap('overview');

  // 排查 2026: pick the first suggestion and 认定 it.
  await page.goto(`${base}/#/screening`);
  await page.getByLabel('排查年度').first().click();
  await page.getByRole('option', { name: '2026年度' }).click();
  const table = page.getByTestId('suggestions');
  await table.waitFor();
  const firstRow = table.locator('tbody tr').first();
  const partyOrgName = (await firstRow.locator('td').nth(1).locator('p').first().textContent())?.trim() ?? '';
  expect(partyOrgName).toMatch(/党|支部|委员会/);
  await snap('screening');
  await firstRow.getByRole('button', { name: '认定', exact: true }).click();
  await field('认定日期').fill('2026-09-01');
  const boxes = page.getByRole('dialog').getByRole('checkbox');
  if ((await page.getByRole('dialog').getByRole('checkbox', { checked: true }).count()) === 0) await boxes.first().check();
  await snap('identify');
  await page.getByRole('dialog').getByRole('button', { name: '确认认定' }).click();
  await page.waitForURL(/#\/cases\/\d+$/);
  await expect.poll(() => page.getByRole('heading', { level: 2 }).textContent()).toBe(partyOrgName);
  await snap('identified');

  // 整顿: a plan whose deadline has already passed on 2026-11-25.
  await act('制定整顿方案', async () => {
    await field('日期').first().fill('2026-09-05');
    await field('整顿措施').fill('调整充实班子，恢复三会一课');
    await field('整顿目标').fill('达到规范化建设标准');
    await field('责任人').fill('组织委员 刘洋');
    await field('整顿时限').fill('2026-11-01');
    // 包联县级领导 is picked from 设置's list (the demo county's leaders), not typed.
    await field('包联县级领导').click();
    await page.getByRole('option', { name: '王建国（旗委副书记）', exact: true }).click();
  });
  await expect.poll(() => page.getByText('已逾期').count()).toBe(1);
  expect(await overdueCount()).toBe(overdueBefore + 1);
  await page.goBack();
  await page.waitForURL(/#\/cases\/\d+$/);

  await act('记录月度进展', async () => {
    await field('日期').first().fill('2026-10-08');
    await field('本月进展').fill('10月：补选支部委员2名');
  });
  await snap('progress');

  // 验收未通过 → back to 整顿 with a new deadline.
  await act('验收', async () => {
    await field('日期').first().fill('2026-10-30');
    await page.getByRole('dialog').getByText('验收未通过').click();
    await field('验收得分').fill('62');
    await field('验收意见').fill('三会一课记录不全');
    await field('新的整顿时限').fill('2026-12-31');
  });
  await expect.poll(() => page.getByText('验收未通过，退回整顿').count()).toBe(1);
  await snap('failed-acceptance');

  await act('修订整顿方案', async () => {
    await field('日期').first().fill('2026-11-02');
    await field('整顿措施').fill('选派第一书记驻点指导');
    await field('整顿时限').fill('2026-12-31');
  });
  await act('验收', async () => {
    await field('日期').first().fill('2026-11-20');
    await field('验收得分').fill('86');
    await field('验收意见').fill('整改到位，同意验收');
  });
  await act('销号', async () => {
    await field('日期').first().fill('2026-11-24');
  });
  const timeline = page.getByTestId('case-timeline');
  await expect
    .poll(async () => (await timeline.locator('.mantine-Timeline-itemTitle').allTextContents()).map((t) => t.replace(/\s+/g, ' ')))
    .toEqual([
      '2026-09-01 排查认定',
      '2026-09-05 制定整顿方案',
      '2026-10-08 月度进展',
      '2026-10-30 验收未通过，退回整顿',
      '2026-11-02 制定整顿方案',
      '2026-11-20 验收通过',
      '2026-11-24 销号',
    ]);
  await expect.poll(() => page.getByText('新的整顿时限：2026-12-31').count()).toBe(1);
  await snap('delisted');

  // The party organization is 规范建设 for 2026 now.
  await page.goto(`${base}/#/classes`);
  await page.getByLabel('年度', { exact: true }).first().click();
  await page.getByRole('option', { name: '2026年度' }).click();
  const row = page.locator('tbody tr', { hasText: partyOrgName });
  await expect.poll(() => row.locator('td').nth(3).textContent()).toBe('规范建设');
  await snap('classes');

  expect(await overdueCount()).toBe(overdueBefore);
});
