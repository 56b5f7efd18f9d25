/**
 * A ledger database as an older program left it: migrated only up to one migration, on the engine the
 * suite runs on. A migration test fills it with that version's rows through `db`, closes it with
 * `release()`, then opens `target` with openLedger (which applies the rest) and checks the result.
 */
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { migrationProvider } from '../../../src/main/core/migrations';
import { freshTarget } from '../fixture';

export interface OldLedger {
  target: string;
  // biome-ignore lint/suspicious/noExplicitAny: the schema of an old version has no type here.
  db: Kysely<any>;
  /** Closes `db`, so that openLedger has the database to itself. */
  release(): Promise<void>;
  /** Removes the database (after the ledger opened on it is closed). */
  drop(): Promise<void>;
}

export async function oldLedger(migration: string): Promise<OldLedger> {
  const { target, drop } = await freshTarget();
  const db = new Kysely<unknown>({
    dialect: target.startsWith('postgres')
      ? new PostgresDialect({ pool: new pg.Pool({ connectionString: target, max: 1 }) })
      : new SqliteDialect({ database: new SQLite(target) }),
  });
  const { error } = await new Migrator({ db, provider: migrationProvider }).migrateTo(migration);
  if (error) throw error;
  return { target, db, release: () => db.destroy(), drop };
}
