import { type Kysely, sql } from 'kysely';
import { idColumn } from '../dialect';

/**
 * 1+N 网格: a 区域党支部 (组建方式 `regional`) divides the organizations of its region into grids, each with
 * one 指导员 and the 服务联系卡 handed out. An organization is in at most one grid; a grid's name is unique
 * within its branch while it is live (a deleted grid's name may be used again).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('grids')
    .addColumn('id', 'integer', (c) => idColumn(db, c))
    .addColumn('party_org_id', 'integer', (c) => c.notNull().references('party_orgs.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('instructor_id', 'integer', (c) => c.references('instructors.id'))
    .addColumn('contact_cards', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('contact_cards_date', 'text')
    .addColumn('remarks', 'text')
    .addColumn('deleted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await sql`CREATE UNIQUE INDEX grids_branch_name ON grids(party_org_id, name) WHERE deleted_at IS NULL`.execute(db);
  await sql`CREATE INDEX grids_instructor ON grids(instructor_id)`.execute(db);
  await db.schema
    .createTable('grid_orgs')
    .addColumn('grid_id', 'integer', (c) => c.notNull().references('grids.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addPrimaryKeyConstraint('grid_orgs_pk', ['grid_id', 'org_id'])
    .execute();
  await sql`CREATE UNIQUE INDEX grid_orgs_org ON grid_orgs(org_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('grid_orgs').execute();
  await db.schema.dropTable('grids').execute();
}
