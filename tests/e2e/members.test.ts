/**
 * As a clerk: the 四个100% card on the overview opens the list of what misses a target; search with
 * traditional characters finds simplified names; an organization's 党员发展 gains a past year through
 * its dialog, and the 党员发展情况统计表 counts it. Screenshots at 1366×768 under test-output/e2e/members/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ReportData } from '../../src/shared/reports/types';
import type { Page as ListPage, OrgListRow } from '../../src/shared/types';
import { type App, startApp } from './harness';

let app: App;
let page: Page;

beforeAll(async () => {
  app = await startApp('members');
  page = app.page;
  await page.setViewportSize({ width: 1366, height: 768 });
});
afterAll(async () => {
  await app?.close();
});

it('四个100% on the overview opens the organizations that miss a target', { timeout: 120_000 }, async () => {
  await page.goto(`${app.base}/#/`);
  const build = page.getByTestId('four-build');
  await build.waitFor();
  await expect.poll(() => build.textContent()).toMatch(/\d+ \/ \d+ = \d+\.\d{2}%/);
  await build.scrollIntoViewIfNeeded();
  await app.snap('overview-four-hundred');
  const stats = await app.call<{ build: { n: number; d: number }; work: { n: number; d: number } }>('stats.fourHundred', {});
  // The overview's other cards arrive after this one and push it down: click once the page is still.
  await page.waitForLoadState('networkidle');
  await build.click();
  await page.getByTestId('four-misses').waitFor();
  expect(page.url()).toContain('/four-hundred?which=build');
  await expect.poll(() => page.getByTestId('four-misses').locator('tbody tr').count()).toBe(stats.build.d - stats.build.n);
  await app.snap('four-hundred-build');
  await page.getByText('工作覆盖', { exact: true }).click();
  await expect.poll(() => page.url()).toContain('which=work');
  // On some days every organization without members is covered: the page then says so instead of a table.
  if (stats.work.n === stats.work.d) await page.getByText('全部达标', { exact: true }).waitFor();
  else await expect.poll(() => page.getByTestId('four-misses').locator('tbody tr').count()).toBe(stats.work.d - stats.work.n);
  await app.snap('four-hundred-work');
});

it('黨 finds 党 and 協會 finds 协会 in the lists', { timeout: 60_000 }, async () => {
  await page.goto(`${app.base}/#/party-orgs`);
  await page.getByPlaceholder('名称、书记或拼音首字母（Ctrl+F）').fill('黨支部');
  await expect.poll(() => page.locator('tbody tr').count()).toBe(9);
  expect(await page.locator('tbody tr').first().textContent()).toContain('党支部');
  await app.snap('party-orgs-traditional-search');
  await page.goto(`${app.base}/#/orgs`);
  await page.getByPlaceholder('名称、信用代码或拼音首字母（Ctrl+F）').fill('協會');
  await expect.poll(() => page.locator('tbody tr').first().textContent()).toContain('协会');
});

it('a clerk enters a past year of 党员发展 and the yearly table counts it', { timeout: 120_000 }, async () => {
  const org = (await app.call<ListPage<OrgListRow>>('orgs.list', { sort: 'formalMembers', dir: 'desc', limit: 1 })).rows[0] as OrgListRow;
  const before = await app.call<ReportData>('reports.rows', { report: 'memberYears', filters: { year: 2024 } });
  await page.goto(`${app.base}/#/orgs/${org.id}`);
  await page.getByText('2025年', { exact: true }).waitFor();
  await page.getByRole('button', { name: '录入往年' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await dialog.getByLabel('正式党员').fill('20');
  await dialog.getByLabel('预备党员').fill('2');
  await dialog.getByLabel('新发展党员').fill('2');
  await app.snap('member-year-dialog');
  await dialog.getByRole('button', { name: '保存' }).click();
  await page.getByText('2024年', { exact: true }).waitFor();
  await page.getByText('党员发展', { exact: true }).scrollIntoViewIfNeeded();
  await app.snap('org-member-years');
  const after = await app.call<ReportData>('reports.rows', { report: 'memberYears', filters: { year: 2024 } });
  expect(Number(after.totals?.formal) - Number(before.totals?.formal)).toBe(20);
  expect(Number(after.totals?.newMembers) - Number(before.totals?.newMembers)).toBe(2);
  await page.goto(`${app.base}/#/reports?report=memberYears&year=2026`);
  await page.locator('[data-ready="1"][data-report="memberYears"]').waitFor();
  await app.snap('report-member-years');
});

it('a year entered by mistake is deleted after asking; the current year offers no 删除', { timeout: 120_000 }, async () => {
  const org = (await app.call<ListPage<OrgListRow>>('orgs.list', { sort: 'formalMembers', dir: 'desc', limit: 1 })).rows[0] as OrgListRow;
  await app.call('memberYears.set', { orgId: org.id, year: 2019, formal: 3, probationary: 0, activists: 0, candidates: 0, newMembers: 0 });
  await page.goto(`${app.base}/#/orgs/${org.id}`);
  const row = (y: string) => page.getByRole('row').filter({ has: page.getByText(y, { exact: true }) });
  await row('2019年').waitFor();
  expect(await row('2026年（当年）').getByRole('button', { name: '删除' }).count()).toBe(0);
  await row('2019年').getByRole('button', { name: '删除' }).click();
  const confirm = page.getByRole('dialog');
  await confirm.getByText('2019年度的党员发展情况').waitFor();
  await app.snap('member-year-delete-confirm');
  await confirm.getByRole('button', { name: '删除' }).click();
  await expect.poll(() => row('2019年').count()).toBe(0);
  const years = await app.call<{ year: number }[]>('memberYears.list', { orgId: org.id });
  expect(years.map((y) => y.year)).not.toContain(2019);
});
