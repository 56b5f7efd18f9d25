/**
 * An account written straight into a ledger, as tests and the load script need one: no audit row (tests
 * that count audit rows stay undisturbed) and a hash made once by the caller (the load script's fifty
 * clerks share one, scrypt being slow on purpose).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../src/main/core/schema';
import { insertAccountRow } from '../../src/main/core/services/accounts';
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
export function insertAccount(db: Kysely<Database>, a: TestAccount): Promise<number> {
  return insertAccountRow(db, { ...a, mustChange: false, regionIds: a.regionIds ?? [] });
}
