/**
 * 培训班 from the import template and from a township's own sheet: 培训时间 written as a span
 * (“2025.3.12-3.14”, “2025年5月20日至21日”), the clerks' words (培训内容, 主办单位, 参训人数, 业主,
 * 积极分子), “220人次”; bad and future dates and a repeated class are row errors, 合计 and the signature
 * are not records; a second import of the same sheet changes nothing; an update keeps the attendees.
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeLedger, type TestLedger } from './fixture';

let t: TestLedger;
let town: number;

beforeEach(async () => {
  t = await makeLedger();
  town = (await t.call('regions.create', { name: '乌兰镇', kind: 'township' })).id;
});

afterEach(async () => {
  await t.close();
});

type Cell = string | number | null;

async function townshipSheet(headers: string[], rows: Cell[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('培训情况');
  ws.addRow(['乌兰镇2025年两新组织党建培训情况统计表']);
  ws.mergeCells(1, 1, 1, headers.length);
  ws.addRow(['填报单位（盖章）：乌兰镇党委', '', '', '', '', '', '', '填报时间：2026年6月']);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const HEADERS = ['序号', '培训时间', '培训内容', '培训对象', '主办单位', '所在镇街', '培训地点', '期数', '参训人数', '备注'];
const ROWS: Cell[][] = [
  [1, '2025.3.12-3.14', '非公企业业主培训班', '业主', '旗委组织部', '', '旗委党校', '2期', '220人次', ''], // row 4
  [2, '2025年5月20日至21日', '党组织书记轮训', '书记', '乌兰镇党委', '乌兰', '乌兰镇党群服务中心', 1, '35人', ''], // row 5
  [3, '2025.6.10', '入党积极分子培训', '积极分子', '乌兰镇党委', '乌兰镇', '', '', '40', '结业考试合格38人'], // row 6
  [4, '2025.13.1', '党员集中培训', '党员', '乌兰镇党委', '乌兰', '', 1, '30', ''], // row 7
  [5, '2025.3.12-3.14', '非公企业业主培训班', '业主', '旗委组织部', '', '旗委党校', '2', '220', ''], // row 8
  [6, '2026.12.1', '冬季党员轮训', '党员', '乌兰镇党委', '乌兰', '', 1, '20', ''], // row 9
  ['合计', '', '', '', '', '', '', '5期', '295人次', ''], // row 10
  [],
  ['填表人：张三', '', '', '审核人：李四'], // row 12
];

const stored = () =>
  t.rows(sql`SELECT start_date, end_date, topic, target, organizer, region_id, place, sessions, attendances FROM trainings ORDER BY id`);

describe('a township’s sheet of training classes', () => {
  it('reads spans, the clerks’ words and units; bad, future and repeated rows are errors; imports once', async () => {
    const base64 = await townshipSheet(HEADERS, ROWS);
    const p = await t.call('import.preview', { kind: 'trainings', fileName: '乌兰镇培训情况.xlsx', base64 });
    expect(p.headerRow).toBe(3);
    expect(p.mapping).toEqual({
      序号: null,
      培训时间: 'dates',
      培训内容: 'topic',
      培训对象: 'target',
      主办单位: 'organizer',
      所在镇街: 'regionId',
      培训地点: 'place',
      期数: 'sessions',
      参训人数: 'attendances',
      备注: 'remarks',
    });
    expect(p.valueQuestions).toEqual([]);
    const errors = p.rows.flatMap((r) => r.errors.map((e) => `${r.row}:${e.column}:${e.message}`));
    expect(errors).toEqual([
      '7:B:培训时间无法识别：“2025.13.1”，应如 2025-03-12 或 2025.3.12-3.14',
      '8:C:与第4行的开始日期、培训主题和所属属地重复',
      '9:B:培训时间不能晚于今天（2026-06-30）：只登记已经举办的培训班',
    ]);
    expect(p.rows.filter((r) => r.status === 'notRecord').map((r) => r.row)).toEqual([10, 12]);
    expect(p.counts).toEqual({ create: 3, update: 0, skip: 0, error: 3, notRecord: 2, total: 8 });
    expect(p.rows.find((r) => r.row === 4)?.name).toBe('2025.3.12-3.14 非公企业业主培训班');

    expect(await t.call('import.commit', { id: p.id, skipErrors: true })).toEqual({ created: 3, updated: 0, skipped: 0, failed: 3 });
    expect(await stored()).toEqual([
      {
        start_date: '2025-03-12',
        end_date: '2025-03-14',
        topic: '非公企业业主培训班',
        target: 'owner',
        organizer: '旗委组织部',
        region_id: null,
        place: '旗委党校',
        sessions: 2,
        attendances: 220,
      },
      {
        start_date: '2025-05-20',
        end_date: '2025-05-21',
        topic: '党组织书记轮训',
        target: 'secretary',
        organizer: '乌兰镇党委',
        region_id: town,
        place: '乌兰镇党群服务中心',
        sessions: 1,
        attendances: 35,
      },
      {
        start_date: '2025-06-10',
        end_date: '2025-06-10',
        topic: '入党积极分子培训',
        target: 'activist',
        organizer: '乌兰镇党委',
        region_id: town,
        place: null,
        sessions: 1,
        attendances: 40,
      },
    ]);
    const audit = await t.rows<{ action: string; after: string }>(
      sql`SELECT action, after FROM audit_log WHERE entity = 'training' ORDER BY id`,
    );
    const imported = audit.map(({ action, after }) => {
      const { importFile, importRow } = JSON.parse(after) as { importFile: string; importRow: number };
      return { action, file: importFile, row: importRow };
    });
    expect(imported).toEqual([
      { action: 'create', file: '乌兰镇培训情况.xlsx', row: 4 },
      { action: 'create', file: '乌兰镇培训情况.xlsx', row: 5 },
      { action: 'create', file: '乌兰镇培训情况.xlsx', row: 6 },
    ]);

    // The same sheet again: nothing new, nothing changed.
    const again = await t.call('import.preview', { kind: 'trainings', fileName: '乌兰镇培训情况.xlsx', base64 });
    expect(again.counts).toEqual({ create: 0, update: 0, skip: 3, error: 3, notRecord: 2, total: 8 });
  });

  it('an update from a sheet changes 人次 and keeps the attendees recorded by hand', async () => {
    const instructor = (await t.call('instructors.create', { name: '李文' })).id;
    const made = await t.call('trainings.create', {
      startDate: '2025-03-12',
      endDate: '2025-03-14',
      topic: '非公企业业主培训班',
      target: 'owner',
      organizer: '旗委组织部',
      attendances: 200,
      attendees: [{ instructorId: instructor }, { name: '王五', unit: '丙商店' }],
    });
    const base64 = await townshipSheet(HEADERS, [
      [1, '2025.3.12-14', '非公企业业主培训班', '业主', '旗委组织部', '', '旗委党校', '2期', '225人次', ''],
    ]);
    const p = await t.call('import.preview', { kind: 'trainings', fileName: '更正.xlsx', base64 });
    expect(p.rows.map((r) => [r.status, r.matchId, r.changes])).toEqual([['update', made.id, ['地点', '期数', '培训人次']]]);
    await t.call('import.commit', { id: p.id });
    const after = await t.call('trainings.get', { id: made.id });
    expect([after.place, after.sessions, after.attendances]).toEqual(['旗委党校', 2, 225]);
    expect(after.attendees.map((a) => a.label)).toEqual(['李文（指导员）', '王五（丙商店）']);
  });
});

describe('the import template', () => {
  it('filled in as downloaded, imports without a correction', async () => {
    const tpl = await t.call('import.template', { kind: 'trainings' });
    expect(tpl.fileName).toBe('培训班导入模板.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(tpl.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    const headers = (ws.getRow(1).values as unknown[]).slice(1) as string[];
    expect(headers).toEqual([
      '培训时间',
      '开始日期',
      '结束日期',
      '培训主题*',
      '培训对象*',
      '举办单位*',
      '所属属地',
      '培训地点',
      '期数',
      '培训人次*',
      '备注',
    ]);
    const col = (h: string) => headers.indexOf(h) + 1;
    const fill = (r: number, values: Record<string, string | number>) => {
      for (const [h, v] of Object.entries(values)) ws.getCell(r, col(h)).value = v;
    };
    fill(2, {
      开始日期: '2026-04-15',
      结束日期: '2026-04-16',
      '培训主题*': '党组织书记示范培训班',
      '培训对象*': '党组织书记',
      '举办单位*': '旗委组织部',
      '培训人次*': 90,
    });
    fill(3, {
      培训时间: '2026-05-10',
      '培训主题*': '党员集中培训',
      '培训对象*': '党员',
      '举办单位*': '乌兰镇党委',
      所属属地: '乌兰镇',
      期数: 1,
      '培训人次*': 60,
    });
    const base64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const p = await t.call('import.preview', { kind: 'trainings', fileName: tpl.fileName, base64 });
    expect(p.rows.flatMap((r) => r.errors)).toEqual([]);
    expect(p.counts).toMatchObject({ create: 2, error: 0 });
    await t.call('import.commit', { id: p.id });
    const list = await t.call('trainings.list', { year: 2026 });
    expect(list.rows.map((r) => [r.startDate, r.endDate, r.topic, r.target, r.regionName, r.attendances])).toEqual([
      ['2026-05-10', '2026-05-10', '党员集中培训', 'member', '乌兰镇', 60],
      ['2026-04-15', '2026-04-16', '党组织书记示范培训班', 'secretary', '旗（县）级', 90],
    ]);
  });
});
