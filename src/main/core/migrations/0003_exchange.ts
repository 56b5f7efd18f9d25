import type { Kysely } from 'kysely';

/**
 * Township ↔ county exchange files: per exchange source and record key, the content hash both sides
 * agreed on at the last import or export (the base a later exchange compares against to find conflicts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('exchange_history')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('record_key', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('exchange_history_pk', ['source', 'record_key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('exchange_history').execute();
}
