/**
 * Which organizations' list rows another process's writes changed, read back from the audit log that
 * every write leaves in the same transaction. Without it each such write would rebuild the whole
 * organization index (5 s at 100,000 organizations on a busy machine). It mirrors what each service
 * names with `touchOrgs`; any entry it does not know, or a change with no entry at all, means
 * "everything".
 */
import type SQLite from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import type { Database } from './schema';

/** Entries that change no organization's list row (their services call `touchOrgs([])`). */
const NO_ORGS = new Set([
  'instructor:create',
  'instructor:update',
  'class:set',
  'rating:set',
  'settings:update',
  'region:create',
  'exchange:export',
  // A party organization's 组织生活 and 经费 are not on any organization's list row.
  'activity:create',
  'activity:update',
  'activity:delete',
  'funding:create',
  'funding:update',
  'funding:delete',
]);

/** Whether an audit entry of this kind leaves every organization's list row as it was. */
export function changesNoOrg(entity: string, action: string): boolean {
  return NO_ORGS.has(`${entity}:${action}`);
}

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

/** The organizations touched, the newest entry, and the kinds of entry (`entity:action`; null: not read). */
type Touched = { orgs: Set<number> | 'all'; lastId: number; kinds: ReadonlySet<string> | null };

/**
 * What `rows` (entries after `sinceId`, in id order, at most MAX_ENTRIES + 1) touched; `orgOfAssignment`
 * answers for the assignment entries among them. Shared by the SQLite and PostgreSQL readers below.
 */
function touchedBy(rows: Entry[], sinceId: number, orgOfAssignment: (id: number) => number | undefined): Touched | 'too many' {
  const lastId = rows.at(-1)?.id ?? sinceId;
  if (rows.length === 0 || rows.length > MAX_ENTRIES) return 'too many';
  const kinds = new Set(rows.map((r) => `${r.entity}:${r.action}`));
  const orgs = new Set<number>();
  for (const r of rows) {
    const kind = `${r.entity}:${r.action}`;
    if (NO_ORGS.has(kind) || r.entity === 'case') continue;
    // A year's 党员发展 figures are kept under the organization's id; this year's are its counts.
    // So are its 群团组织 (an organization's save that ticks 建有工会 adds one in the same write).
    if (r.entity === 'org' || r.entity === 'member_year' || r.entity === 'mass_org') orgs.add(r.entity_id);
    else if (kind === 'assignment:create' || kind === 'assignment:end') {
      const org = orgOfAssignment(r.entity_id);
      if (org === undefined) return { orgs: 'all', lastId, kinds };
      orgs.add(org);
    } else if (kind === 'partyOrg:create' || kind === 'partyOrg:update' || kind === 'partyOrg:delete') {
      const ids = [coveredIds(r.before), coveredIds(r.after)];
      if (ids.some((x) => x === null)) return { orgs: 'all', lastId, kinds };
      for (const id of ids.flat() as number[]) orgs.add(id);
    } else return { orgs: 'all', lastId, kinds };
  }
  return { orgs, lastId, kinds };
}

/** The organizations touched by entries after `sinceId`, or 'all'; and the newest entry's id (SQLite, synchronous). */
export function orgsTouchedSince(sqlite: SQLite.Database, sinceId: number): Touched {
  const rows = sqlite
    .prepare('SELECT id, entity, entity_id, action, before, after FROM audit_log WHERE id > ? ORDER BY id LIMIT ?')
    .all(sinceId, MAX_ENTRIES + 1) as Entry[];
  const orgOf = sqlite.prepare('SELECT org_id FROM assignments WHERE id = ?');
  const out = touchedBy(rows, sinceId, (id) => (orgOf.get(id) as { org_id: number } | undefined)?.org_id);
  return out === 'too many' ? { orgs: 'all', lastId: latestAuditIdSqlite(sqlite), kinds: null } : out;
}

/** The same through kysely, for PostgreSQL (works on SQLite too); `db` may be a transaction. */
export async function orgsTouchedSinceAsync(db: Kysely<Database>, sinceId: number): Promise<Touched> {
  const rows: Entry[] = await db
    .selectFrom('audit_log')
    .select(['id', 'entity', 'entity_id', 'action', 'before', 'after'])
    .where('id', '>', sinceId)
    .orderBy('id')
    .limit(MAX_ENTRIES + 1)
    .execute();
  const assignmentIds = rows.filter((r) => r.entity === 'assignment').map((r) => r.entity_id);
  const orgOf = new Map<number, number>();
  if (assignmentIds.length && rows.length <= MAX_ENTRIES) {
    const found = await db.selectFrom('assignments').select(['id', 'org_id']).where('id', 'in', assignmentIds).execute();
    for (const a of found) orgOf.set(a.id, a.org_id);
  }
  const out = touchedBy(rows, sinceId, (id) => orgOf.get(id));
  return out === 'too many' ? { orgs: 'all', lastId: await latestAuditId(db), kinds: null } : out;
}

export function latestAuditIdSqlite(sqlite: SQLite.Database): number {
  return (sqlite.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM audit_log').get() as { id: number }).id;
}

/** The newest audit entry's id (0 for none): every write leaves one, so it changes when anything was written. */
export async function latestAuditId(db: Kysely<Database>): Promise<number> {
  const { id } = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.coalesce(eb.fn.max('id'), sql<number>`0`).as('id'))
    .executeTakeFirstOrThrow();
  return Number(id);
}
