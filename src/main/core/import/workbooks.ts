/**
 * The .xlsx files of an import: the blank template a clerk fills in (headers in Chinese, drop-down
 * lists for coded columns, a 填写说明 sheet) and the error report of a preview (the clerk's rows with
 * the bad cells filled red and the reason beside each).
 */
import ExcelJS from 'exceljs';
import { type ImportKind, importKindLabel } from '../../../shared/importKinds';
import { EXCEL_FONT } from '../../../shared/reports/page';
import type { Ctx } from '../context';
import { adapterOf } from './kinds';
import { storedPreview } from './preview';

const TEMPLATE_ROWS = 2000;
const RED: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const HEADER: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };

async function toBase64(wb: ExcelJS.Workbook): Promise<string> {
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

export async function importTemplate(ctx: Ctx, kind: ImportKind): Promise<{ fileName: string; base64: string }> {
  const adapter = adapterOf(kind);
  const { fields } = adapter;
  const label = importKindLabel(kind);
  const regions = await ctx.ledger.db.selectFrom('regions').select('name').orderBy('sort_order').orderBy('id').execute();
  const wb = new ExcelJS.Workbook();
  wb.creator = '两新党建台账';
  const ws = wb.addWorksheet(label, { views: [{ state: 'frozen', ySplit: 1 }] });
  const help = wb.addWorksheet('填写说明');
  const lists = wb.addWorksheet('代码表', { state: 'hidden' });

  ws.columns = fields.map((f) => ({
    header: f.required ? `${f.label}*` : f.label,
    key: f.key,
    width: Math.max(10, f.label.length * 2.4 + 4),
  }));
  ws.getRow(1).eachCell((c) => {
    c.font = { name: EXCEL_FONT, bold: true };
    c.fill = HEADER;
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  ws.getRow(1).height = 28;

  // Drop-down sources on the hidden sheet, one column per coded field (lists longer than 255
  // characters cannot be written inline).
  let listCol = 0;
  fields.forEach((f, i) => {
    const values =
      f.kind === 'code'
        ? (f.codes ?? []).map((r) => r.label)
        : f.kind === 'bool'
          ? ['是', '否']
          : f.kind === 'region'
            ? regions.map((r) => r.name)
            : null;
    if (!values || values.length === 0) return;
    listCol++;
    const letter = lists.getColumn(listCol).letter;
    lists.getCell(1, listCol).value = f.label;
    values.forEach((v, k) => {
      lists.getCell(k + 2, listCol).value = v;
    });
    const validation: ExcelJS.DataValidation = {
      type: 'list',
      allowBlank: !f.required,
      formulae: [`代码表!$${letter}$2:$${letter}$${values.length + 1}`],
      showErrorMessage: true,
      errorTitle: '请从列表中选择',
      error: `${f.label}只能填列表中的值`,
    };
    for (let r = 2; r <= TEMPLATE_ROWS + 1; r++) ws.getCell(r, i + 1).dataValidation = validation;
  });

  help.columns = [
    { header: '列名', width: 22 },
    { header: '是否必填', width: 10 },
    { header: '填写要求', width: 60 },
  ];
  help.getRow(1).font = { name: EXCEL_FONT, bold: true };
  for (const f of fields) {
    const allowed = f.kind === 'code' ? `可填：${(f.codes ?? []).map((r) => r.label).join('、')}` : '';
    help.addRow([f.label, f.required ? '必填' : '', [f.help, allowed].filter(Boolean).join('；')]);
  }
  help.addRow([]);
  help.addRow(['说明', '', `每行一条${label}。导入时先预览，逐行显示新增、更新、跳过或错误，确认后才写入。`]);
  help.addRow(['空白单元格', '', '新增时按默认值；更新已有记录时保留原有内容，不会被清空。']);
  help.addRow(['匹配规则', '', adapter.matchRule]);
  return { fileName: `${label}导入模板.xlsx`, base64: await toBase64(wb) };
}

export async function importErrorReport(ctx: Ctx, id: string): Promise<{ fileName: string; base64: string }> {
  const { preview, sheet } = storedPreview(ctx, id);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('导入检查结果', { views: [{ state: 'frozen', ySplit: 1 }] });
  const n = sheet.headers.length;
  ws.columns = [...sheet.headers, '导入结果', '错误提示'].map((h, i) => ({ header: h, width: i >= n ? (i === n ? 10 : 50) : 16 }));
  ws.getRow(1).eachCell((c) => {
    c.font = { name: EXCEL_FONT, bold: true };
    c.fill = HEADER;
  });
  const STATUS = { create: '新增', update: '更新', skip: '跳过（无变化）', error: '错误', notRecord: '不是记录' } as const;
  preview.rows.forEach((v, k) => {
    const src = sheet.rows[k];
    const row = ws.addRow([
      ...(src?.cells ?? []).slice(0, n),
      ...Array(Math.max(0, n - (src?.cells.length ?? 0))).fill(''),
      STATUS[v.status],
      v.errors.length ? v.errors.map((e) => `${e.column ? `${e.column}列` : ''}${e.header}：${e.message}`).join('；') : (v.reason ?? ''),
    ]);
    for (const e of v.errors) {
      const col = sheet.headers.indexOf(e.header);
      if (col < 0) continue;
      const cell = row.getCell(col + 1);
      cell.fill = RED;
      cell.note = e.message;
    }
    if (v.status === 'error') row.getCell(n + 1).fill = RED;
  });
  const base = preview.fileName.replace(/\.(xlsx|csv)$/i, '');
  return { fileName: `${base}-导入检查结果.xlsx`, base64: await toBase64(wb) };
}
