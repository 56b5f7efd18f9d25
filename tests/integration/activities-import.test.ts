/**
 * 组织生活 imported from the template and from a township's own sheet (merged title, 填报单位 line,
 * its own header words 党组织 / 活动时间 / 活动形式 / 活动主题 / 参加人数, values like “主题党日活动”,
 * “支委会议”, “12人”, short region names, a 合计 row and signature lines).
 */

import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeLedger, type TestLedger } from './fixture';
import { caseMaker } from './helpers/caseLedger';

let t: TestLedger;
let wulan: number;
let po: { id: number };
let regional: { id: number };

beforeEach(async () => {
  t = await makeLedger();
  wulan = (await t.call('regions.create', { name: '乌兰镇', kind: 'township' })).id;
  const { partyOrg } = caseMaker(t, () => wulan);
  po = await partyOrg({ name: '乌兰镇晨光公司党支部' });
  regional = await partyOrg({ name: '乌兰镇两新组织区域党支部', type: 'joint_branch', method: 'regional' });
});
afterEach(() => t.close());

type Cell = string | number | null;

async function townshipSheet(headers: string[], rows: Cell[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('组织生活');
  ws.addRow(['乌兰镇2026年上半年党组织“三会一课”开展情况统计表']);
  ws.mergeCells(1, 1, 1, headers.length);
  ws.addRow(['填报单位（盖章）：乌兰镇党委', '', '', '', '', '', '填报时间：2026年6月']);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const stored = () =>
  t.rows(
    sql`SELECT party_org_id AS po, kind, date, topic, expected, attendance, place FROM activities WHERE deleted_at IS NULL ORDER BY id`,
  );

describe('a township’s own sheet of 组织生活', () => {
  const HEADERS = ['序号', '党组织', '所在镇街', '活动时间', '活动形式', '活动主题', '参加人数', '地点'];
  const rows: Cell[][] = [
    [1, '乌兰镇晨光公司党支部', '乌兰', '2026.3.5', '主题党日活动', '重温入党誓词', '12人', '党员活动室'], // row 4
    [2, '乌兰镇晨光公司党支部', '乌兰', '2026年4月2日', '支委会议', '研究发展党员工作', '3人', ''], // 5
    [3, '乌兰镇两新组织区域党支部', '乌兰镇', '2026-02-20', '座谈会', '一季度企业用工恳谈', '15 人', '镇党群服务中心'], // 6: 座谈会 asked
    [4, '没有这个支部', '乌兰', '2026-03-06', '党课', '', '8人', ''], // 7: unknown party org
    [5, '乌兰镇晨光公司党支部', '乌兰', '2026/3/5', '主题党日', '重温入党誓词', 12, ''], // 8: same as row 4
    [6, '乌兰镇晨光公司党支部', '乌兰', '2026-07-10', '党员大会', '', '10人', ''], // 9: after today
    ['合计', '', '', '', '', '', '50人', ''], // 10
    ['填表人：张三', '', '审核人：李四', '', '', '', '', ''], // 11
  ];

  it('reads the clerk’s words; only real mistakes are errors; the same file again is all skipped', async () => {
    const base64 = await townshipSheet(HEADERS, rows);
    const first = await t.call('import.preview', { kind: 'activities', fileName: '乌兰镇三会一课.xlsx', base64 });
    expect(first.headerRow).toBe(3);
    expect(first.mapping).toEqual({
      序号: null,
      党组织: 'partyOrgId',
      所在镇街: 'regionId',
      活动时间: 'date',
      活动形式: 'kind',
      活动主题: 'topic',
      参加人数: 'attendance',
      地点: 'place',
    });
    expect(first.valueQuestions.map((q) => [q.key, q.words.map((w) => w.word)])).toEqual([['kind', ['座谈会']]]);

    const answered = { kind: { 座谈会: 'forum' } };
    const p = await t.call('import.preview', { kind: 'activities', fileName: '乌兰镇三会一课.xlsx', base64, valueMapping: answered });
    const errors = p.rows.flatMap((r) => r.errors.map((e) => `${r.row}:${e.column}:${e.message}`));
    expect(errors).toEqual([
      '7:B:找不到党组织“没有这个支部”，请先导入或新增该党组织',
      '8:D:与第4行的党组织、活动日期和活动类型重复',
      '9:D:活动日期2026-07-10晚于今天，只能登记已开展的活动',
    ]);
    expect(p.rows.filter((r) => r.status === 'notRecord').map((r) => r.row)).toEqual([10, 11]);
    expect(p.counts).toMatchObject({ create: 3, update: 0, skip: 0, error: 3, notRecord: 2 });

    expect(await t.call('import.commit', { id: p.id, skipErrors: true })).toEqual({ created: 3, updated: 0, skipped: 0, failed: 3 });
    expect(await stored()).toEqual([
      { po: po.id, kind: 'theme_day', date: '2026-03-05', topic: '重温入党誓词', expected: null, attendance: 12, place: '党员活动室' },
      { po: po.id, kind: 'committee_meeting', date: '2026-04-02', topic: '研究发展党员工作', expected: null, attendance: 3, place: null },
      {
        po: regional.id,
        kind: 'forum',
        date: '2026-02-20',
        topic: '一季度企业用工恳谈',
        expected: null,
        attendance: 15,
        place: '镇党群服务中心',
      },
    ]);
    const log = await t.call('audit.list', { entity: 'activity', offset: 0, limit: 10 });
    expect(log.rows).toHaveLength(3);
    expect(log.rows.every((r) => r.actorLabel === '测试县级经办（测试账号0） 导入（乌兰镇三会一课.xlsx）')).toBe(true);
    // The 恳谈会 it brought in clears the 1+N branch's first-quarter 提醒.
    expect((await t.call('activities.gaps', {})).filter((g) => g.code === 'no_forum')).toEqual([]);

    const again = await t.call('import.preview', { kind: 'activities', fileName: '乌兰镇三会一课.xlsx', base64, valueMapping: answered });
    expect(again.counts).toMatchObject({ create: 0, update: 0, skip: 3, error: 3 });
  });

  it('updates the activity of the same party organization, day and kind when the sheet says otherwise', async () => {
    await t.call('activities.create', { partyOrgId: po.id, kind: 'theme_day', date: '2026-03-05', topic: '学习党章', attendance: 9 });
    const base64 = await townshipSheet(HEADERS, [rows[0] as Cell[]]);
    const p = await t.call('import.preview', { kind: 'activities', fileName: '补报.xlsx', base64 });
    expect(p.counts).toMatchObject({ create: 0, update: 1, error: 0 });
    await t.call('import.commit', { id: p.id });
    expect(await stored()).toEqual([
      { po: po.id, kind: 'theme_day', date: '2026-03-05', topic: '重温入党誓词', expected: null, attendance: 12, place: '党员活动室' },
    ]);
  });
});

it('imports from its own template', async () => {
  const tpl = await t.call('import.template', { kind: 'activities' });
  expect(tpl.fileName).toBe('组织生活导入模板.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(tpl.base64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.worksheets[0] as ExcelJS.Worksheet;
  const headers = (ws.getRow(1).values as unknown[]).slice(1) as string[];
  expect(headers).toEqual(['党组织名称*', '所属属地', '活动类型*', '活动日期*', '活动主题', '应到人数', '实到人数', '活动地点', '备注']);
  ws.getRow(2).values = ['乌兰镇晨光公司党支部', '乌兰镇', '党课', '2026-06-18', '党纪学习教育专题党课', 10, 9, '企业会议室', ''];
  const base64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
  const p = await t.call('import.preview', { kind: 'activities', fileName: '组织生活导入模板.xlsx', base64 });
  expect(p.counts).toMatchObject({ create: 1, error: 0 });
  await t.call('import.commit', { id: p.id });
  expect(await stored()).toEqual([
    {
      po: po.id,
      kind: 'party_lecture',
      date: '2026-06-18',
      topic: '党纪学习教育专题党课',
      expected: 10,
      attendance: 9,
      place: '企业会议室',
    },
  ]);
});
