import { type Kysely, sql } from 'kysely';
import { idColumn } from '../dialect';

/**
 * 示范点与品牌 (a designation per row, never overwritten), 群团 (工会 / 共青团 / 妇联 per organization) and
 * 社会组织年检 by year. The organization's three 群团 booleans and its 年检 result stay as columns: the
 * organization index, import, exchange and the printed ledgers read them; the services keep them equal to
 * these tables. Existing 群团 booleans become rows here (with no details yet).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('model_sites')
    .addColumn('id', 'integer', (c) => idColumn(db, c))
    .addColumn('party_org_id', 'integer', (c) => c.notNull().references('party_orgs.id'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('brand_name', 'text')
    .addColumn('five_star', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('revoked_year', 'integer')
    .addColumn('document_no', 'text')
    .addColumn('remarks', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('model_sites_party_org').on('model_sites').column('party_org_id').execute();

  await db.schema
    .createTable('mass_orgs')
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('founded_date', 'text')
    .addColumn('members', 'integer')
    .addColumn('chair', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('mass_orgs_pk', ['org_id', 'kind'])
    .execute();

  await db.schema
    .createTable('inspections')
    .addColumn('id', 'integer', (c) => idColumn(db, c))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('party_review', 'text', (c) => c.notNull())
    .addColumn('remarks', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('inspections_org_year', ['org_id', 'year'])
    .execute();
  await db.schema.createIndex('inspections_year').on('inspections').column('year').execute();

  const now = new Date().toISOString();
  for (const [kind, column] of [
    ['union', 'has_union'],
    ['youth', 'has_youth_league'],
    ['women', 'has_women_federation'],
  ] as const) {
    await sql`INSERT INTO mass_orgs (org_id, kind, created_at, updated_at)
              SELECT id, ${kind}, ${now}, ${now} FROM orgs WHERE ${sql.ref(column)} = 1`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['inspections', 'mass_orgs', 'model_sites']) await db.schema.dropTable(t).execute();
}
