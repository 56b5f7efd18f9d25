/**
 * Region scoping shared by the services and reports (issue #14): the caller's regions (caller.ts) as a
 * row predicate, as SQL (a parameter, a raw condition, a kysely condition), and the refusal of a record
 * or a write outside them. Outside a request and for every role but 乡镇经办 nothing is narrowed.
 */
import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import { assertRegion, mayTouchRegion, regionScope, visibleRegions } from '../caller';
import { notFound } from '../errors';
import type { Database } from '../schema';

/** A list's region filter (the one asked for, narrowed to the caller's) as a predicate on rows. */
export function inRegions(requested?: number | null): (row: { regionId: number }) => boolean {
  const scope = regionScope(requested);
  if (scope === null) return () => true;
  const allowed = new Set(scope);
  return (row) => allowed.has(row.regionId);
}

/**
 * The same filter for SQL: null (no filter) or a JSON array for
 * `(@regions IS NULL OR x.region_id IN (SELECT value FROM json_each(@regions)))`.
 */
export function regionsParam(requested?: number | null): string | null {
  const scope = regionScope(requested);
  return scope === null ? null : JSON.stringify(scope);
}

/**
 * The same filter as a kysely condition on a region id column (`p.region_id`): nothing narrowed is
 * `1 = 1`, nothing visible `1 = 0`.
 */
export function inRegionScope(column: string, requested?: number | null): RawBuilder<SqlBool> {
  const scope = regionScope(requested);
  if (scope === null) return sql<SqlBool>`1 = 1`;
  if (!scope.length) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`${sql.ref(column)} in (${sql.join(scope)})`;
}

/** A record created in or moved to a region the caller may not touch: refused as if the region did not exist. */
export function assertRegionWritable(regionId: number): void {
  if (!mayTouchRegion(regionId)) throw notFound('属地', regionId);
}

/**
 * ` AND column IN (…)` for a raw SQL query, '' when nothing is narrowed, ` AND 0` when nothing is
 * visible. The ids come from the session, never from the request, and are written as integers.
 */
export function regionSql(column: string): string {
  const scope = regionScope();
  if (scope === null) return '';
  const ids = scope.filter(Number.isInteger);
  return ids.length ? ` AND ${column} IN (${ids.join(', ')})` : ' AND 0';
}

/** The same condition for kysely's `.where(…)`: `column` is a region id column (`p.region_id`). */
export function inCallerRegions(column: string): RawBuilder<SqlBool> {
  const scope = regionScope();
  if (scope === null) return sql<SqlBool>`1 = 1`;
  if (!scope.length) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`${sql.ref(column)} in (${sql.join(scope)})`;
}

/**
 * Refuses a record (`what` `id`) whose party organization lies outside the caller's regions as if the
 * record did not exist, before anything of it is read back or written.
 */
export async function assertPartyOrgRegion(db: Kysely<Database>, partyOrgId: number, what: string, id: number): Promise<void> {
  if (visibleRegions() === null) return;
  const po = await db.selectFrom('party_orgs').select('region_id').where('id', '=', partyOrgId).executeTakeFirst();
  assertRegion(po?.region_id, what, id);
}

/** The rows of the caller's regions, for lists read from a service that does not narrow them itself. */
export function ofCallerRegions<T extends { regionId: number | null }>(rows: readonly T[]): T[] {
  return rows.filter((r) => mayTouchRegion(r.regionId));
}
