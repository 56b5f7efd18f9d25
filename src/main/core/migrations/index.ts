/** Numbered migrations, provided in code so they survive bundling. Add new ones at the end. */
import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_ledger_core';

const migrations: Record<string, Migration> = {
  '0001_ledger_core': m0001,
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
