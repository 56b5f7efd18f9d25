/**
 * Opening the ledger, migrated to the newest schema: one SQLite file in WAL mode with foreign keys on (the
 * desktop app, browser mode), or a PostgreSQL database given by URL (the server edition, issue #15).
 *
 * @example const ledger = await openLedger('/path/ledger.sqlite'); … ledger.close();
 * @example const ledger = await openLedger('postgres://ledger@db.example:5432/ledger');
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
  PostgresDialect,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  sql,
} from 'kysely';
import pg from 'pg';
import type { Engine } from './dialect';
import { migrationProvider } from './migrations';
import { latestAuditId } from './orgsTouched';
import type { Database } from './schema';

export interface Ledger {
  db: Kysely<Database>;
  engine: Engine;
  /**
   * The raw SQLite connection, for pragmas and the online backup API. On PostgreSQL a stand-in that
   * throws a developer error when used: code still calling it has not been ported to kysely yet.
   */
  sqlite: SQLite.Database;
  /** The SQLite file; '' on PostgreSQL. */
  file: string;
  /** The PostgreSQL URL it was opened with (password removed); null on SQLite. */
  url: string | null;
  /** PostgreSQL: the newest audit entry when opened, where the context starts noticing other processes' writes. */
  auditIdAtOpen?: number;
  /** How it was opened, so a restore can reopen it the same way. */
  options: OpenOptions;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Path of a better-sqlite3 binary built for another runtime (Electron's Node). */
  nativeBinding?: string;
}

/** Names of the migrations a database has had applied (empty for a new one). */
// biome-ignore lint/suspicious/noExplicitAny: any database shape.
export async function appliedMigrations(source: SQLite.Database | Kysely<any>): Promise<string[]> {
  if (source instanceof Kysely) {
    const tables = await source.introspection.getTables({ withInternalKyselyTables: true });
    if (!tables.some((t) => t.name === 'kysely_migration')) return [];
    const rows = await source.selectFrom('kysely_migration').select('name').orderBy('name').execute();
    return rows.map((r) => r.name as string);
  }
  const table = source.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'").get();
  if (!table) return [];
  return (source.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as { name: string }[]).map((r) => r.name);
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

/** A `postgres://` or `postgresql://` URL names a PostgreSQL database; anything else is a SQLite file. */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

export async function openLedger(target: string, options: OpenOptions = {}): Promise<Ledger> {
  if (isPostgresUrl(target)) return openPostgres(target, options);
  const file = target;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new LedgerDialect({ database: sqlite }) });
  await migrate(db, await appliedMigrations(sqlite));
  return {
    db,
    engine: 'sqlite',
    sqlite,
    file,
    url: null,
    options,
    async close() {
      await db.destroy();
    },
  };
}

/** Refuses a ledger a newer program has migrated, then applies the migrations it lacks. */
async function migrate(db: Kysely<Database>, applied: string[]): Promise<void> {
  const known = await migrationProvider.getMigrations();
  const unknown = applied.filter((m) => !(m in known));
  if (unknown.length) {
    await db.destroy();
    throw new Error(`数据文件由更新版本的程序创建（含未知的数据库版本 ${unknown.join('、')}），请升级程序后再打开`);
  }
  const { error } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  if (error) {
    await db.destroy();
    throw error;
  }
}

/**
 * count(*) and sum() come back from PostgreSQL as bigint / numeric, which node-postgres leaves as strings
 * (they may exceed 2^53). Ledger figures never do, and the services compare them as numbers on both
 * engines. Per pool, so another user of pg in the same process keeps the driver's defaults.
 */
const PG_TYPES = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC) return (v: string) => Number(v);
    // biome-ignore lint/suspicious/noExplicitAny: pg's overloads take a literal format.
    return pg.types.getTypeParser(oid, format as any);
  },
};

/** The URL without its password, for messages and `Ledger.url`. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

async function openPostgres(url: string, options: OpenOptions): Promise<Ledger> {
  const pool = new pg.Pool({
    connectionString: url,
    // Enough for a county's clerks at once; the database's own limit is usually 100.
    max: 10,
    // A statement stuck behind a lock or a runaway query fails with a message instead of hanging the page.
    statement_timeout: 30_000,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    application_name: 'lingxin-ledger',
    types: PG_TYPES,
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
  } catch (e) {
    await db.destroy();
    const why = (e as { code?: string }).code === '3D000' ? '数据库不存在' : '连接失败';
    throw new Error(`无法打开 PostgreSQL 数据库 ${redactedUrl(url)}（${why}），请检查数据库地址、用户和密码`, { cause: e });
  }
  await migrate(db, await appliedMigrations(db));
  const auditIdAtOpen = await latestAuditId(db);
  return {
    db,
    engine: 'postgres',
    sqlite: sqliteStandIn(),
    file: '',
    url: redactedUrl(url),
    auditIdAtOpen,
    options,
    async close() {
      await db.destroy();
    },
  };
}

/** What `ledger.sqlite` is on PostgreSQL: any use names the fault for the developer. */
function sqliteStandIn(): SQLite.Database {
  return new Proxy({} as SQLite.Database, {
    get(_t, prop) {
      if (prop === 'then' || typeof prop === 'symbol') return undefined;
      throw new Error(`开发错误：PostgreSQL 台账没有 SQLite 连接（ledger.sqlite.${String(prop)}），请改用 kysely（ledger.db）`);
    },
  });
}
