import type { Kysely } from 'kysely';

/**
 * A version per record the screens edit (issue #15, many users at once): a save names the version it
 * read, and a record saved by someone else since is a conflict instead of a silent overwrite. Existing
 * rows start at 1; every update adds one.
 */
const TABLES = ['orgs', 'party_orgs', 'instructors', 'cases'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) {
    await db.schema
      .alterTable(table)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) await db.schema.alterTable(table).dropColumn('version').execute();
}
