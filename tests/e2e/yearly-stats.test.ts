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

/** The 合计 line of a table as the clerk reads it on the page, by column header. */
async function totalsLine(report: string): Promise<Record<string, number>> {
  const page = app.page;
  await page.goto('about:blank');
  await page.goto(`${app.base}/#/reports?report=${report}&year=2026`);
  const sheet = page.locator(`[data-ready="1"][data-report="${report}"]`);
  await sheet.waitFor();
  const headers = await sheet.locator('thead th').allInnerTexts();
  const cells = await sheet.locator('tr.totals td').allInnerTexts();
  return Object.fromEntries(headers.map((h, i) => [h.trim(), Number((cells[i] ?? '').replace(/[,%]/g, ''))]));
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

  const grown = (after: Record<string, number>, before: Record<string, number>, keys: string[]) =>
    keys.map((k) => Math.round(((after[k] ?? Number.NaN) - (before[k] ?? Number.NaN)) * 100) / 100);
  const classes = ['培训（期）', '培训（人次）', '其中业主培训（期）', '其中业主培训（人次）'];
  expect(grown(await totalsLine('yearlyStatsWork'), work, classes)).toEqual([1, 37, 1, 37]);
  expect(grown(await totalsLine('yearlyStatsFunds'), funds, ['财政补贴（元）', '经费合计（元）'])).toEqual([1000, 1000]);
});
