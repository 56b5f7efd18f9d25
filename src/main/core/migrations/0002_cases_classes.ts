import type { Kysely } from 'kysely';
import { engineOf, idColumn } from '../dialect';

/** 软弱涣散 cases with their dated events, yearly classes (分类定级) and star ratings by year. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cases')
    .addColumn('id', 'integer', (c) => idColumn(db, c))
    .addColumn('party_org_id', 'integer', (c) => c.notNull().references('party_orgs.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('batch', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('situations', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('problems', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('is_repeat', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('identified_date', 'text', (c) => c.notNull())
    .addColumn('measures', 'text')
    .addColumn('goal', 'text')
    .addColumn('responsible', 'text')
    .addColumn('deadline', 'text')
    .addColumn('leader_county', 'text')
    .addColumn('leader_township', 'text')
    .addColumn('instructor_name', 'text')
    .addColumn('pairing_dept', 'text')
    .addColumn('listed_date', 'text')
    .addColumn('accepted_date', 'text')
    // A score may have a half point (99.5): SQLite keeps it in any column, PostgreSQL needs a real type.
    .addColumn('accept_score', engineOf(db) === 'postgres' ? 'double precision' : 'integer')
    .addColumn('delisted_date', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cases_party_org').on('cases').column('party_org_id').execute();
  await db.schema.createIndex('cases_year_state').on('cases').columns(['year', 'state']).execute();

  await db.schema
    .createTable('case_events')
    .addColumn('id', 'integer', (c) => idColumn(db, c))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state_after', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_events_case').on('case_events').column('case_id').execute();

  await db.schema
    .createTable('classes')
    .addColumn('party_org_id', 'integer', (c) => c.notNull().references('party_orgs.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('class', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('classes_pk', ['party_org_id', 'year'])
    .execute();

  await db.schema
    .createTable('ratings')
    .addColumn('party_org_id', 'integer', (c) => c.notNull().references('party_orgs.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('stars', 'integer', (c) => c.notNull())
    .addColumn('assessed_date', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ratings_pk', ['party_org_id', 'year'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['ratings', 'classes', 'case_events', 'cases']) await db.schema.dropTable(t).execute();
}
