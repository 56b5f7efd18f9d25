/**
 * What a printed ledger is: a title, columns and rows. One definition per ledger; the print view
 * (renderer) and the .xlsx writer (core) both read it, so paper and Excel cannot disagree.
 */
import { yuanText } from '../rules/money';

/** How a cell is shown: on paper as text, in Excel as a typed value with a number format. */
export type CellFormat = 'text' | 'int' | 'date' | 'percent' | 'money';

export interface ReportColumn {
  key: string;
  label: string;
  /** Width in characters of a Chinese body font (≈ Excel column width / 2). */
  width: number;
  align?: 'left' | 'center' | 'right';
  format?: CellFormat;
}

export type FilterKind = 'regionId' | 'category' | 'coverage' | 'year' | 'state';

export interface ReportDefinition {
  id: string;
  title: string;
  orientation: 'portrait' | 'landscape';
  columns: ReportColumn[];
  /** The filters a clerk can set; each one set is named in the title block. */
  filters: FilterKind[];
  /** True when the ledger ends with a 合计 row. */
  totals?: boolean;
  /** One line on the 报表 page saying what the ledger is for. */
  description: string;
}

/** A cell: text, a number (counts; percentages as 0–100; money in 元), a `YYYY-MM-DD` date string, or empty. */
export type Cell = string | number | null;

/** One line of a ledger: each column's cell under that column's key, so no two columns can trade places. */
export type ReportRow = Record<string, Cell>;

export interface ReportFilters {
  regionId?: number;
  category?: string;
  coverage?: string;
  year?: number;
  state?: string;
  /** Counting day (default today). */
  asOf?: string;
}

export interface ReportData {
  report: string;
  title: string;
  orientation: 'portrait' | 'landscape';
  /** 填报单位 from 设置. */
  reportingUnit: string;
  /** 统计截至日期. */
  asOf: string;
  /** The filters that were set, as the clerk reads them: “属地：新城街道”. */
  filterText: string[];
  columns: ReportColumn[];
  rows: ReportRow[];
  totals: ReportRow | null;
}

/** The text a cell shows on paper; the .xlsx shows the same through its number format. */
export function formatCell(format: CellFormat | undefined, value: Cell): string {
  if (value === null || value === '') return '';
  switch (format) {
    case 'percent':
      return typeof value === 'number' ? `${value.toFixed(2)}%` : String(value);
    case 'int':
      return typeof value === 'number' ? String(Math.round(value)) : String(value);
    case 'money':
      return typeof value === 'number' ? yuanText(Math.round(value * 100)) : String(value);
    default:
      return String(value);
  }
}
