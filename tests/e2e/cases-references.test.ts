/**
 * Issue #12 in Chromium: a 包联领导 added in 设置 is picked in a case plan and shows once on 包联领导督办;
 * a step on the day of 认定 asks first; a future date and a 60-point pass without a reason are refused in
 * the dialog. Screenshots of the case list, the case and 督办 at 1366 and 1920 wide.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type App, startApp } from './harness';

let app: App;
let page: Page;
let base: string;

beforeAll(async () => {
  app = await startApp('cases-references');
  page = app.page;
  base = app.base;
});

afterAll(async () => {
  await app?.close();
});

const dialog = () => page.getByRole('dialog').last();
const field = (label: string) => dialog().getByLabel(label, { exact: false }).first();

async function pick(label: string, option: string) {
  await field(label).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function openAction(button: RegExp | string) {
  await page.getByTestId('case-actions').getByRole('button', { name: button }).click();
  await dialog().waitFor();
}

async function confirm() {
  await dialog().getByRole('button', { name: '确定', exact: true }).click();
}

async function shots(name: string) {
  for (const width of [1366, 1920]) {
    await page.setViewportSize({ width, height: width === 1366 ? 768 : 1080 });
    await page.waitForTimeout(200);
    await app.snap(`${name}-${width}`);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

it('a leader from 设置 is picked in a plan and shows once on 督办; implausible dates and verdicts are refused', async () => {
  // 设置 → 包联领导 → 新增领导.
  await page.goto(`${base}/#/settings`);
  const card = page.getByTestId('leaders-card');
  await card.getByRole('button', { name: '新增领导' }).click();
  await field('姓名').fill('孙立军');
  await field('职务').fill('旗委常委、宣传部部长');
  await dialog().getByRole('button', { name: '保存' }).click();
  await expect.poll(() => card.locator('tbody tr', { hasText: '孙立军' }).count()).toBe(1);
  await app.snap('leaders-card');

  // A case identified on 2026-11-02.
  const {
    suggestions: [first],
  } = await app.call<{ suggestions: { partyOrgId: number; partyOrgName: string }[] }>('cases.suggest', { year: 2026 });
  if (!first) throw new Error('示例数据中没有排查提示');
  const created = await app.call<{ id: number }>('cases.create', {
    partyOrgId: first.partyOrgId,
    year: 2026,
    date: '2026-11-02',
    situations: ['党建工作不力'],
    problems: '三会一课不落实',
  });
  await page.goto(`${base}/#/cases/${created.id}`);
  await expect.poll(() => page.getByRole('heading', { level: 2 }).textContent()).toBe(first.partyOrgName);

  // The plan: a step on the day of 认定 asks first; 返回修改 keeps the dialog.
  await openAction('制定整顿方案');
  await field('日期').fill('2026-11-02');
  await field('整顿措施').fill('调整充实班子，恢复三会一课');
  await field('整顿目标').fill('达到规范化建设标准');
  await field('责任人').fill('组织委员 刘洋');
  await field('整顿时限').fill('2026-12-31');
  await pick('包联县级领导', '孙立军（旗委常委、宣传部部长）');
  await field('指导员').click();
  await page.getByRole('option').first().click();
  await app.snap('plan-dialog');
  await confirm();
  await expect.poll(() => page.getByRole('dialog', { name: '与认定同一天' }).count()).toBe(1);
  await page.waitForTimeout(300);
  await app.snap('same-day-confirm');
  await page.getByRole('button', { name: '返回修改' }).click();
  await field('日期').fill('2026-11-03');
  await confirm();
  await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  await expect.poll(() => page.getByText('孙立军（旗委常委、宣传部部长）').count()).toBeGreaterThan(0);

  // A progress note dated in the future is refused in the dialog, nothing is sent.
  await openAction('记录月度进展');
  await field('日期').fill('2026-12-15');
  await field('本月进展').fill('12月：补选支部委员');
  await confirm();
  await expect.poll(() => dialog().locator('.mantine-InputWrapper-error', { hasText: '不能晚于今天' }).count()).toBe(1);
  await app.snap('future-date-refused');
  await field('日期').fill('2026-11-10');
  await confirm();
  await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

  // A 60-point pass asks for the reason; without it nothing is sent.
  await openAction('验收');
  await field('日期').fill('2026-11-20');
  await field('验收得分').fill('60');
  await field('验收意见').fill('基本整改到位');
  await expect.poll(() => dialog().getByLabel('低于合格线通过的理由', { exact: false }).count()).toBe(1);
  await confirm();
  await expect
    .poll(() =>
      dialog()
        .getByText(/通过验收须写明理由/)
        .count(),
    )
    .toBeGreaterThan(0);
  await app.snap('below-line-reason-asked');
  await field('低于合格线通过的理由').fill('满意度测评正值农忙，县委组织部同意通过');
  await confirm();
  await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  await expect.poll(() => page.getByTestId('below-line-reason').textContent()).toContain('满意度测评正值农忙');
  await shots('case-detail');

  // 督办: 孙立军 once, with his one case.
  await page.goto(`${base}/#/leaders`);
  const rows = page.getByTestId('leaders-table').locator('tbody tr', { hasText: '孙立军' });
  await expect.poll(() => rows.count()).toBe(1);
  expect((await rows.locator('td').allTextContents()).map((t) => t.trim())).toEqual(['孙立军', '旗委常委、宣传部部长', '1', '1', '0']);
  await shots('leaders');

  // The list for 2026 with the carried-over cases marked, and the search box on Ctrl+F.
  await page.goto(`${base}/#/cases?year=2026`);
  await page.getByTestId('case-total').waitFor();
  await page.keyboard.press('Control+f');
  await page.keyboard.type(first.partyOrgName.slice(-8));
  await expect.poll(() => page.locator('tbody tr', { hasText: first.partyOrgName }).count()).toBe(1);
  await page.getByLabel('查找').fill('');
  await expect.poll(() => page.getByTestId('carried-over').count()).toBeGreaterThan(0);
  await shots('case-list');
});
