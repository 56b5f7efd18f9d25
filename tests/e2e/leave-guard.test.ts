/**
 * A half-filled 两新组织 or 党组织 form is not lost by a click on the sidebar or a reload: the sidebar
 * asks in Chinese (继续填写 keeps the text), a reload gets the browser's own “leave the page?” question.
 */
import type { Dialog, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page as ListPage, OrgListRow, PartyOrgListRow } from '../../src/shared/types';
import { type App, startApp } from './harness';

let app: App;
let page: Page;

beforeAll(async () => {
  app = await startApp('leave-guard');
  page = app.page;
  await page.setViewportSize({ width: 1366, height: 768 });
});

afterAll(async () => {
  await app?.close();
});

const nav = (label: string) => page.getByRole('navigation', { name: '主菜单' }).getByText(label, { exact: true });

/** Types into the form's name box, then tries the sidebar and a reload; each time the text stays. */
async function guarded(form: string, label: string, typed: string, snap: string) {
  await page.goto(`${app.base}/${form}`);
  const box = page.getByLabel(label).first();
  await box.fill(typed);

  await nav('报表').click();
  const ask = page.getByRole('dialog');
  await expect.poll(() => ask.getByText('填写的内容尚未保存，确定放弃吗？').count()).toBe(1);
  await app.snap(`${snap}-sidebar`);
  await ask.getByRole('button', { name: '继续填写' }).click();
  await expect.poll(() => ask.count()).toBe(0);
  expect(page.url()).toMatch(new RegExp(`${form.replace(/[?]/g, '\\?')}$`));
  expect(await box.inputValue()).toBe(typed);

  // A reload asks through the browser's own dialog; staying keeps the text.
  const asked: string[] = [];
  const onDialog = (d: Dialog) => {
    asked.push(d.type());
    void d.dismiss();
  };
  page.on('dialog', onDialog);
  await page.reload({ timeout: 5000 }).catch(() => {});
  await expect.poll(() => asked).toEqual(['beforeunload']);
  page.off('dialog', onDialog);
  expect(await box.inputValue()).toBe(typed);

  // Leaving on purpose: 放弃修改 goes where the clerk clicked.
  await nav('报表').click();
  await page.getByRole('dialog').getByRole('button', { name: '放弃修改' }).click();
  await expect.poll(() => page.url()).toMatch(/#\/reports$/);
}

it('an edited 两新组织 is kept when the clerk clicks the sidebar or reloads', async () => {
  const org = (await app.call<ListPage<OrgListRow>>('orgs.list', { limit: 1 })).rows[0];
  if (!org) throw new Error('演示数据中没有组织');
  await guarded(`#/orgs/${org.id}/edit`, '单位名称', `${org.name}（更名中）`, 'org-edit');
});

it('a new 党组织 half filled is kept when the clerk clicks the sidebar or reloads', async () => {
  await guarded('#/party-orgs/new', '党组织名称', '中共青山旗测试离开提示支部委员会', 'party-org-new');
});

it('an edited 党组织 is kept too', async () => {
  const po = (await app.call<ListPage<PartyOrgListRow>>('partyOrgs.list', { limit: 1 })).rows[0];
  if (!po) throw new Error('演示数据中没有党组织');
  await guarded(`#/party-orgs/${po.id}/edit`, '党组织名称', `${po.name}（改）`, 'party-org-edit');
});
