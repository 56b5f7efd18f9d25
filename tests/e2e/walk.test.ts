/**
 * Every page and every dialog a clerk can open, at 1366×768, looked at for Latin words: the nav
 * entries, a record page and form of each kind, the print route of every ledger, and the new/edit,
 * delete, 认定, 方案/进展/验收/销号, 星级评定, 选派, import-mapping and restore dialogs. Screenshots of each
 * step go under test-output/e2e/walk/. Each step that cannot be taken is reported, not skipped.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/main/core/services/demoAccounts';
import { CASE_STATES, labelOf } from '../../src/shared/domain/codes';
import type { CaseListRow, Instructor, Page as ListPage, OrgListRow, PartyOrgListRow } from '../../src/shared/types';
import { type App, startApp } from './harness';
import { latinWords, VISIBLE_TEXT } from './latin';

let app: App;
let page: Page;
const OUT = path.resolve('test-output/e2e/walk');
/** The small sheet the import steps read; its name may show on screen. */
const SHEET = '乌兰镇小表.csv';
const findings: string[] = [];
/** Names the screen shows as they are: files and folders on disk (backups), accounts' user names. */
const onDisk: string[] = ['backups'];

beforeAll(async () => {
  app = await startApp('walk');
  page = app.page;
  await page.setViewportSize({ width: 1366, height: 768 });
});

afterAll(async () => {
  await app?.close();
});

/** Waits until nothing on screen is still loading. */
async function settled() {
  await expect.poll(() => page.getByText('正在加载').count(), { timeout: 20_000 }).toBe(0);
  await expect.poll(() => page.locator('.mantine-Loader-root').count(), { timeout: 20_000 }).toBe(0);
  await page.waitForTimeout(150);
}

/** Looks at what is on screen now: its Latin words are findings; a screenshot is kept. */
async function look(label: string) {
  await settled();
  const text = (await page.evaluate(VISIBLE_TEXT)) as string;
  const words = latinWords(text, [SHEET, ...onDisk]);
  if (words.length) findings.push(`${label}：${words.join('、')}`);
  // The browser's own date box shows 11/28/2026 whatever the page's language.
  const nativeDates = await page.locator('input[type="date"]:visible').count();
  if (nativeDates) findings.push(`${label}：${nativeDates}个浏览器自带日期框（显示为“月/日/年”）`);
  await app.snap(label);
}

/** One step of the walk; a step that fails is a finding and the walk goes on. */
async function step(label: string, run: () => Promise<void>) {
  try {
    await run();
  } catch (e) {
    findings.push(`${label}：未能完成（${e instanceof Error ? e.message.split('\n')[0] : String(e)}）`);
    await page.keyboard.press('Escape').catch(() => {});
  }
}

async function visit(hash: string, label: string) {
  await step(label, async () => {
    await page.goto(`${app.base}/${hash}`);
    await look(label);
  });
}

/** Opens a dialog with the button named `button` (within `scope`), looks at it, and closes it unchanged. */
async function dialog(label: string, button: string | RegExp, scope = page.locator('body')) {
  await dialogBy(label, () => scope.getByRole('button', { name: button }));
}

async function dialogBy(label: string, button: () => Locator) {
  await step(label, async () => {
    await button().first().click({ timeout: 3000 });
    await page.getByRole('dialog').first().waitFor({ timeout: 5000 });
    await look(label);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  });
}

async function first<T>(channel: string, input: unknown): Promise<T> {
  const list = await app.call<ListPage<T> | T[]>(channel, input);
  const rows = Array.isArray(list) ? list : list.rows;
  if (!rows[0]) throw new Error(`${channel} 没有数据`);
  return rows[0];
}

it('shows no Latin word on any page or dialog at 1366×768', { timeout: 1_200_000 }, async () => {
  const org = await first<OrgListRow>('orgs.list', { limit: 1 });
  const party = await first<PartyOrgListRow>('partyOrgs.list', { limit: 1 });
  const instructors = await app.call<Instructor[]>('instructors.list', {});
  const instructor = instructors.find((i) => i.assignments.some((a) => a.toDate == null)) ?? instructors[0];
  const cases = (await app.call<ListPage<CaseListRow>>('cases.list', { limit: 500 })).rows;
  const reports = await app.call<{ id: string; title: string }[]>('reports.list', {});

  // Every entry of the sidebar.
  const nav = page.getByRole('navigation', { name: '主菜单' });
  await page.goto(`${app.base}/#/`);
  await nav.getByRole('link').first().waitFor();
  const entries = await nav.getByRole('link').allTextContents();
  expect(entries.length).toBeGreaterThan(8);
  for (const entry of entries) {
    await step(`菜单-${entry}`, async () => {
      await page.goto(`${app.base}/#/`);
      await nav.getByRole('link', { name: entry, exact: true }).click();
      await look(`菜单-${entry}`);
    });
  }
  await visit('#/no-such-page', '不存在的页面');

  // 两新组织: its page, form, delete confirm, leaving a changed form.
  await visit(`#/orgs/${org.id}`, '两新组织-记录');
  await dialog('两新组织-删除确认', '删除');
  await dialog('两新组织-党员发展', '录入往年');
  await visit('#/orgs/new', '两新组织-新增');
  await step('两新组织-新增-校验', async () => {
    await page.getByRole('button', { name: '保存' }).click();
    await look('两新组织-新增-校验');
  });
  await visit(`#/orgs/${org.id}/edit`, '两新组织-编辑');
  await step('两新组织-放弃修改确认', async () => {
    await page.getByLabel('单位名称').fill(`${org.name}（改）`);
    await page.getByRole('button', { name: '取消' }).click();
    await page.getByRole('dialog').waitFor({ timeout: 5000 });
    await look('两新组织-放弃修改确认');
    await page.getByRole('dialog').getByRole('button', { name: /放弃/ }).click();
  });

  // 党组织.
  await visit(`#/party-orgs/${party.id}`, '党组织-记录');
  await dialog('党组织-删除确认', '删除');
  await visit('#/party-orgs/new', '党组织-新增');
  await step('党组织-新增-校验', async () => {
    await page.getByRole('button', { name: '保存' }).click();
    await look('党组织-新增-校验');
  });
  await step('党组织-新增-日历', async () => {
    await page.getByLabel('成立时间').click();
    // The calendar's heading, e.g. 2026年11月.
    await page
      .getByText(/^\d{4}年\d{1,2}月$/)
      .first()
      .waitFor({ timeout: 5000 });
    await look('党组织-新增-日历');
    await page.keyboard.press('Escape');
  });
  await visit(`#/party-orgs/${party.id}/edit`, '党组织-编辑');

  // 党建指导员: list dialogs, a record and its dialogs.
  await visit('#/instructors', '指导员-列表');
  await dialog('指导员-新增', '新增指导员');
  await dialog('指导员-列表-编辑', '编辑', page.locator('tbody'));
  if (instructor) {
    await visit(`#/instructors/${instructor.id}`, '指导员-记录');
    await dialog('指导员-编辑', '编辑');
    await dialog('指导员-选派', '选派到组织');
    await dialog('指导员-结束选派', '结束选派');
  } else findings.push('指导员：演示数据中没有指导员');

  // 网格管理: its dialogs, and a 区域党支部's page with its grids.
  await visit('#/grids', '网格-列表');
  await dialog('网格-新增', '新增网格');
  await dialog('网格-编辑', '编辑', page.locator('tbody'));
  await dialog('网格-删除确认', '删除', page.locator('tbody'));
  const regional = await first<PartyOrgListRow>('partyOrgs.list', { method: 'regional', limit: 1 });
  await visit(`#/party-orgs/${regional.id}`, '网格-区域党支部');

  // 排查认定 and its dialog.
  await visit('#/screening', '排查认定');
  await dialog('排查认定-认定', /^认定$/, page.locator('tbody'));
  await dialog('排查认定-暂不认定', /^暂不认定$/, page.locator('tbody'));
  await step('排查认定-暂不认定名单', async () => {
    await page.getByRole('tab', { name: /暂不认定/ }).click();
    await look('排查认定-暂不认定名单');
  });

  // 整顿台账: a case in each state, with each action's dialog.
  await visit('#/cases', '整顿台账');
  await visit('#/leaders', '包联领导督办');
  const seen = new Set<string>();
  for (const c of cases) {
    if (seen.has(c.state)) continue;
    seen.add(c.state);
    const state = labelOf(CASE_STATES, c.state);
    await visit(`#/cases/${c.id}`, `整顿-${state}`);
    await step(`整顿-${state}-操作`, async () => {
      const actions = page.getByTestId('case-actions').locator('button:enabled');
      const names = (await actions.allTextContents()).map((n) => n.trim());
      for (const name of names) await dialog(`整顿-${state}-${name}`, name, page.getByTestId('case-actions'));
    });
  }

  // 分类定级 and 星级评定.
  await visit('#/classes', '分类定级');
  await dialog('分类定级-星级评定', /星|评定/, page.locator('tbody'));

  // 党建经费: the list, its dialogs, and the section on a party organization's page.
  await visit('#/funding', '党建经费');
  await dialog('党建经费-登记', '登记经费');
  await dialog('党建经费-修改', '修改', page.locator('tbody'));
  await dialog('党建经费-删除确认', '删除', page.locator('tbody'));
  // 培训: the list, a new class's form and a recorded one.
  await visit('#/trainings', '培训-列表');
  await visit('#/trainings/new', '培训-登记');
  const training = (await app.call<{ rows: { id: number }[] }>('trainings.list', { limit: 1 })).rows[0];
  if (training) await visit(`#/trainings/${training.id}`, '培训-编辑');
  else findings.push('培训：演示数据中没有培训班');
  // 组织生活: 登记, 编辑 and 删除 dialogs.
  await visit('#/activities', '组织生活');
  await dialog('组织生活-登记', '登记组织生活');
  await dialog('组织生活-编辑', /^编辑$/, page.locator('tbody'));
  await dialog('组织生活-删除确认', /^删除$/, page.locator('tbody'));
  // 示范点与品牌, 社会组织年检, 群团.
  await visit('#/model-sites', '示范点-列表');
  await dialog('示范点-登记', '登记示范点命名');
  await dialog('示范点-编辑', /^编辑$/, page.getByTestId('model-sites-table'));
  await dialog('示范点-删除确认', /^删除$/, page.getByTestId('model-sites-table'));
  await visit('#/inspections', '年检-列表');
  await dialog('年检-登记', /^(登记|修改)$/, page.getByTestId('inspections-table'));
  await visit(`#/orgs/${org.id}`, '两新组织-群团');
  await dialog('群团-编辑', /^(编辑|登记)$/, page.getByTestId('mass-orgs'));

  // 报表: each ledger on screen and on paper.
  for (const r of reports) {
    await visit(`#/reports?report=${r.id}`, `报表-${r.title}`);
    await visit(`#/print/${r.id}`, `打印-${r.title}`);
  }

  // 导入: a small sheet of a township's own words, through its mapping steps and the confirm.
  await step('导入-映射', async () => {
    fs.mkdirSync(OUT, { recursive: true });
    const file = path.join(OUT, SHEET);
    fs.writeFileSync(
      file,
      '\uFEFF单位名称,类型,所在镇街,职工人数,党员数\n乌兰镇小表家政有限公司,企业,乌兰镇,12,1\n乌兰镇小表书画协会,协会,乌兰,3,4\n',
    );
    await page.goto(`${app.base}/#/import`);
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByTestId('import-rows').waitFor({ timeout: 20_000 });
    await look('导入-映射');
  });
  await dialog('导入-确认', '确认导入');

  // 数据交换, and 设置's 包联领导 (the county clerk keeps that list).
  await visit('#/exchange', '数据交换');
  // A leader no case refers to, so that 删除 is offered.
  await app.call('leaders.create', { name: '试用领导', title: '副旗长', level: 'county' });
  await page.reload();
  await visit('#/settings', '设置-包联领导');
  const leaders = page.getByTestId('leaders-card');
  await dialog('设置-新增领导', '新增领导', leaders);
  await dialog('设置-编辑领导', /^编辑$/, leaders.locator('tbody'));
  await dialogBy('设置-删除领导确认', () => leaders.locator('tbody button:enabled', { hasText: '删除' }));

  // The administrator's pages: every entry of their sidebar, and 设置's backup and restore confirm. 账号管理 and
  // the logs name accounts by the user name the administrator typed (Latin in the demo).
  onDisk.push(...DEMO_ACCOUNTS.map((a) => a.userName));
  await app.signIn('admin');
  await page.goto(`${app.base}/#/`);
  await page.reload();
  await nav.getByRole('link').first().waitFor();
  for (const entry of await nav.getByRole('link').allTextContents()) {
    await step(`管理员-菜单-${entry}`, async () => {
      await page.goto(`${app.base}/#/`);
      await nav.getByRole('link', { name: entry, exact: true }).click();
      await look(`管理员-菜单-${entry}`);
    });
  }
  await visit('#/settings', '设置');
  await step('设置-立即备份', async () => {
    await page.getByRole('button', { name: '立即备份' }).click();
    await page.locator('tbody').getByRole('button', { name: '恢复' }).first().waitFor({ timeout: 10_000 });
    onDisk.push(...(await app.call<{ name: string }[]>('backup.list', {})).map((b) => b.name));
    await look('设置-立即备份');
  });
  await dialog('设置-恢复确认', '恢复', page.locator('tbody'));

  // The auditor's 操作日志.
  await app.signIn('auditor');
  await page.reload();
  await visit('#/audit', '审计员-操作日志');

  expect(findings, findings.join('\n')).toEqual([]);
});
