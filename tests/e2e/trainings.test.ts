/**
 * 培训 as a clerk: records a class with two attendees (a 书记 and an instructor) through the form, finds
 * it on the list with its 期数 / 人次 counted in, on the instructor's page, and in the printed 培训台账
 * (PDF text = the ledger's rows = the .xlsx cells).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromiumPdfOptions } from '../../src/shared/reports/page';
import type { ReportData } from '../../src/shared/reports/types';
import { type App, startApp } from './harness';

const OUT = path.resolve('test-output/e2e/trainings');
const TOPIC = '2026年两新组织党务工作者业务培训班';
let app: App;
let page: Page;

beforeAll(async () => {
  app = await startApp('trainings');
  page = app.page;
  await page.setViewportSize({ width: 1366, height: 768 });
});

afterAll(async () => {
  await app?.close();
});

const squash = (s: string) => s.replace(/\s+/g, '');

it('a clerk records a class with two attendees and sees it on the list, the instructor’s page and the 培训台账', {
  timeout: 180_000,
}, async () => {
  const po = (
    await app.call<{ rows: { id: number; name: string; secretaryName: string | null }[] }>('partyOrgs.list', { limit: 50 })
  ).rows.find((p) => p.secretaryName);
  const instructor = (await app.call<{ id: number; name: string; unit: string | null }[]>('instructors.list', {}))[0];
  if (!po || !instructor) throw new Error('演示数据中没有书记或指导员');
  const before = await app.call<{ sums: { sessions: number; attendances: number } }>('trainings.list', { year: 2026 });

  await page.goto(`${app.base}/#/trainings?year=2026`);
  const totals = page.getByTestId('training-totals');
  await expect.poll(() => totals.textContent()).toContain(`共${before.sums.sessions}期、${before.sums.attendances}人次`);
  await app.snap('list-before');

  await page.getByRole('button', { name: '登记培训班' }).click();
  await page.getByLabel('开始日期').fill('2026.11.18');
  await page.getByLabel('开始日期').blur();
  await expect.poll(() => page.getByLabel('结束日期').inputValue()).toBe('2026-11-18');
  await page.getByLabel('结束日期').fill('2026-11-19');
  await page.getByLabel('结束日期').blur();
  await page.getByRole('combobox', { name: '培训对象' }).click();
  await page.getByRole('option', { name: '党务工作者', exact: true }).click();
  await page.getByLabel('培训主题').fill(TOPIC);
  await page.getByLabel('培训地点').fill('旗委党校');
  await page.getByLabel('期数').fill('2');
  await page.getByLabel('培训人次').fill('1');

  const poBox = page.getByRole('combobox', { name: '添加党组织书记' });
  await poBox.fill(po.secretaryName as string);
  await page.getByRole('option', { name: `${po.secretaryName}（${po.name}书记）`, exact: true }).click();
  const iBox = page.getByRole('combobox', { name: '添加指导员' });
  await iBox.fill(instructor.name);
  await page.getByRole('option', { name: `${instructor.name}${instructor.unit ? `（${instructor.unit}）` : ''}`, exact: true }).click();
  await expect.poll(() => page.getByTestId('picked-attendees').locator('tr').count()).toBe(2);

  // 人次 below the two named attendees is refused under the field, before anything is sent.
  await page.getByRole('button', { name: '保存' }).click();
  await expect.poll(() => page.getByText('培训人次不能少于已登记的参训人员数（2人）').count()).toBeGreaterThan(0);
  await app.snap('form-refused');
  await page.getByLabel('培训人次').fill('86');
  await app.snap('form-filled');
  await page.getByRole('button', { name: '保存' }).click();
  await expect.poll(() => page.url()).toMatch(/#\/trainings$/);

  // On the list, searched by its topic, and counted in the year's totals.
  await page.goto(`${app.base}/#/trainings?year=2026`);
  await expect.poll(() => totals.textContent()).toContain(`共${before.sums.sessions + 2}期、${before.sums.attendances + 86}人次`);
  await page.getByRole('textbox', { name: '查找' }).fill('党务工作者业务');
  const row = page.locator('tbody tr', { hasText: TOPIC });
  await row.waitFor();
  expect(squash((await row.textContent()) ?? '')).toContain(squash(`2026-11-18 至 11-19${TOPIC}党务工作者`));
  await app.snap('list-after');

  // The record holds both attendees as references.
  const saved = (await app.call<{ rows: { id: number }[] }>('trainings.list', { query: TOPIC })).rows[0] as { id: number };
  const detail = await app.call<{ attendees: { partyOrgId: number | null; instructorId: number | null }[] }>('trainings.get', {
    id: saved.id,
  });
  expect(detail.attendees.map((a) => [a.partyOrgId, a.instructorId])).toEqual([
    [po.id, null],
    [null, instructor.id],
  ]);

  // The instructor's page lists the class under 参加培训.
  await page.goto(`${app.base}/#/instructors/${instructor.id}`);
  await expect.poll(() => page.getByTestId('instructor-trainings').textContent()).toContain(TOPIC);
  await app.snap('instructor-page');

  // The printed 培训台账: the PDF shows the ledger's rows, and the .xlsx holds the same cells.
  fs.mkdirSync(OUT, { recursive: true });
  const data = await app.call<ReportData>('reports.rows', { report: 'trainings', filters: { year: 2026 } });
  const mine = data.rows.find((r) => r.topic === TOPIC);
  expect(mine).toMatchObject({ date: '2026-11-18—11-19', target: '党务工作者', place: '旗委党校', sessions: 2, attendances: 86 });
  await page.goto('about:blank');
  await page.goto(`${app.base}/#/print/trainings?year=2026&pdf=1`);
  await page.locator('[data-ready="1"][data-report="trainings"]').waitFor();
  await page.evaluate('document.fonts.ready.then(() => true)');
  await app.snap('print');
  await page.emulateMedia({ media: 'print' });
  const pdf = path.join(OUT, 'trainings.pdf');
  await page.pdf({ ...chromiumPdfOptions('landscape'), path: pdf });
  await page.emulateMedia({ media: 'screen' });
  const text = squash(execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }));
  for (const r of [...data.rows, data.totals ?? {}]) {
    for (const v of Object.values(r)) if (v != null && v !== '') expect(text).toContain(squash(String(v)));
  }
  const x = await app.call<{ base64: string }>('reports.xlsx', { report: 'trainings', filters: { year: 2026 } });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(x.base64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.worksheets[0] as ExcelJS.Worksheet;
  const cells: string[] = [];
  ws.eachRow((r) => {
    r.eachCell((c) => {
      cells.push(String(c.value));
    });
  });
  expect(cells).toContain(TOPIC);
  expect(cells).toContain('2026-11-18—11-19');
  const totalsRow = data.totals as Record<string, unknown>;
  expect(totalsRow).toMatchObject({ date: '合计', sessions: before.sums.sessions + 2, attendances: before.sums.attendances + 86 });
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', pdf, path.join(OUT, 'trainings')]);
});
