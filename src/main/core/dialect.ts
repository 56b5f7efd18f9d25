/**
 * The one place where the two engines differ (issue #15: the desktop app on SQLite, the server edition
 * on PostgreSQL 15+ and the PostgreSQL-compatible 信创 databases). Services are written once in kysely
 * with SQL both engines share; what they cannot share is a function here, chosen by the engine of the
 * connection or transaction it is given.
 */
import { type Kysely, PostgresAdapter, type RawBuilder, sql } from 'kysely';

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
 * One top-level field of a JSON object kept as text, as text (SQLite json_extract, PostgreSQL ->>).
 * `key` is a plain field name; it is bound as a parameter, never spliced into the SQL.
 */
// biome-ignore lint/suspicious/noExplicitAny: any database shape.
export function jsonField(db: Kysely<any>, expr: RawBuilder<unknown>, key: string): RawBuilder<string | null> {
  return engineOf(db) === 'postgres'
    ? sql<string | null>`(${expr})::jsonb ->> ${key}`
    : sql<string | null>`json_extract(${expr}, ${`$.${key}`})`;
}
