/**
 * The import page offers every kind of import by its Chinese name, at the clerk's 1366×768: a clerk
 * picks 示范点与党建品牌, downloads its template, fills one row and imports it, then does the same for
 * 群团组织; each lands on its own list.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { IMPORT_KINDS } from '../../src/shared/importKinds';
import type { MassOrgView } from '../../src/shared/records/massOrgs';
import type { ModelSiteRow } from '../../src/shared/records/modelSites';
import type { OrgListRow, PartyOrgListRow, Page as RowsPage } from '../../src/shared/types';
import { type App, startApp } from './harness';

let app: App;
let page: Page;
const OUT = path.resolve('test-output/e2e/import-kinds');

beforeAll(async () => {
  app = await startApp('import-kinds');
  page = app.page;
  await page.setViewportSize({ width: 1366, height: 768 });
});

afterAll(async () => {
  await app?.close();
});

/** Picks a kind in “导入的数据”, downloads its template and returns it as saved. */
async function templateOf(label: string): Promise<{ fileName: string; wb: ExcelJS.Workbook; file: string }> {
  await page.getByRole('combobox', { name: '导入的数据' }).click();
  await page.getByRole('option', { name: label, exact: true }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '下载导入模板' }).click();
  const d = await download;
  const file = path.join(OUT, d.suggestedFilename());
  await d.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return { fileName: d.suggestedFilename(), wb, file };
}

async function importFilled(wb: ExcelJS.Workbook, name: string): Promise<void> {
  const filled = path.join(OUT, name);
  await wb.xlsx.writeFile(filled);
  await page.locator('input[type="file"]').setInputFiles(filled);
  await expect.poll(() => page.getByText('新增 1', { exact: true }).count()).toBe(1);
  expect(await page.getByText('错误 0', { exact: true }).count()).toBe(1);
}

async function confirm(): Promise<void> {
  await page.getByRole('button', { name: '确认导入' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '导入', exact: true }).click();
}

it('lists every kind by its Chinese name; 示范点 and 群团 templates download and import', async () => {
  await page.goto(`${app.base}/#/import`);
  await page.getByRole('combobox', { name: '导入的数据' }).click();
  const options = page.getByRole('option');
  await expect.poll(() => options.allTextContents()).toEqual(IMPORT_KINDS.map((k) => k.label));
  await app.snap('kinds');
  await page.keyboard.press('Escape');

  // 示范点: a party organization of the demo county with no designation yet.
  const pos = (await app.call<RowsPage<PartyOrgListRow>>('partyOrgs.list', { sort: 'id', limit: 40 })).rows;
  let po: PartyOrgListRow | undefined;
  for (const p of pos) {
    if ((await app.call<ModelSiteRow[]>('modelSites.list', { partyOrgId: p.id })).length === 0) {
      po = p;
      break;
    }
  }
  if (!po) throw new Error('演示数据中没有尚未命名示范点的党组织');
  const sites = await templateOf('示范点与党建品牌');
  expect(sites.fileName).toBe('示范点与党建品牌导入模板.xlsx');
  const ws = sites.wb.getWorksheet('示范点与党建品牌') as ExcelJS.Worksheet;
  expect((ws.getRow(1).values as unknown[]).slice(1, 5)).toEqual(['党组织名称*', '所属属地', '命名级别*', '命名年度*']);
  ws.getRow(2).values = [po.name, po.regionName, '市级', 2026, '红色引擎', '是'];
  await importFilled(sites.wb, '示范点.xlsx');
  await app.snap('sites-preview');
  await confirm();
  await page.waitForURL(/#\/model-sites/);
  const named = await app.call<ModelSiteRow[]>('modelSites.list', { partyOrgId: po.id });
  expect(named.map((m) => [m.level, m.year, m.brandName, m.fiveStar])).toEqual([['city', 2026, '红色引擎', true]]);
  await page.getByText('红色引擎').first().waitFor();
  await app.snap('sites-imported');

  // 群团: an organization without a 共青团 yet.
  await page.goto(`${app.base}/#/import`);
  const orgs = (await app.call<RowsPage<OrgListRow>>('orgs.list', { limit: 40 })).rows;
  let org: OrgListRow | undefined;
  for (const o of orgs) {
    const mass = await app.call<MassOrgView[]>('massOrgs.list', { orgId: o.id });
    if (!mass.find((m) => m.kind === 'youth')?.present) {
      org = o;
      break;
    }
  }
  if (!org) throw new Error('演示数据中没有尚未建团的组织');
  const mass = await templateOf('群团组织');
  expect(mass.fileName).toBe('群团组织导入模板.xlsx');
  const sheet = mass.wb.getWorksheet('群团组织') as ExcelJS.Worksheet;
  expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['单位名称*', '所属属地', '群团组织*', '成员人数', '成立时间', '负责人']);
  sheet.getRow(2).values = [org.name, org.regionName, '共青团', '12人', '2024-05-04', '赵敏'];
  await importFilled(mass.wb, '群团.xlsx');
  await app.snap('mass-preview');
  await confirm();
  await page.waitForURL(/#\/orgs/);
  const youth = (await app.call<MassOrgView[]>('massOrgs.list', { orgId: org.id })).find((m) => m.kind === 'youth');
  expect(youth).toMatchObject({ present: true, members: 12, foundedDate: '2024-05-04', chair: '赵敏' });
  await page.goto(`${app.base}/#/orgs/${org.id}`);
  await page.getByText('赵敏').first().waitFor();
  await app.snap('mass-on-org');
});
