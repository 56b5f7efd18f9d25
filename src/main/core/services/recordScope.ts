/**
 * Region scoping shared by the record services (issue #14): the caller's regions as a row predicate, as
 * an SQL parameter, and the refusal of a write that would put a record into a region the caller may not
 * touch. Outside a request and for every role but 乡镇经办 nothing is narrowed.
 */
import { mayTouchRegion, regionScope } from '../caller';
import { notFound } from '../errors';

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

/** A record created in or moved to a region the caller may not touch: refused as if the region did not exist. */
export function assertRegionWritable(regionId: number): void {
  if (!mayTouchRegion(regionId)) throw notFound('属地', regionId);
}
