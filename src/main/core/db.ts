/**
 * Opening the ledger: one SQLite file in WAL mode with foreign keys on, migrated to the newest schema.
 *
 * @example const ledger = await openLedger('/path/ledger.sqlite'); … ledger.close();
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { migrationProvider } from './migrations';
import type { Database } from './schema';

export interface Ledger {
  db: Kysely<Database>;
  /** The raw connection, for pragmas and the online backup API. */
  sqlite: SQLite.Database;
  file: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Path of a better-sqlite3 binary built for another runtime (Electron's Node). */
  nativeBinding?: string;
}

export async function openLedger(file: string, options: OpenOptions = {}): Promise<Ledger> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    throw error;
  }
  return {
    db,
    sqlite,
    file,
    async close() {
      await db.destroy();
    },
  };
}
