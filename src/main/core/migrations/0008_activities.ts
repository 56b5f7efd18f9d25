import { type Kysely, sql } from 'kysely';
import { idColumn } from '../dialect';

/**
 * 组织生活与活动: one row per meeting or activity a party organization held (三会一课, 主题党日, the 1+N
 * branch's quarterly 恳谈会…). The 1+N “四个一” check reads it too, so the columns keep these names.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('activities')
    .addColumn('id', 'integer', (c) => idColumn(db, c))
    .addColumn('party_org_id', 'integer', (c) => c.notNull().references('party_orgs.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('topic', 'text')
    .addColumn('attendance', 'integer')
    .addColumn('expected', 'integer')
    .addColumn('place', 'text')
    .addColumn('remarks', 'text')
    .addColumn('deleted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await sql`CREATE INDEX activities_party_org_date ON activities(party_org_id, date)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('activities').execute();
}
