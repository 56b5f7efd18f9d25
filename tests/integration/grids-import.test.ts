/**
 * A township's own sheet of its 1+N grids (merged title, 填报单位 line, its own header words, “2026.3”,
 * “√”, short region names, a 合计 row and a 填表人 line) imported into the ledger: a grid per row with its
 * instructor and organizations, an existing grid updated, real mistakes refused row by row.
 */

import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { groupConcat } from '../../src/main/core/dialect';
import { makeLedger, type TestLedger } from './fixture';

let t: TestLedger;
let branch: number;
let existing: number;
const BRANCH = '乌兰镇两新组织区域党支部';

beforeEach(async () => {
  t = await makeLedger();
  const wulan = (await t.call('regions.create', { name: '乌兰镇', kind: 'township' })).id;
  const org = async (name: string) =>
    (await t.call('orgs.create', { name, category: 'nonpublic', subtype: 'company', regionId: wulan })).id;
  const ids = [];
  for (const n of ['乌兰镇宏达商贸有限公司', '乌兰镇兴旺超市', '乌兰镇草原牧业合作社', '乌兰镇泰和建材有限公司']) ids.push(await org(n));
  branch = (
    await t.call('partyOrgs.create', {
      name: BRANCH,
      type: 'branch',
      method: 'regional',
      regionId: wulan,
      coveredOrgIds: [ids[2] as number],
    })
  ).id;
  await t.call('instructors.create', { name: '赵志刚', unit: '青山旗委组织部' });
  await t.call('instructors.create', { name: '王丽', unit: '乌兰镇党委' });
  existing = (await t.call('grids.create', { partyOrgId: branch, name: '东片网格', orgIds: [ids[3] as number] })).id;
});
afterEach(() => t.close());

type Cell = string | number | null;

async function sheet(rows: Cell[][]): Promise<string> {
  const headers = ['序号', '所属区域党支部', '网格', '党建指导员', '网格内单位', '联系卡', '发放时间', '乡镇'];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('网格');
  ws.addRow(['乌兰镇2026年“1+N”网格化管理情况表']);
  ws.mergeCells(1, 1, 1, headers.length);
  ws.addRow(['填报单位（盖章）：乌兰镇党委', '', '', '', '', '', '填报时间：2026年6月']);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const stored = () =>
  t.rows(
    sql`SELECT g.name, i.name AS instructor, g.contact_cards AS cards, g.contact_cards_date AS date,
              (SELECT ${groupConcat(t.ctx.ledger.db, sql`o.name`, '、')} FROM grid_orgs x JOIN orgs o ON o.id = x.org_id WHERE x.grid_id = g.id) AS orgs
         FROM grids g LEFT JOIN instructors i ON i.id = g.instructor_id WHERE g.deleted_at IS NULL ORDER BY g.id`,
  );

describe('a township’s grid sheet', () => {
  const rows: Cell[][] = [
    [1, BRANCH, '第一网格', '赵志刚', '乌兰镇宏达商贸有限公司、乌兰镇兴旺超市', '√', '2026.3', '乌兰'], // row 4
    [2, BRANCH, '第二网格', '', '乌兰镇草原牧业合作社', '否', '', '乌兰'], // 5
    [3, BRANCH, '第三网格', '李四', '乌兰镇泰和建材有限公司', '是', '', '乌兰'], // 6: unknown instructor, org in 东片网格
    [4, BRANCH, '第一网格', '赵志刚', '', '是', '', '乌兰'], // 7: duplicate of row 4
    [5, BRANCH, '东片网格', '王丽（乌兰镇党委）', '', '是', '2026年4月2日', '乌兰'], // 8: updates the existing grid
    ['合计', '', '', '', '', '', '', ''], // 9
    [null, null, null, null, null, null, null, null], // 10
    ['填表人：张三', '', '审核人：李四', '', '', '', '', ''], // 11
  ];

  it('maps the clerk’s headers, refuses only real mistakes, writes each grid with its audit row, and skips them all a second time', async () => {
    const base64 = await sheet(rows);
    const p = await t.call('import.preview', { kind: 'grids', fileName: '乌兰镇网格.xlsx', base64 });
    expect(p.headerRow).toBe(3);
    expect(p.mapping).toEqual({
      序号: null,
      所属区域党支部: 'partyOrgId',
      网格: 'name',
      党建指导员: 'instructorId',
      网格内单位: 'orgIds',
      联系卡: 'contactCards',
      发放时间: 'contactCardsDate',
      乡镇: 'regionId',
    });
    const errors = p.rows.flatMap((r) => r.errors.map((e) => `${r.row}:${e.column}:${e.message}`));
    expect(errors).toEqual([
      '6:D:找不到指导员“李四”，请先登记该指导员',
      '6:E:“乌兰镇泰和建材有限公司”已在“东片网格”网格，一个组织只能划入一个网格',
      '7:C:与第4行的区域党支部和网格名称重复',
    ]);
    expect(p.rows.filter((r) => r.status === 'notRecord').map((r) => r.row)).toEqual([9, 11]);
    expect(p.counts).toEqual({ create: 2, update: 1, skip: 0, error: 2, notRecord: 2, total: 7 });

    expect(await t.call('import.commit', { id: p.id, skipErrors: true })).toEqual({ created: 2, updated: 1, skipped: 0, failed: 2 });
    expect(await stored()).toEqual([
      { name: '东片网格', instructor: '王丽', cards: 1, date: '2026-04-02', orgs: '乌兰镇泰和建材有限公司' },
      { name: '第一网格', instructor: '赵志刚', cards: 1, date: '2026-03-01', orgs: '乌兰镇宏达商贸有限公司、乌兰镇兴旺超市' },
      { name: '第二网格', instructor: null, cards: 0, date: null, orgs: '乌兰镇草原牧业合作社' },
    ]);
    const audit = await t.call('audit.list', { entity: 'grid', limit: 10 });
    expect(audit.rows.map((r) => [r.action, r.actorLabel])).toEqual([
      ['update', '测试县级经办（测试账号0） 导入（乌兰镇网格.xlsx）'],
      ['create', '测试县级经办（测试账号0） 导入（乌兰镇网格.xlsx）'],
      ['create', '测试县级经办（测试账号0） 导入（乌兰镇网格.xlsx）'],
      ['create', '测试县级经办（测试账号0）'],
    ]);
    expect(audit.rows.find((r) => r.entityId === existing && r.action === 'update')?.before).toMatchObject({ instructorId: null });

    const again = await t.call('import.preview', { kind: 'grids', fileName: '乌兰镇网格.xlsx', base64 });
    expect(again.counts).toMatchObject({ create: 0, update: 0, skip: 3 });
  });

  it('offers a template whose headers the import reads back', async () => {
    const tpl = await t.call('import.template', { kind: 'grids' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(tpl.base64, 'base64') as never);
    const text = JSON.stringify(wb.worksheets.map((ws) => ws.getSheetValues()));
    for (const h of ['区域党支部', '网格名称', '网格指导员', '网格内组织', '服务联系卡已发放']) expect(text).toContain(h);
  });
});
