/**
 * Issue #14 in Chromium at 1366×768, one demo county signed in as each role in turn: a 乡镇经办 sees
 * only their region on the overview and the lists (the same figures the county clerk gets for that
 * region), 领导查看 finds no write button anywhere on the sidebar's pages and every write is refused,
 * and 审计员 reaches only the logs. Screenshots go under test-output/e2e/roles/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Account, Me } from '../../src/shared/records/accounts';
import type { CoverageStats, Page as ListPage, OrgListRow, PartyOrgListRow } from '../../src/shared/types';
import { type App, postApi, startApp } from './harness';

let app: App;
let page: Page;

beforeAll(async () => {
  app = await startApp('roles');
  page = app.page;
  await page.setViewportSize({ width: 1366, height: 768 });
});

afterAll(async () => {
  await app?.close();
});

async function settled() {
  await expect.poll(() => page.getByText('正在加载').count(), { timeout: 20_000 }).toBe(0);
  await expect.poll(() => page.locator('.mantine-Loader-root').count(), { timeout: 20_000 }).toBe(0);
  await page.waitForTimeout(200);
}

/** Signs the browser in as the role and opens the address afresh (nothing of the last account kept). */
async function as(role: Parameters<App['signIn']>[0], hash = '#/') {
  await app.signIn(role);
  await page.goto(`${app.base}/${hash}`);
  await page.reload();
  // The shell shows nothing while it asks who is signed in: wait for the account's sidebar.
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link').first().waitFor();
  await settled();
}

const sidebar = () => page.getByRole('navigation', { name: '主菜单' });

/** A channel called straight over HTTP as the signed-in browser: status and body, never thrown. */
async function post(channel: string, input: unknown) {
  const res = await postApi(page, `${app.base}/api/${channel}`, input);
  return { status: res.status(), body: (await res.json()) as { ok: boolean; data?: unknown; error?: { code: string; message: string } } };
}

/** Refused as forbidden with a Chinese message that leaks no English, path or errno. */
async function expectForbidden(channel: string, input: unknown) {
  const r = await post(channel, input);
  expect(r.status, channel).toBe(403);
  expect(r.body.ok, channel).toBe(false);
  expect(r.body.error?.code, channel).toBe('forbidden');
  expect(r.body.error?.message, channel).toMatch(/\p{Script=Han}/u);
  expect(r.body.error?.message, channel).not.toMatch(/[A-Za-z]{3,}|\//);
}

/** Words on a button that would change the ledger. */
const WRITE_WORDS = /新增|编辑|修改|删除|保存|登记|录入|导入|认定|定级|评定|选派|恢复|备份|合并|销号|验收|撤销|重新整顿|制定/;

/**
 * The visible buttons of the page's main part whose label is a write word. A button that opens a page
 * named in the sidebar (排查认定) or a card that opens a list (概览's figures, long texts) only reads.
 */
async function writeButtons(pages: readonly string[]): Promise<string[]> {
  const texts = await page.locator('main').getByRole('button').filter({ visible: true }).allTextContents();
  const links = await page.locator('main a.mantine-Button-root').filter({ visible: true }).allTextContents();
  return [...texts, ...links]
    .map((t) => t.trim())
    .filter((t) => t.length <= 12 && !/\d/.test(t) && !pages.includes(t) && WRITE_WORDS.test(t));
}

it('a 乡镇经办 sees only their region on the overview and the 两新组织 and 党组织 lists', async () => {
  const me = await app.call<Me>('auth.me', {});
  expect(me.user?.role).toBe('county');
  await app.signIn('township');
  const township = (await app.call<Me>('auth.me', {})).user as Account;
  expect(township.regionIds).toHaveLength(1);
  const regionId = township.regionIds[0] as number;

  // What the county clerk's API gives for that one region.
  await app.signIn('county');
  const coverage = await app.call<CoverageStats>('stats.coverage', {});
  const region = coverage.regions.find((r) => r.regionId === regionId);
  if (!region) throw new Error('演示数据中没有该属地');
  expect(coverage.regions.length).toBeGreaterThan(1);
  const orgs = await app.call<ListPage<OrgListRow>>('orgs.list', { regionId, limit: 1 });
  const partyOrgs = await app.call<ListPage<PartyOrgListRow>>('partyOrgs.list', { regionId, limit: 1 });
  const allOrgs = await app.call<ListPage<OrgListRow>>('orgs.list', { limit: 1 });
  // The demo county has other regions' records, so a list that is not narrowed shows more.
  expect(allOrgs.total).toBeGreaterThan(orgs.total);

  await as('township', '#/');
  await expect.poll(() => page.getByText(`两新组织 ${region.total} 个`).count()).toBe(1);
  // 各属地覆盖情况 lists the one region.
  const regionRows = page.locator('.mantine-Card-root', { hasText: '各属地覆盖情况' }).locator('tbody tr');
  await expect.poll(() => regionRows.count()).toBe(1);
  expect(await regionRows.first().textContent()).toContain(region.regionName);
  await app.snap('township-overview');

  await page.goto(`${app.base}/#/orgs`);
  await settled();
  await expect.poll(() => page.getByTestId('org-total').textContent()).toBe(`共 ${orgs.total} 个两新组织`);
  const orgRegions = await page.locator('tbody tr td:nth-child(4)').allTextContents();
  expect(new Set(orgRegions.map((t) => t.trim()))).toEqual(new Set([region.regionName]));
  await app.snap('township-orgs');

  await page.goto(`${app.base}/#/party-orgs`);
  await settled();
  await expect.poll(() => page.getByTestId('party-org-total').textContent()).toBe(`共 ${partyOrgs.total} 个党组织`);
  await app.snap('township-party-orgs');

  // A new organization starts in the clerk's own region.
  await page.goto(`${app.base}/#/orgs/new`);
  await settled();
  await expect.poll(() => page.getByRole('combobox', { name: '所属属地' }).inputValue()).toBe(region.regionName);
  await app.snap('township-org-new');
});

it('领导查看 finds no write button on any page of the sidebar or a record, and every write is refused', async () => {
  await app.signIn('county');
  const org = (await app.call<ListPage<OrgListRow>>('orgs.list', { limit: 1 })).rows[0] as OrgListRow;
  const party = (await app.call<ListPage<PartyOrgListRow>>('partyOrgs.list', { limit: 1 })).rows[0] as PartyOrgListRow;
  const caseRow = (await app.call<ListPage<{ id: number }>>('cases.list', { limit: 1 })).rows[0];
  const training = (await app.call<ListPage<{ id: number }>>('trainings.list', { limit: 1 })).rows[0];
  const instructor = (await app.call<{ id: number }[]>('instructors.list', {}))[0];

  await as('viewer', '#/');
  const entries = (await sidebar().getByRole('link').allTextContents()).map((e) => e.trim());
  expect(entries.length).toBeGreaterThan(8);
  const found: string[] = [];
  // 操作日志 and 设置 are the auditor's and the administrator's pages (the leader's sidebar has none).
  const pages = entries.filter((e) => e !== '操作日志' && e !== '设置');
  const records = [
    ['两新组织记录', `#/orgs/${org.id}`],
    ['党组织记录', `#/party-orgs/${party.id}`],
    ...(caseRow ? [['整顿记录', `#/cases/${caseRow.id}`]] : []),
    ...(training ? [['培训班', `#/trainings/${training.id}`]] : []),
    ...(instructor ? [['指导员', `#/instructors/${instructor.id}`]] : []),
    ['包联领导督办', '#/leaders'],
  ];
  for (const entry of pages) {
    await page.goto(`${app.base}/#/`);
    await sidebar().getByRole('link', { name: entry, exact: true }).click();
    await settled();
    const words = await writeButtons(entries);
    if (words.length) found.push(`${entry}：${words.join('、')}`);
    await app.snap(`viewer-${entry}`);
  }
  for (const [label, hash] of records) {
    await page.goto(`${app.base}/${hash}`);
    await settled();
    const words = await writeButtons(entries);
    if (words.length) found.push(`${label}：${words.join('、')}`);
    await app.snap(`viewer-${label}`);
  }
  expect(found, found.join('\n')).toEqual([]);
  // The ledger's pages still read: the list shows its organizations.
  await page.goto(`${app.base}/#/orgs`);
  await expect.poll(() => page.getByTestId('org-total').textContent()).toMatch(/^共 \d+ 个两新组织$/);

  // Every write refused over the API, and nothing written.
  const before = await app.call<ListPage<OrgListRow>>('orgs.list', { limit: 1 });
  const partiesBefore = await app.call<ListPage<PartyOrgListRow>>('partyOrgs.list', { limit: 1 });
  await expectForbidden('orgs.create', { name: '领导试建公司', category: 'nonpublic', subtype: 'company', regionId: 1 });
  await expectForbidden('orgs.update', { id: org.id, fields: { name: `${org.name}（改）` } });
  await expectForbidden('orgs.delete', { id: org.id });
  await expectForbidden('partyOrgs.delete', { id: party.id });
  await expectForbidden('cases.create', { partyOrgId: party.id, year: 2026, situations: ['其他'], identifiedDate: '2026-11-20' });
  await expectForbidden('activities.create', { partyOrgId: party.id, kind: 'branch_meeting', date: '2026-11-20' });
  await expectForbidden('settings.update', { countyName: '改名县' });
  await expectForbidden('backup.create', {});
  await expectForbidden('import.commit', { id: 'x', skipErrors: false });
  await expectForbidden('audit.list', {});
  expect((await app.call<ListPage<OrgListRow>>('orgs.list', { limit: 1 })).total).toBe(before.total);
  expect((await app.call<ListPage<PartyOrgListRow>>('partyOrgs.list', { limit: 1 })).total).toBe(partiesBefore.total);
  expect((await app.call<{ name: string }>('orgs.get', { id: org.id })).name).toBe(org.name);

  // The sidebar by role (the shell's): no 导入, 数据交换, 操作日志 or 设置 for the leader.
  await as('viewer', '#/');
  const shown = (await sidebar().getByRole('link').allTextContents()).map((e) => e.trim());
  expect(shown.filter((e) => ['导入', '数据交换', '操作日志', '设置'].includes(e))).toEqual([]);
});

it('审计员 reads the 操作日志 and the login log and nothing else', async () => {
  await as('auditor', '#/audit');
  await expect.poll(() => page.getByTestId('audit-table').locator('tbody tr').count()).toBeGreaterThan(0);
  await app.snap('auditor-audit');
  const log = await post('loginLog.list', {});
  expect(log.status).toBe(200);
  expect(log.body.ok).toBe(true);
  expect((await post('audit.list', { limit: 1 })).status).toBe(200);

  for (const [channel, input] of [
    ['orgs.list', {}],
    ['partyOrgs.list', {}],
    ['stats.coverage', {}],
    ['cases.list', {}],
    ['reports.list', {}],
    ['backup.list', {}],
    ['users.list', {}],
    ['orgs.create', { name: '审计试建公司' }],
    ['settings.update', { countyName: '改名县' }],
  ] as const)
    await expectForbidden(channel, input);

  // A ledger page opened by address shows the refusal in Chinese, no record.
  await page.goto(`${app.base}/#/orgs`);
  await settled();
  expect(await page.getByTestId('org-total').count()).toBe(0);
  await app.snap('auditor-orgs-refused');

  // The sidebar by role (the shell's): only the logs.
  await as('auditor', '#/audit');
  const shown = (await sidebar().getByRole('link').allTextContents()).map((e) => e.trim());
  expect(shown.filter((e) => !['操作日志', '登录日志'].includes(e))).toEqual([]);
});

it('a 乡镇经办 opens a county-level class to read: no 保存, and Ctrl+S sends nothing', async () => {
  await app.signIn('county');
  const made = await app.call<{ id: number }>('trainings.create', {
    startDate: '2026-11-20',
    endDate: '2026-11-20',
    target: 'secretary',
    topic: '全旗书记轮训班',
    regionId: null,
    organizer: '旗委组织部',
    sessions: 1,
    attendances: 40,
    attendees: [],
  });
  await as('township', `#/trainings/${made.id}`);
  await page.getByRole('heading', { name: '培训班：全旗书记轮训班' }).waitFor();
  expect(await page.getByRole('button', { name: '保存' }).count()).toBe(0);
  expect(await page.getByRole('button', { name: '删除培训班' }).count()).toBe(0);
  expect(await page.getByRole('button', { name: '添加' }).count()).toBe(0);
  await app.snap('township-county-training');
  const sent: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/trainings.update')) sent.push(r.url());
  });
  await page.keyboard.press('Control+s');
  await page.waitForTimeout(500);
  expect(sent).toEqual([]);
});
