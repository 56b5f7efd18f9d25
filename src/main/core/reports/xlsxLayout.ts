/**
 * How wide a ledger's Excel columns are and how tall each row must be for its wrapped text. None of
 * Excel, WPS or LibreOffice Calc re-fits row heights when it opens a file, so a wrapped cell keeps the
 * height written here: too low and its text is drawn over the next row. Widths are estimated from the
 * glyphs in Excel's units, the narrowest of the three suites: Excel's unit is the 7 px digit of its
 * 11 pt default font (5.25 pt), while Calc on a Linux desktop falls back to a wider font and gets
 * 7 pt units, so the same file has fewer, never more, lines there. A Chinese character is one em;
 * Latin letters and digits 0.55 em (宋体 draws them at 0.5 em; DejaVu Sans' 0.64–0.72 em fits 7 pt units).
 */
import { type Cell, type CellFormat, formatCell, type ReportColumn, type ReportRow } from '../../../shared/reports/types';

/** One Excel column-width unit: the digit width of the default 11 pt font, 7 px = 5.25 pt. */
const UNIT_PT = 5.25;
/** Cell margins and gridline inside a column, in width units. */
const CELL_PAD = 1.5;
/** Line pitch as a multiple of the font size (Noto CJK's line gap is 1.45 em, 宋体's 1.3 em). */
const LINE_EM = 1.5;
/** Space above and below the text of a row, in points. */
const ROW_PAD_PT = 5;
/** A row above this many lines continues in the next row: Excel's rows stop at 409 pt and a row never spans two pages. */
export const MAX_LINES_PER_ROW = 22;
/** Widest column, in units: beyond this a long text wraps rather than pushing the others off the page. */
const MAX_COLUMN = 64;
/** A column of text keeps at least six characters a line, even if the page then has to be scaled down. */
const MIN_TEXT_CHARS = 6;

export const BODY_PT = 10;
export const HEADER_PT = 11;
/** A bold header is measured a little wider than its regular glyphs. */
export const HEADER_BOLD_PT = HEADER_PT * 1.05;
export const TITLE_PT = 18;
export const TITLE_LINE_PT = 11;

/** Printable width of A4 in width units, inside the ledger's margins (the page is then fitted to the width). */
export function pageUnits(orientation: 'portrait' | 'landscape', marginsMm: number): number {
  const mm = (orientation === 'landscape' ? 297 : 210) - marginsMm;
  return Math.floor(((mm / 25.4) * 72) / UNIT_PT);
}

function isWide(code: number): boolean {
  return (
    (code >= 0x2e80 && code <= 0x9fff) ||
    (code >= 0xac00 && code <= 0xd7af) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    code >= 0x20000 ||
    code === 0x2014 ||
    code === 0x2026 ||
    (code >= 0x2018 && code <= 0x201d)
  );
}

/** A character's advance in em. */
function em(ch: string): number {
  const code = ch.codePointAt(0) ?? 0;
  if (isWide(code)) return 1;
  if (code === 0x20) return 0.33;
  if (code < 0x80) return 0.55;
  return 0.8;
}

/** Each UTF-16 unit's advance, looked up rather than classified a million times; a surrogate pair (a rare character) is one em. */
const EM = new Float32Array(0x10000).map((_, code) => (code >= 0xd800 && code <= 0xdfff ? 0.5 : em(String.fromCharCode(code))));

/** Width of a text on one line, in width units, at `pt` points. */
export function textUnits(text: string, pt: number): number {
  let w = 0;
  for (let i = 0; i < text.length; i++) w += EM[text.charCodeAt(i)] as number;
  return (w * pt) / UNIT_PT;
}

/** Characters a line may not start with (中文排版: closing punctuation stays with what precedes it). */
const NO_LINE_START = new Set('，。、；：？！）》」』】〕’”·…—,.;:?!)]}%％');
const NO_LINE_END = new Set('（《「『【〔‘“([{');
const CLINGS = new Uint8Array(0x10000);
for (const ch of NO_LINE_START) CLINGS[ch.charCodeAt(0)] = 1;

/**
 * The pieces a line may break between: each Chinese character alone (with any closing punctuation
 * that follows it and any opening punctuation before it), each run of Latin letters and digits whole,
 * each space alone.
 */
function tokens(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let curWide = false;
  const flush = () => {
    if (cur) out.push(cur);
    cur = '';
  };
  for (const ch of text) {
    const wide = isWide(ch.codePointAt(0) ?? 0);
    if (NO_LINE_START.has(ch)) {
      cur += ch;
      continue;
    }
    if (cur && NO_LINE_END.has(cur[cur.length - 1] as string)) {
      cur += ch;
      curWide = wide;
      continue;
    }
    if (ch === ' ') {
      flush();
      out.push(ch);
      continue;
    }
    if (wide || curWide || !cur) flush();
    cur += ch;
    curWide = wide;
  }
  flush();
  return out;
}

/**
 * Width of the longest piece `tokens` would make, in one pass without building them (a 100,000-row
 * ledger measures a million cells): a run of Latin letters and digits, or one Chinese character with
 * the punctuation that clings to it.
 */
function longestWord(text: string, pt: number): number {
  let longest = 0;
  let run = 0;
  let prevWide = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x20) {
      run = 0;
      prevWide = false;
      continue;
    }
    const w = EM[code] as number;
    const wide = w >= 1 || (code >= 0xd800 && code <= 0xdfff);
    if (!CLINGS[code] && (wide || prevWide)) run = 0;
    run += w;
    prevWide = wide;
    if (run > longest) longest = run;
  }
  return (longest * pt) / UNIT_PT;
}

/** How many lines a text wraps to (see `wrapLines`), without keeping them when it fits on one. */
export function lineCount(text: string, units: number, pt: number): number {
  if (!text.includes('\n') && textUnits(text, pt) <= units) return 1;
  return wrapLines(text, units, pt).length;
}

/** The lines a text wraps to in a column `units` wide (inner width), breaking as the office suites do. */
export function wrapLines(text: string, units: number, pt: number): string[] {
  const lines: string[] = [];
  for (const para of text.split(/\r?\n/)) {
    if (textUnits(para, pt) <= units) {
      lines.push(para);
      continue;
    }
    let line = '';
    let width = 0;
    for (const tok of tokens(para)) {
      const w = textUnits(tok, pt);
      if (width + w <= units) {
        line += tok;
        width += w;
        continue;
      }
      if (tok === ' ') {
        // The space stays at the end of its line, so the lines joined again are the text.
        lines.push(`${line} `);
        line = '';
        width = 0;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      width = 0;
      if (w <= units) {
        line = tok;
        width = w;
        continue;
      }
      // A word wider than the column is cut wherever it reaches the edge.
      for (const ch of tok) {
        const cw = textUnits(ch, pt);
        if (width + cw > units && line) {
          lines.push(line);
          line = '';
          width = 0;
        }
        line += ch;
        width += cw;
      }
    }
    lines.push(line);
  }
  return lines;
}

/** Height in points of a row whose tallest cell has `lines` lines at `pt`. */
export function rowHeight(lines: number, pt: number): number {
  return Math.ceil(Math.max(1, lines) * pt * LINE_EM + ROW_PAD_PT);
}

/** The text a cell shows, as the .xlsx number formats show it (the same as on paper). */
export function shownText(col: ReportColumn, v: Cell): string {
  return formatCell(col.format, v);
}

/** Dates and numbers never wrap; texts may. */
const wraps = (format: CellFormat | undefined) => format === undefined || format === 'text';

/**
 * Column widths for the content: every column at least as wide as its longest unbreakable word (a whole
 * date, number or code) and half its header; as wide as its longest text when the page has room, and
 * otherwise the widest columns give way first, down to that minimum, so short columns stay on one line;
 * what room is left then widens the columns whose header would wrap.
 */
export function columnWidths(columns: readonly ReportColumn[], rows: readonly ReportRow[], pageWidth: number): number[] {
  const min: number[] = [];
  const want: number[] = [];
  const header: number[] = [];
  const split: number[] = [];
  for (const col of columns) {
    const label = textUnits(col.label, HEADER_PT);
    const half = Math.max(2, Math.ceil([...col.label].length / 2)) * textUnits('字', HEADER_PT);
    let longest = 0;
    let word = 0;
    for (const row of rows) {
      const text = shownText(col, row[col.key] ?? null);
      if (!text) continue;
      const w = textUnits(text, BODY_PT);
      if (w > longest) longest = w;
      if (!wraps(col.format)) continue;
      if (w > word) word = Math.max(word, longestWord(text, BODY_PT));
    }
    const readable = Math.min(longest, MIN_TEXT_CHARS * textUnits('字', BODY_PT));
    const floor = Math.max(wraps(col.format) ? Math.max(word, readable) : longest, Math.min(label, half)) + CELL_PAD;
    min.push(Math.min(Math.max(floor, 4), MAX_COLUMN));
    want.push(Math.min(Math.max(longest + CELL_PAD, floor, 4), MAX_COLUMN));
    header.push(round(Math.min(textUnits(col.label, HEADER_BOLD_PT) + CELL_PAD, MAX_COLUMN)));
    const unit = unitSplit(col.label);
    split.push(unit ? round(Math.max(...unit.map((part) => textUnits(part, HEADER_BOLD_PT))) + CELL_PAD) : Number.POSITIVE_INFINITY);
  }
  const capped = (limit: number) => want.map((w, i) => Math.max(min[i] as number, Math.min(w, limit)));
  const sum = (ws: number[]) => ws.reduce((s, w) => s + w, 0);
  let fitted = want;
  if (sum(want) > pageWidth) {
    let lo = 0;
    let hi = MAX_COLUMN;
    for (let k = 0; k < 30; k++) {
      const mid = (lo + hi) / 2;
      if (sum(capped(mid)) > pageWidth) hi = mid;
      else lo = mid;
    }
    fitted = capped(lo);
  }
  const widths = fitted.map(round);
  // Room the content leaves goes to bold headers that would wrap, the smallest shortfall first: a
  // 统计表's narrow number columns otherwise print “正式党” over “员”, or Calc “党组织（” over “个）”.
  // First enough for “两新组织” over “（家）” (see headerText), then for whole headers on one line.
  let room = pageWidth - sum(widths);
  const grow = (target: number[]) => {
    const short = widths.map((_, i) => i).filter((i) => (target[i] as number) > (widths[i] as number));
    short.sort((a, b) => (target[a] as number) - (widths[a] as number) - ((target[b] as number) - (widths[b] as number)));
    for (const i of short) {
      const need = (target[i] as number) - (widths[i] as number);
      if (need > room) break;
      widths[i] = target[i] as number;
      room -= need;
    }
  };
  grow(split.map((w, i) => Math.min(w, header[i] as number)));
  grow(header);
  return widths;
}

/** A header ending in its unit, “两新组织（家）”, as its name and its unit. */
function unitSplit(label: string): [string, string] | null {
  const m = /^(.+?)(（[^（）]+）)$/.exec(label);
  return m ? [m[1] as string, m[2] as string] : null;
}

/**
 * A header as its cell holds it: whole if it fits the column's line, else with its unit on a line of
 * its own (the name wrapping above it if it must), since the suites would break anywhere, Calc even
 * between “（” and what it opens.
 */
export function headerText(label: string, width: number): string {
  const inner = innerUnits(width);
  if (textUnits(label, HEADER_BOLD_PT) <= inner) return label;
  const unit = unitSplit(label);
  if (!unit || textUnits(unit[1], HEADER_BOLD_PT) > inner) return label;
  return unit.join('\n');
}

const round = (w: number) => Math.ceil(w * 4) / 4;

/** Inner width of a column (what its text may fill). */
export const innerUnits = (width: number) => width - CELL_PAD;
