import { type Kysely, sql } from 'kysely';
import { idColumn } from '../dialect';

/**
 * 培训班 and their attendees. An attendee is a party organization's 书记, an instructor or a free name;
 * the name is kept beside a reference as it was then (书记 change). One row per person and class.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('trainings')
    .addColumn('id', 'integer', (c) => idColumn(db, c))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('topic_initials', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('organizer', 'text', (c) => c.notNull())
    .addColumn('region_id', 'integer', (c) => c.references('regions.id'))
    .addColumn('place', 'text')
    .addColumn('sessions', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('attendances', 'integer', (c) => c.notNull())
    .addColumn('remarks', 'text')
    .addColumn('deleted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('trainings_year_region').on('trainings').columns(['year', 'region_id']).execute();

  await db.schema
    .createTable('training_attendees')
    .addColumn('id', 'integer', (c) => idColumn(db, c))
    .addColumn('training_id', 'integer', (c) => c.notNull().references('trainings.id'))
    .addColumn('party_org_id', 'integer', (c) => c.references('party_orgs.id'))
    .addColumn('instructor_id', 'integer', (c) => c.references('instructors.id'))
    .addColumn('name', 'text')
    .addColumn('unit', 'text')
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('training_attendees_training').on('training_attendees').column('training_id').execute();
  await sql`CREATE UNIQUE INDEX training_attendees_party_org ON training_attendees(training_id, party_org_id)
    WHERE party_org_id IS NOT NULL`.execute(db);
  await sql`CREATE UNIQUE INDEX training_attendees_instructor ON training_attendees(training_id, instructor_id)
    WHERE instructor_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX training_attendees_by_instructor ON training_attendees(instructor_id) WHERE instructor_id IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['training_attendees', 'trainings']) await db.schema.dropTable(t).execute();
}
