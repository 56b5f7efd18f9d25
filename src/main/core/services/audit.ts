import type { AuditEntry, Page } from '../../../shared/types';
import type { Ctx } from '../context';

export async function listAudit(
  ctx: Ctx,
  input: { entity?: string; entityId?: number; action?: string; from?: string; to?: string; offset: number; limit: number },
): Promise<Page<AuditEntry>> {
  let q = ctx.ledger.db.selectFrom('audit_log');
  if (input.entity) q = q.where('entity', '=', input.entity);
  if (input.entityId != null) q = q.where('entity_id', '=', input.entityId);
  if (input.action) q = q.where('action', '=', input.action);
  // Stored times are UTC ISO strings; a day is compared by its date prefix.
  if (input.from) q = q.where('at', '>=', input.from);
  if (input.to) q = q.where('at', '<', `${input.to}T99`);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.selectAll().orderBy('id', 'desc').offset(input.offset).limit(input.limit).execute();
  return {
    total: Number(total.n),
    rows: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      entity: r.entity,
      entityId: r.entity_id,
      action: r.action,
      before: r.before == null ? null : JSON.parse(r.before),
      after: r.after == null ? null : JSON.parse(r.after),
    })),
  };
}
