/**
 * Moving a desktop ledger into the server edition (issue #15, `npm run server -- --import-sqlite FILE`):
 * every table copied from the SQLite file into an empty PostgreSQL database in one transaction, ids kept,
 * and per table the row counts and a content hash computed the same way on both sides, so the
 * administrator sees that nothing was lost or changed.
 *
 * @example const report = await copySqliteToPostgres('/data/ledger.sqlite', 'postgres://ledger@db/ledger');
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import { type Ledger, openLedger } from './db';
import type { Database } from './schema';

export interface TableCopy {
  table: string;
  sqliteRows: number;
  postgresRows: number;
  sqliteHash: string;
  postgresHash: string;
}

interface TableShape {
  name: string;
  columns: string[];
  /** Primary key columns in key order: the order rows are hashed in. */
  key: string[];
  /** Tables it refers to: copied before it. */
  parents: string[];
  /** An `integer primary key` id: an identity column on PostgreSQL. */
  identity: boolean;
}

/** The ledger's tables, parents before children; kysely's own bookkeeping is the target's. */
function tablesInForeignKeyOrder(db: SQLite.Database): TableShape[] {
  const names = (
    db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE 'kysely\\_%' ESCAPE '\\' ORDER BY name",
      )
      .all() as {
      name: string;
    }[]
  ).map((r) => r.name);
  const shapes = new Map<string, TableShape>();
  for (const name of names) {
    const info = db.prepare(`PRAGMA table_info("${name}")`).all() as { name: string; type: string; pk: number }[];
    const fks = db.prepare(`PRAGMA foreign_key_list("${name}")`).all() as { table: string }[];
    shapes.set(name, {
      name,
      columns: info.map((c) => c.name),
      key: info
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name),
      parents: [...new Set(fks.map((f) => f.table).filter((t) => t !== name))],
      identity: info.some((c) => c.name === 'id' && c.pk === 1 && c.type.toUpperCase() === 'INTEGER'),
    });
  }
  const ordered: TableShape[] = [];
  const placed = new Set<string>();
  const place = (name: string, path: string[]) => {
    if (placed.has(name) || path.includes(name)) return;
    const shape = shapes.get(name);
    if (!shape) return;
    for (const p of shape.parents) place(p, [...path, name]);
    placed.add(name);
    ordered.push(shape);
  };
  for (const name of names) place(name, []);
  return ordered;
}

/** Byte order of UTF-8 text, numbers by value: the same order whatever collation the database has. */
function compareKeys(a: unknown[], b: unknown[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === null || x === undefined) return -1;
    if (y === null || y === undefined) return 1;
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : Buffer.compare(Buffer.from(String(x)), Buffer.from(String(y)));
    if (c !== 0) return c;
  }
  return 0;
}

/** sha256 over the rows in key order, one JSON array of the values (columns by name) per row. */
export function contentHash(rows: Record<string, unknown>[], shape: Pick<TableShape, 'columns' | 'key'>): string {
  const columns = [...shape.columns].sort();
  const key = shape.key.length ? shape.key : columns;
  const sorted = [...rows].sort((a, b) =>
    compareKeys(
      key.map((k) => a[k]),
      key.map((k) => b[k]),
    ),
  );
  const hash = createHash('sha256');
  for (const r of sorted) hash.update(`${JSON.stringify(columns.map((c) => r[c] ?? null))}\n`);
  return hash.digest('hex');
}

async function pgRows(db: Kysely<Database>, table: string): Promise<Record<string, unknown>[]> {
  return (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(db)).rows;
}

/**
 * Copies the desktop ledger `sqliteFile` into the PostgreSQL database `pgUrl`, which must hold no ledger
 * data yet (it is migrated first). The file is read from a consistent copy (migrated like the app does on
 * opening it) and is never changed. Nothing is written to PostgreSQL when anything fails.
 */
/** Why a desktop file cannot be copied, in Chinese (SQLite's own messages are English). */
function unreadableLedger(e: unknown, name: string): string {
  if (e instanceof Error && /[\u4e00-\u9fff]/.test(e.message)) return `${name}：${e.message}`;
  const code = String((e as { code?: unknown })?.code ?? '');
  if (code === 'SQLITE_NOTADB') return `${name} 不是台账数据文件（SQLite 数据库），不能导入`;
  if (code.startsWith('SQLITE_CORRUPT')) return `${name} 已损坏或不完整，不能导入；请在桌面版中重新备份后再试`;
  return `${name} 无法作为台账数据文件读取（可能已损坏或不是本程序的数据文件），不能导入`;
}

export async function copySqliteToPostgres(sqliteFile: string, pgUrl: string): Promise<TableCopy[]> {
  const name = path.basename(sqliteFile);
  const stat = fs.statSync(sqliteFile, { throwIfNoEntry: false });
  if (!stat) throw new Error(`找不到台账数据文件：${name}`);
  if (!stat.isFile()) throw new Error(`${name} 不是文件（可能是文件夹），请给出桌面版的台账数据文件`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-copy-'));
  let source: Ledger | null = null;
  let target: Ledger | null = null;
  try {
    // The desktop file is read and checked in full before PostgreSQL is opened: a bad file writes nothing there.
    try {
      const snapshot = path.join(tmp, 'ledger.sqlite');
      const original = new SQLite(sqliteFile, { readonly: true, fileMustExist: true });
      try {
        await original.backup(snapshot);
      } finally {
        original.close();
      }
      source = await openLedger(snapshot);
      const check = source.sqlite.prepare('PRAGMA quick_check').all() as { quick_check: string }[];
      if (check.length !== 1 || check[0]?.quick_check !== 'ok') throw Object.assign(new Error('corrupt'), { code: 'SQLITE_CORRUPT' });
    } catch (e) {
      throw new Error(unreadableLedger(e, name));
    }
    target = await openLedger(pgUrl);
    const shapes = tablesInForeignKeyOrder(source.sqlite);
    const pg = target.db;
    for (const s of shapes) {
      const [row] = (await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(s.name)}`.execute(pg)).rows;
      if (Number(row?.n) > 0) throw new Error(`目标数据库已有台账数据（${s.name}），只能导入到新建的空数据库`);
    }
    const sqliteSide = new Map<string, { rows: number; hash: string }>();
    await pg.transaction().execute(async (trx) => {
      for (const s of shapes) {
        const rows = source?.sqlite.prepare(`SELECT * FROM "${s.name}"`).all() as Record<string, unknown>[];
        sqliteSide.set(s.name, { rows: rows.length, hash: contentHash(rows, s) });
        // PostgreSQL takes at most 65,535 values per statement.
        const batch = Math.max(1, Math.floor(30_000 / s.columns.length));
        for (let i = 0; i < rows.length; i += batch) {
          // biome-ignore lint/suspicious/noExplicitAny: tables are named at run time here.
          await (trx as Kysely<any>)
            .insertInto(s.name)
            .values(rows.slice(i, i + batch))
            .execute();
        }
        if (s.identity) {
          // Ids were copied as they were: the identity goes on after the largest one.
          await sql`SELECT setval(pg_get_serial_sequence(${s.name}, 'id'), coalesce(max(id), 0) + 1, false) FROM ${sql.table(s.name)}`.execute(
            trx,
          );
        }
      }
    });
    const report: TableCopy[] = [];
    for (const s of shapes) {
      const rows = await pgRows(pg, s.name);
      const mine = sqliteSide.get(s.name) ?? { rows: 0, hash: '' };
      report.push({
        table: s.name,
        sqliteRows: mine.rows,
        postgresRows: rows.length,
        sqliteHash: mine.hash,
        postgresHash: contentHash(rows, s),
      });
    }
    return report;
  } finally {
    await source?.close();
    await target?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
