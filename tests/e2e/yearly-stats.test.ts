/**
 * The 年度两新党建工作统计表 on the 报表 page of the demo county, at a clerk's 1366×768: a training class
 * and a funding payment recorded now show up in its 合计 at once. Screenshots of the three tables.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type App, startApp } from './harness';

let app: App;

beforeAll(async () => {
  app = await startApp('yearly-stats');
  await app.page.setViewportSize({ width: 1366, height: 768 });
});

afterAll(async () => {
  await app?.close();
});

/** The 合计 line of a table as the clerk reads it on the page. */
async function totalsLine(report: string): Promise<string[]> {
  const page = app.page;
  await page.goto('about:blank');
  await page.goto(`${app.base}/#/reports?report=${report}&year=2026`);
  const sheet = page.locator(`[data-ready="1"][data-report="${report}"]`);
  await sheet.waitFor();
  const cells = sheet.locator('tr.totals td');
  return (await cells.allInnerTexts()).map((s) => s.trim());
}

it('shows a class and a payment recorded today in the year’s 合计', async () => {
  const work = await totalsLine('yearlyStatsWork');
  await app.snap('work');
  const funds = await totalsLine('yearlyStatsFunds');
  await app.snap('funds');
  await totalsLine('yearlyStats');
  await app.snap('basic');

  const regions = await app.call<{ id: number; name: string }[]>('regions.list', {});
  const party = await app.call<{ rows: { id: number }[] }>('partyOrgs.list', { offset: 0, limit: 1 });
  await app.call('trainings.create', {
    startDate: '2026-11-20',
    endDate: '2026-11-20',
    topic: '业主党建知识培训班',
    target: 'owner',
    organizer: '旗委组织部',
    regionId: regions[0]?.id,
    sessions: 1,
    attendances: 37,
  });
  await app.call('funding.create', {
    partyOrgId: party.rows[0]?.id,
    source: 'fiscal',
    fundKind: 'activity',
    amount: 1000,
    date: '2026-11-20',
  });

  // 培训（期）, 培训（人次）, 业主（期）, 业主（人次） are the 4th to 7th cells of the line (属地 first).
  const num = (s: string | undefined) => Number((s ?? '').replace(/,/g, ''));
  const after = await totalsLine('yearlyStatsWork');
  expect([3, 4, 5, 6].map((i) => num(after[i]) - num(work[i]))).toEqual([1, 37, 1, 37]);
  // 财政补贴 is the 5th cell, 经费合计 the 7th.
  const paid = await totalsLine('yearlyStatsFunds');
  expect([4, 6].map((i) => Math.round((num(paid[i]) - num(funds[i])) * 100) / 100)).toEqual([1000, 1000]);
});
