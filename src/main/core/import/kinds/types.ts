/**
 * What one kind of record brings to the import: its columns, how a row finds the record it updates,
 * which rows of one file may not repeat each other, its schema and how it is written. The preview
 * and commit in ../preview.ts do the rest (reading cells, value questions, progress, audit) alike
 * for every kind.
 */
import type { z } from 'zod';
import type { ImportKind } from '../../../../shared/importKinds';
import type { Ctx } from '../../context';
import type { Writer } from '../../write';
import type { ImportField } from '../fields';
import type { SheetRows } from '../read';

/** A row's cells as read so far: field key → value (blank cells are absent). */
export type Partial = Record<string, unknown>;

/** Written beside each change in the 操作日志: the file and its row. */
export type ImportAudit = {
  importFile: string;
  importRow: number;
};

/** An existing record a row updates: its id, how it was found (按…匹配) and its stored fields. */
export interface Match {
  id: number;
  by: string;
  fields: Record<string, unknown>;
}

export interface RowContext {
  row: number;
  matchId: number | null;
  /** An error in the cell of `field` (or under its label when the sheet has no such column). */
  error(field: string, message: string): void;
}

/** The per-row checks of one preview, made once per sheet (they hold what they read of the ledger). */
export interface RowRules {
  /** What two rows of one file may not share; `what` names it (与第3行的{what}重复). Null: nothing to compare. */
  duplicateKey(p: Partial): { key: string; field: string; what: string } | null;
  match(p: Partial): Match | undefined;
  /** Fills in what needs other records or other rows, after matching and before the schema check. */
  complete?(p: Partial, cx: RowContext): void;
}

export interface KindAdapter<I> {
  kind: ImportKind;
  fields: ImportField[];
  /** The 匹配规则 line of the template's 填写说明. */
  matchRule: string;
  schema: z.ZodType<I>;
  rules(ctx: Ctx, sheet: SheetRows, columnOf: Map<string, number>): RowRules | Promise<RowRules>;
  create(w: Writer, input: I, audit: ImportAudit): Promise<unknown>;
  update(w: Writer, id: number, input: I, audit: ImportAudit): Promise<unknown>;
  /** What the preview shows in its 名称 column (`cell`: the text of a field's column); the `name` field when absent. */
  title?(p: Partial, cell: (key: string) => string): string;
}
