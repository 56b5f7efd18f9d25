/**
 * An import in two steps: `previewImport` reads the sheet and says, row by row, what would happen
 * (新增 / 更新 / 跳过 / 错误, each error with its row and column) and writes nothing; `commitImport`
 * writes the previewed rows in one transaction, or nothing.
 */
import crypto from 'node:crypto';
import { codeOfWord, normalizeWord } from '../../../shared/domain/synonyms';
import type { ImportKind } from '../../../shared/importKinds';
import { FIELD_LABELS } from '../../../shared/schemas';
import type {
  ImportCellError,
  ImportPreview,
  ImportResult,
  ImportRowStatus,
  ImportRowView,
  ImportValueQuestion,
} from '../../../shared/types';
import type { Ctx } from '../context';
import { AppError } from '../errors';
import { collectGarbage } from '../memory';
import { type Writer, write } from '../write';
import { type Converted, columnLetter, convertCell } from './convert';
import { guessMapping, type ImportField, normalizeHeader } from './fields';
import { adapterOf } from './kinds';
import { whyNotRecord } from './nonRecords';
import { reportProgress } from './progress';
import { readSheet, type SheetRows } from './read';
import { referenceIndex } from './refs';

interface Item {
  row: number;
  status: ImportRowStatus;
  /** What the kind's schema made of the row (merged into the matched record's fields). */
  input: unknown;
  matchId: number | null;
  errors: ImportCellError[];
}

interface Stored {
  preview: ImportPreview;
  items: Item[];
  sheet: SheetRows;
  generation: number;
  /** The clerk's answers used by this preview, remembered on commit: field key → normalized word → code. */
  values: ValueChoices;
}

type ValueChoices = Record<string, Record<string, string>>;

const store = new WeakMap<Ctx, Map<string, Stored>>();

function stored(ctx: Ctx): Map<string, Stored> {
  let m = store.get(ctx);
  if (!m) {
    m = new Map();
    store.set(ctx, m);
  }
  return m;
}

const MAPPING_KEY = (kind: ImportKind) => `import.mapping.${kind}`;

async function savedMapping(db: Ctx['ledger']['db'] | Writer['trx'], kind: ImportKind): Promise<Record<string, string>> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', MAPPING_KEY(kind)).executeTakeFirst();
  return row ? (JSON.parse(row.value) as Record<string, string>) : {};
}

const MAX_QUESTIONS = 100;

const VALUES_KEY = (kind: ImportKind) => `import.values.${kind}`;

async function savedValues(db: Ctx['ledger']['db'] | Writer['trx'], kind: ImportKind): Promise<ValueChoices> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', VALUES_KEY(kind)).executeTakeFirst();
  return row ? (JSON.parse(row.value) as ValueChoices) : {};
}

/** Remembered answers, overridden by this time's; only codes the field has count. */
function choicesFor(fields: ImportField[], saved: ValueChoices, given: ValueChoices = {}): ValueChoices {
  const out: ValueChoices = {};
  for (const f of fields) {
    if (f.kind !== 'code') continue;
    const valid = new Set((f.codes ?? []).map((r) => r.code));
    const merged: Record<string, string> = {};
    for (const [w, code] of Object.entries(saved[f.key] ?? {})) if (valid.has(code)) merged[w] = code;
    for (const [w, code] of Object.entries(given[f.key] ?? {})) if (valid.has(code)) merged[normalizeWord(w)] = code;
    out[f.key] = merged;
  }
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function changedLabels(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after)
    .filter((k) => !same(before[k], after[k]))
    .map((k) => FIELD_LABELS[k] ?? k);
}

export interface PreviewOptions {
  kind: ImportKind;
  fileName: string;
  bytes: Buffer;
  /** Header → field key chosen by the clerk; headers left out are guessed. */
  mapping?: Record<string, string | null>;
  /** Field key → {word of the sheet → code}, the clerk's answers for words the code tables do not know. */
  valueMapping?: ValueChoices;
  /** Where `import.progress` reports how far the preview has got. */
  jobId?: string;
}

/** Rows checked between two progress reports, each a pause that lets `import.progress` answer. */
const PROGRESS_STEP = 2000;

export async function previewImport(ctx: Ctx, o: PreviewOptions): Promise<ImportPreview> {
  const sheet = await readSheet(o.kind, o.bytes, o.fileName, (done, total) => reportProgress(o.jobId, { phase: '读取', done, total }));
  // The ledger as read from here on; the row checks below pause for progress, so writes may land meanwhile.
  const generation = ctx.generation;
  const adapter = adapterOf(o.kind);
  const { fields } = adapter;
  const guessed = guessMapping(fields, sheet.headers, await savedMapping(ctx.ledger.db, o.kind));
  const mapping: Record<string, string | null> = {};
  for (const h of sheet.headers) {
    const chosen = o.mapping && h in o.mapping ? o.mapping[h] : guessed[h];
    mapping[h] = chosen && fields.some((f) => f.key === chosen) ? chosen : null;
  }
  // A field mapped from two columns keeps the first.
  const columnOf = new Map<string, number>();
  sheet.headers.forEach((h, i) => {
    const key = mapping[h];
    if (key && !columnOf.has(key)) columnOf.set(key, i);
    else if (key) mapping[h] = null;
  });
  const missingRequired = fields.filter((f) => f.required && !columnOf.has(f.key)).map((f) => f.label);

  const regions = await ctx.ledger.db.selectFrom('regions').select(['id', 'name', 'code']).execute();
  const choices = choicesFor(fields, await savedValues(ctx.ledger.db, o.kind), o.valueMapping);
  /** Field key → normalized word → the question asked about it. */
  const asked = new Map<string, Map<string, ImportValueQuestion['words'][number]>>();
  const used: ValueChoices = {};
  const mappedColumns = [...columnOf.values()];
  const regionCache = new Map<string, Converted>();
  const items: Item[] = [];
  const views: ImportRowView[] = [];
  const seen = new Map<string, number>();
  const rules = await adapter.rules(ctx, sheet, columnOf);
  const refFields = fields.filter((f) => (f.kind === 'partyOrg' || f.kind === 'org') && columnOf.has(f.key));
  const resolve = await referenceIndex(ctx, sheet, refFields, columnOf);

  for (const [k, r] of sheet.rows.entries()) {
    if (k % PROGRESS_STEP === 0) {
      reportProgress(o.jobId, { phase: '校验', done: k, total: sheet.rows.length });
      if (o.jobId) await new Promise((resolve) => setImmediate(resolve));
    }
    const name0 = r.cells[columnOf.get('name') ?? -1] ?? '';
    const why = whyNotRecord(r.cells) ?? (mappedColumns.every((i) => !r.cells[i]) ? '没有要导入的内容（只有不导入的列有字）' : null);
    if (why) {
      items.push({ row: r.row, status: 'notRecord', input: null, matchId: null, errors: [] });
      views.push({
        row: r.row,
        status: 'notRecord',
        name: name0,
        matchId: null,
        matchedBy: null,
        errors: [],
        changes: [],
        notes: [],
        reason: why,
      });
      continue;
    }
    const errors: ImportCellError[] = [];
    const notes: string[] = [];
    const partial: Record<string, unknown> = {};
    const at = (key: string) => {
      const i = columnOf.get(key);
      return i == null ? { column: '', header: FIELD_LABELS[key] ?? key } : { column: columnLetter(i), header: sheet.headers[i] ?? '' };
    };
    for (const f of fields) {
      const i = columnOf.get(f.key);
      if (i == null) continue;
      // A blank cell leaves the field alone: the default for a new record, the stored value on update.
      if ((r.cells[i] ?? '') === '') continue;
      const text = r.cells[i] ?? '';
      if (f.kind === 'code' && !codeOfWord(f.codes ?? [], text)) {
        // Asked once per distinct word, whatever the number of rows that carry it.
        const word = normalizeWord(text);
        const byWord = asked.get(f.key) ?? new Map();
        asked.set(f.key, byWord);
        const q = byWord.get(word) ?? { word: text.trim(), rows: 0, code: choices[f.key]?.[word] ?? null };
        q.rows++;
        byWord.set(word, q);
        if (q.code) used[f.key] = { ...used[f.key], [word]: q.code };
      }
      const c = convertCell(f, text, { regions, chosen: choices[f.key], regionCache });
      if (c.ok) {
        partial[f.key] = c.value;
        if (c.note) notes.push(c.note);
      } else errors.push({ ...at(f.key), message: c.message });
    }
    for (const f of refFields) {
      const text = partial[f.key];
      if (typeof text !== 'string') continue;
      const c = resolve(f, text, partial.regionId);
      if (c.ok) partial[f.key] = c.value;
      else {
        delete partial[f.key];
        errors.push({ ...at(f.key), message: c.message });
      }
    }
    let input: unknown = null;
    const d = rules.duplicateKey(partial);
    if (d) {
      const dup = seen.get(d.key);
      if (dup) errors.push({ ...at(d.field), message: `与第${dup}行的${d.what}重复` });
      else seen.set(d.key, r.row);
    }
    const hit = rules.match(partial);
    const matchId = hit?.id ?? null;
    const matchedBy = hit?.by ?? null;
    const before = hit?.fields ?? null;
    rules.complete?.(partial, { row: r.row, matchId, error: (field, message) => errors.push({ ...at(field), message }) });
    const parsed = adapter.schema.safeParse(before ? { ...before, ...partial } : partial);
    if (parsed.success) input = parsed.data;
    else for (const issue of parsed.error.issues) errors.push({ ...at(String(issue.path[0] ?? 'name')), message: issue.message });
    const cell = (key: string) => r.cells[columnOf.get(key) ?? -1] ?? '';
    const name = adapter.title ? adapter.title(partial, cell) : String(partial.name ?? cell('name'));

    // One message per cell is enough for the clerk; the first is the most specific. A complaint
    // about a column the sheet does not have (组织类别 when 组织类型 was unreadable) only repeats one.
    const located = errors.some((e) => e.column !== '');
    const unique = errors.filter(
      (e, i) => errors.findIndex((x) => x.column === e.column && x.header === e.header) === i && (e.column !== '' || !located),
    );
    let status: ImportRowStatus;
    let changes: string[] = [];
    if (unique.length || !input) status = 'error';
    else if (before) {
      changes = changedLabels(before, input as unknown as Record<string, unknown>);
      status = changes.length ? 'update' : 'skip';
    } else status = 'create';
    items.push({ row: r.row, status, input: status === 'error' ? null : input, matchId, errors: unique });
    views.push({ row: r.row, status, name, matchId, matchedBy, errors: unique, changes, notes, reason: null });
  }

  const valueQuestions: ImportValueQuestion[] = fields
    .filter((f) => asked.has(f.key))
    .map((f) => ({
      key: f.key,
      label: f.label,
      options: (f.codes ?? []).map((r) => ({ code: r.code, label: r.label })),
      // A column mapped by mistake (names read as 组织类型) would ask thousands of questions; the first ones show it.
      words: [...(asked.get(f.key)?.values() ?? [])].slice(0, MAX_QUESTIONS),
      omitted: Math.max(0, (asked.get(f.key)?.size ?? 0) - MAX_QUESTIONS),
    }));
  const counts = { create: 0, update: 0, skip: 0, error: 0, notRecord: 0, total: views.length };
  for (const v of views) counts[v.status]++;
  const preview: ImportPreview = {
    id: crypto.randomUUID(),
    kind: o.kind,
    fileName: o.fileName,
    sheetName: sheet.sheetName,
    headerRow: sheet.headerRow,
    headers: sheet.headers,
    mapping,
    fields: fields.map((f) => ({ key: f.key, label: f.label, required: !!f.required })),
    missingRequired,
    counts,
    valueQuestions,
    rows: views,
  };
  const previews = stored(ctx);
  previews.clear(); // one import at a time per ledger; an old preview is never committed by mistake
  previews.set(preview.id, { preview, items, sheet, generation, values: used });
  reportProgress(o.jobId, { phase: '校验', done: sheet.rows.length, total: sheet.rows.length });
  return preview;
}

export function storedPreview(ctx: Ctx, id: string): Stored {
  const s = stored(ctx).get(id);
  if (!s) throw new AppError('not_found', '预览已失效，请重新选择文件预览');
  return s;
}

/** Rows written between two garbage collections: one costs about 0.1 s, the rows about 2 s. */
const GC_EVERY = 10_000;

export async function commitImport(ctx: Ctx, id: string, skipErrors: boolean): Promise<ImportResult> {
  const s = storedPreview(ctx, id);
  const { preview, items } = s;
  if (s.generation !== ctx.generation) {
    throw new AppError('conflict', '预览之后数据已有改动，请重新预览后再导入');
  }
  if (preview.missingRequired.length) {
    throw new AppError('invalid_input', `必填列未对应：${preview.missingRequired.join('、')}`);
  }
  if (preview.counts.error > 0 && !skipErrors) {
    throw new AppError('invalid_input', `有${preview.counts.error}行存在错误，请修改后重新预览，或选择跳过错误行`);
  }
  const result: ImportResult = { created: 0, updated: 0, skipped: preview.counts.skip, failed: preview.counts.error };
  await write(ctx, async (w) => {
    // Checked again under the write lock: another process may have written since the check above.
    if (s.generation !== ctx.generation) throw new AppError('conflict', '预览之后数据已有改动，请重新预览后再导入');
    const adapter = adapterOf(preview.kind);
    const source = { importFile: preview.fileName };
    for (const it of items) {
      if (!it.input || (it.status !== 'create' && it.status !== 'update')) continue;
      const audit = { ...source, importRow: it.row };
      if (it.status === 'create') await adapter.create(w, it.input, audit);
      else await adapter.update(w, it.matchId as number, it.input, audit);
      if (it.status === 'create') result.created++;
      else result.updated++;
      if ((result.created + result.updated) % GC_EVERY === 0) collectGarbage();
    }
    // Remember the columns for the next file of this kind (inside the transaction: kysely has one connection).
    const remembered = await savedMapping(w.trx, preview.kind);
    for (const [h, key] of Object.entries(preview.mapping)) if (key) remembered[normalizeHeader(h)] = key;
    const words = await savedValues(w.trx, preview.kind);
    for (const [key, chosen] of Object.entries(s.values)) words[key] = { ...words[key], ...chosen };
    for (const [key, value] of [
      [MAPPING_KEY(preview.kind), JSON.stringify(remembered)],
      [VALUES_KEY(preview.kind), JSON.stringify(words)],
    ]) {
      await w.trx
        .insertInto('settings')
        .values({ key: key as string, value: value as string })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: value as string }))
        .execute();
    }
  });
  stored(ctx).delete(id);
  return result;
}
