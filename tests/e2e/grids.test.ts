/**
 * A clerk of the demo county opens 网格管理, makes a grid of 乌兰镇's 区域党支部 with an instructor and two
 * organizations picked by search, sees it under its branch, on the branch's page, in the “四个一” table and
 * in the printed 网格化管理台账. Screenshots at 1366×768 under test-output/e2e/grids/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { GridListRow } from '../../src/shared/records/grids';
import type { Instructor, Page as ListPage, OrgListRow, PartyOrgListRow } from '../../src/shared/types';
import { type App, startApp } from './harness';
import { latinWords, VISIBLE_TEXT } from './latin';

let app: App;
let page: Page;

beforeAll(async () => {
  app = await startApp('grids');
  page = app.page;
  await page.setViewportSize({ width: 1366, height: 768 });
});

afterAll(async () => {
  await app?.close();
});

const dialog = () => page.getByRole('dialog').last();

it('a clerk makes a grid with an instructor and two organizations and finds it in the ledger', { timeout: 120_000 }, async () => {
  const branch = (await app.call<ListPage<PartyOrgListRow>>('partyOrgs.list', { method: 'regional', query: '乌兰镇', limit: 5 })).rows[0];
  if (!branch) throw new Error('演示数据中没有乌兰镇的区域党支部');
  // Two of 乌兰镇's organizations no grid holds yet (those with their own party organization).
  const inGrids = new Set((await app.call<GridListRow[]>('grids.list', { regionId: branch.regionId })).flatMap((g) => g.orgIds));
  const orgs = (await app.call<ListPage<OrgListRow>>('orgs.list', { regionId: branch.regionId, limit: 200 })).rows.filter(
    (o) => !inGrids.has(o.id),
  );
  const [first, second] = orgs;
  if (!first || !second) throw new Error('乌兰镇没有未划入网格的组织');
  const instructor = (await app.call<Instructor[]>('instructors.list', {}))[0] as Instructor;

  await page.goto(`${app.base}/#/`);
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '网格管理' }).click();
  await page.getByTestId('four-checks').waitFor();
  await app.snap('grids-page');

  await page.getByRole('button', { name: '新增网格', exact: true }).click();
  await dialog().waitFor();
  await dialog().getByLabel('区域党支部').first().click();
  await page.getByRole('option', { name: `${branch.name}（${branch.regionName}）` }).click();
  await dialog().getByLabel('网格名称').fill('第五网格');
  await dialog().getByLabel('网格指导员').first().click();
  await page
    .getByRole('option', { name: new RegExp(`^${instructor.name}`) })
    .first()
    .click();
  const orgBox = dialog().getByPlaceholder('输入名称或拼音首字母查找');
  for (const o of [first, second]) {
    await orgBox.fill(o.name.slice(0, 6));
    await page.getByRole('option', { name: o.name, exact: true }).click();
  }
  await dialog().getByLabel('服务联系卡已发放').check();
  await dialog().getByLabel('发放日期').fill('2026-10-15');
  await dialog().getByLabel('网格名称').click();
  await app.snap('grid-dialog');
  await dialog().getByRole('button', { name: '保存' }).click();
  await expect.poll(() => page.getByRole('dialog').count(), { timeout: 10_000 }).toBe(0);

  const saved = (await app.call<GridListRow[]>('grids.list', { query: '第五网格' }))[0];
  expect(saved).toMatchObject({
    partyOrgId: branch.id,
    instructorId: instructor.id,
    contactCards: true,
    contactCardsDate: '2026-10-15',
    orgIds: [first.id, second.id].sort((a, b) => a - b),
  });
  await expect.poll(() => page.getByRole('cell', { name: '第五网格', exact: true }).count()).toBe(1);
  await app.snap('grid-saved');
  expect(latinWords((await page.evaluate(VISIBLE_TEXT)) as string)).toEqual([]);

  // The branch's page lists it with the branch's “四个一”.
  await page.goto(`${app.base}/#/party-orgs/${branch.id}`);
  await expect.poll(() => page.getByRole('cell', { name: '第五网格', exact: true }).count(), { timeout: 10_000 }).toBe(1);
  await page.getByTestId('four-checks').waitFor();
  await app.snap('branch-page');

  // An organization's page names its grid.
  await page.goto(`${app.base}/#/orgs/${first.id}`);
  await expect.poll(() => page.getByText(/所在网格：/).count(), { timeout: 10_000 }).toBe(1);

  // The printed ledger holds the grid with its instructor and both organizations.
  await page.goto(`${app.base}/#/print/grids?regionId=${branch.regionId}`);
  await page.getByText('网格化管理台账').first().waitFor();
  await expect.poll(() => page.getByText('第五网格', { exact: true }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
  const paper = (await page.evaluate(VISIBLE_TEXT)) as string;
  expect(paper).toContain(`${first.name}、${second.name}`);
  expect(paper).toContain(instructor.name);
  await app.snap('grids-ledger');
});
