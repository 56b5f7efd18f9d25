import { type Kysely, sql } from 'kysely';
import { splitLeaderText } from '../../../shared/rules/leaderName';
import { idColumn } from '../dialect';

/**
 * 包联领导 kept in 设置, and a case plan's leaders and 指导员 as references. The old text columns stay:
 * they hold what was typed under 其他 and what could not be matched. Existing text naming a person
 * (“李红梅”, “李红梅（旗委常委、组织部部长）”) becomes one leader; an 指导员 name matching exactly one live
 * instructor record is linked to it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('leaders')
    .addColumn('id', 'integer', (c) => idColumn(db, c))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('unit', 'text')
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await sql`CREATE UNIQUE INDEX leaders_name ON leaders(name)`.execute(db);
  await sql`ALTER TABLE cases ADD COLUMN leader_county_id INTEGER REFERENCES leaders(id)`.execute(db);
  await sql`ALTER TABLE cases ADD COLUMN leader_township_id INTEGER REFERENCES leaders(id)`.execute(db);
  await sql`ALTER TABLE cases ADD COLUMN instructor_id INTEGER REFERENCES instructors(id)`.execute(db);

  const now = new Date().toISOString();
  const cases = (
    await sql<{
      id: number;
      leader_county: string | null;
      leader_township: string | null;
      instructor_name: string | null;
    }>`SELECT id, leader_county, leader_township, instructor_name FROM cases ORDER BY id`.execute(db)
  ).rows;
  const leaderIds = new Map<string, number>();
  const leaderId = async (text: string | null, level: 'county' | 'township') => {
    const parsed = splitLeaderText(text);
    if (!parsed) return null;
    const known = leaderIds.get(parsed.name);
    if (known != null) return known;
    const r = await sql<{ id: number }>`INSERT INTO leaders (name, title, level, sort_order, created_at, updated_at)
      VALUES (${parsed.name}, ${parsed.title}, ${level}, ${leaderIds.size + 1}, ${now}, ${now}) RETURNING id`.execute(db);
    const id = r.rows[0]?.id as number;
    leaderIds.set(parsed.name, id);
    return id;
  };
  const instructors = (await sql<{ id: number; name: string }>`SELECT id, name FROM instructors WHERE deleted_at IS NULL`.execute(db)).rows;
  for (const c of cases) {
    const county = await leaderId(c.leader_county, 'county');
    const township = await leaderId(c.leader_township, 'township');
    const named = instructors.filter((i) => i.name === c.instructor_name?.trim());
    const instructor = named.length === 1 ? (named[0]?.id ?? null) : null;
    await sql`UPDATE cases SET leader_county_id = ${county}, leader_township_id = ${township}, instructor_id = ${instructor}
      WHERE id = ${c.id}`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const col of ['instructor_id', 'leader_township_id', 'leader_county_id']) {
    await sql`ALTER TABLE cases DROP COLUMN ${sql.raw(col)}`.execute(db);
  }
  await db.schema.dropTable('leaders').execute();
}
