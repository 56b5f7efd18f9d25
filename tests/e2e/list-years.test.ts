/**
 * The #13 record lists open on this year alike, with 全部年度 to pick (年检 is always one year's list),
 * and every 属地 box finds a region typed in traditional characters. Screenshots at 1366×768 under
 * test-output/e2e/list-years/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type App, startApp } from './harness';

let app: App;
let page: Page;
const THIS_YEAR = String(new Date().getFullYear());

beforeAll(async () => {
  app = await startApp('list-years');
  page = app.page;
  await page.setViewportSize({ width: 1366, height: 768 });
});
afterAll(async () => {
  await app?.close();
});

/** List, its 年度 box, the 全部 option's name (null: none), and the channel whose total the page shows for all years. */
const LISTS: { name: string; hash: string; box: string; all: string | null; count: () => Promise<number>; shown: RegExp }[] = [
  {
    name: '经费',
    hash: '#/funding',
    box: '年度',
    all: '全部年度',
    count: async () => (await app.call<{ total: number }>('funding.list', { limit: 1 })).total,
    shown: /共 (\d+) 笔/,
  },
  {
    name: '培训',
    hash: '#/trainings',
    box: '年度',
    all: '全部年度',
    count: async () => (await app.call<{ total: number }>('trainings.list', { limit: 1 })).total,
    shown: /(\d+) 个培训班/,
  },
  {
    name: '组织生活',
    hash: '#/activities',
    box: '年度',
    all: '全部年度',
    count: async () => (await app.call<{ total: number }>('activities.list', { limit: 1 })).total,
    shown: /共 (\d+) 次组织生活/,
  },
  {
    name: '示范点',
    hash: '#/model-sites',
    box: '年度',
    all: '全部（含已撤销）',
    count: async () => (await app.call<unknown[]>('modelSites.list', {})).length,
    shown: /共 (\d+) 条命名/,
  },
  { name: '年检', hash: '#/inspections', box: '年检年度', all: null, count: async () => 0, shown: /$/ },
];

it('every record list opens on this year, and 全部年度 shows every year', { timeout: 120_000 }, async () => {
  for (const l of LISTS) {
    await page.goto(`${app.base}/${l.hash}`);
    const box = page.getByRole('main').getByRole('combobox', { name: l.box, exact: true });
    await expect.poll(() => box.inputValue(), { message: `${l.name}的年度` }).toMatch(new RegExp(`^${THIS_YEAR}年`));
    await box.click();
    const options = await page.getByRole('option').allTextContents();
    await app.snap(`${l.name}-年度`);
    if (!l.all) {
      expect(
        options.some((o) => o.includes('全部')),
        `${l.name}不应有全部年度`,
      ).toBe(false);
      await page.keyboard.press('Escape');
      continue;
    }
    expect(options.at(-1), `${l.name}的最后一项`).toBe(l.all);
    await page.getByRole('option', { name: l.all, exact: true }).click();
    await expect.poll(() => page.url()).toContain('year=all');
    const all = await l.count();
    await expect
      .poll(async () => l.shown.exec((await page.getByRole('main').textContent()) ?? '')?.[1], { message: l.name })
      .toBe(String(all));
  }
});

it('a 属地 box finds a region typed in traditional characters', { timeout: 60_000 }, async () => {
  for (const [hash, label, typed, region] of [
    ['#/funding', '属地', '烏蘭', '乌兰镇'],
    ['#/orgs/new', '所属属地', '紅山', '红山街道'],
    ['#/trainings', '举办属地', '經濟', '青山经济技术开发区'],
  ] as const) {
    await page.goto(`${app.base}/${hash}`);
    const box = page.getByRole('main').getByRole('combobox', { name: label, exact: true });
    await box.click();
    await box.fill(typed);
    await expect.poll(() => page.getByRole('option').allTextContents(), { message: `${hash} ${typed}` }).toEqual([region]);
    await app.snap(`属地-${typed}`);
    await page.getByRole('option', { name: region }).click();
    await expect.poll(() => box.inputValue()).toBe(region);
  }
});
