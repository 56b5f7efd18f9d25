/** 操作日志: the audit rows, filtered by the clerk's local days, each told in Chinese with its record named. */

import { sql } from 'kysely';
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
import { camelDb } from '../camel';
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
  let q = camelDb(ctx.ledger.db).selectFrom('audit_log');
  if (input.entity) q = q.where('entity', '=', input.entity);
  if (input.entityId != null) q = q.where('entityId', '=', input.entityId);
  if (input.action) q = q.where('action', '=', input.action);
  if (input.actorUserId != null) q = q.where('actorUserId', '=', input.actorUserId);
  // Stored times are UTC instants; a clerk's day is the span between its two local midnights.
  if (input.from) q = q.where('at', '>=', dayStart(input.from, offset));
  if (input.to) q = q.where('at', '<', dayStart(input.to, offset, 1));
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  // The JSON columns are read as text and parsed here: through the camel view a parsed object's keys would be renamed.
  const rows = await q
    .select(['id', 'at', 'actor', 'entity', 'entityId', 'action', 'before', 'after'])
    .orderBy('id', 'desc')
    .offset(input.offset)
    .limit(input.limit)
    .execute();
  const raw = rows.map((r) => ({
    ...r,
    before: r.before == null ? null : (JSON.parse(r.before) as unknown),
    after: r.after == null ? null : (JSON.parse(r.after) as unknown),
  }));
  const look = await lookups(ctx, raw, offset);
  return {
    total: Number(total.n),
    actors: await actors(ctx),
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
async function actors(ctx: Ctx): Promise<AuditPage['actors']> {
  const rows = await ctx.ledger.db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_user_id')
    .select((eb) => ['a.actor_user_id as userId', 'u.name as name', 'u.user_name as userName', eb.fn.max('a.actor').as('actor')])
    .where('a.actor_user_id', 'is not', null)
    .groupBy(['a.actor_user_id', 'u.name', 'u.user_name'])
    // An account since removed (no user_name) first, as SQLite sorts nulls; the id breaks ties.
    .orderBy(sql`case when u.user_name is null then 0 else 1 end`)
    .orderBy('u.user_name')
    .orderBy('a.actor_user_id')
    .execute();
  return rows.map((r) => ({ userId: r.userId as number, label: r.name ? `${r.name}（${r.userName}）` : r.actor }));
}

/** The names a page of rows refers to, deleted records included: a few queries by id, never the whole ledger. */
async function lookups(ctx: Ctx, rows: RawAuditEntry[], utcOffset: number): Promise<AuditLookups> {
  const db = camelDb(ctx.ledger.db);
  const refs = auditRefs(rows);
  // A bound-parameter limit on either engine: ask in slices.
  const slices = (ids: Set<number>): number[][] => {
    const list = [...ids];
    const out: number[][] = [];
    for (let i = 0; i < list.length; i += 500) out.push(list.slice(i, i + 500));
    return out;
  };
  const cases = new Map<number, { partyOrgId: number; year: number }>();
  for (const part of slices(refs.case)) {
    for (const { id, ...c } of await db.selectFrom('cases').select(['id', 'partyOrgId', 'year']).where('id', 'in', part).execute()) {
      cases.set(id, c);
    }
  }
  for (const c of cases.values()) refs.partyOrg.add(c.partyOrgId);
  const assignments = new Map<number, { instructorId: number; orgId: number }>();
  for (const part of slices(refs.assignment)) {
    for (const { id, ...a } of await db
      .selectFrom('assignments')
      .select(['id', 'instructorId', 'orgId'])
      .where('id', 'in', part)
      .execute()) {
      assignments.set(id, a);
    }
  }
  for (const a of assignments.values()) {
    refs.instructor.add(a.instructorId);
    refs.org.add(a.orgId);
  }
  const names = async (table: 'regions' | 'orgs' | 'party_orgs' | 'instructors' | 'leaders', ids: Set<number>) => {
    const out = new Map<number, string>();
    for (const part of slices(ids)) {
      for (const r of await db.selectFrom(table).select(['id', 'name']).where('id', 'in', part).execute()) out.set(r.id, r.name);
    }
    return out;
  };
  const seedStamps = new Set(
    (await db.selectFrom('audit_log').select('at').where('entity', '=', 'ledger').where('action', '=', 'seed').execute()).map((r) => r.at),
  );
  return {
    names: {
      region: await names('regions', refs.region),
      org: await names('orgs', refs.org),
      partyOrg: await names('party_orgs', refs.partyOrg),
      instructor: await names('instructors', refs.instructor),
      // Only rows written once 包联领导 are kept in 设置 refer to them, so the table is there when asked.
      leader: refs.leader.size ? await names('leaders', refs.leader) : new Map<number, string>(),
    },
    cases,
    assignments,
    seedStamps,
    utcOffset,
  };
}
