/**
 * An account written straight into a ledger, as tests and the load script need one: no audit row (tests
 * that count audit rows stay undisturbed) and a hash made once by the caller (the load script's fifty
 * clerks share one, scrypt being slow on purpose).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../src/main/core/schema';
import type { RoleCode } from '../../src/shared/domain/roles';

export interface TestAccount {
  userName: string;
  name: string;
  role: RoleCode;
  passwordHash: string;
  /** The stamps' time (created, updated, password changed). */
  now: string;
  regionIds?: readonly number[];
}

/** Inserts an enabled account that need not change its password; returns its id. */
export async function insertAccount(db: Kysely<Database>, a: TestAccount): Promise<number> {
  const { id } = await db
    .insertInto('users')
    .values({
      user_name: a.userName,
      name: a.name,
      role: a.role,
      enabled: 1,
      password_hash: a.passwordHash,
      must_change: 0,
      password_changed_at: a.now,
      failed_attempts: 0,
      created_at: a.now,
      updated_at: a.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const region_id of a.regionIds ?? []) await db.insertInto('user_regions').values({ user_id: id, region_id }).execute();
  return id;
}
