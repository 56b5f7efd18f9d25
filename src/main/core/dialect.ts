/**
 * The one place where the two engines differ (issue #15: the desktop app on SQLite, the server edition
 * on PostgreSQL 15+ and the PostgreSQL-compatible 信创 databases). Services are written once in kysely
 * with SQL both engines share; what they cannot share is a function here, chosen by the engine of the
 * connection or transaction it is given.
 */
import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, type RawBuilder, sql } from 'kysely';

export type Engine = 'sqlite' | 'postgres';

/** Which engine a connection or transaction talks to. */
// biome-ignore lint/suspicious/noExplicitAny: any database shape, a transaction included.
export function engineOf(db: Kysely<any>): Engine {
  // getExecutor() is kysely's own way to reach the adapter (marked internal, stable since 0.2x).
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** Joins the values of a group with a separator (SQLite group_concat, PostgreSQL string_agg). */
// biome-ignore lint/suspicious/noExplicitAny: any database shape.
export function groupConcat(db: Kysely<any>, expr: RawBuilder<unknown>, separator: string): RawBuilder<string> {
  return engineOf(db) === 'postgres'
    ? sql<string>`string_agg(${expr}::text, ${separator})`
    : sql<string>`group_concat(${expr}, ${separator})`;
}

/**
 * A table's id column. SQLite: `integer primary key autoincrement` (an id is never handed out twice, even
 * after the newest row is deleted); PostgreSQL: an identity column, which never reuses a value either.
 * "By default" lets a copy of a desktop ledger keep its ids (the sequence is then moved past them).
 */
// biome-ignore lint/suspicious/noExplicitAny: any database shape.
export function idColumn(db: Kysely<any>, column: ColumnDefinitionBuilder): ColumnDefinitionBuilder {
  return engineOf(db) === 'postgres' ? column.primaryKey().generatedByDefaultAsIdentity() : column.primaryKey().autoIncrement();
}

/**
 * An index key that ignores the case of Latin letters (user names: “Admin” and “admin” are one account).
 * SQLite: the column with NOCASE; PostgreSQL: `lower(column)` (an expression index, used by queries
 * that compare `lower(column)`). Both fold ASCII letters only, so the two engines agree.
 */
// biome-ignore lint/suspicious/noExplicitAny: any database shape.
export function caseInsensitiveKey(db: Kysely<any>, column: string): RawBuilder<unknown> {
  return engineOf(db) === 'postgres' ? sql`lower(${sql.ref(column)})` : sql.raw(`${column} COLLATE NOCASE`);
}

/**
 * Holds every other writer off until this transaction ends. SQLite: nothing to do, kysely's transaction
 * began with BEGIN IMMEDIATE (db.ts). PostgreSQL: a transaction-scoped advisory lock, so writes from all
 * server processes commit one at a time, in the order of their audit ids — which makes the newest audit
 * id a change counter another process can trust (context.ts).
 */
// biome-ignore lint/suspicious/noExplicitAny: any database shape, a transaction included.
export async function takeWriteLock(trx: Kysely<any>): Promise<void> {
  if (engineOf(trx) === 'postgres') await sql`select pg_advisory_xact_lock(${WRITE_LOCK_KEY})`.execute(trx);
}

/** The advisory lock key of ledger writes ('LXTZ' as a number: any fixed value no other program uses). */
const WRITE_LOCK_KEY = 0x4c58545a;
