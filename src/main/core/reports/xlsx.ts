/**
 * A ledger as an .xlsx the city can print without fixing anything: merged title, title block, one
 * frozen header row repeated on every printed page, typed cells (numbers, dates, percentages), A4 in
 * the ledger's orientation fitted to the page width, and 第 X 页 共 Y 页 in the footer. Columns are
 * as wide as their content allows and every row as tall as its wrapped text (xlsxLayout.ts).
 *
 * Written with exceljs's streaming writer for every size, so a 100,000-row ledger goes row by row to
 * the file (or buffer) instead of building the whole workbook in memory first.
 */
import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { EXCEL_FONT, PAGE_MARGIN_MM } from '../../../shared/reports/page';
import { SIGNATURE_LINE, titleLines } from '../../../shared/reports/titleBlock';
import type { Cell, CellFormat, ReportColumn, ReportData, ReportRow } from '../../../shared/reports/types';
import {
  BODY_PT,
  columnWidths,
  HEADER_BOLD_PT,
  HEADER_PT,
  headerText,
  innerUnits,
  lineCount,
  MAX_LINES_PER_ROW,
  pageUnits,
  rowHeight,
  shownText,
  TITLE_LINE_PT,
  TITLE_PT,
  wrapLines,
} from './xlsxLayout';

const NUM_FMT: Partial<Record<CellFormat, string>> = { int: '0', date: 'yyyy-mm-dd', percent: '0.00%', money: '#,##0.00' };

function excelValue(format: CellFormat | undefined, v: Cell): ExcelJS.CellValue {
  if (v === null || v === '') return null;
  if (format === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const [y, m, d] = v.split('-').map(Number) as [number, number, number];
    return new Date(Date.UTC(y, m - 1, d));
  }
  if (format === 'percent' && typeof v === 'number') return Math.round(v * 100) / 10000;
  return v;
}

const line = { style: 'thin' } as const;
const font = (size: number, bold = false): Partial<ExcelJS.Font> => ({ name: EXCEL_FONT, size, bold });

/** Where a spreadsheet row sits in its record: a record too tall for one row continues in the next ones. */
type Part = 'whole' | 'first' | 'middle' | 'last';

/**
 * One shared style object per column and kind of row: exceljs recognises a style it has seen by
 * identity, which keeps 100,000 rows from each registering their own.
 */
function styleCache() {
  const cache = new Map<string, Partial<ExcelJS.Style>>();
  return (col: ReportColumn, bold: boolean, part: Part): Partial<ExcelJS.Style> => {
    const key = `${col.key}|${bold}|${part}`;
    let style = cache.get(key);
    if (!style) {
      const fmt = col.format ? NUM_FMT[col.format] : undefined;
      style = {
        font: font(BODY_PT, bold),
        alignment: { horizontal: col.align ?? 'left', vertical: part === 'whole' ? 'middle' : 'top', wrapText: true },
        border: {
          left: line,
          right: line,
          ...(part === 'whole' || part === 'first' ? { top: line } : {}),
          ...(part === 'whole' || part === 'last' ? { bottom: line } : {}),
        },
        ...(fmt ? { numFmt: fmt } : {}),
      };
      cache.set(key, style);
    }
    return style;
  };
}

/** Writes the ledger to `out` (a file path or a stream) and resolves when the file is complete. */
export async function writeReportXlsx(d: ReportData, out: string | Writable): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    ...(typeof out === 'string' ? { filename: out } : { stream: out }),
    useStyles: true,
    useSharedStrings: false,
  });
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

  const body = d.totals ? [...d.rows, d.totals] : d.rows;
  const widths = columnWidths(d.columns, body, pageUnits(d.orientation, PAGE_MARGIN_MM.left + PAGE_MARGIN_MM.right));
  ws.columns = d.columns.map((c, i) => ({ key: c.key, width: widths[i] }));
  const tableInner = innerUnits(widths.reduce((s, w) => s + w, 0));

  /** A merged line across the table, as tall as its wrapped text. */
  const banner = (r: number, text: string, pt: number, bold: boolean, horizontal: 'center' | 'left') => {
    const row = ws.getRow(r);
    const c = row.getCell(1);
    c.value = text;
    c.font = font(pt, bold);
    c.alignment = { horizontal, vertical: 'middle', wrapText: true };
    row.height = rowHeight(wrapLines(text, tableInner, pt * (bold ? 1.05 : 1)).length, pt);
    ws.mergeCells(r, 1, r, n);
    row.commit();
  };

  banner(1, d.title, TITLE_PT, true, 'center');
  lines.forEach((text, i) => {
    banner(2 + i, text, TITLE_LINE_PT, false, 'left');
  });

  const header = ws.getRow(headerRow);
  let headerLines = 1;
  d.columns.forEach((col, i) => {
    const c = header.getCell(i + 1);
    const label = headerText(col.label, widths[i] as number);
    c.value = label;
    c.font = font(HEADER_PT, true);
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = { top: line, left: line, bottom: line, right: line };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    headerLines = Math.max(headerLines, wrapLines(label, innerUnits(widths[i] as number), HEADER_BOLD_PT).length);
  });
  header.height = rowHeight(headerLines, HEADER_PT);
  header.commit();

  const style = styleCache();
  const inner = widths.map(innerUnits);
  const cols = d.columns;
  const plain = cols.map((col) => style(col, false, 'whole'));
  const texts: string[] = new Array(cols.length);
  let r = headerRow + 1;
  // Plain loops: this runs for every cell of a 100,000-row ledger.
  for (let k = 0; k < body.length; k++) {
    const cells = body[k] as ReportRow;
    const bold = d.totals != null && k === body.length - 1;
    let tallest = 1;
    for (let i = 0; i < cols.length; i++) {
      const col = cols[i] as ReportColumn;
      const text = shownText(col, cells[col.key] ?? null);
      texts[i] = text;
      if (text) {
        const n = lineCount(text, inner[i] as number, BODY_PT);
        if (n > tallest) tallest = n;
      }
    }
    if (tallest <= MAX_LINES_PER_ROW) {
      const row = ws.getRow(r++);
      for (let i = 0; i < cols.length; i++) {
        const col = cols[i] as ReportColumn;
        const c = row.getCell(i + 1);
        c.style = bold ? style(col, true, 'whole') : (plain[i] as Partial<ExcelJS.Style>);
        c.value = excelValue(col.format, cells[col.key] ?? null);
      }
      row.height = rowHeight(tallest, BODY_PT);
      row.commit();
      continue;
    }
    const wrapped = texts.map((text, i) => (text ? wrapLines(text, inner[i] as number, BODY_PT) : []));
    const parts = Math.ceil(tallest / MAX_LINES_PER_ROW);
    for (let p = 0; p < parts; p++) {
      const row = ws.getRow(r++);
      const part: Part = p === 0 ? 'first' : p === parts - 1 ? 'last' : 'middle';
      let rowLines = 1;
      d.columns.forEach((col, i) => {
        const c = row.getCell(i + 1);
        c.style = style(col, bold, part);
        // A record taller than a row continues below: long texts carry on line by line, numbers and dates stay on its first row.
        const mine = (wrapped[i] as string[]).slice(p * MAX_LINES_PER_ROW, (p + 1) * MAX_LINES_PER_ROW);
        const isText = col.format === undefined || col.format === 'text';
        if (isText && typeof cells[col.key] === 'string') c.value = mine.join('') || null;
        else c.value = p === 0 ? excelValue(col.format, cells[col.key] ?? null) : null;
        rowLines = Math.max(rowLines, mine.length);
      });
      row.height = rowHeight(rowLines, BODY_PT);
      row.commit();
    }
  }

  banner(r + 1, SIGNATURE_LINE, TITLE_LINE_PT, false, 'left');
  ws.commit();
  await wb.commit();
}

/** The name the save dialog suggests: “两新组织党建工作台账（2026-06-30）.xlsx”. */
export function reportFileName(d: Pick<ReportData, 'title' | 'asOf'>): string {
  return `${d.title}（${d.asOf}）.xlsx`;
}

/** The ledger's .xlsx as bytes (browser mode downloads them). */
export async function reportXlsx(d: ReportData): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  await writeReportXlsx(d, sink);
  await done;
  return Buffer.concat(chunks);
}
