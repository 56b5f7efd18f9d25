/**
 * An .xlsx read as a stream, row by row, with bounded work: exceljs's streaming reader parses the
 * workbook, its relations, shared strings and styles, fed from our zip reader part by part (so
 * nothing is spilled to temporary files and every part's inflated size is capped); the chosen
 * sheet's rows are then taken straight from exceljs's XML event stream, which reads a 200,000-row
 * sheet in a third of the time its worksheet reader takes building a Row and Cell per value.
 */
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppError } from '../errors';
import { entryStream, UNREADABLE, type ZipEntry, zipEntries } from './zip';

const requireCjs = createRequire(import.meta.url);
type SaxEvent = { eventType: 'opentag' | 'text' | 'closetag'; value: { name: string; attributes: Record<string, string> } | string };
const parseSax = requireCjs('exceljs/lib/utils/parse-sax') as (s: Readable) => AsyncIterable<SaxEvent[]>;
const { isDateFmt, excelToDate } = requireCjs('exceljs/lib/utils/utils') as {
  isDateFmt(fmt: string | undefined): boolean;
  excelToDate(v: number, date1904: boolean): Date;
};

/** The workbook's list of sheets, its relations and styles are small in any real file. */
const MAX_META = 20 * 1024 * 1024;
/** Inflated bytes of the sheet: a 200,000-row sheet of 30 columns fits. */
const MAX_SHEET = 200 * 1024 * 1024;
/**
 * Inflated bytes of the shared strings, which stay in memory while the sheet is read: 200,000
 * rows of distinct names, addresses and codes take about 40 MB.
 */
const MAX_STRINGS = 64 * 1024 * 1024;

/** Excel's own limit for one cell; a longer text is not from Excel or WPS. */
const MAX_CELL = 32_767;
const cellTooLong = () => new AppError('invalid_input', `单元格内容超过 ${MAX_CELL} 个字符，文件可能已损坏或被篡改`);

const SKIP_SHEETS = new Set(['填写说明', '代码表']);

/**
 * Elements of the sheet outside its cells and rows (columns, merged ranges, links, validations…):
 * a real sheet has at most a few hundred thousand. Past this the part is not a sheet Excel or WPS
 * wrote, and reading on would only spend seconds parsing empty elements up to the size cap.
 */
const MAX_OTHER_ELEMENTS = 1_000_000;

/** The streaming reader's own part parsers, fed parts in the order we choose. */
interface PartReader {
  model?: { sheets?: { name: string; rId: string; state?: string }[] };
  workbookRels?: { Id: string; Target: string }[];
  properties?: { model?: { date1904?: boolean } };
  sharedStrings?: (string | { richText: { text: string }[] } | null)[];
  styles: { getStyleModel(id: number): { numFmt?: string } | null };
  _parseRels(s: Readable): Promise<void>;
  _parseWorkbook(s: Readable): Promise<void>;
  _parseSharedStrings(s: Readable): AsyncGenerator<unknown>;
  _parseStyles(s: Readable): Promise<void>;
}

const pad = (n: number) => String(n).padStart(2, '0');
const dateText = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** Column number of a cell reference (`AB12` → 28), or 0 when there is none. */
function columnOf(ref: string | undefined): number {
  let n = 0;
  for (const ch of ref ?? '') {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + c - 64;
  }
  return n;
}

export interface XlsxSink {
  /** One row that exists in the sheet: its 1-based number and its cells as text. */
  row(n: number, cells: string[]): void;
  /** Compressed bytes consumed, out of the total to consume. */
  progress?(done: number, total: number): void;
}

/**
 * A part's text. exceljs's XML reader decodes each chunk on its own, so a Chinese character that
 * straddles two chunks turned into �; decoding before it keeps the character whole.
 */
function partText(bytes: Buffer, e: ZipEntry, limit: number, onCompressed?: (n: number) => void): Readable {
  return entryStream(bytes, e, limit, onCompressed).setEncoding('utf8');
}

/** Reads the first visible sheet that is not 填写说明 or 代码表; returns its name. */
export async function readXlsx(bytes: Buffer, sink: XlsxSink): Promise<string> {
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) throw new AppError('invalid_input', UNREADABLE);
  const entries = zipEntries(bytes);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(null as never, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  }) as unknown as PartReader;

  const rels = entries.get('xl/_rels/workbook.xml.rels');
  const book = entries.get('xl/workbook.xml');
  if (!rels || !book) throw new AppError('invalid_input', UNREADABLE);
  await reader._parseRels(partText(bytes, rels, MAX_META));
  await reader._parseWorkbook(partText(bytes, book, MAX_META));
  const target = (rId: string) => {
    const t = reader.workbookRels?.find((r) => r.Id === rId)?.Target ?? '';
    return t.startsWith('/') ? t.slice(1) : `xl/${t}`;
  };
  const sheets = (reader.model?.sheets ?? []).map((s) => ({ ...s, entry: entries.get(target(s.rId)) }));
  const visible = (s: { state?: string }) => s.state !== 'hidden' && s.state !== 'veryHidden';
  const chosen = sheets.find((s) => s.entry && !SKIP_SHEETS.has(s.name) && visible(s)) ?? sheets.find((s) => s.entry);
  if (!chosen?.entry) throw new AppError('invalid_input', '文件中没有工作表');

  const strings = entries.get('xl/sharedStrings.xml');
  const styles = entries.get('xl/styles.xml');
  const sheet: ZipEntry = chosen.entry;
  const total = sheet.compressedSize + (strings?.compressedSize ?? 0);
  let done = 0;
  const consumed = (n: number) => {
    done += n;
    sink.progress?.(done, total);
  };
  if (strings) for await (const _ of reader._parseSharedStrings(partText(bytes, strings, MAX_STRINGS, consumed)));
  if (styles) await reader._parseStyles(partText(bytes, styles, MAX_META));
  await readRows(reader, partText(bytes, sheet, MAX_SHEET, consumed), sink);
  return chosen.name;
}

async function readRows(reader: PartReader, xml: Readable, sink: XlsxSink): Promise<void> {
  const shared = reader.sharedStrings ?? [];
  const date1904 = !!reader.properties?.model?.date1904;
  const dateStyle = new Map<number, boolean>();
  const isDate = (s: number) => {
    let d = dateStyle.get(s);
    if (d === undefined) {
      d = isDateFmt(reader.styles.getStyleModel(s)?.numFmt);
      dateStyle.set(s, d);
    }
    return d;
  };
  const sharedText = (i: number) => {
    const v = shared[i];
    if (v == null) return '';
    return typeof v === 'string' ? v : v.richText.map((r) => r.text ?? '').join('');
  };

  let rowNo = 0;
  let cells: string[] | null = null;
  let colNo = 0;
  // The cell being read: its type, style, value text and whether it has a formula.
  let type = '';
  let style = 0;
  let text: string | null = null;
  let inValue = false;
  let inCell = false;
  let other = 0;

  const finishCell = () => {
    if (!cells || text === null) return;
    let out: string;
    if (type === 's') out = sharedText(Number.parseInt(text, 10));
    else if (type === 'inlineStr' || type === 'str') out = text;
    else if (type === 'b') out = String(Number.parseInt(text, 10) !== 0);
    else if (type === 'e') out = '';
    else {
      const v = Number.parseFloat(text);
      out = Number.isNaN(v) ? '' : style && isDate(style) ? dateText(excelToDate(v, date1904)) : String(v);
    }
    cells[colNo - 1] = out.trim();
  };

  for await (const events of parseSax(xml)) {
    for (const { eventType, value } of events) {
      if (eventType === 'text') {
        if (!inValue) continue;
        text = (text ?? '') + (value as string);
        if (text.length > MAX_CELL) throw cellTooLong();
        continue;
      }
      const name = (value as { name: string }).name;
      if (eventType === 'opentag') {
        const attrs = (value as { attributes: Record<string, string> }).attributes;
        if (name === 'row') {
          const r = Number.parseInt(attrs.r ?? '', 10);
          rowNo = Number.isFinite(r) && r > rowNo ? r : rowNo + 1;
          cells = [];
          colNo = 0;
        } else if (!inCell && name !== 'c' && ++other > MAX_OTHER_ELEMENTS) {
          throw new AppError('invalid_input', UNREADABLE);
        } else if (name === 'c' && cells) {
          inCell = true;
          const c = columnOf(attrs.r);
          colNo = c > colNo ? c : colNo + 1;
          type = attrs.t ?? 'n';
          style = Number.parseInt(attrs.s ?? '0', 10) || 0;
          text = null;
        } else if ((name === 'v' || name === 't') && cells) inValue = true;
      } else if (name === 'v' || name === 't') inValue = false;
      else if (name === 'c') {
        inCell = false;
        finishCell();
      } else if (name === 'row' && cells) {
        sink.row(
          rowNo,
          Array.from(cells, (x) => x ?? ''),
        );
        cells = null;
      }
    }
  }
}
