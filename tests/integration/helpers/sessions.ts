/**
 * Test accounts: one per role a test signs in as, written straight into the ledger (no audit row, so
 * tests that count audit rows are not disturbed) and signed in through the real login.
 */
import type { Ctx } from '../../../src/main/core/context';
import { cheapHashesForTests, hashPassword } from '../../../src/main/core/passwordHash';
import { login } from '../../../src/main/core/services/accounts';
import { labelOf } from '../../../src/shared/domain/codes';
import { ROLES, type RoleCode } from '../../../src/shared/domain/roles';
import { insertAccount } from '../../helpers/accounts';

export const TEST_PASSWORD = 'Ceshi#2026';

export async function testSession(ctx: Ctx, role: RoleCode, regionIds: number[], n: number): Promise<string> {
  cheapHashesForTests();
  // Chinese names, as the audit log's no-Latin checks expect of what a clerk types.
  const userName = `测试账号${n}`;
  await insertAccount(ctx.ledger.db, {
    userName,
    name: `测试${labelOf(ROLES, role)}`,
    role,
    passwordHash: await hashPassword(TEST_PASSWORD),
    now: ctx.now(),
    regionIds,
  });
  return (await login(ctx, { userName, password: TEST_PASSWORD })).sessionId;
}
