/** Opens the database a script names: a SQLite file (the ledger as the desktop app opens it) or postgres://…. */
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import { type Ledger, openLedger } from '../src/main/core/db';
import type { Engine } from '../src/main/core/dialect';
import { migrationProvider } from '../src/main/core/migrations';
import type { Database } from '../src/main/core/schema';

export interface BenchDatabase {
  engine: Engine;
  db: Kysely<Database>;
  /** The SQLite ledger, when it is one. */
  ledger?: Ledger;
  close(): Promise<void>;
}

export async function openBenchDatabase(spec: string): Promise<BenchDatabase> {
  if (/^postgres(ql)?:\/\//.test(spec)) {
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: spec, max: 4 }) }) });
    const { error } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
    if (error) {
      await db.destroy();
      throw error;
    }
    return { engine: 'postgres', db, close: () => db.destroy() };
  }
  const ledger = await openLedger(spec);
  return { engine: 'sqlite', db: ledger.db, ledger, close: () => ledger.close() };
}
