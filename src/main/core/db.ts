/**
 * Opening the ledger: one SQLite file in WAL mode with foreign keys on, migrated to the newest schema.
 *
 * @example const ledger = await openLedger('/path/ledger.sqlite'); … ledger.close();
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  Migrator,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';
import { migrationProvider } from './migrations';
import type { Database } from './schema';

export interface Ledger {
  db: Kysely<Database>;
  /** The raw connection, for pragmas and the online backup API. */
  sqlite: SQLite.Database;
  file: string;
  /** How it was opened, so a restore can reopen it the same way. */
  options: OpenOptions;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Path of a better-sqlite3 binary built for another runtime (Electron's Node). */
  nativeBinding?: string;
}

/** Names of the migrations a database has had applied (empty for a new file). */
export async function appliedMigrations(sqlite: SQLite.Database): Promise<string[]> {
  const table = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'").get();
  if (!table) return [];
  return (sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as { name: string }[]).map((r) => r.name);
}

/**
 * Kysely opens transactions with a plain BEGIN, which takes the write lock only at the first write; when
 * another process (a second server, a script) wrote in between, SQLite cannot wait for the lock then and
 * fails at once with SQLITE_BUSY. BEGIN IMMEDIATE takes it up front, so busy_timeout applies.
 */
class ImmediateDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class LedgerDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateDriver(this.#config);
  }
}

export async function openLedger(file: string, options: OpenOptions = {}): Promise<Ledger> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new LedgerDialect({ database: sqlite }) });
  const migrator = new Migrator({ db, provider: migrationProvider });
  const known = await migrationProvider.getMigrations();
  const applied = await appliedMigrations(sqlite);
  const unknown = applied.filter((m) => !(m in known));
  if (unknown.length) {
    await db.destroy();
    throw new Error(`数据文件由更新版本的程序创建（含未知的数据库版本 ${unknown.join('、')}），请升级程序后再打开`);
  }
  const { error } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    throw error;
  }
  return {
    db,
    sqlite,
    file,
    options,
    async close() {
      await db.destroy();
    },
  };
}
