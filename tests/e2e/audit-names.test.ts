/**
 * 操作日志 as a clerk in Beijing sees it: after editing a 两新组织, a 党组织 and a case, the log names each
 * record in Chinese with no Latin word in the table, tells the case's step as its timeline does, filters
 * by kind of record in Chinese and asks the core for the clerk's local days. Screenshots at 1366 and
 * 1920 of the log, the 党组织 list (换届 filter, 应换届 sort) and 分类定级 (search).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/main/core/services/demoAccounts';
import type { RoleCode } from '../../src/shared/domain/roles';
import type { Page as ListPage, OrgDetail, PartyOrgDetail, PartyOrgListRow } from '../../src/shared/types';
import { type App, postApi, startApp } from './harness';

const OUT = path.resolve('test-output/e2e/audit-names');
/** Latin words a clerk may see: file kinds, and codes such as 统一社会信用代码 (18 letters and digits). */
const ALLOWED = /\b(Excel|WPS|PDF|CSV|Ctrl)\b|\.(xlsx|csv|lxex)\b|[0-9A-Z]{18}/g;
/** A user name is what the administrator typed (the demo's are Latin); it may show as typed. */
const USER_NAMES = new Set(DEMO_ACCOUNTS.map((a) => a.userName));
const latinWords = (text: string) => (text.replace(ALLOWED, '').match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !USER_NAMES.has(w));

let app: App;
let context: BrowserContext;
let page: Page;
let orgName: string;
let partyOrgName: string;
let caseName: string;

beforeAll(async () => {
  app = await startApp('audit-names');
  fs.mkdirSync(OUT, { recursive: true });
  const browser = app.page.context().browser();
  if (!browser) throw new Error('no browser');
  context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  page = await context.newPage();
  await signInHere('county');

  // The edits go through the core's channels; the log is looked at through the page.
  const orgs = await app.call<ListPage<{ id: number; name: string }>>('orgs.list', { limit: 1 });
  const org = await app.call<OrgDetail>('orgs.get', { id: orgs.rows[0]?.id });
  orgName = org.name;
  await app.call('orgs.update', { id: org.id, fields: { ...org, employees: org.employees + 3 } });
  const free = await app.call<{ partyOrgId: number; partyOrgName: string; automatic: boolean; class: string | null }[]>('classes.list', {
    year: 2026,
  });
  const cases = await app.call<ListPage<{ partyOrgId: number }>>('cases.list', { limit: 1000 });
  const withCase = new Set(cases.rows.map((c) => c.partyOrgId));
  const [a, b] = free.filter((r) => !withCase.has(r.partyOrgId));
  const po = await app.call<PartyOrgDetail>('partyOrgs.get', { id: a?.partyOrgId });
  partyOrgName = po.name;
  await app.call('partyOrgs.update', {
    id: po.id,
    fields: { ...po, coveredOrgIds: po.coveredOrgs.map((o) => o.id), secretaryName: '王强' },
  });
  const kase = await app.call<{ id: number }>('cases.create', {
    partyOrgId: b?.partyOrgId,
    year: 2026,
    date: '2026-09-01',
    situations: ['组织生活不健全'],
    problems: '“三会一课”不经常',
  });
  caseName = `${b?.partyOrgName} 2026年度整顿`;
  await app.call('cases.act', {
    id: kase.id,
    action: 'plan',
    date: '2026-09-05',
    plan: { measures: '补开组织生活会', goal: '组织生活正常', responsible: '组织委员', deadline: '2026-12-31', leaderCounty: '李红梅' },
  });
});

/** This test's own browser context has its own session cookie: signs it in as a demo account. */
async function signInHere(role: RoleCode) {
  const account = DEMO_ACCOUNTS.find((a) => a.role === role);
  await postApi(page, `${app.base}/api/auth.logout`, {});
  const res = await postApi(page, `${app.base}/api/auth.login`, { userName: account?.userName, password: DEMO_PASSWORD });
  expect(res.status()).toBe(200);
  // The page keeps the account it started with until it is loaded again (a hash change is no reload).
  if (page.url().startsWith(app.base)) await page.goto('about:blank');
}

afterAll(async () => {
  await context?.close();
  await app?.close();
});

async function shoot(name: string) {
  for (const width of [1366, 1920]) {
    await page.setViewportSize({ width, height: width === 1366 ? 768 : 1080 });
    await page.waitForTimeout(200);
    await page.screenshot({ path: path.join(OUT, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

const table = () => page.getByTestId('audit-table');
/** Two cores shared by five engineers' builds: a round trip may take longer than expect.poll's default second. */
const eventually = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });

it('names each record in Chinese, tells the case step as the timeline does, no Latin word in the table', async () => {
  const sent: unknown[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/audit.list')) sent.push(r.postDataJSON());
  });
  // The 操作日志 is the auditor's.
  await signInHere('auditor');
  await page.goto(`${app.base}/#/audit`);
  await table().waitFor();
  const text = async () => ((await table().textContent()) ?? '').replace(/\s+/g, ' ');
  await eventually(text).toContain(caseName);
  const shown = await text();
  expect(shown).toContain(orgName);
  expect(shown).toContain(partyOrgName);
  // Each row names the account that wrote it.
  const clerk = DEMO_ACCOUNTS.find((a) => a.role === 'county');
  expect(shown).toMatch(new RegExp(`${clerk?.name}|${clerk?.userName}`));
  expect(shown).toContain('制定整顿方案');
  expect(latinWords(shown)).toEqual([]);

  // The clerk's clock: the request carries Beijing's offset, and times are shown on it.
  expect(sent.at(-1)).toMatchObject({ utcOffset: 480 });
  const log = (await (await postApi(page, `${app.base}/api/audit.list`, { limit: 1 })).json()).data as ListPage<{
    at: string;
  }>;
  const local = new Date(Date.parse(log.rows[0]?.at ?? '') + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
  expect(shown).toContain(local);

  // The case step's diff, highlighted, in the timeline's words.
  const planRow = table().locator('tbody tr', { hasText: '制定整顿方案' }).first();
  await planRow.getByRole('button', { name: '修改前后' }).click();
  const diff = page.getByTestId('audit-diff');
  await eventually(async () => ((await diff.textContent()) ?? '').replace(/\s+/g, ' ')).toMatch(
    /制定整顿方案：整顿措施 补开组织生活会.*整顿时限 2026-12-31/,
  );
  expect(await diff.locator('[data-changed]').count()).toBeGreaterThan(1);
  expect(latinWords((await diff.textContent()) ?? '')).toEqual([]);
  await shoot('audit');
  await planRow.getByRole('button', { name: '收起' }).click();

  // Kinds of record offered in Chinese.
  await page.getByRole('combobox', { name: '对象' }).click();
  await page.getByRole('option', { name: '整顿对象' }).click();
  await eventually(async () => (await table().locator('tbody tr').allInnerTexts()).every((t) => t.includes('整顿对象'))).toBe(true);
  expect(page.url()).toContain('entity=case');
});

it('党组织: search finds the 书记, 换届 filter and 应换届 sort', async () => {
  await signInHere('county');
  await page.goto(`${app.base}/#/party-orgs`);
  await page.getByLabel('查找').fill('王强');
  const found = await app.call<ListPage<PartyOrgListRow>>('partyOrgs.list', { query: '王强', limit: 1 });
  expect(found.total).toBeGreaterThan(0);
  await eventually(() => page.getByTestId('party-org-total').textContent()).toBe(`共 ${found.total} 个党组织`);
  expect(await page.locator('tbody').textContent()).toContain(partyOrgName);
  await page.getByLabel('查找').fill('');
  await page.getByRole('combobox', { name: '换届' }).click();
  await page.getByRole('option', { name: '已逾期' }).click();
  await eventually(() => page.url()).toContain('election=overdue');
  const api = await app.call<ListPage<PartyOrgListRow>>('partyOrgs.list', { election: 'overdue', limit: 1 });
  await eventually(() => page.getByTestId('party-org-total').textContent()).toBe(`共 ${api.total} 个党组织`);
  await page.getByRole('button', { name: /应换届/ }).click();
  await eventually(() => page.url()).toContain('sort=electionDue');
  await shoot('party-orgs');
});

it('分类定级: search by 书记, name or initials, Ctrl+F focuses it', async () => {
  await page.goto(`${app.base}/#/classes`);
  await page.getByTestId('classes-table').waitFor();
  await page.keyboard.press('Control+f');
  await eventually(() => page.evaluate<string>("document.activeElement?.getAttribute('placeholder') ?? ''")).toContain('书记');
  await page.keyboard.type('王强');
  await eventually(async () => page.getByTestId('classes-table').locator('tbody tr').count()).toBe(1);
  expect(await page.getByTestId('classes-table').textContent()).toContain(partyOrgName);
  await shoot('classes');
});
