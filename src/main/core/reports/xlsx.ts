/**
 * A ledger as an .xlsx the city can print without fixing anything: merged title, title block, one
 * frozen header row repeated on every printed page, typed cells (numbers, dates, percentages), A4 in
 * the ledger's orientation fitted to the page width, and 第 X 页 共 Y 页 in the footer.
 */
import ExcelJS from 'exceljs';
import { EXCEL_FONT, PAGE_MARGIN_MM } from '../../../shared/reports/page';
import { SIGNATURE_LINE, titleLines } from '../../../shared/reports/titleBlock';
import type { Cell, CellFormat, ReportData } from '../../../shared/reports/types';

const NUM_FMT: Partial<Record<CellFormat, string>> = { int: '0', date: 'yyyy-mm-dd', percent: '0.00%' };

function excelValue(format: CellFormat | undefined, v: Cell): ExcelJS.CellValue {
  if (v === null || v === '') return null;
  if (format === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const [y, m, d] = v.split('-').map(Number) as [number, number, number];
    return new Date(Date.UTC(y, m - 1, d));
  }
  if (format === 'percent' && typeof v === 'number') return Math.round(v * 100) / 10000;
  return v;
}

const thin: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

export async function reportXlsx(d: ReportData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '两新党建台账';
  wb.created = new Date();
  const n = d.columns.length;
  const lines = titleLines(d);
  const headerRow = 2 + lines.length;
  const inch = (mm: number) => mm / 25.4;
  const ws = wb.addWorksheet(d.title.slice(0, 31), {
    pageSetup: {
      paperSize: 9,
      orientation: d.orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `${headerRow}:${headerRow}`,
      margins: {
        top: inch(PAGE_MARGIN_MM.top),
        bottom: inch(PAGE_MARGIN_MM.bottom),
        left: inch(PAGE_MARGIN_MM.left),
        right: inch(PAGE_MARGIN_MM.right),
        header: 0.2,
        footer: 0.25,
      },
    },
    headerFooter: { oddFooter: '&C第 &P 页 共 &N 页', evenFooter: '&C第 &P 页 共 &N 页' },
    views: [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }],
  });
  ws.columns = d.columns.map((c) => ({ key: c.key, width: Math.max(6, c.width * 2 + 2) }));
  const font = (size: number, bold = false): Partial<ExcelJS.Font> => ({ name: EXCEL_FONT, size, bold });

  ws.mergeCells(1, 1, 1, n);
  const title = ws.getCell(1, 1);
  title.value = d.title;
  title.font = font(18, true);
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 32;
  lines.forEach((text, i) => {
    ws.mergeCells(2 + i, 1, 2 + i, n);
    const c = ws.getCell(2 + i, 1);
    c.value = text;
    c.font = font(11);
    c.alignment = { horizontal: 'left', vertical: 'middle' };
  });

  const header = ws.getRow(headerRow);
  d.columns.forEach((col, i) => {
    const c = header.getCell(i + 1);
    c.value = col.label;
    c.font = font(11, true);
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = thin;
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  });
  header.height = 30;

  const body = d.totals ? [...d.rows, d.totals] : d.rows;
  body.forEach((cells, r) => {
    const row = ws.getRow(headerRow + 1 + r);
    d.columns.forEach((col, i) => {
      const c = row.getCell(i + 1);
      c.value = excelValue(col.format, cells[col.key] ?? null);
      const fmt = col.format ? NUM_FMT[col.format] : undefined;
      if (fmt) c.numFmt = fmt;
      c.font = font(10, d.totals != null && r === body.length - 1);
      c.alignment = { horizontal: col.align ?? 'left', vertical: 'middle', wrapText: true };
      c.border = thin;
    });
  });

  const sign = headerRow + body.length + 2;
  ws.mergeCells(sign, 1, sign, n);
  const s = ws.getCell(sign, 1);
  s.value = SIGNATURE_LINE;
  s.font = font(11);

  return Buffer.from(await wb.xlsx.writeBuffer());
}
