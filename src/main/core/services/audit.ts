/** 操作日志: the audit rows, filtered by the clerk's local days, each told in Chinese with its record named. */

import {
  type AuditLookups,
  auditActor,
  auditFieldViews,
  auditRecordName,
  auditRefs,
  type RawAuditEntry,
} from '../../../shared/audit/describe';
import { AUDIT_ACTIONS, AUDIT_ENTITIES } from '../../../shared/audit/labels';
import type { AuditPage } from '../../../shared/types';
import type { Ctx } from '../context';

export interface AuditFilter {
  entity?: string;
  entityId?: number;
  action?: string;
  actorUserId?: number;
  from?: string;
  to?: string;
  /** Minutes east of UTC of the days `from` / `to`. */
  utcOffset?: number;
  offset: number;
  limit: number;
}

const DAY_MS = 86_400_000;

/** The UTC instant a local day starts at, as stored stamps are written (`toISOString`). */
function dayStart(day: string, utcOffset: number, plusDays = 0): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + plusDays * DAY_MS - utcOffset * 60_000).toISOString();
}

export async function listAudit(ctx: Ctx, input: AuditFilter): Promise<AuditPage> {
  const offset = input.utcOffset ?? 0;
  let q = ctx.ledger.db.selectFrom('audit_log');
  if (input.entity) q = q.where('entity', '=', input.entity);
  if (input.entityId != null) q = q.where('entity_id', '=', input.entityId);
  if (input.action) q = q.where('action', '=', input.action);
  if (input.actorUserId != null) q = q.where('actor_user_id', '=', input.actorUserId);
  // Stored times are UTC instants; a clerk's day is the span between its two local midnights.
  if (input.from) q = q.where('at', '>=', dayStart(input.from, offset));
  if (input.to) q = q.where('at', '<', dayStart(input.to, offset, 1));
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.selectAll().orderBy('id', 'desc').offset(input.offset).limit(input.limit).execute();
  const raw = rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    entity: r.entity,
    entityId: r.entity_id,
    action: r.action,
    before: r.before == null ? null : (JSON.parse(r.before) as unknown),
    after: r.after == null ? null : (JSON.parse(r.after) as unknown),
  }));
  const look = lookups(ctx, raw, offset);
  return {
    total: Number(total.n),
    actors: actors(ctx),
    rows: raw.map((r) => ({
      ...r,
      actorLabel: auditActor(r, look),
      entityLabel: AUDIT_ENTITIES[r.entity] ?? '其他记录',
      actionLabel: AUDIT_ACTIONS[r.action] ?? '其他操作',
      name: auditRecordName(r, look),
      fields: auditFieldViews(r, look),
    })),
  };
}

/** Every account that wrote anything, named as now (a renamed account is listed once, by its new name). */
function actors(ctx: Ctx): AuditPage['actors'] {
  const rows = ctx.ledger.sqlite
    .prepare(
      `SELECT a.actor_user_id AS userId, u.name AS name, u.user_name AS userName, MAX(a.actor) AS actor
       FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id
       WHERE a.actor_user_id IS NOT NULL GROUP BY a.actor_user_id ORDER BY u.user_name`,
    )
    .all() as { userId: number; name: string | null; userName: string | null; actor: string }[];
  return rows.map((r) => ({ userId: r.userId, label: r.name ? `${r.name}（${r.userName}）` : r.actor }));
}

/** The names a page of rows refers to, deleted records included: a few queries by id, never the whole ledger. */
function lookups(ctx: Ctx, rows: RawAuditEntry[], utcOffset: number): AuditLookups {
  const db = ctx.ledger.sqlite;
  const refs = auditRefs(rows);
  const byIds = <T>(sql: string, ids: Set<number>): T[] => {
    const list = [...ids];
    const out: T[] = [];
    // SQLite's bound-parameter limit: ask in slices.
    for (let i = 0; i < list.length; i += 500) {
      const part = list.slice(i, i + 500);
      out.push(...(db.prepare(sql.replace('?', part.map(() => '?').join(','))).all(...part) as T[]));
    }
    return out;
  };
  const cases = new Map(
    byIds<{ id: number; party_org_id: number; year: number }>('SELECT id, party_org_id, year FROM cases WHERE id IN (?)', refs.case).map(
      (c) => [c.id, { partyOrgId: c.party_org_id, year: c.year }],
    ),
  );
  for (const c of cases.values()) refs.partyOrg.add(c.partyOrgId);
  const assignments = new Map(
    byIds<{ id: number; instructor_id: number; org_id: number }>(
      'SELECT id, instructor_id, org_id FROM assignments WHERE id IN (?)',
      refs.assignment,
    ).map((a) => [a.id, { instructorId: a.instructor_id, orgId: a.org_id }]),
  );
  for (const a of assignments.values()) {
    refs.instructor.add(a.instructorId);
    refs.org.add(a.orgId);
  }
  const names = (table: string, ids: Set<number>) =>
    new Map(byIds<{ id: number; name: string }>(`SELECT id, name FROM ${table} WHERE id IN (?)`, ids).map((r) => [r.id, r.name]));
  const seedStamps = new Set(
    (db.prepare("SELECT at FROM audit_log WHERE entity = 'ledger' AND action = 'seed'").all() as { at: string }[]).map((r) => r.at),
  );
  return {
    names: {
      region: names('regions', refs.region),
      org: names('orgs', refs.org),
      partyOrg: names('party_orgs', refs.partyOrg),
      instructor: names('instructors', refs.instructor),
      // Only rows written once 包联领导 are kept in 设置 refer to them, so the table is there when asked.
      leader: refs.leader.size ? names('leaders', refs.leader) : new Map(),
    },
    cases,
    assignments,
    seedStamps,
    utcOffset,
  };
}
