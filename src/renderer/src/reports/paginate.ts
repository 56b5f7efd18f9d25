/**
 * Splits a ledger into A4 pages by measuring it once laid out at the printed width. The preview and
 * the print route both show these pages, each its own sheet, so the preview has exactly the pages the
 * PDF has: Chromium only has to put one sheet on each sheet of paper.
 */
import { printableAreaMm } from '../../../shared/reports/page';

/** Heights in CSS px of one ledger laid out as a single long sheet. */
export interface Measured {
  /** Title, title lines and the gap above the table. */
  title: number;
  /** The header row, repeated on every page. */
  head: number;
  /** Each body row (data rows, then 合计). */
  rows: number[];
  /** The table's own borders, once per page. */
  frame: number;
  /** The gap and the signature line under the table. */
  signature: number;
}

/** A page: the body rows [from, to), with the title block on the first and the signature on the last. */
export interface PageSlice {
  from: number;
  to: number;
}

const PX_PER_MM = 96 / 25.4;
/** Sub-pixel differences between screen and print layout must never push a row onto an extra page. */
const SLACK_PX = 4;

export function printableHeightPx(orientation: 'portrait' | 'landscape'): number {
  return Math.floor(printableAreaMm(orientation).height * PX_PER_MM) - SLACK_PX;
}

/** Greedy: as many whole rows per page as fit; the signature never stands alone on a page. */
export function paginate(m: Measured, pageHeight: number): PageSlice[] {
  const pages: PageSlice[] = [];
  let from = 0;
  let used = m.title + m.head + m.frame;
  m.rows.forEach((h, i) => {
    if (used + h > pageHeight && i > from) {
      pages.push({ from, to: i });
      from = i;
      used = m.head + m.frame;
    }
    used += h;
  });
  const last = m.rows.length;
  if (used + m.signature > pageHeight && last - from > 1) {
    pages.push({ from, to: last - 1 });
    from = last - 1;
  }
  pages.push({ from, to: last });
  return pages;
}
