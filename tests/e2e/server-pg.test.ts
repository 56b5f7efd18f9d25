/**
 * Issue #15, "What must hold": the server edition on PostgreSQL, two clerks at once in Chromium at
 * 1366×768. The 乡镇经办 sees only her region's 两新组织; both clerks edit one of them and the second save
 * shows the conflict with both numbers; a desktop (SQLite) ledger's .lxex merges in through 数据交换, where
 * the phone the county saved after the file was exported is a conflict the county clerk keeps.
 * A throwaway PG 15 cluster is started here (the e2e project has no globalSetup for it).
 * Screenshots go under test-output/e2e/server-pg/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createContext } from '../../src/main/core/context';
import { openLedger } from '../../src/main/core/db';
import { exportExchange } from '../../src/main/core/exchange';
import { demoSeedPath, loadSeed, readSeedFile } from '../../src/main/core/seed';
import { updateOrg } from '../../src/main/core/services/orgs';
import type { Page as ListPage, OrgListRow } from '../../src/shared/types';
import { orgFieldsOf } from '../helpers/orgFields';
import { databaseUrl, type PgCluster, startCluster } from '../helpers/pgCluster';
import { type App, postApi, startApp } from './harness';
import { saveBothOrgForms, secondClerk, settled } from './steps/conflict';
import { checkAndPreview, confirmMerge, pickExchangeFile } from './steps/exchange';

const TODAY = '2026-11-25';
const OUT = path.resolve('test-output/e2e/server-pg');

let cluster: PgCluster | undefined;
let app: App;
let county: Page;
let townshipContext: BrowserContext;
let township: Page;
let shot = 0;

async function snap(page: Page, label: string) {
  shot++;
  await page.screenshot({ path: path.join(OUT, `${String(shot).padStart(2, '0')}-${label}.png`), fullPage: true });
}

beforeAll(async () => {
  cluster = startCluster();
  const admin = new pg.Client({ connectionString: databaseUrl(cluster, 'postgres') });
  await admin.connect();
  try {
    await admin.query('CREATE DATABASE ledger TEMPLATE template0');
  } finally {
    await admin.end();
  }
  app = await startApp('server-pg', TODAY, { database: databaseUrl(cluster, 'ledger') });
  county = app.page;
  ({ context: townshipContext, page: township } = await secondClerk(app, 'township'));
});

afterAll(async () => {
  try {
    await townshipContext?.close();
    await app?.close();
  } finally {
    cluster?.stop();
  }
});

async function listAs(page: Page, input: unknown): Promise<ListPage<OrgListRow>> {
  const res = await postApi(page, `${app.base}/api/orgs.list`, input);
  const body = (await res.json()) as { ok: boolean; data: ListPage<OrgListRow>; error?: { message: string } };
  if (!body.ok) throw new Error(`orgs.list: ${body.error?.message}`);
  return body.data;
}

it('two clerks on the PostgreSQL server: her region only, a save conflict, a desktop file merged', async () => {
  // 1. The township clerk's 两新组织 list: her region only, fewer than the county's.
  const countyAll = await listAs(county, { limit: 1 });
  const hers = await listAs(township, { limit: 1000 });
  const region = hers.rows[0]?.regionName;
  if (!region) throw new Error('乡镇没有两新组织');
  expect(hers.rows.every((r) => r.regionName === region)).toBe(true);
  expect(hers.total).toBe(hers.rows.length);
  expect(hers.total).toBeLessThan(countyAll.total);
  for (const [page, total] of [
    [county, countyAll.total],
    [township, hers.total],
  ] as const) {
    await page.goto(`${app.base}/#/orgs`);
    await expect.poll(() => page.getByTestId('org-total').textContent()).toBe(`共 ${total} 个两新组织`);
    await settled(page);
  }
  await snap(county, 'county-org-list');
  await snap(township, 'township-org-list');

  // 2. Both edit the same organization of her region; the county clerk saves first.
  const org = hers.rows[0] as OrgListRow;
  await saveBothOrgForms({ base: app.base, orgId: org.id, first: county, second: township });
  await snap(township, 'township-conflict');
  expect(await app.call<{ legalRepPhone: string }>('orgs.get', { id: org.id })).toMatchObject({
    legalRepPhone: '13800000002',
  });

  // 3. A desktop ledger (SQLite, the demo county) exports her region with one organization changed,
  // just before the county clerk's save above: the file still has that organization's old phone number.
  const saved = await app.call<{ legalRepPhone: string; updatedAt: string }>('orgs.get', { id: org.id });
  const exportedAt = new Date(Date.parse(saved.updatedAt) - 1).toISOString();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-server-pg-desktop-'));
  const target = hers.rows.find((r) => r.id !== org.id) as OrgListRow;
  const file = path.join(OUT, 'desktop.lxex');
  const desktop = await openLedger(path.join(dir, 'desktop.sqlite'));
  try {
    let now = `${TODAY}T07:00:00.000Z`;
    const ctx = createContext(desktop, { today: () => TODAY, now: () => now });
    await loadSeed(ctx, readSeedFile(demoSeedPath()));
    const { id: regionId } = await desktop.db.selectFrom('regions').select('id').where('name', '=', region).executeTakeFirstOrThrow();
    const { id: localId } = await desktop.db
      .selectFrom('orgs')
      .select('id')
      .where('name', '=', target.name)
      .where('region_id', '=', regionId)
      .executeTakeFirstOrThrow();
    await updateOrg(ctx, localId, { ...(await orgFieldsOf(ctx, localId)), employees: 777 });
    now = exportedAt;
    const exported = await exportExchange(ctx, { regionId, fileName: 'desktop.lxex' });
    fs.writeFileSync(file, exported.bytes);
  } finally {
    await desktop.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }

  // The county clerk merges it through 数据交换.
  await pickExchangeFile(county, app.base, file, region);
  await checkAndPreview(county);
  await expect.poll(() => county.getByText(`从业人员数：本地“${target.employees}” → 文件“777”`).count(), { timeout: 30_000 }).toBe(1);
  // The phone the county clerk saved after the file was exported is a conflict, not overwritten.
  const conflicts = county.getByTestId('exchange-conflicts');
  await expect.poll(() => conflicts.locator('tr').count()).toBe(1);
  expect(await conflicts.textContent()).toContain(org.name);
  expect(await conflicts.textContent()).toContain('负责人电话：本地“13800000002”');
  await expect.poll(() => county.getByText('还有 1 条冲突未选择处理方式').count()).toBe(1);
  await snap(county, 'exchange-preview');
  await conflicts.getByText('保留本地').click();
  await confirmMerge(county);
  await snap(county, 'exchange-merged');

  // The merged record is in the server's ledger, and the township clerk sees it on her screen.
  expect(await app.call<{ employees: number }>('orgs.get', { id: target.id })).toMatchObject({ employees: 777 });
  expect(await app.call<{ legalRepPhone: string }>('orgs.get', { id: org.id })).toMatchObject({ legalRepPhone: '13800000002' });
  await township.goto(`${app.base}/#/orgs/${target.id}`);
  await settled(township);
  await expect.poll(() => township.getByText('777', { exact: true }).count()).toBeGreaterThan(0);
  await snap(township, 'township-sees-merged');
});
