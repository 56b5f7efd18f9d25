import { type Kysely, sql } from 'kysely';
import { caseInsensitiveKey, idColumn } from '../dialect';

/**
 * Accounts, roles and the login log (issue #14). A township clerk's regions are rows of `user_regions`
 * so a deleted region cannot linger in a JSON list. Sessions are stored by the SHA-256 of their id: a
 * copied ledger file does not hand out live sessions. Audit rows written before this have no account.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', (c) => idColumn(db, c))
    .addColumn('user_name', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('must_change', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('password_changed_at', 'text', (c) => c.notNull())
    .addColumn('last_login_at', 'text')
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // User names compare without regard to case: “Admin” and “admin” are one account.
  await sql`CREATE UNIQUE INDEX users_user_name ON users(${caseInsensitiveKey(db, 'user_name')})`.execute(db);

  await db.schema
    .createTable('user_regions')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
    .addPrimaryKeyConstraint('user_regions_pk', ['user_id', 'region_id'])
    .execute();

  await db.schema
    .createTable('login_log')
    .addColumn('id', 'integer', (c) => idColumn(db, c))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_name', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer')
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('address', 'text')
    .addColumn('agent', 'text')
    .execute();
  await sql`CREATE INDEX login_log_at ON login_log(at)`.execute(db);

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .execute();

  await sql`ALTER TABLE audit_log ADD COLUMN actor_user_id INTEGER`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE audit_log DROP COLUMN actor_user_id`.execute(db);
  await db.schema.dropTable('sessions').execute();
  await db.schema.dropTable('login_log').execute();
  await db.schema.dropTable('user_regions').execute();
  await db.schema.dropTable('users').execute();
}
