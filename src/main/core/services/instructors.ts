/** 党建工作指导员 and their assignments to organizations. */

import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import { matchesName } from '../../../shared/rules/hanzi';
import { type assignSchema, instructorFieldsSchema } from '../../../shared/schemas';
import type { AssignmentView, Instructor, InstructorFields } from '../../../shared/types';
import { assertRegion, visibleRegions } from '../caller';
import { camelDb } from '../camel';
import type { Ctx } from '../context';
import { AppError, notFound } from '../errors';
import { formCodec } from '../formCodec';
import type { CamelDatabase, Database } from '../schema';
import { refuseLost, refuseStale } from '../versionCheck';
import { type Writer, write } from '../write';
import { assignmentViews } from './assignmentViews';
import { inCallerRegions } from './recordScope';

type Fields = z.output<typeof instructorFieldsSchema>;
type Assign = z.output<typeof assignSchema>;

/** The instructor form's columns and its 专职 box, from its schema. */
const instructorForm = formCodec(instructorFieldsSchema, 'i');

/** Live instructors as `i` with their form's fields selected, in InstructorFields' order, as stored (asInstructorFields decodes). */
export function instructorRows(db: Kysely<CamelDatabase>) {
  return db.selectFrom('instructors as i').select(instructorForm.columns).where('i.deletedAt', 'is', null);
}

/** A selected row with 专职 (stored 0/1) as the form's boolean; other columns pass. */
export const asInstructorFields = instructorForm.decode;

/**
 * The pool is the county's: a 乡镇经办 sees the instructors free today (no current assignment) and those
 * ever assigned to an organization of their regions — of the latter only those assignments. Null: all.
 */
async function visibleInstructorIds(db: Kysely<Database>, day: string, only?: number): Promise<Set<number> | null> {
  if (visibleRegions() === null) return null;
  const liveAssignments = (eb: ExpressionBuilder<Database, 'instructors'>) =>
    eb
      .selectFrom('assignments as a')
      .innerJoin('orgs as o', (j) => j.onRef('o.id', '=', 'a.org_id').on('o.deleted_at', 'is', null))
      .select(sql`1`.as('one'))
      .whereRef('a.instructor_id', '=', 'instructors.id');
  const rows = await db
    .selectFrom('instructors')
    .select('id')
    .where('deleted_at', 'is', null)
    .$if(only != null, (q) => q.where('id', '=', only as number))
    .where((eb) =>
      eb.or([
        eb.not(
          eb.exists(
            liveAssignments(eb)
              .where('a.from_date', '<=', day)
              .where((w) => w.or([w('a.to_date', 'is', null), w('a.to_date', '>=', day)])),
          ),
        ),
        eb.exists(liveAssignments(eb).where(inCallerRegions('o.region_id'))),
      ]),
    )
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** An instructor another region's clerk may not see is refused as if it did not exist. */
export async function assertInstructorVisible(db: Kysely<Database>, day: string, id: number): Promise<void> {
  const visible = await visibleInstructorIds(db, day, id);
  if (visible && !visible.has(id)) throw notFound('指导员', id);
}

export async function listInstructors(ctx: Ctx, query?: string): Promise<Instructor[]> {
  // Filtered here, not with LIKE: a county has tens of instructors, and names are matched 繁/简 alike.
  const visible = await visibleInstructorIds(ctx.ledger.db, ctx.today());
  const rows = (await instructorRows(camelDb(ctx.ledger.db)).select(['i.id', 'i.version']).orderBy('i.id').execute()).filter(
    (r) => (visible === null || visible.has(r.id)) && matchesName(query, [r.name, r.unit]),
  );
  const byInstructor = new Map<number, AssignmentView[]>();
  for (const a of await assignmentViews(ctx.ledger.db, ctx.today(), { instructorIds: rows.map((r) => r.id) })) {
    const theirs = byInstructor.get(a.instructorId);
    if (theirs) theirs.push(a);
    else byInstructor.set(a.instructorId, [a]);
  }
  return rows.map((r) => {
    const { id, version, ...fields } = asInstructorFields(r);
    const assignments = byInstructor.get(id) ?? [];
    return {
      id,
      ...fields,
      version: version ?? 1,
      activeAssignments: assignments.filter((a) => a.active).length,
      assignments,
    } satisfies Instructor;
  });
}

export async function getInstructor(ctx: Ctx, id: number): Promise<Instructor> {
  const row = await instructorRows(camelDb(ctx.ledger.db)).select('i.version').where('i.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('指导员', id);
  await assertInstructorVisible(ctx.ledger.db, ctx.today(), id);
  const assignments = await assignmentViews(ctx.ledger.db, ctx.today(), { instructorIds: [id] });
  const { version, ...fields } = asInstructorFields(row);
  return {
    id,
    ...fields,
    version: version ?? 1,
    activeAssignments: assignments.filter((a) => a.active).length,
    assignments,
  } satisfies Instructor;
}

export async function createInstructor(ctx: Ctx, f: Fields): Promise<Instructor> {
  const id = await write(ctx, (w) => createInstructorIn(w, f));
  return getInstructor(ctx, id);
}

/**
 * 姓名 + 工作单位 is an instructor's identity (the exchange file keys instructors by it): a second
 * live instructor with both the same would block the county's export.
 */
async function refuseDuplicate(w: Writer, f: Fields, selfId: number | null): Promise<void> {
  const same = await w.trx
    .selectFrom('instructors')
    .select('id')
    .where('deleted_at', 'is', null)
    .where('name', '=', f.name)
    .where((eb) => (f.unit == null ? eb('unit', 'is', null) : eb('unit', '=', f.unit)))
    .$if(selfId != null, (q) => q.where('id', '!=', selfId as number))
    .executeTakeFirst();
  if (same) {
    const unit = f.unit ? `工作单位“${f.unit}”` : '未填工作单位';
    throw new AppError('conflict', `已有同名指导员“${f.name}”（${unit}），同一工作单位不能重复登记同名指导员`, [
      { path: 'name', message: '与已有指导员的姓名和工作单位重复' },
    ]);
  }
}

/** Inside a caller's transaction (imports). */
export async function createInstructorIn(w: Writer, f: Fields, audit: Record<string, unknown> = {}): Promise<number> {
  await refuseDuplicate(w, f, null);
  const { id } = await camelDb(w.trx)
    .insertInto('instructors')
    .values({ ...instructorForm.encode(f), createdAt: w.now, updatedAt: w.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await w.audit('instructor', id, 'create', null, { ...f, ...audit });
  w.touchOrgs([]);
  return id;
}

export async function updateInstructor(ctx: Ctx, id: number, f: Fields, version?: number): Promise<Instructor> {
  await write(ctx, (w) => updateInstructorIn(w, id, f, {}, version));
  return getInstructor(ctx, id);
}

/** `version`: the one the clerk's screen read (a conflict when someone saved since); none from imports. */
export async function updateInstructorIn(
  w: Writer,
  id: number,
  f: Fields,
  audit: Record<string, unknown> = {},
  version?: number,
): Promise<void> {
  const trx = camelDb(w.trx);
  const read = () => instructorRows(trx).select('i.version').where('i.id', '=', id).executeTakeFirst();
  const stored = (r: NonNullable<Awaited<ReturnType<typeof read>>>) => {
    const { version, ...fields } = asInstructorFields(r);
    return { version: version ?? 1, fields: fields satisfies InstructorFields };
  };
  const row = await read();
  if (!row) throw notFound('指导员', id);
  await assertInstructorVisible(w.trx, w.today, id);
  const check = { entity: 'instructor', id, expected: version, mine: f } as const;
  await refuseStale(w, check, stored(row));
  await refuseDuplicate(w, f, id);
  const before = stored(row).fields;
  const saved = await trx
    .updateTable('instructors')
    .set({ ...instructorForm.encode(f), updatedAt: w.now, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .$if(version != null, (q) => q.where('version', '=', version as number))
    .executeTakeFirst();
  await refuseLost(w, check, saved, async () => {
    const now = await read();
    return now ? stored(now) : null;
  });
  await w.audit('instructor', id, 'update', before, { ...f, ...audit });
  w.touchOrgs([]);
}

export async function assignInstructor(ctx: Ctx, a: Assign): Promise<Instructor> {
  await write(ctx, (w) => assignInstructorIn(w, a));
  return getInstructor(ctx, a.instructorId);
}

/** Inside a caller's transaction (an exchange file's assignments, the demo county). */
export async function assignInstructorIn(w: Writer, a: Assign, audit: Record<string, unknown> = {}): Promise<number> {
  const instructor = await w.trx
    .selectFrom('instructors')
    .select('id')
    .where('id', '=', a.instructorId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!instructor) throw notFound('指导员', a.instructorId);
  await assertInstructorVisible(w.trx, w.today, a.instructorId);
  const org = await w.trx
    .selectFrom('orgs')
    .select(['id', 'region_id'])
    .where('id', '=', a.orgId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!org) throw notFound('两新组织', a.orgId);
  assertRegion(org.region_id, '两新组织', a.orgId);
  const overlapping = await w.trx
    .selectFrom('assignments')
    .select('id')
    .where('instructor_id', '=', a.instructorId)
    .where('org_id', '=', a.orgId)
    .where((eb) => eb.or([eb('to_date', 'is', null), eb('to_date', '>=', a.fromDate)]))
    .$if(a.toDate != null, (q) => q.where('from_date', '<=', a.toDate as string))
    .executeTakeFirst();
  if (overlapping) throw new AppError('conflict', '该指导员在这段时间内已选派到该组织，请勿重复选派');
  const row = { instructor_id: a.instructorId, org_id: a.orgId, from_date: a.fromDate, to_date: a.toDate, created_at: w.now };
  const { id } = await w.trx.insertInto('assignments').values(row).returning('id').executeTakeFirstOrThrow();
  await w.audit('assignment', id, 'create', null, { ...a, ...audit });
  await assignmentsChanged(w, [a.instructorId]);
  w.touchOrgs([a.orgId]);
  return id;
}

/**
 * An instructor's assignments are part of its exchange record, so a change to them moves its
 * updated_at: a first exchange then sees a change saved after a file's export as a conflict, not as
 * older than the file. Not its version: they are no field of its form, which a stale screen could write back.
 */
export async function assignmentsChanged(w: Writer, instructorIds: number[]): Promise<void> {
  if (!instructorIds.length) return;
  await w.trx
    .updateTable('instructors')
    .set({ updated_at: w.now })
    .where('id', 'in', [...new Set(instructorIds)])
    .execute();
}

export async function endAssignment(ctx: Ctx, assignmentId: number, toDate: string): Promise<Instructor> {
  const instructorId = await write(ctx, async (w) => {
    const trx = camelDb(w.trx);
    const row = await trx
      .selectFrom('assignments as a')
      .innerJoin('orgs as o', 'o.id', 'a.orgId')
      .select(['a.instructorId', 'a.orgId', 'a.fromDate', 'a.toDate', 'o.regionId'])
      .where('a.id', '=', assignmentId)
      .executeTakeFirst();
    if (!row) throw notFound('选派记录', assignmentId);
    assertRegion(row.regionId, '选派记录', assignmentId);
    if (toDate < row.fromDate) throw new AppError('invalid_input', `「截止日期」不能早于起始日期${row.fromDate}`);
    await trx.updateTable('assignments').set({ toDate }).where('id', '=', assignmentId).execute();
    await w.audit('assignment', assignmentId, 'end', { toDate: row.toDate }, { toDate });
    await assignmentsChanged(w, [row.instructorId]);
    w.touchOrgs([row.orgId]);
    return row.instructorId;
  });
  return getInstructor(ctx, instructorId);
}
