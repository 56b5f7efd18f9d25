/** What every service receives: the open ledger, the clock, and the cache generation. */

import type { Kysely } from 'kysely';
import { todayIso } from '../../shared/rules/dates';
import type { Ledger } from './db';
import { latestAuditId, latestAuditIdSqlite, orgsTouchedSince, orgsTouchedSinceAsync } from './orgsTouched';
import type { Database } from './schema';

export interface Ctx {
  ledger: Ledger;
  /** Current time as an ISO string; tests fix it. */
  now(): string;
  /** Today's date `YYYY-MM-DD` in local time; tests fix it. */
  today(): string;
  actor: string;
  /** Bumped by every committed write; caches compare against it. */
  generation: number;
  caches: Map<string, { generation: number; key: string; value: unknown }>;
  /**
   * What the latest writes were, by generation: the kinds of audit entry each left (`entity:action`), or
   * null when that is not known. A cache blind to those kinds (see `cached`) outlives them.
   */
  writeLog: { generation: number; kinds: ReadonlySet<string> | null }[];
  /**
   * Organizations changed by writes since the organization index was last brought up to date,
   * or 'all' when a write did not say which (then the index is rebuilt whole).
   */
  orgChanges: Set<number> | 'all';
  /** SQLite's `data_version` when last looked at: it changes when another connection (process) commits. 0 on PostgreSQL. */
  dataVersion: number;
  /**
   * The newest audit entry looked at, to tell what another process's writes touched. On PostgreSQL it is
   * also the signal that another process wrote (writes commit one at a time in audit id order, write.ts).
   */
  auditSeen: number;
}

export function createContext(ledger: Ledger, clock?: { now?: () => string; today?: () => string }): Ctx {
  return {
    ledger,
    now: clock?.now ?? (() => new Date().toISOString()),
    today: clock?.today ?? (() => todayIso()),
    actor: '本机用户',
    generation: 0,
    caches: new Map(),
    writeLog: [],
    orgChanges: new Set(),
    dataVersion: ledger.engine === 'sqlite' ? readDataVersion(ledger) : 0,
    auditSeen: ledger.engine === 'sqlite' ? latestAuditIdSqlite(ledger.sqlite) : (ledger.auditIdAtOpen ?? 0),
  };
}

function readDataVersion(ledger: Ledger): number {
  return ledger.sqlite.pragma('data_version', { simple: true }) as number;
}

/**
 * Another process on the same ledger (a second browser-mode server, a script) commits without our
 * writes' bookkeeping, so every cache and stored preview would go on trusting old data. A changed
 * `data_version` (one cheap pragma) counts as a write here, touching the organizations the audit log
 * names since we last looked.
 *
 * Synchronous, so caches can call it anywhere; on PostgreSQL there is no synchronous read and it does
 * nothing: `catchUpWithOtherWriters` does the same once per request and at the start of every write.
 */
export function noticeOtherWriters(ctx: Ctx): void {
  if (ctx.ledger.engine !== 'sqlite') return;
  const v = readDataVersion(ctx.ledger);
  if (v === ctx.dataVersion) return;
  ctx.dataVersion = v;
  record(ctx, orgsTouchedSince(ctx.ledger.sqlite, ctx.auditSeen));
}

/**
 * `noticeOtherWriters` for both engines, called per request (dispatch) and inside each write (`db` is
 * then its transaction). PostgreSQL: one read of the newest audit id (the primary key's last entry);
 * when another server process wrote, the entries since tell what it touched.
 */
export async function catchUpWithOtherWriters(ctx: Ctx, db: Kysely<Database> = ctx.ledger.db): Promise<void> {
  if (ctx.ledger.engine === 'sqlite') return noticeOtherWriters(ctx);
  const last = await latestAuditId(db);
  // Not newer than what we know: nothing new. Older happens when this process's own write committed
  // while the id was read; reading "since" then found no entries, which counted as "everything changed"
  // and rebuilt the organization index under load.
  if (last <= ctx.auditSeen) return;
  record(ctx, await orgsTouchedSinceAsync(db, ctx.auditSeen));
}

function record(ctx: Ctx, touched: { orgs: Set<number> | 'all'; lastId: number; kinds?: ReadonlySet<string> | null }): void {
  noteWrite(ctx, touched.kinds ?? null);
  ctx.auditSeen = touched.lastId;
  if (touched.orgs === 'all' || ctx.orgChanges === 'all') ctx.orgChanges = 'all';
  else for (const id of touched.orgs) ctx.orgChanges.add(id);
}

const WRITE_LOG_LENGTH = 500;

/** A committed write (this process's or another's), with the kinds of audit entry it left if known. */
export function noteWrite(ctx: Ctx, kinds: ReadonlySet<string> | null): void {
  ctx.generation++;
  ctx.writeLog.push({ generation: ctx.generation, kinds });
  if (ctx.writeLog.length > WRITE_LOG_LENGTH) ctx.writeLog.splice(0, ctx.writeLog.length - WRITE_LOG_LENGTH);
}

/** Whether every write after `generation` is in the log with kinds all `blind` to. */
function onlyWritesBlindTo(ctx: Ctx, generation: number, blind: (kind: string) => boolean): boolean {
  const log = ctx.writeLog;
  const first = log.findIndex((w) => w.generation === generation + 1);
  if (first < 0 || log.length - first !== ctx.generation - generation) return false;
  for (let i = first; i < log.length; i++) {
    const kinds = log[i]?.kinds;
    if (!kinds) return false;
    for (const k of kinds) if (!blind(k)) return false;
  }
  return true;
}

/**
 * A value derived from the whole ledger, rebuilt only after a write or when `key` changes. With
 * `blindTo`, writes that left only audit entries of kinds it accepts (`entity:action`, e.g. an
 * activity for the party organization list) keep the value: under 50 clerks a tenth of whose requests
 * save something, rebuilding after every save was most of the server's work.
 */
export function cached<T>(ctx: Ctx, name: string, key: string, build: () => T, blindTo?: (kind: string) => boolean): T {
  noticeOtherWriters(ctx);
  const hit = ctx.caches.get(name);
  if (hit && hit.key === key) {
    if (hit.generation === ctx.generation) return hit.value as T;
    if (blindTo && onlyWritesBlindTo(ctx, hit.generation, blindTo)) {
      hit.generation = ctx.generation;
      return hit.value as T;
    }
  }
  const value = build();
  ctx.caches.set(name, { generation: ctx.generation, key, value });
  return value;
}
