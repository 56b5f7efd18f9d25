/**
 * A clerk at 1366×768 names a party organization a 市级 示范点 with its brand and 五星 creation, sees it in
 * the list, on the party organization's page and in the printed 示范点（品牌）台账; records a social
 * organization's 年检 from the 未年检 list and sees the organization's 年检结果 follow it; and fills in the
 * organization's 共青团. Screenshots under test-output/e2e/sites/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { InspectionRecord, InspectionRow } from '../../src/shared/records/inspections';
import type { MassOrgView } from '../../src/shared/records/massOrgs';
import type { ModelSiteRow } from '../../src/shared/records/modelSites';
import type { Page as ListPage, OrgDetail, PartyOrgListRow } from '../../src/shared/types';
import { type App, startApp } from './harness';
import { latinWords, VISIBLE_TEXT } from './latin';

let app: App;
let page: Page;

beforeAll(async () => {
  app = await startApp('sites');
  page = app.page;
  await page.setViewportSize({ width: 1366, height: 768 });
});
afterAll(async () => {
  await app?.close();
});

const dialog = () => page.getByRole('dialog');

async function noLatin(where: string) {
  const text = (await page.evaluate(VISIBLE_TEXT)) as string;
  expect(latinWords(text, []), where).toEqual([]);
}

it('a clerk names a 示范点 and records a 年检 and a 共青团', { timeout: 180_000 }, async () => {
  // A party organization with no designation yet.
  const named = new Set((await app.call<ModelSiteRow[]>('modelSites.list', {})).map((m) => m.partyOrgId));
  const parties = await app.call<ListPage<PartyOrgListRow>>('partyOrgs.list', { limit: 200 });
  const party = parties.rows.find((p) => !named.has(p.id) && p.secretaryName);
  if (!party) throw new Error('演示数据中没有可命名的党组织');

  await page.goto(`${app.base}/#/model-sites`);
  await page.getByTestId('model-sites-table').waitFor();
  await noLatin('示范点列表');
  await app.snap('示范点-列表');

  await page.getByRole('button', { name: '登记示范点命名' }).click();
  const d = dialog();
  await d.getByRole('combobox', { name: /^党组织/ }).click();
  await d.getByRole('combobox', { name: /^党组织/ }).fill(party.name.slice(0, 6));
  await page.getByRole('option', { name: `${party.name}（${party.regionName}）` }).click();
  await d.getByLabel('命名级别').click();
  await page.getByRole('option', { name: '市级', exact: true }).click();
  await d.getByLabel('党建品牌名称').fill('北疆红色驿站');
  await d.getByLabel('命名文号').fill('市组发〔2026〕15号');
  await d.getByLabel(/五星创建/).check();
  await noLatin('示范点登记');
  await app.snap('示范点-登记');
  await d.getByRole('button', { name: '保存' }).click();
  await expect.poll(() => dialog().count()).toBe(0);
  await page.getByTestId('model-sites-table').getByText('北疆红色驿站').waitFor();
  const sites = await app.call<ModelSiteRow[]>('modelSites.list', { partyOrgId: party.id });
  expect(sites).toMatchObject([{ level: 'city', year: 2026, brandName: '北疆红色驿站', fiveStar: true, documentNo: '市组发〔2026〕15号' }]);
  await app.snap('示范点-已登记');

  // Its party organization's page shows the designation.
  await page.goto(`${app.base}/#/party-orgs/${party.id}`);
  const history = page.getByTestId('model-site-history');
  await history.getByText('北疆红色驿站').waitFor();
  await expect.poll(() => history.getByText('市级').count()).toBe(1);
  await app.snap('党组织-示范点');

  // The printed ledger of 2026 carries it.
  await page.goto(`${app.base}/#/print/modelSites?year=2026`);
  await page.locator('[data-ready="1"]').waitFor({ timeout: 20_000 });
  await expect.poll(() => page.getByText('北疆红色驿站').count()).toBeGreaterThan(0);
  await noLatin('示范点台账');
  await app.snap('示范点-台账');

  // 年检: the 2026 social organizations with none recorded.
  await page.goto(`${app.base}/#/inspections?result=none`);
  const table = page.getByTestId('inspections-table');
  await table.waitFor();
  const waiting = await app.call<ListPage<InspectionRow>>('inspections.list', { year: 2026, result: 'none', limit: 1 });
  const target = waiting.rows[0];
  if (!target) throw new Error('演示数据中没有未年检的社会组织');
  await noLatin('年检列表');
  await app.snap('年检-未年检');
  await table
    .getByRole('row', { name: new RegExp(target.orgName) })
    .getByRole('button', { name: '登记' })
    .click();
  await dialog().getByLabel('年检结论').click();
  await page.getByRole('option', { name: '基本合格', exact: true }).click();
  await dialog().getByLabel('党建工作情况审查').click();
  await page.getByRole('option', { name: '整改', exact: true }).click();
  await dialog().getByLabel('备注').fill('党组织活动记录不全，限期整改');
  await app.snap('年检-登记');
  await dialog().getByRole('button', { name: '保存' }).click();
  await expect.poll(() => dialog().count()).toBe(0);
  // Recorded, it leaves the 未年检 list.
  await expect.poll(() => table.getByText(target.orgName, { exact: true }).count()).toBe(0);
  const history2026 = await app.call<InspectionRecord[]>('inspections.history', { orgId: target.orgId });
  expect(history2026[0]).toMatchObject({ year: 2026, result: 'basic', partyReview: 'rectify', remarks: '党组织活动记录不全，限期整改' });
  expect((await app.call<OrgDetail>('orgs.get', { id: target.orgId })).annualCheck).toBe('basic');

  // The organization's page: its 年检 by year, and its 共青团 filled in.
  await page.goto(`${app.base}/#/orgs/${target.orgId}`);
  await page.getByTestId('org-inspections').getByText('2026年度').waitFor();
  const mass = page.getByTestId('mass-orgs');
  await mass
    .getByRole('row', { name: /共青团/ })
    .getByRole('button')
    .click();
  await dialog().getByLabel('成立时间').fill('2024-05-04');
  await dialog().getByLabel('成员人数').fill('12');
  await dialog().getByLabel('负责人').fill('王婷婷');
  await app.snap('群团-登记');
  await dialog().getByRole('button', { name: '保存' }).click();
  await expect.poll(() => dialog().count()).toBe(0);
  await mass.getByText('王婷婷').waitFor();
  const views = await app.call<MassOrgView[]>('massOrgs.list', { orgId: target.orgId });
  expect(views.find((v) => v.kind === 'youth')).toEqual({
    kind: 'youth',
    present: true,
    foundedDate: '2024-05-04',
    members: 12,
    chair: '王婷婷',
  });
  expect((await app.call<OrgDetail>('orgs.get', { id: target.orgId })).hasYouthLeague).toBe(true);
  await mass.scrollIntoViewIfNeeded();
  await noLatin('组织页');
  await app.snap('组织-群团与年检');
});
