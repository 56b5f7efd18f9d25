import { type Kysely, sql } from 'kysely';
import { idColumn } from '../dialect';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('regions')
    .addColumn('id', 'integer', (c) => idColumn(db, c))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('code', 'text')
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('orgs')
    .addColumn('id', 'integer', (c) => idColumn(db, c))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_initials', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('uscc', 'text')
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('subtype', 'text', (c) => c.notNull())
    .addColumn('registration_authority', 'text')
    .addColumn('supervisor_unit', 'text')
    .addColumn('industry', 'text')
    .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
    .addColumn('address', 'text')
    .addColumn('legal_rep', 'text')
    .addColumn('legal_rep_phone', 'text')
    .addColumn('legal_rep_is_member', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('investor_is_member', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('employees', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('formal_members', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('probationary_members', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('activists', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('has_union', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('has_youth_league', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('has_women_federation', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('annual_check', 'text')
    .addColumn('eval_grade', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('normal'))
    .addColumn('out_of_scope', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('out_of_scope_reason', 'text')
    .addColumn('no_party_reason', 'text')
    .addColumn('planned_build_date', 'text')
    .addColumn('remarks', 'text')
    .addColumn('deleted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // A code identifies one live organization; deleted ones keep theirs for history.
  await sql`CREATE UNIQUE INDEX orgs_uscc_live ON orgs(uscc) WHERE uscc IS NOT NULL AND deleted_at IS NULL`.execute(db);
  await db.schema.createIndex('orgs_region').on('orgs').column('region_id').execute();

  await db.schema
    .createTable('party_orgs')
    .addColumn('id', 'integer', (c) => idColumn(db, c))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_initials', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
    .addColumn('parent_name', 'text')
    .addColumn('founded_date', 'text')
    .addColumn('approval_no', 'text')
    .addColumn('secretary_name', 'text')
    .addColumn('secretary_phone', 'text')
    .addColumn('secretary_is_head', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deputy_secretary', 'text')
    .addColumn('committee_members', 'text')
    .addColumn('party_workers', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('formal_members', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('probationary_members', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_election_date', 'text')
    .addColumn('term_years', 'integer')
    .addColumn('star_rating', 'integer')
    .addColumn('venue_checklist', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('funding_superior', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('funding_dues_return', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('funding_unit', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('funding_fiscal', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('remarks', 'text')
    .addColumn('deleted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // An organization is covered by at most one party organization: org_id is the key.
  await db.schema
    .createTable('coverage')
    .addColumn('org_id', 'integer', (c) => c.primaryKey().references('orgs.id'))
    .addColumn('party_org_id', 'integer', (c) => c.notNull().references('party_orgs.id'))
    .execute();
  await db.schema.createIndex('coverage_party_org').on('coverage').column('party_org_id').execute();

  await db.schema
    .createTable('instructors')
    .addColumn('id', 'integer', (c) => idColumn(db, c))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit', 'text')
    .addColumn('post', 'text')
    .addColumn('phone', 'text')
    .addColumn('full_time', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('appointed_date', 'text')
    .addColumn('grids', 'text')
    .addColumn('remarks', 'text')
    .addColumn('deleted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('assignments')
    .addColumn('id', 'integer', (c) => idColumn(db, c))
    .addColumn('instructor_id', 'integer', (c) => c.notNull().references('instructors.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('from_date', 'text', (c) => c.notNull())
    .addColumn('to_date', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('assignments_org').on('assignments').column('org_id').execute();
  await db.schema.createIndex('assignments_instructor').on('assignments').column('instructor_id').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', (c) => idColumn(db, c))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .execute();
  await db.schema.createIndex('audit_entity').on('audit_log').columns(['entity', 'entity_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['audit_log', 'assignments', 'instructors', 'coverage', 'party_orgs', 'orgs', 'regions', 'settings']) {
    await db.schema.dropTable(t).execute();
  }
}
