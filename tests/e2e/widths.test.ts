/**
 * Every list at 1366×768 and 1920×1080, photographed under test-output/e2e/widths/: lists use the
 * window's width at 1920, badges are never cut or wrapped, the overview's rates stay on one line at
 * 1366 with every region named under the chart, and its card and pie count case states alike.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CASE_STATES } from '../../src/shared/domain/codes';
import type { RoleCode } from '../../src/shared/domain/roles';
import type { CoverageStats } from '../../src/shared/types';
import { type App, startApp } from './harness';

// The functions handed to the page run in Chromium; the little of the DOM they touch is declared here.
interface El {
  scrollWidth: number;
  clientWidth: number;
  textContent: string | null;
  getBoundingClientRect(): { height: number; width: number };
  getClientRects(): { length: number };
}
declare function getComputedStyle(el: El): { lineHeight: string };

let app: App;
let page: Page;

/** Each list with the role whose page it is (the county clerk's unless named). */
const LISTS: [string, string, RoleCode?][] = [
  ['概览', '#/'],
  ['两新组织', '#/orgs'],
  ['党组织', '#/party-orgs'],
  ['党建指导员', '#/instructors'],
  ['排查认定', '#/screening'],
  ['整顿台账', '#/cases'],
  ['分类定级', '#/classes'],
  ['操作日志', '#/audit', 'auditor'],
  ['报表', '#/reports'],
];

beforeAll(async () => {
  app = await startApp('widths');
  page = app.page;
});

afterAll(async () => {
  await app?.close();
});

async function settled() {
  await expect.poll(() => page.getByText('正在加载').count(), { timeout: 20_000 }).toBe(0);
  await expect.poll(() => page.locator('.mantine-Loader-root').count(), { timeout: 20_000 }).toBe(0);
  await page.waitForTimeout(300);
}

/** Badges whose label is cut (…) or broken over lines. */
async function cutBadges(): Promise<string[]> {
  return page.locator('.mantine-Badge-root:visible').evaluateAll((els: El[]) =>
    els
      .filter((el) => {
        const label = (el as unknown as { querySelector(s: string): El | null }).querySelector('.mantine-Badge-label') ?? el;
        return (
          label.scrollWidth > label.clientWidth + 1 || el.getBoundingClientRect().height > 2 * parseFloat(getComputedStyle(el).lineHeight)
        );
      })
      .map((el) => el.textContent ?? ''),
  );
}

for (const width of [1366, 1920]) {
  it(`every list at ${width}: photographed, badges whole${width === 1920 ? ', tables using the width' : ''}`, async () => {
    await page.setViewportSize({ width, height: width === 1366 ? 768 : 1080 });
    const problems: string[] = [];
    let signedIn: RoleCode = 'county';
    for (const [name, hash, role = 'county'] of LISTS) {
      await page.goto(`${app.base}/${hash}`);
      if (role !== signedIn) {
        await app.signIn(role);
        await page.reload();
        signedIn = role;
      }
      await settled();
      await app.snap(`${width}-${name}`);
      const cut = await cutBadges();
      if (cut.length) problems.push(`${name}：标签被截断或折行：${[...new Set(cut)].join('、')}`);
      // 报表 shows the ledger as it will be on paper, at the paper's width.
      if (width === 1920 && hash !== '#/' && hash !== '#/reports') {
        const table = page.getByRole('main').locator('table:visible').first();
        if ((await table.count()) === 0) problems.push(`${name}：没有表格`);
        else {
          const box = await table.boundingBox();
          if (!box || box.width < 0.85 * width) problems.push(`${name}：表格宽 ${Math.round(box?.width ?? 0)}，不到窗口宽的 85%`);
        }
      }
    }
    if (signedIn !== 'county') await app.signIn('county');
    expect(problems, problems.join('\n')).toEqual([]);
  });
}

/** #13's record lists (and an organization's page with its 党员发展 by year), each with its 操作 column. */
const RECORD_LISTS: [string, string][] = [
  ['经费', '#/funding'],
  ['培训', '#/trainings'],
  ['组织生活', '#/activities'],
  ['网格', '#/grids'],
  ['示范点', '#/model-sites'],
  ['年检', '#/inspections'],
  ['四个100%', '#/four-hundred'],
];

/** Header cells outside the window or cut by a box that clips or scrolls sideways, by their text. */
async function cutColumns(): Promise<string[]> {
  return page
    .getByRole('main')
    .locator('table:visible th')
    .evaluateAll((els: El[]) => {
      interface Box {
        getBoundingClientRect(): { left: number; right: number };
        parentElement: Box | null;
        textContent: string | null;
      }
      const win = (globalThis as unknown as { innerWidth: number }).innerWidth;
      const style = (e: Box) => (getComputedStyle as unknown as (e: Box) => { overflowX: string })(e);
      return (els as unknown as Box[])
        .filter((th) => {
          const r = th.getBoundingClientRect();
          if (r.right > win + 1 || r.left < -1) return true;
          for (let p = th.parentElement; p; p = p.parentElement) {
            if (style(p).overflowX === 'visible') continue;
            const b = p.getBoundingClientRect();
            if (r.right > b.right + 1 || r.left < b.left - 1) return true;
          }
          return false;
        })
        .map((th) => th.textContent ?? '');
    });
}

it('the record lists at 1366: every column, 操作 included, inside the window without scrolling sideways', async () => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const org = (await app.call<{ rows: { id: number }[] }>('orgs.list', { sort: 'formalMembers', dir: 'desc', limit: 1 })).rows[0];
  const problems: string[] = [];
  for (const [name, hash] of [...RECORD_LISTS, ['党员发展', `#/orgs/${org?.id}`] as [string, string]]) {
    await page.goto(`${app.base}/${hash}`);
    await settled();
    await app.snap(`1366-${name}`);
    const sideways = await page.evaluate(() => {
      const d = (globalThis as unknown as { document: { documentElement: El } }).document.documentElement;
      return d.scrollWidth - d.clientWidth;
    });
    if (sideways > 1) problems.push(`${name}：窗口可左右滚动 ${sideways} 像素`);
    const cut = await cutColumns();
    if (cut.length) problems.push(`${name}：列被截断或在窗口外：${cut.join('、')}`);
  }
  expect(problems, problems.join('\n')).toEqual([]);
});

it('the overview at 1366: rates on one line, every region named under the chart', async () => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${app.base}/#/`);
  await settled();
  await app.snap('1366-概览-比率与图表');
  const rates = page.locator('[data-testid^="rate-"]');
  expect(await rates.count()).toBe(4);
  const wrapped = await rates.evaluateAll((els: El[]) =>
    els.filter((el) => el.getBoundingClientRect().height > 1.5 * parseFloat(getComputedStyle(el).lineHeight)).map((el) => el.textContent),
  );
  expect(wrapped, '折行的比率').toEqual([]);

  const stats = await app.call<CoverageStats>('stats.coverage', {});
  const labels = await page.locator('.recharts-wrapper svg text').allTextContents();
  const missing = stats.regions.map((r) => r.regionName).filter((n) => !labels.includes(n));
  expect(missing, '图表下缺少的属地名称').toEqual([]);
  // …and each readable. Slanted names are parallel lines: apart when their anchors are a line height
  // apart across the slant. Level names must not share any space.
  const ticks = await page.locator('.recharts-xAxis-tick-labels text').evaluateAll((els: El[]) =>
    els.map((el) => {
      const e = el as unknown as {
        getAttribute(a: string): string | null;
        getBoundingClientRect(): { left: number; right: number };
      };
      const r = e.getBoundingClientRect();
      const rotate = /rotate\((-?[\d.]+),\s*(-?[\d.]+)/.exec(e.getAttribute('transform') ?? '');
      return {
        text: el.textContent ?? '',
        left: r.left,
        right: r.right,
        angle: rotate ? Number(rotate[1]) : 0,
        x: rotate ? Number(rotate[2]) : 0,
        size: parseFloat((getComputedStyle(el) as unknown as { fontSize: string }).fontSize),
      };
    }),
  );
  expect(ticks.length).toBe(stats.regions.length);
  const overlapping = ticks.slice(1).flatMap((b, i) => {
    const a = ticks[i] as (typeof ticks)[number];
    const apart =
      a.angle && a.angle === b.angle ? Math.abs(b.x - a.x) * Math.abs(Math.sin((a.angle * Math.PI) / 180)) >= a.size : a.right <= b.left;
    return apart ? [] : [`${a.text}／${b.text}`];
  });
  expect(overlapping, '重叠的属地名称').toEqual([]);
});

it('the overview card and the pie count case states the same way', async () => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${app.base}/#/`);
  await settled();
  const card =
    (await page.getByTestId('overdue-count').locator('xpath=ancestor::*[contains(@class,"mantine-Card-root")][1]').textContent()) ?? '';
  const legend = (await page.locator('.mantine-Card-root', { hasText: '软弱涣散整顿对象（2026年度，按状态）' }).textContent()) ?? '';
  // Both count as the year's 整顿台账 does: this year's cases and earlier ones still open, not a
  // case delisted in an earlier year.
  const ledger = await app.call<{ byState: Record<string, number> }>('cases.stats', { year: 2026 });
  for (const st of CASE_STATES) {
    const inLegend = new RegExp(`${st.label}\\s*(\\d+)`).exec(legend)?.[1];
    const inCard = new RegExp(`${st.label}\\s*(\\d+)`).exec(card)?.[1];
    expect(inCard, `卡片上的“${st.label}”`).toBe(inLegend);
    expect(inCard, `卡片上的“${st.label}”与整顿台账`).toBe(String(ledger.byState[st.code]));
  }
});
