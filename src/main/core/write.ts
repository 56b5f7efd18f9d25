/**
 * Every write goes through `write`: one transaction, audit rows inside it, and the caches
 * invalidated once it commits. Nothing is written when the function throws.
 */
import type { Transaction } from 'kysely';
import type { Ctx } from './context';
import type { Database } from './schema';

export interface Writer {
  trx: Transaction<Database>;
  now: string;
  audit(entity: string, entityId: number, action: string, before: unknown, after: unknown): Promise<void>;
}

export async function write<T>(ctx: Ctx, fn: (w: Writer) => Promise<T>): Promise<T> {
  const now = ctx.now();
  const result = await ctx.ledger.db.transaction().execute(async (trx) => {
    const w: Writer = {
      trx,
      now,
      async audit(entity, entityId, action, before, after) {
        await trx
          .insertInto('audit_log')
          .values({
            at: now,
            actor: ctx.actor,
            entity,
            entity_id: entityId,
            action,
            before: before === undefined || before === null ? null : JSON.stringify(before),
            after: after === undefined || after === null ? null : JSON.stringify(after),
          })
          .execute();
      },
    };
    return fn(w);
  });
  ctx.generation++;
  return result;
}
