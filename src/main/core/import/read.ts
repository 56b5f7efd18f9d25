/**
 * Reads a clerk's sheet into text cells: .xlsx through exceljs, .csv as UTF-8 or GBK (what Excel
 * saves on a Chinese Windows). The header row is found among the first rows, since county sheets
 * often start with a title and a 填报单位 line.
 */
import ExcelJS from 'exceljs';
import { AppError } from '../errors';
import { IMPORT_FIELDS, type ImportKind, normalizeHeader } from './fields';

export interface SheetRows {
  sheetName: string;
  /** 1-based row number of the header in the sheet. */
  headerRow: number;
  headers: string[];
  rows: { row: number; cells: string[] }[];
}

const pad = (n: number) => String(n).padStart(2, '0');

function cellText(v: ExcelJS.CellValue): string {
  if (v == null) return '';
  if (v instanceof Date) return `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    if ('error' in v) return '';
    return '';
  }
  return String(v).trim();
}

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gbk').decode(bytes);
  }
}

const SKIP_SHEETS = new Set(['填写说明', '代码表']);

async function readGrid(bytes: Buffer, fileName: string): Promise<{ sheetName: string; grid: string[][] }> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return { sheetName: fileName, grid: parseCsv(decodeText(bytes)) };
  if (lower.endsWith('.xls') || lower.endsWith('.et') || lower.endsWith('.wps')) {
    throw new AppError('invalid_input', '暂不支持旧版 .xls 文件，请在 Excel 或 WPS 中“另存为”.xlsx 后再导入');
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError('invalid_input', '无法读取该文件：请确认是 Excel（.xlsx）或 CSV 文件且未损坏');
  }
  const ws = wb.worksheets.find((s) => !SKIP_SHEETS.has(s.name) && s.state !== 'hidden') ?? wb.worksheets[0];
  if (!ws) throw new AppError('invalid_input', '文件中没有工作表');
  const grid: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    grid[n - 1] = Array.from(cells, (c) => c ?? '');
  });
  return { sheetName: ws.name, grid: Array.from(grid, (r) => r ?? []) };
}

/** The row among the first ten that names the most known columns. */
function findHeader(kind: ImportKind, grid: string[][]): number {
  const names = new Set(IMPORT_FIELDS[kind].flatMap((f) => [f.label, ...f.synonyms].map(normalizeHeader)));
  let best = -1;
  let bestScore = 1;
  grid.slice(0, 10).forEach((row, i) => {
    const score = row.filter((c) => names.has(normalizeHeader(c))).length;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  if (best >= 0) return best;
  const first = grid.findIndex((r) => r.some((c) => c.trim()));
  if (first < 0) throw new AppError('invalid_input', '表格是空的');
  return first;
}

export async function readSheet(kind: ImportKind, bytes: Buffer, fileName: string): Promise<SheetRows> {
  const { sheetName, grid } = await readGrid(bytes, fileName);
  const h = findHeader(kind, grid);
  const headers = (grid[h] ?? []).map((c) => c.trim());
  const rows = grid
    .slice(h + 1)
    .map((cells, i) => ({ row: h + 2 + i, cells: cells.map((c) => c.trim()) }))
    .filter((r) => r.cells.some((c) => c !== ''));
  return { sheetName, headerRow: h + 1, headers, rows };
}
