import { type Kysely, sql } from 'kysely';
import { todayIso } from '../../../shared/rules/dates';

/**
 * 党员发展 by year. Until now an organization's member counts were overwritten in place, so no year
 * could be compared with another; those counts become this year's figures here (发展对象 and 新发展党员
 * were never asked, so they start at 0), and past years are entered on their own.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('member_years')
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('formal', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('probationary', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('activists', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('candidates', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('new_members', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('member_years_pk', ['org_id', 'year'])
    .execute();
  await sql`CREATE INDEX member_years_year ON member_years(year)`.execute(db);
  const year = Number(todayIso().slice(0, 4));
  const now = new Date().toISOString();
  await sql`INSERT INTO member_years (org_id, year, formal, probationary, activists, candidates, new_members, updated_at)
    SELECT id, ${year}, formal_members, probationary_members, activists, 0, 0, ${now} FROM orgs`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('member_years').execute();
}
