/**
 * Reads a clerk's sheet into text cells: .xlsx streamed part by part through exceljs's streaming
 * reader, .csv as UTF-8 or GBK (what Excel saves on a Chinese Windows). The header row is found
 * among the first rows, since county sheets often start with a title and a 填报单位 line. Work is
 * bounded whatever the file holds: inflated size, nesting, rows and columns are capped.
 */

import type { ImportKind } from '../../../shared/importKinds';
import { AppError } from '../errors';
import { normalizeHeader } from './fields';
import { adapterOf } from './kinds';
import { isOle, LEGACY_XLS, oleRefusal } from './ole';
import { readXlsx } from './xlsx';
import { UNREADABLE } from './zip';

export const MAX_ROWS = 200_000;
export const MAX_COLUMNS = 256;
const MAX_CSV = 100 * 1024 * 1024;

const tooManyRows = () => new AppError('invalid_input', `表格行数超过上限 ${MAX_ROWS} 行，请分批导入`);
const tooManyColumns = () => new AppError('invalid_input', `表格列数超过上限 ${MAX_COLUMNS} 列，请删去多余的列后再导入`);

/** Bytes of the file consumed so far, out of the bytes to consume. */
export type ReadProgress = (done: number, total: number) => void;

export interface SheetRows {
  sheetName: string;
  /** 1-based row number of the header in the sheet. */
  headerRow: number;
  headers: string[];
  rows: { row: number; cells: string[] }[];
}

/** The rows of a CSV text one at a time, so a huge file is refused before it is all split up. */
function* csvRows(text: string): Generator<string[]> {
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
      yield row;
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell || row.length) yield [...row, cell];
}

export function parseCsv(text: string): string[][] {
  return [...csvRows(text)];
}

function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gbk').decode(bytes);
  }
}

/** A sheet row that has something in it: its 1-based number and its cells. */
interface Line {
  n: number;
  cells: string[];
}

/** Collects the non-empty rows, refusing a sheet past the caps as soon as it gets there. */
function collector() {
  const lines: Line[] = [];
  return {
    lines,
    add(n: number, cells: string[]) {
      if (cells.length > MAX_COLUMNS && cells.slice(MAX_COLUMNS).some((c) => c.trim())) throw tooManyColumns();
      if (!cells.some((c) => c.trim())) return;
      // Title and header lines come on top of the data rows.
      if (lines.length >= MAX_ROWS + 10) throw tooManyRows();
      lines.push({ n, cells: Array.from(cells.slice(0, MAX_COLUMNS), (c) => c ?? '') });
    },
  };
}

function readCsv(bytes: Buffer, fileName: string, onProgress?: ReadProgress): { sheetName: string; lines: Line[] } {
  if (bytes.length > MAX_CSV) throw new AppError('invalid_input', '文件过大（超过100MB），请分批导入');
  const c = collector();
  let n = 0;
  for (const cells of csvRows(decodeText(bytes))) c.add(++n, cells);
  onProgress?.(bytes.length, bytes.length);
  return { sheetName: fileName, lines: c.lines };
}

async function readXlsxLines(bytes: Buffer, onProgress?: ReadProgress): Promise<{ sheetName: string; lines: Line[] }> {
  const c = collector();
  const sheetName = await readXlsx(bytes, { row: c.add, progress: onProgress });
  return { sheetName, lines: c.lines };
}

async function readLines(bytes: Buffer, fileName: string, onProgress?: ReadProgress) {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return readCsv(bytes, fileName, onProgress);
  if (isOle(bytes)) throw oleRefusal(bytes);
  if (lower.endsWith('.xls') || lower.endsWith('.et') || lower.endsWith('.wps')) {
    throw new AppError('invalid_input', LEGACY_XLS);
  }
  try {
    return await readXlsxLines(bytes, onProgress);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('invalid_input', UNREADABLE);
  }
}

/** The row among the first ten that names the most known columns. */
function findHeader(kind: ImportKind, lines: Line[]): number {
  const names = new Set(adapterOf(kind).fields.flatMap((f) => [f.label, ...f.synonyms].map(normalizeHeader)));
  let best = -1;
  let bestScore = 1;
  lines.forEach((line, i) => {
    if (line.n > 10) return;
    const score = line.cells.filter((c) => names.has(normalizeHeader(c))).length;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  if (best >= 0) return best;
  if (!lines.length) throw new AppError('invalid_input', '表格是空的：请确认选择了正确的文件，且数据在第一个工作表中');
  return 0;
}

export async function readSheet(kind: ImportKind, bytes: Buffer, fileName: string, onProgress?: ReadProgress): Promise<SheetRows> {
  const { sheetName, lines } = await readLines(bytes, fileName, onProgress);
  const h = findHeader(kind, lines);
  const header = lines[h] as Line;
  const headers = header.cells.map((c) => c.trim());
  const rows = lines.slice(h + 1).map((l) => ({ row: l.n, cells: l.cells.map((c) => c.trim()) }));
  if (rows.length > MAX_ROWS) throw tooManyRows();
  return { sheetName, headerRow: header.n, headers, rows };
}
