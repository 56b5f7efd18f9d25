/**
 * A clerk's first day in Chromium, through browser mode: a new organization with its 信用代码 checked
 * as typed, a 联合党支部 covering it and one uncovered organization, the overview's 组织覆盖率 rising by
 * exactly two, and the organization found again by its pinyin initials.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { formatRatio, ratio } from '../../src/shared/rules/coverage';
import { usccCheckChar } from '../../src/shared/rules/uscc';
import type { Page as ListPage, OrgListRow } from '../../src/shared/types';
import { type App, postApi, startApp } from './harness';

let app: App;
let page: Page;

beforeAll(async () => {
  app = await startApp('clerk');
  page = app.page;
});

afterAll(async () => {
  await app?.close();
});

const NAME = '澜沧鑫源物流有限公司';
const FIRST17 = '91150499MA0LCXY01';
const GOOD = FIRST17 + usccCheckChar(FIRST17);
const WRONG = FIRST17 + (GOOD.endsWith('A') ? 'B' : 'A');

async function orgCoverage(): Promise<{ text: string; numerator: number; denominator: number }> {
  await page.goto(`${app.base}/#/`);
  const el = page.getByTestId('rate-orgCoverage');
  await expect.poll(async () => (await el.textContent()) ?? '').toMatch(/^\d+ \/ \d+ = /);
  const text = (await el.textContent()) ?? '';
  const [, n, d] = /^(\d+) \/ (\d+)/.exec(text) ?? [];
  return { text, numerator: Number(n), denominator: Number(d) };
}

async function pick(label: string, option: string) {
  await page.getByLabel(label).first().click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

it('creates an organization and a 联合党支部 covering it and one more; 组织覆盖率 rises by two; pinyin search finds it', async () => {
  const before = await orgCoverage();
  await app.snap('overview-before');

  // An organization with no party organization yet, to be covered by the new 联合党支部.
  const res = await postApi(page, `${app.base}/api/orgs.list`, { coverage: 'none', limit: 1 });
  const other = ((await res.json()) as { data: ListPage<OrgListRow> }).data.rows[0];
  expect(other).toBeDefined();
  if (!other) return;

  // 两新组织 → 新增 (Ctrl+N on the list).
  await page.goto(`${app.base}/#/orgs`);
  await expect.poll(() => page.getByTestId('org-total').textContent()).toMatch(/共 \d+ 个两新组织/);
  await app.snap('org-list');
  await page.keyboard.press('Control+n');
  await page.waitForURL(/#\/orgs\/new$/);
  await page.getByLabel('单位名称').fill(NAME);
  const uscc = page.getByLabel('统一社会信用代码');
  await uscc.fill(WRONG.toLowerCase());
  await expect.poll(() => page.getByText(/校验位错误：第18位应为/).count()).toBe(1);
  await app.snap('org-form-wrong-uscc');
  await uscc.fill(GOOD);
  await expect.poll(() => page.getByText('校验通过：企业').count()).toBe(1);
  await expect.poll(() => page.getByText(/校验位错误/).count()).toBe(0);
  await pick('所属属地', other.regionName);
  await page.getByLabel('法定代表人（负责人）').fill('赵明');
  await page.getByLabel('从业人员数').fill('36');
  await page.getByLabel('正式党员数').fill('2');
  await app.snap('org-form-filled');
  await page.keyboard.press('Control+s');
  await page.waitForURL(/#\/orgs\/\d+$/);
  await expect.poll(() => page.getByRole('heading', { level: 2 }).textContent()).toBe(NAME);
  await expect.poll(() => page.getByText('尚无党组织覆盖').count()).toBe(1);
  await app.snap('org-page');

  // 党组织 → 新增 a 联合党支部 covering both.
  await page.goto(`${app.base}/#/party-orgs/new`);
  await page.getByLabel('党组织名称').fill('澜沧鑫源物流等联合党支部');
  await pick('党组织类型', '联合党支部');
  await pick('组建方式', '联合组建');
  await pick('所属属地', other.regionName);
  await page.getByLabel('书记姓名').fill('赵明');
  const search = page.getByLabel('查找要覆盖的组织');
  await search.fill('lcxy');
  await page.getByRole('button', { name: `选择${NAME}` }).click();
  await search.fill(other.name);
  await page.getByRole('button', { name: `选择${other.name}` }).click();
  await expect.poll(() => page.getByTestId('picked-orgs').locator('tr').count()).toBe(2);
  await app.snap('party-org-form');
  await page.getByRole('button', { name: '保存' }).click();
  await page.waitForURL(/#\/party-orgs\/\d+$/);
  await expect.poll(() => page.getByText('覆盖的两新组织（2 个）').count()).toBe(1);
  await app.snap('party-org-page');

  // The overview: 组织覆盖率 numerator +2 (the new organization also joins the denominator).
  const after = await orgCoverage();
  expect(after.denominator).toBe(before.denominator + 1);
  expect(after.numerator).toBe(before.numerator + 2);
  expect(after.text).toBe(formatRatio(ratio(before.numerator + 2, before.denominator + 1)));
  await app.snap('overview-after');

  // Pinyin initials find it in the list, now covered by the 联合党支部.
  await page.goto(`${app.base}/#/orgs`);
  await page.keyboard.press('Control+f');
  await page.keyboard.type('lcxywl');
  await expect.poll(() => page.getByTestId('org-total').textContent()).toBe('共 1 个两新组织');
  const row = page.locator('tbody tr').first();
  await expect.poll(() => row.locator('td').first().textContent()).toBe(NAME);
  await expect.poll(() => row.textContent()).toContain('联合·挂靠·区域覆盖');
  // The address follows the search after a short pause (writing it redraws the route), so Back returns here.
  await expect.poll(() => page.url()).toContain('query=lcxywl');
  await app.snap('org-search-pinyin');
});

it('selects an instructor for an uncovered organization: it becomes 仅工作覆盖; the audit log shows the change', async () => {
  const res = await postApi(page, `${app.base}/api/orgs.list`, { coverage: 'none', limit: 1 });
  const org = ((await res.json()) as { data: ListPage<OrgListRow> }).data.rows[0];
  expect(org).toBeDefined();
  if (!org) return;
  const before = await postApi(page, `${app.base}/api/stats.coverage`, {});
  const workBefore = ((await before.json()) as { data: { county: { workOnly: number } } }).data.county.workOnly;

  await page.goto(`${app.base}/#/orgs/${org.id}`);
  await expect.poll(() => page.getByText('未选派指导员').count()).toBe(1);
  await page.getByRole('button', { name: '选派指导员' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('指导员').first().click();
  await page.getByRole('option').first().click();
  await dialog.getByLabel('起始日期').fill('2026-11-01');
  await app.snap('assign-instructor');
  await dialog.getByRole('button', { name: '选派', exact: true }).click();
  await page.waitForURL(new RegExp(`#/orgs/${org.id}$`));
  await expect.poll(() => page.getByText('仅工作覆盖').count()).toBe(1);
  await expect.poll(() => page.getByText('在任').count()).toBe(1);
  await app.snap('org-work-covered');
  const after = await postApi(page, `${app.base}/api/stats.coverage`, {});
  expect(((await after.json()) as { data: { county: { workOnly: number } } }).data.county.workOnly).toBe(workBefore + 1);

  // The instructor's own page lists the new assignment.
  await page.locator('a[href^="#/instructors/"]').first().click();
  await page.waitForURL(/#\/instructors\/\d+$/);
  await expect.poll(() => page.getByRole('link', { name: org.name }).count()).toBe(1);
  await app.snap('instructor-page');

  // 修改记录 of the organization edited through the form: before / after with the changed field marked.
  await page.goto(`${app.base}/#/orgs/${org.id}/edit`);
  await page.getByLabel('从业人员数').fill('99');
  await page.getByRole('button', { name: '保存' }).click();
  await page.waitForURL(new RegExp(`#/orgs/${org.id}$`));
  // The 操作日志 is the auditor's: the clerk sees no 修改记录 button, the auditor opens the record's log.
  expect(await page.getByRole('button', { name: '修改记录' }).count()).toBe(0);
  await app.signIn('auditor');
  await page.goto(`${app.base}/#/audit?entity=org&entityId=${org.id}`);
  await page.reload();
  await page.getByRole('button', { name: '修改前后' }).first().click();
  const changed = page.locator('tr[data-changed]');
  await expect.poll(() => changed.count()).toBe(1);
  await expect.poll(() => changed.first().textContent()).toContain('从业人员数');
  await app.snap('audit');
  await app.signIn('county');
});

it('opens 党组织, 指导员 and 设置; adds a region', async () => {
  await page.goto(`${app.base}/#/party-orgs`);
  await expect.poll(() => page.getByTestId('party-org-total').textContent()).toMatch(/共 \d+ 个党组织/);
  await app.snap('party-org-list');
  await page.goto(`${app.base}/#/instructors`);
  await expect.poll(() => page.getByText(/共 \d+ 名指导员/).count()).toBe(1);
  await app.snap('instructors');
  await page.goto(`${app.base}/#/settings`);
  await page.getByLabel('新增属地').fill('红旗镇');
  await page.getByRole('button', { name: '添加', exact: true }).first().click();
  await expect.poll(() => page.getByRole('textbox', { name: '属地名称：红旗镇' }).count()).toBe(1);
  await app.snap('settings');
});
