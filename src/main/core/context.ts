/** What every service receives: the open ledger, the clock, and the cache generation. */
import { todayIso } from '../../shared/rules/dates';
import type { Ledger } from './db';
import { latestAuditId, orgsTouchedSince } from './orgsTouched';

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
   * Organizations changed by writes since the organization index was last brought up to date,
   * or 'all' when a write did not say which (then the index is rebuilt whole).
   */
  orgChanges: Set<number> | 'all';
  /** SQLite's `data_version` when last looked at: it changes when another connection (process) commits. */
  dataVersion: number;
  /** The newest audit entry looked at, to tell what another process's writes touched. */
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
    orgChanges: new Set(),
    dataVersion: readDataVersion(ledger),
    auditSeen: latestAuditId(ledger.sqlite),
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
 */
export function noticeOtherWriters(ctx: Ctx): void {
  const v = readDataVersion(ctx.ledger);
  if (v === ctx.dataVersion) return;
  ctx.dataVersion = v;
  ctx.generation++;
  const { orgs, lastId } = orgsTouchedSince(ctx.ledger.sqlite, ctx.auditSeen);
  ctx.auditSeen = lastId;
  if (orgs === 'all' || ctx.orgChanges === 'all') ctx.orgChanges = 'all';
  else for (const id of orgs) ctx.orgChanges.add(id);
}

/** A value derived from the whole ledger, rebuilt only after a write or when `key` changes. */
export function cached<T>(ctx: Ctx, name: string, key: string, build: () => T): T {
  noticeOtherWriters(ctx);
  const hit = ctx.caches.get(name);
  if (hit && hit.generation === ctx.generation && hit.key === key) return hit.value as T;
  const value = build();
  ctx.caches.set(name, { generation: ctx.generation, key, value });
  return value;
}
