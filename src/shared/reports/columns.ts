/**
 * The columns a clerk leaves out of a ledger (the city often asks for a subset). Applied in one place,
 * to the ledger's data, so the preview, the paper and the .xlsx all lack the same columns.
 */
import { clip } from '../text';
import type { ReportColumn, ReportData, ReportDefinition, ReportRow } from './types';

/** 序号 always stays: rows are not dropped, so it still counts 1, 2, 3 … down the sheet. */
export const ALWAYS_SHOWN = 'seq';

export function hideableColumns(def: Pick<ReportDefinition, 'columns'>): ReportColumn[] {
  return def.columns.filter((c) => c.key !== ALWAYS_SHOWN);
}

/** Why a column choice cannot be printed, in the clerk's words, or null when it can. */
export function columnChoiceProblem(def: Pick<ReportDefinition, 'columns'>, hidden: readonly string[]): string | null {
  const known = new Set(def.columns.map((c) => c.key));
  const unknown = hidden.filter((k) => !known.has(k));
  if (unknown.length) return `该台账没有这些列：${unknown.map((k) => clip(k, 20)).join('、')}`;
  if (hideableColumns(def).every((c) => hidden.includes(c.key))) return '至少要保留一列';
  return null;
}

export function withoutColumns(data: ReportData, hidden: readonly string[] | undefined): ReportData {
  const drop = new Set((hidden ?? []).filter((k) => k !== ALWAYS_SHOWN));
  if (drop.size === 0) return data;
  const columns = data.columns.filter((c) => !drop.has(c.key));
  const keep = (row: ReportRow): ReportRow => Object.fromEntries(columns.map((c) => [c.key, row[c.key] ?? null]));
  return { ...data, columns, rows: data.rows.map(keep), totals: data.totals && keep(data.totals) };
}
