import type { Kysely } from 'kysely';

/**
 * 暂不认定: a party organization that 排查 suggested, set aside by the clerk for one year with the
 * reason, so it stops being suggested that year and is listed apart where it can be restored.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('screening_deferrals')
    .addColumn('party_org_id', 'integer', (c) => c.notNull().references('party_orgs.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('screening_deferrals_pk', ['party_org_id', 'year'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('screening_deferrals').execute();
}
