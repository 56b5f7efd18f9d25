/**
 * A record saved by someone else since the clerk opened it (issue #15, many users at once): the save is
 * refused as a `conflict` that names who saved it and when, and for each field both changed, the clerk's
 * value and theirs. The screens send the version they read; imports and exchange send none and keep
 * last-write-wins (they have their own previews).
 *
 * The check runs inside the write transaction: on SQLite the write lock is held from the start, so the
 * version read is the one the update meets; on PostgreSQL (read committed) the update also names the
 * version, and an update that finds no row at it is the same conflict.
 */
import { type ExpressionBuilder, sql } from 'kysely';
import { type AuditLookups, showAuditValue } from '../../shared/audit/describe';
import { AUDIT_ACTIONS, AUDIT_ENTITIES, auditFieldLabel, HIDDEN_AUDIT_FIELDS, REFERENCE_FIELDS } from '../../shared/audit/labels';
import { AppError } from './errors';
import type { Database } from './schema';
import type { Writer } from './write';

type Fields = Record<string, unknown>;

export interface Versioned {
  /** The audit log's entity: `org`, `partyOrg`, `instructor`, `case`. */
  entity: 'org' | 'partyOrg' | 'instructor' | 'case';
  id: number;
  /** The version the clerk's screen read; none from imports and exchange. */
  expected: number | undefined;
  /** What the clerk is saving, in the shape the audit log keeps. */
  mine: object;
}

/** The record as stored now: its version and its fields in the shape the audit log keeps. */
export interface Stored {
  version: number;
  fields: object;
}

/** Refuses the save when the record is no longer at the version the clerk read. */
export async function refuseStale(w: Writer, v: Versioned, now: Stored): Promise<void> {
  if (v.expected == null || v.expected === now.version) return;
  throw await staleError(w, v, now);
}

/**
 * After the update that named the version: no row changed means another writer got there between the
 * check and the update (PostgreSQL), so the record is read again and the same conflict is told.
 */
export async function refuseLost(
  w: Writer,
  v: Versioned,
  result: { numUpdatedRows: bigint } | undefined,
  readNow: () => Promise<Stored | null>,
): Promise<void> {
  if (v.expected == null || Number(result?.numUpdatedRows ?? 0) > 0) return;
  const now = await readNow();
  throw now ? await staleError(w, v, now) : new AppError('not_found', '该记录已被他人删除');
}

const MAX_STEPS = 50;

/** The tables of the versioned records, for when each was last written. */
const RECORD_TABLES = { org: 'orgs', partyOrg: 'party_orgs', instructor: 'instructors', case: 'cases' } as const;

/**
 * Audit rows that write a record's form fields without being its own 修改 (side writes, which raise its
 * version too): 群团, 党员发展 (this year's counts) and 年检 of an organization, 星级 of a party organization.
 */
function sideWrites(eb: ExpressionBuilder<Database, 'audit_log'>, v: Versioned) {
  if (v.entity === 'org') {
    return [
      eb.and([eb('entity', 'in', ['mass_org', 'member_year']), eb('entity_id', '=', v.id)]),
      eb.and([
        eb('entity', '=', 'inspection'),
        eb('entity_id', 'in', eb.selectFrom('inspections').select('id').where('org_id', '=', v.id)),
      ]),
    ];
  }
  if (v.entity === 'partyOrg') return [eb.and([eb('entity', '=', 'rating'), eb('entity_id', '=', v.id)])];
  return [];
}

/**
 * Who made the write that last raised the record's version: every such write stamps the record's
 * updated_at with its time, and its audit rows carry the same time — the record's own 修改 or a side
 * write (群团, 年检 …) by someone else, who must be the one named.
 */
async function lastWriter(w: Writer, v: Versioned) {
  const record = await w.trx.selectFrom(RECORD_TABLES[v.entity]).select('updated_at').where('id', '=', v.id).executeTakeFirst();
  if (!record?.updated_at) return undefined;
  return (
    w.trx
      .selectFrom('audit_log')
      .select(['at', 'actor', 'action', 'entity'])
      .where('at', '=', record.updated_at)
      .where((eb) => eb.or([eb.and([eb('entity', '=', v.entity), eb('entity_id', '=', v.id)]), ...sideWrites(eb, v)]))
      // A form's save that also wrote 群团 rows is named as the save.
      .orderBy(sql`case when entity = ${v.entity} then 0 else 1 end`)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst()
  );
}

async function staleError(w: Writer, v: Versioned, now: Stored): Promise<AppError> {
  const expected = v.expected ?? now.version;
  if (expected > now.version) {
    const message = `版本号（${expected}）与记录当前的版本（${now.version}）不符，请重新打开该记录后再保存。`;
    return new AppError('conflict', message, [{ path: 'version', message }]);
  }
  // The updates since the clerk's read, newest first: the oldest's `before` is the record as the
  // clerk's screen showed it — unless a side write raised the version in between, which has no such
  // snapshot (a side write in the same transaction as an update, the form's 群团 boxes, is that update's).
  const steps = now.version - expected;
  const rows = await w.trx
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor', 'action', 'entity', 'before'])
    .where('entity', '=', v.entity)
    .where('entity_id', '=', v.id)
    // A case moves by steps (制定方案, 验收 …), each raising its version; the other records by 修改 (an exchange's too).
    .$if(v.entity !== 'case', (q) => q.where('action', 'in', ['update', 'exchange']))
    .orderBy('id', 'desc')
    .limit(Math.min(steps, MAX_STEPS))
    .execute();
  const oldest = rows.at(-1);
  const ownTimes = new Set(rows.map((r) => r.at));
  const sidesBetween =
    oldest && (v.entity === 'org' || v.entity === 'partyOrg')
      ? await w.trx
          .selectFrom('audit_log')
          .select('at')
          .where('id', '>', oldest.id)
          .where((eb) => eb.or(sideWrites(eb, v)))
          .execute()
      : [];
  const sideRaised = sidesBetween.some((r) => !ownTimes.has(r.at));
  const base = rows.length === steps && !sideRaised && oldest?.before ? (JSON.parse(oldest.before) as Fields) : null;
  const latest = (await lastWriter(w, v)) ?? rows[0];

  const mineFields = v.mine as Fields;
  const theirFields = now.fields as Fields;
  const both: string[] = [];
  const theirsOnly: string[] = [];
  const keys = Object.keys(mineFields).filter((k) => !HIDDEN_AUDIT_FIELDS.has(k) && Object.hasOwn(theirFields, k));
  const look = await lookups(w, keys, [mineFields, theirFields]);
  const show = (k: string, value: unknown) => showAuditValue(v.entity, 'update', k, value, look);
  for (const k of keys) {
    const mine = mineFields[k];
    const theirs = theirFields[k];
    if (same(mine, theirs)) continue;
    const theyChanged = base ? !same(base[k], theirs) : true;
    const iChanged = base ? !same(base[k], mine) : true;
    if (theyChanged && iChanged) both.push(k);
    else if (theyChanged) theirsOnly.push(k);
  }
  const label = (k: string) => auditFieldLabel(v.entity, k) ?? k;
  const who = latest ? `${latest.actor}于 ${localStamp(latest.at)} ` : '他人';
  const step = !latest
    ? ''
    : latest.entity !== v.entity
      ? `（${AUDIT_ENTITIES[latest.entity] ?? '其他操作'}）`
      : latest.action !== 'update'
        ? `（${AUDIT_ACTIONS[latest.action] ?? '其他操作'}）`
        : '';
  const parts = [`该记录已被 ${who}修改${step}。`];
  for (const k of both) parts.push(`${label(k)}：您填写「${show(k, mineFields[k])}」，对方已保存为「${show(k, theirFields[k])}」。`);
  if (theirsOnly.length) parts.push(`对方还修改了：${theirsOnly.map(label).join('、')}。`);
  parts.push('请核对后重新保存。');
  const message = parts.join('');
  // Names and typed values are the clerks' own words, Latin letters included (a user name such as county).
  const echoes = [latest?.actor ?? '', ...both.flatMap((k) => [show(k, mineFields[k]), show(k, theirFields[k])])];
  return new AppError(
    'conflict',
    message,
    [{ path: 'version', message }, ...both.map((k) => ({ path: k, message: `对方已保存为「${show(k, theirFields[k])}」` }))],
    echoes,
  );
}

/** Equal as stored: '' and null are one (an emptied box), lists of ids in any order. */
function same(a: unknown, b: unknown): boolean {
  const norm = (x: unknown) => {
    if (x === '' || x === undefined) return null;
    if (Array.isArray(x) && x.every((e) => typeof e === 'number')) return [...x].sort((p, q) => p - q);
    return x;
  };
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

/** The clerk's clock, as the 操作日志 shows stamps: 2026-11-29 10:02. */
function localStamp(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const offset = -new Date(t).getTimezoneOffset();
  return new Date(t + offset * 60_000).toISOString().slice(0, 16).replace('T', ' ');
}

const TABLES = { region: 'regions', org: 'orgs', partyOrg: 'party_orgs', instructor: 'instructors', leader: 'leaders' } as const;

/** The names the compared fields refer to (属地, covered organizations …), read by id. */
async function lookups(w: Writer, keys: string[], sides: Fields[]): Promise<AuditLookups> {
  const names: AuditLookups['names'] = {
    region: new Map(),
    org: new Map(),
    partyOrg: new Map(),
    instructor: new Map(),
    leader: new Map(),
  };
  for (const kind of Object.keys(TABLES) as (keyof typeof TABLES)[]) {
    const ids = new Set<number>();
    for (const k of keys) {
      if (REFERENCE_FIELDS[k] !== kind) continue;
      for (const side of sides) for (const x of [side[k]].flat()) if (typeof x === 'number') ids.add(x);
    }
    if (ids.size === 0) continue;
    const rows = await w.trx
      .selectFrom(TABLES[kind])
      .select(['id', 'name'])
      .where('id', 'in', [...ids].slice(0, 500))
      .execute();
    for (const r of rows) names[kind].set(r.id, r.name);
  }
  return { names, cases: new Map(), assignments: new Map(), seedStamps: new Set(), utcOffset: 0 };
}
