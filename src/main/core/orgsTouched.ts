/**
 * Which organizations' list rows another process's writes changed, read back from the audit log that
 * every write leaves in the same transaction. Without it each such write would rebuild the whole
 * organization index (5 s at 100,000 organizations on a busy machine). It mirrors what each service
 * names with `touchOrgs`; any entry it does not know, or a change with no entry at all, means
 * "everything".
 */
import type SQLite from 'better-sqlite3';

/** Entries that change no organization's list row (their services call `touchOrgs([])`). */
const NO_ORGS = new Set([
  'instructor:create',
  'instructor:update',
  'class:set',
  'rating:set',
  'settings:update',
  'region:create',
  'exchange:export',
]);

const MAX_ENTRIES = 5000;

interface Entry {
  id: number;
  entity: string;
  entity_id: number;
  action: string;
  before: string | null;
  after: string | null;
}

const coveredIds = (json: string | null): number[] | null => {
  if (json === null) return [];
  const ids = (JSON.parse(json) as { coveredOrgIds?: unknown }).coveredOrgIds;
  return Array.isArray(ids) && ids.every((n) => Number.isInteger(n)) ? (ids as number[]) : null;
};

/** The organizations touched by entries after `sinceId`, or 'all'; and the newest entry's id. */
export function orgsTouchedSince(sqlite: SQLite.Database, sinceId: number): { orgs: Set<number> | 'all'; lastId: number } {
  const rows = sqlite
    .prepare('SELECT id, entity, entity_id, action, before, after FROM audit_log WHERE id > ? ORDER BY id LIMIT ?')
    .all(sinceId, MAX_ENTRIES + 1) as Entry[];
  const lastId = rows.at(-1)?.id ?? sinceId;
  if (rows.length === 0 || rows.length > MAX_ENTRIES) return { orgs: 'all', lastId: latestAuditId(sqlite) };
  const orgs = new Set<number>();
  for (const r of rows) {
    const kind = `${r.entity}:${r.action}`;
    if (NO_ORGS.has(kind) || r.entity === 'case') continue;
    // A year's 党员发展 figures are kept under the organization's id; this year's are its counts.
    if (r.entity === 'org' || r.entity === 'member_year') orgs.add(r.entity_id);
    else if (kind === 'assignment:create' || kind === 'assignment:end') {
      const a = sqlite.prepare('SELECT org_id FROM assignments WHERE id = ?').get(r.entity_id) as { org_id: number } | undefined;
      if (!a) return { orgs: 'all', lastId };
      orgs.add(a.org_id);
    } else if (kind === 'partyOrg:create' || kind === 'partyOrg:update' || kind === 'partyOrg:delete') {
      const ids = [coveredIds(r.before), coveredIds(r.after)];
      if (ids.some((x) => x === null)) return { orgs: 'all', lastId };
      for (const id of ids.flat() as number[]) orgs.add(id);
    } else return { orgs: 'all', lastId };
  }
  return { orgs, lastId };
}

export function latestAuditId(sqlite: SQLite.Database): number {
  return (sqlite.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM audit_log').get() as { id: number }).id;
}
