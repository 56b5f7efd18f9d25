/**
 * 排查 in Chromium on the demo county: the ranked suggestions with their reasons in words, region filter,
 * Ctrl+F search, 暂不认定 with a reason (refused empty before any request), listed apart, and 恢复.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type App, startApp } from './harness';

let app: App;
let page: Page;

beforeAll(async () => {
  app = await startApp('screening');
  page = app.page;
});

afterAll(async () => {
  await app?.close();
});

interface Suggest {
  suggestions: { partyOrgId: number; partyOrgName: string; regionName: string; secretaryName: string | null }[];
  deferred: { partyOrgId: number; reason: string }[];
}

/** What the window shows without scrolling, beside the harness's full-page shots. */
const view = (label: string) => page.screenshot({ path: path.resolve('test-output/e2e/screening', `view-${label}.png`) });
const rows = () => page.getByTestId('suggestions').locator('tbody tr');
const firstName = async () => (await rows().first().locator('td').nth(1).locator('p').first().textContent())?.trim() ?? '';

it('sets a suggestion aside with a reason, lists it as 暂不认定, and restores it', { timeout: 120_000 }, async () => {
  const all = await app.call<Suggest>('cases.suggest', { year: 2026 });
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${app.base}/#/screening?year=2026`);
  await rows().first().waitFor();
  expect(await rows().count()).toBe(all.suggestions.length);
  expect(await firstName()).toBe(all.suggestions[0]?.partyOrgName);
  // The weight in words, never a bare number.
  await expect.poll(() => rows().first().getByText('重点', { exact: true }).count()).toBe(1);
  await expect.poll(() => rows().first().getByText('严重', { exact: true }).count()).toBeGreaterThan(0);
  await app.snap('1366-suggestions');
  await view('1366-suggestions');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await app.snap('1920-suggestions');
  await view('1920-suggestions');
  await page.setViewportSize({ width: 1366, height: 768 });

  // Region filter: only that region's suggestions.
  const region = all.suggestions[0]?.regionName as string;
  await page.getByRole('combobox', { name: '属地' }).click();
  await page.getByRole('option', { name: region, exact: true }).click();
  const inRegion = all.suggestions.filter((s) => s.regionName === region).length;
  await expect.poll(() => rows().count()).toBe(inRegion);
  await page.getByRole('combobox', { name: '属地' }).click();
  await page.getByRole('option', { name: region, exact: true }).click();
  await expect.poll(() => rows().count()).toBe(all.suggestions.length);

  // Ctrl+F focuses the search box; a 书记's name finds the party organization.
  const target = all.suggestions.find((s) => s.secretaryName) as Suggest['suggestions'][number];
  await page.keyboard.press('Control+f');
  // Typed straight after Ctrl+F: it lands only if the search box took the focus.
  await page.keyboard.type(target.secretaryName as string);
  await expect.poll(firstName).toBe(target.partyOrgName);
  await app.snap('search-secretary');
  await page.getByLabel('查找', { exact: true }).fill('');
  await expect.poll(() => rows().count()).toBe(all.suggestions.length);

  // 暂不认定 the first: an empty reason is refused on the page, before any request.
  const picked = all.suggestions[0] as Suggest['suggestions'][number];
  await rows().first().getByRole('button', { name: '暂不认定' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect.poll(() => dialog.getByText('请填写暂不认定的原因').count()).toBe(1);
  const reason = '6月已完成班子调整，待年底星级评定后再议';
  await dialog.getByLabel('暂不认定的原因').fill(reason);
  await app.snap('defer-dialog');
  await view('defer-dialog');
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect.poll(() => dialog.count()).toBe(0);
  await expect.poll(() => rows().count()).toBe(all.suggestions.length - 1);
  expect(await firstName()).not.toBe(picked.partyOrgName);

  // Listed under 暂不认定 with its reason.
  await page.getByRole('tab', { name: /暂不认定（1）/ }).click();
  const deferred = page.getByTestId('deferred').locator('tbody tr');
  await expect.poll(() => deferred.count()).toBe(1);
  expect(await deferred.first().textContent()).toContain(picked.partyOrgName);
  expect(await deferred.first().textContent()).toContain(reason);
  await app.snap('1366-deferred');
  await view('1366-deferred');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await app.snap('1920-deferred');
  const after = await app.call<Suggest>('cases.suggest', { year: 2026 });
  expect(after.deferred).toEqual([expect.objectContaining({ partyOrgId: picked.partyOrgId, reason })]);
  // The 操作日志 is read by the auditor.
  await app.signIn('auditor');
  const audit = await app.call<{ rows: { action: string; entityId: number }[] }>('audit.list', { entity: 'screening_deferral' });
  await app.signIn('county');
  expect(audit.rows).toEqual([expect.objectContaining({ action: 'defer', entityId: picked.partyOrgId })]);

  // 恢复: back among the suggestions, in its place.
  await deferred.first().getByRole('button', { name: '恢复' }).click();
  await expect.poll(() => page.getByText('该年度没有暂不认定的党组织。').count()).toBe(1);
  await page.getByRole('tab', { name: /排查建议/ }).click();
  await expect.poll(() => rows().count()).toBe(all.suggestions.length);
  expect(await firstName()).toBe(picked.partyOrgName);
  await app.snap('restored');
});

it('认定 refuses on the page what the core would refuse, and asks before dropping what was typed', async () => {
  const cases = async () => (await app.call<{ total: number }>('cases.list', { year: 2026 })).total;
  const casesBefore = await cases();
  await rows().first().getByRole('button', { name: '认定', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('其他情形', { exact: false }).fill('情'.repeat(51));
  await dialog.getByRole('button', { name: '确认认定' }).click();
  await expect.poll(() => dialog.getByText('不能超过50个字').count()).toBe(1);
  await view('identify-refused');
  expect(page.url()).toMatch(/#\/screening/);
  await dialog.getByRole('button', { name: '取消' }).click();
  await page.getByRole('button', { name: '放弃修改' }).click();
  await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  expect(await cases()).toBe(casesBefore);
}, 120_000);
