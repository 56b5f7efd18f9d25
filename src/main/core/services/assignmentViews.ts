/** 指导员选派 as an instructor's card and an organization's page both show them. */
import type { Kysely } from 'kysely';
import { isActiveOn } from '../../../shared/rules/coverage';
import type { AssignmentView } from '../../../shared/types';
import { visibleRegions } from '../caller';
import { camelDb } from '../camel';
import { inList } from '../dialect';
import type { Database } from '../schema';

/** Whose assignments: those of the listed instructors, or those to one organization. */
export type AssignmentsOf = { instructorIds: number[] } | { orgId: number };

/**
 * Assignments between a live instructor and a live organization of the caller's regions, newest first
 * (id breaks a tie), each marked active or not on `day`.
 */
export async function assignmentViews(db: Kysely<Database>, day: string, of: AssignmentsOf): Promise<AssignmentView[]> {
  let q = camelDb(db)
    .selectFrom('assignments as a')
    .innerJoin('instructors as i', 'i.id', 'a.instructorId')
    .innerJoin('orgs as o', 'o.id', 'a.orgId')
    .select(['a.id', 'a.instructorId', 'i.name as instructorName', 'a.orgId', 'o.name as orgName', 'a.fromDate', 'a.toDate'])
    .where('i.deletedAt', 'is', null)
    .where('o.deletedAt', 'is', null)
    .orderBy('a.fromDate', 'desc')
    .orderBy('a.id', 'desc');
  if ('orgId' in of) q = q.where('a.orgId', '=', of.orgId);
  // A whole county's instructors can be listed: one parameter, not one per id (SQLite stops at 32,766).
  else q = q.where(inList(db, 'a.instructor_id', of.instructorIds));
  const mine = visibleRegions();
  if (mine) q = q.where('o.regionId', 'in', mine.length ? mine : [-1]);
  const rows = await q.execute();
  return rows.map((a) => ({ ...a, active: isActiveOn(a, day) }) satisfies AssignmentView);
}
