/**
 * A township clerk exports 乌兰镇 with a password; the county clerk picks the file, enters the
 * password, sees the two records the township changed (an organization and a 经费 payment), merges
 * them, and finds the changes in the ledger.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FundingPage } from '../../src/shared/records/funding';
import type { Page as ListPage, OrgDetail, OrgListRow, Region } from '../../src/shared/types';
import { orgFormOf } from '../helpers/orgFields';
import { type App, startApp } from './harness';
import { checkAndPreview, confirmMerge, pickExchangeFile } from './steps/exchange';

let township: App;
let county: App;

beforeAll(async () => {
  township = await startApp('exchange-township');
  county = await startApp('exchange-county');
});

afterAll(async () => {
  await township?.close();
  await county?.close();
});

const call = <T>(app: App, channel: string, input: unknown) => app.call<T>(channel, input);

it('exports a region with a password and merges it into the county ledger', async () => {
  const regions = await call<Region[]>(township, 'regions.list', {});
  const wulan = regions.find((r) => r.name === '乌兰镇') as Region;
  const org = (await call<ListPage<OrgListRow>>(township, 'orgs.list', { regionId: wulan.id, limit: 1 })).rows[0] as OrgListRow;
  const fields = orgFormOf(await call<OrgDetail>(township, 'orgs.get', { id: org.id }));
  await call(township, 'orgs.update', { id: org.id, fields: { ...fields, employees: 777 } });
  const pay = (await call<FundingPage>(township, 'funding.list', { regionId: wulan.id, limit: 1 })).rows[0];
  if (!pay) throw new Error('乌兰镇 has no 经费 in the demo county');
  const { partyOrgId, source, fundKind, date, period, documentNo, remarks, amountFen } = pay;
  const amount = { before: (amountFen / 100).toFixed(2), after: ((amountFen + 50_000) / 100).toFixed(2) };
  await call(township, 'funding.update', {
    id: pay.id,
    fields: { partyOrgId, source, fundKind, date, period, documentNo, remarks, amount: amount.after },
  });

  // Township: 数据交换 → 乌兰镇, password twice → 导出.
  const t = township.page;
  await t.goto(`${township.base}/#/exchange`);
  await t.getByLabel('导出范围').first().click();
  await t.getByRole('option', { name: '乌兰镇' }).click();
  await t.getByLabel('密码（可不设）').fill('wulan2026');
  await t.getByLabel('再次输入密码').fill('wulan2026');
  await township.snap('export');
  const download = t.waitForEvent('download');
  await t.getByRole('button', { name: '导出', exact: true }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.lxex$/);
  const saved = path.resolve('test-output/e2e/exchange-county', file.suggestedFilename());
  await file.saveAs(saved);

  // County: pick the file, see its manifest, enter the password, preview, merge.
  const c = county.page;
  await pickExchangeFile(c, county.base, saved, '乌兰镇');
  await expect.poll(() => c.getByTestId('exchange-manifest').textContent()).toContain('已加密');
  await checkAndPreview(c, 'wrong-password');
  await expect.poll(() => c.getByText('密码不正确').count()).toBeGreaterThan(0);
  await checkAndPreview(c, 'wulan2026');
  await expect.poll(() => c.getByText('更新 2', { exact: true }).count()).toBe(1);
  await expect.poll(() => c.getByText(`从业人员数：本地“${org.employees}” → 文件“777”`).count()).toBe(1);
  await expect.poll(() => c.getByText(`金额（元）：本地“${amount.before}” → 文件“${amount.after}”`).count()).toBe(1);
  // Per kind of record: the file's 经费, 培训班… counted beside the organizations.
  const kinds = c.getByTestId('exchange-kinds');
  await expect.poll(() => kinds.getByRole('row', { name: /^经费/ }).textContent()).toMatch(/^经费1\d+$/);
  for (const label of ['培训班', '组织生活', '网格', '示范点', '群团组织', '党员发展']) {
    await expect.poll(() => kinds.getByRole('row', { name: new RegExp(`^${label}`) }).count()).toBe(1);
  }
  await c.setViewportSize({ width: 1366, height: 768 });
  await county.snap('preview');
  await confirmMerge(c);
  await county.snap('merged');
  const merged = await call<{ employees: number }>(county, 'orgs.get', { id: org.id });
  expect(merged.employees).toBe(777);
  const paid = (await call<FundingPage>(county, 'funding.list', { regionId: wulan.id, limit: 1000 })).rows.find((r) => r.id === pay.id);
  expect(paid?.amountFen).toBe(amountFen + 50_000);
  // The 操作日志 is read by the auditor.
  await county.signIn('auditor');
  const audit = await call<{ rows: { action: string; after: { exchangeFile?: string } }[] }>(county, 'audit.list', {
    entity: 'org',
    entityId: org.id,
  });
  await county.signIn('county');
  expect(audit.rows[0]).toMatchObject({ action: 'exchange', after: { exchangeFile: file.suggestedFilename() } });
  expect(fs.existsSync(saved)).toBe(true);
});
