/**
 * The demo ledger's accounts: one per role, all with the same documented password, so `npm run web`
 * still shows every screen with one command. Only the demo seed calls this; a real ledger starts with
 * `auth.setup` and has no default password.
 */
import type { RoleCode } from '../../../shared/domain/roles';
import type { Account } from '../../../shared/records/accounts';
import type { Ctx } from '../context';
import { hashPassword } from '../passwordHash';
import { type WriteActor, write } from '../write';
import { insertAccountRow } from './accounts';

/** Documented in README (演示账号); passes the password rule and contains none of the user names. */
export const DEMO_PASSWORD = 'Demo#2026';

export const DEMO_ACCOUNTS: readonly { userName: string; name: string; role: RoleCode }[] = [
  { userName: 'admin', name: '演示管理员', role: 'admin' },
  { userName: 'county', name: '演示县级经办', role: 'county' },
  { userName: 'township', name: '演示乡镇经办', role: 'township' },
  { userName: 'leader', name: '演示领导', role: 'viewer' },
  { userName: 'auditor', name: '演示审计员', role: 'auditor' },
];

const SEED: WriteActor = { name: '演示数据', userId: null };

/**
 * Creates the demo accounts on a ledger that has none (returns false otherwise). The 乡镇经办 works on
 * the first township of the ledger's regions (any first region when there is no township).
 */
export async function seedDemoAccounts(ctx: Ctx): Promise<boolean> {
  const db = ctx.ledger.db;
  if (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) return false;
  const regions = await db.selectFrom('regions').select(['id', 'kind']).orderBy('sort_order').orderBy('id').execute();
  const township = regions.find((r) => r.kind === 'township') ?? regions[0];
  const hashes = await Promise.all(DEMO_ACCOUNTS.map(() => hashPassword(DEMO_PASSWORD)));
  return write(
    ctx,
    async (w) => {
      if (await w.trx.selectFrom('users').select('id').limit(1).executeTakeFirst()) return false;
      for (const [i, a] of DEMO_ACCOUNTS.entries()) {
        const regionIds: Account['regionIds'] = a.role === 'township' && township ? [township.id] : [];
        const id = await insertAccountRow(w.trx, { ...a, passwordHash: hashes[i] as string, mustChange: false, regionIds, now: w.now });
        await w.audit('user', id, 'create', null, { userName: a.userName, name: a.name, role: a.role, regionIds, enabled: true });
      }
      w.touchOrgs([]);
      return true;
    },
    SEED,
  );
}
