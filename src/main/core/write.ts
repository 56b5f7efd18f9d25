/**
 * Every write goes through `write`: one transaction, audit rows inside it, and the caches
 * invalidated once it commits. Nothing is written when the function throws.
 */
import type { Transaction } from 'kysely';
import { actorName, currentCaller } from './caller';
import { type Ctx, catchUpWithOtherWriters, noteWrite } from './context';
import { takeWriteLock } from './dialect';
import { changesNoOrg, latestAuditId } from './orgsTouched';
import type { Database } from './schema';

export interface Writer {
  trx: Transaction<Database>;
  now: string;
  /** The clerk's local day (`YYYY-MM-DD`) the write happens on: which year is the current one. */
  today: string;
  audit(entity: string, entityId: number, action: string, before: unknown, after: unknown): Promise<void>;
  /** Names the organizations whose list row this write may change, so the index patches just those. */
  touchOrgs(ids: Iterable<number>): void;
}

/** Who a write's audit rows name when it is not the context's own caller (accounts, issue #14). */
export interface WriteActor {
  name: string;
  userId: number | null;
}

export async function write<T>(ctx: Ctx, fn: (w: Writer) => Promise<T>, by?: WriteActor): Promise<T> {
  const now = ctx.now();
  // The account of the request this write runs in (dispatch sets it); none outside a request.
  const caller = currentCaller();
  const actor: WriteActor = by ?? (caller ? { name: actorName(caller), userId: caller.userId } : { name: ctx.actor, userId: null });
  let touched: Set<number> | null = null;
  // A write that names no organizations but audits only kinds that change none (an activity) need not
  // rebuild the organization index: the audit log tells another process the same (orgsTouched.ts).
  const kinds = new Set<string>();
  let onlyNoOrgKinds = true;
  let seen = ctx.auditSeen;
  const result = await ctx.ledger.db.transaction().execute(async (trx) => {
    // Holding the write lock now: anything another process committed before is seen here, so a
    // stored preview compared with ctx.generation inside `fn` cannot miss it.
    await takeWriteLock(trx);
    await catchUpWithOtherWriters(ctx, trx);
    const w: Writer = {
      trx,
      now,
      today: ctx.today(),
      async audit(entity, entityId, action, before, after) {
        kinds.add(`${entity}:${action}`);
        if (!changesNoOrg(entity, action)) onlyNoOrgKinds = false;
        await trx
          .insertInto('audit_log')
          .values({
            at: now,
            actor: actor.name,
            actor_user_id: actor.userId,
            entity,
            entity_id: entityId,
            action,
            before: before === undefined || before === null ? null : JSON.stringify(before),
            after: after === undefined || after === null ? null : JSON.stringify(after),
          })
          .execute();
      },
      touchOrgs(ids) {
        touched ??= new Set();
        for (const id of ids) touched.add(id);
      },
    };
    const out = await fn(w);
    // Ours are the newest entries (the lock is held until commit), so they need no reading back later.
    seen = await latestAuditId(trx);
    return out;
  });
  ctx.auditSeen = seen;
  noteWrite(ctx, kinds.size > 0 ? kinds : null);
  const changed = (touched as Set<number> | null) ?? (kinds.size > 0 && onlyNoOrgKinds ? new Set<number>() : null);
  if (changed === null || ctx.orgChanges === 'all') ctx.orgChanges = 'all';
  else for (const id of changed) ctx.orgChanges.add(id);
  return result;
}
