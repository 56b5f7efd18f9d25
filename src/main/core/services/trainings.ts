/** 培训班: classes with their 期数 / 人次 and the attendees known by name. */

import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import { TRAINING_TARGETS, type TrainingTarget } from '../../../shared/domain/trainingCodes';
import {
  COUNTY_LEVEL,
  type TrainingAttendee,
  type TrainingAttendeeInput,
  type TrainingDetail,
  type TrainingFields,
  type TrainingListRow,
  type TrainingPage,
  type TrainingTotalRow,
  trainingFieldsSchema,
  type trainingsListSchema,
} from '../../../shared/records/trainings';
import { matchesName } from '../../../shared/rules/hanzi';
import { describeErrors, fieldErrors } from '../../../shared/schemas';
import { assertRegion, mayTouchRegion, visibleRegions } from '../caller';
import { camelDb } from '../camel';
import type { Ctx } from '../context';
import { AppError, notFound } from '../errors';
import { initialsOf } from '../pinyin';
import type { CamelColumns, CamelDatabase, Database, TrainingTable } from '../schema';
import { type Writer, write } from '../write';
import { inCallerRegions } from './recordScope';

type ListInput = z.output<typeof trainingsListSchema>;
type Db = Kysely<CamelDatabase>;

/** What the audit row keeps of a class: its fields, the attendees as references and names. */
type Snapshot = Omit<TrainingFields, 'attendees'> & { attendees: TrainingAttendeeInput[] };

/** The form's fields of a stored class, in the form's order (the audit row's). */
function fieldsOf(r: Selectable<CamelColumns<TrainingTable>>): Omit<TrainingFields, 'attendees'> {
  const { startDate, endDate, topic, target, organizer, regionId, place, sessions, attendances, remarks } = r;
  return { startDate, endDate, topic, target, organizer, regionId, place, sessions, attendances, remarks };
}

function label(
  a: { partyOrgId: number | null; instructorId: number | null; name: string | null; unit: string | null },
  poName: string | null,
) {
  if (a.partyOrgId != null) return `${a.name ?? '书记'}（${poName ?? '已删除的党组织'}书记）`;
  if (a.instructorId != null) return `${a.name ?? ''}（指导员）`;
  return a.unit ? `${a.name}（${a.unit}）` : (a.name ?? '');
}

async function attendeesOf(db: Db, trainingId: number): Promise<TrainingAttendee[]> {
  const rows = await db
    .selectFrom('training_attendees as a')
    .leftJoin('party_orgs as p', 'p.id', 'a.partyOrgId')
    .leftJoin('instructors as i', 'i.id', 'a.instructorId')
    .select(['a.partyOrgId', 'a.instructorId', 'a.name', 'a.unit', 'p.name as partyOrgName', 'i.name as instructorName'])
    .where('a.trainingId', '=', trainingId)
    .where((eb) => eb.or([eb('a.partyOrgId', 'is', null), inCallerRegions('p.regionId')]))
    .orderBy('a.sortOrder')
    .execute();
  return rows.map(({ partyOrgName, instructorName, ...r }) => {
    const a = { ...r, name: r.name ?? instructorName };
    return { ...a, label: label(a, partyOrgName) } satisfies TrainingAttendee;
  });
}

async function readRow(db: Db, id: number) {
  return db.selectFrom('trainings').selectAll().where('id', '=', id).where('deletedAt', 'is', null).executeTakeFirst();
}

export async function getTraining(ctx: Ctx, id: number): Promise<TrainingDetail> {
  const db = camelDb(ctx.ledger.db);
  const row = await readRow(db, id);
  if (!row) throw notFound('培训班', id);
  // A county-level class is everyone's to read; a region's only its own region's.
  if (row.regionId != null) assertRegion(row.regionId, '培训班', id);
  const region =
    row.regionId == null ? null : await db.selectFrom('regions').select('name').where('id', '=', row.regionId).executeTakeFirst();
  return {
    id,
    ...fieldsOf(row),
    regionName: region?.name ?? COUNTY_LEVEL,
    attendees: await attendeesOf(db, id),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Topic or organizer containing the text, or the topic's pinyin initials (`yzpx` finds 业主培训…). */
function matches(r: { topic: string; organizer: string; topicInitials: string }, query: string): boolean {
  return matchesName(query, [r.topic, r.organizer], r.topicInitials);
}

export async function listTrainings(ctx: Ctx, input: ListInput): Promise<TrainingPage> {
  const db = camelDb(ctx.ledger.db);
  let q = db
    .selectFrom('trainings as t')
    .leftJoin('regions as r', 'r.id', 't.regionId')
    .select([
      't.id',
      't.startDate',
      't.endDate',
      't.topic',
      't.topicInitials',
      't.target',
      't.organizer',
      't.regionId',
      'r.name as regionName',
      't.place',
      't.sessions',
      't.attendances',
    ])
    .select((eb) =>
      eb
        .selectFrom('training_attendees as a')
        .select((e) => e.fn.countAll<number>().as('n'))
        .leftJoin('party_orgs as ap', 'ap.id', 'a.partyOrgId')
        .whereRef('a.trainingId', '=', 't.id')
        .where((e) => e.or([e('a.partyOrgId', 'is', null), inCallerRegions('ap.regionId')]))
        .as('attendeeCount'),
    )
    .where('t.deletedAt', 'is', null)
    .orderBy('t.startDate', 'desc')
    .orderBy('t.id', 'desc');
  if (visibleRegions() !== null) q = q.where((eb) => eb.or([eb('t.regionId', 'is', null), inCallerRegions('t.regionId')]));
  if (input.year != null) q = q.where('t.year', '=', input.year);
  if (input.regionId != null) q = q.where('t.regionId', '=', input.regionId);
  if (input.countyLevel) q = q.where('t.regionId', 'is', null);
  if (input.target != null) q = q.where('t.target', '=', input.target);
  if (input.instructorId != null) {
    const who = input.instructorId;
    q = q.where((eb) =>
      eb.exists(
        eb.selectFrom('training_attendees as a').select('a.id').whereRef('a.trainingId', '=', 't.id').where('a.instructorId', '=', who),
      ),
    );
  }
  const query = input.query?.trim() ?? '';
  const found = (await q.execute()).filter((r) => matches(r, query));
  const rows = found.slice(input.offset, input.offset + input.limit).map(
    ({ topicInitials: _, regionName, attendeeCount, ...r }): TrainingListRow => ({
      ...r,
      regionName: regionName ?? COUNTY_LEVEL,
      attendeeCount: Number(attendeeCount ?? 0),
    }),
  );
  return {
    total: found.length,
    rows,
    sums: {
      sessions: found.reduce((s, r) => s + r.sessions, 0),
      attendances: found.reduce((s, r) => s + r.attendances, 0),
    },
  };
}

/**
 * 期数 and 人次 of one year's classes by region (null = the county's own) and target group: the
 * figures the yearly statistics table and 培训情况统计表 add up. Only groups with a class appear.
 */
export async function trainingTotals(
  db: Kysely<Database>,
  year: number,
): Promise<{ regionId: number | null; target: string; sessions: number; attendances: number }[]> {
  const rows = await camelDb(db)
    .selectFrom('trainings')
    .select(['regionId', 'target'])
    .select((eb) => [eb.fn.sum<number>('sessions').as('sessions'), eb.fn.sum<number>('attendances').as('attendances')])
    .where('deletedAt', 'is', null)
    .where('year', '=', year)
    .where(inCallerRegions('regionId'))
    .groupBy(['regionId', 'target'])
    .execute();
  const order = (t: string) => TRAINING_TARGETS.findIndex((x) => x.code === t);
  return rows
    .map((r) => ({ ...r, sessions: Number(r.sessions), attendances: Number(r.attendances) }))
    .sort((a, b) => (a.regionId ?? 0) - (b.regionId ?? 0) || order(a.target) - order(b.target));
}

/** trainingTotals with the regions named and in the county's order, the county's own classes first. */
export async function trainingTotalsByRegion(ctx: Ctx, year: number): Promise<TrainingTotalRow[]> {
  const regions = await ctx.ledger.db.selectFrom('regions').select(['id', 'name', 'sort_order']).execute();
  const byId = new Map(regions.map((r) => [r.id, r]));
  const place = (id: number | null) => (id == null ? -1 : (byId.get(id)?.sort_order ?? Number.MAX_SAFE_INTEGER));
  return (await trainingTotals(ctx.ledger.db, year))
    .map((t) => ({
      ...t,
      target: t.target as TrainingTarget,
      regionName: t.regionId == null ? COUNTY_LEVEL : (byId.get(t.regionId)?.name ?? ''),
    }))
    .sort((a, b) => place(a.regionId) - place(b.regionId) || (a.regionId ?? 0) - (b.regionId ?? 0));
}

/**
 * Dates, region and the referenced people must exist; the class must have been held (not after today;
 * `today` null when the caller checked that already, as an import's preview does).
 */
async function checkAndName(w: Writer, f: TrainingFields, today: string | null): Promise<TrainingAttendeeInput[]> {
  if (today != null && f.endDate > today) {
    throw new AppError('invalid_input', `「结束日期」不能晚于今天（${today}）：只登记已经举办的培训班`, [
      { path: 'endDate', message: '不能晚于今天' },
    ]);
  }
  assertMayHold(f.regionId);
  if (f.regionId != null) {
    const region = await w.trx
      .selectFrom('regions')
      .select('id')
      .where('id', '=', f.regionId)
      .where(inCallerRegions('id'))
      .executeTakeFirst();
    if (!region) throw new AppError('invalid_input', `「所属属地」编号${f.regionId}不存在`, [{ path: 'regionId', message: '不存在' }]);
  }
  const poIds = f.attendees.flatMap((a) => (a.partyOrgId != null ? [a.partyOrgId] : []));
  const instructorIds = f.attendees.flatMap((a) => (a.instructorId != null ? [a.instructorId] : []));
  const pos = poIds.length
    ? await w.trx
        .selectFrom('party_orgs')
        .select(['id', 'secretary_name'])
        .where('id', 'in', poIds)
        .where('deleted_at', 'is', null)
        .where(inCallerRegions('region_id'))
        .execute()
    : [];
  const instructors = instructorIds.length
    ? await w.trx
        .selectFrom('instructors')
        .select(['id', 'name'])
        .where('id', 'in', instructorIds)
        .where('deleted_at', 'is', null)
        .execute()
    : [];
  const secretaries = new Map(pos.map((p) => [p.id, p.secretary_name]));
  const instructorNames = new Map(instructors.map((i) => [i.id, i.name]));
  const missingPo = poIds.filter((i) => !secretaries.has(i));
  if (missingPo.length) throw new AppError('invalid_input', `「参训人员」中的党组织编号${missingPo.join('、')}不存在或已删除`);
  const missingI = instructorIds.filter((i) => !instructorNames.has(i));
  if (missingI.length) throw new AppError('invalid_input', `「参训人员」中的指导员编号${missingI.join('、')}不存在或已删除`);
  return f.attendees.map((a) => {
    if (a.partyOrgId != null) return { ...a, name: a.name ?? secretaries.get(a.partyOrgId) ?? null };
    if (a.instructorId != null) return { ...a, name: instructorNames.get(a.instructorId) ?? a.name };
    return a;
  });
}

/** A 乡镇经办 reads the county's own classes but keeps only their regions' (null = the county's). */
function assertMayHold(regionId: number | null): void {
  if (regionId == null && !mayTouchRegion(null))
    throw new AppError('forbidden', '县级培训班由县级经办登记，乡镇经办只能登记本属地的培训班');
}

/** A class the caller may change: another region's is not found, the county's own is read-only. */
function assertMayChange(before: Snapshot, id: number): void {
  if (before.regionId != null) assertRegion(before.regionId, '培训班', id);
  assertMayHold(before.regionId);
}

/**
 * The attendees of other regions' party organizations, which a 乡镇经办's form never showed: an update
 * of the attendee list keeps them rather than dropping what the clerk could not see.
 */
async function hiddenAttendees(w: Writer, attendees: TrainingAttendeeInput[]): Promise<TrainingAttendeeInput[]> {
  const ids = attendees.flatMap((a) => (a.partyOrgId != null ? [a.partyOrgId] : []));
  if (visibleRegions() === null || !ids.length) return [];
  const pos = await w.trx.selectFrom('party_orgs').select(['id', 'region_id']).where('id', 'in', ids).execute();
  const hidden = new Set(pos.filter((p) => !mayTouchRegion(p.region_id)).map((p) => p.id));
  return attendees.filter((a) => a.partyOrgId != null && hidden.has(a.partyOrgId));
}

function columns({ attendees: _, ...f }: TrainingFields, now: string) {
  return { ...f, year: Number(f.startDate.slice(0, 4)), topicInitials: initialsOf(f.topic), updatedAt: now };
}

async function setAttendees(w: Writer, trainingId: number, attendees: TrainingAttendeeInput[]): Promise<void> {
  const trx = camelDb(w.trx);
  await trx.deleteFrom('training_attendees').where('trainingId', '=', trainingId).execute();
  if (!attendees.length) return;
  await trx
    .insertInto('training_attendees')
    .values(
      attendees.map(({ partyOrgId, instructorId, name, unit }, i) => ({
        trainingId,
        partyOrgId,
        instructorId,
        name,
        unit: partyOrgId == null && instructorId == null ? unit : null,
        sortOrder: i + 1,
      })),
    )
    .execute();
}

async function snapshotOf(source: Kysely<Database>, id: number): Promise<Snapshot | null> {
  const db = camelDb(source);
  const row = await readRow(db, id);
  if (!row) return null;
  const attendees = await db
    .selectFrom('training_attendees')
    .select(['partyOrgId', 'instructorId', 'name', 'unit'])
    .where('trainingId', '=', id)
    .orderBy('sortOrder')
    .execute();
  return { ...fieldsOf(row), attendees: attendees satisfies TrainingAttendeeInput[] };
}

/** Inside a caller's transaction (imports, the demo county). */
export async function createTrainingIn(
  w: Writer,
  f: TrainingFields,
  today: string | null,
  audit: Record<string, unknown> = {},
): Promise<number> {
  const attendees = await checkAndName(w, f, today);
  const { id } = await camelDb(w.trx)
    .insertInto('trainings')
    .values({ ...columns(f, w.now), createdAt: w.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await setAttendees(w, id, attendees);
  await w.audit('training', id, 'create', null, { ...f, attendees, ...audit });
  w.touchOrgs([]);
  return id;
}

export async function createTraining(ctx: Ctx, f: TrainingFields): Promise<TrainingDetail> {
  const id = await write(ctx, (w) => createTrainingIn(w, f, ctx.today()));
  return getTraining(ctx, id);
}

/** The attendees are replaced as a set: the form sends the whole list. */
export async function updateTraining(ctx: Ctx, id: number, f: TrainingFields): Promise<TrainingDetail> {
  await write(ctx, (w) => updateTrainingIn(w, id, f, ctx.today()));
  return getTraining(ctx, id);
}

/** Inside a caller's transaction (imports). */
export async function updateTrainingIn(
  w: Writer,
  id: number,
  f: TrainingFields,
  today: string | null,
  audit: Record<string, unknown> = {},
): Promise<void> {
  const before = await snapshotOf(w.trx, id);
  if (!before) throw notFound('培训班', id);
  assertMayChange(before, id);
  const attendees = [...(await checkAndName(w, f, today)), ...(await hiddenAttendees(w, before.attendees))];
  await camelDb(w.trx).updateTable('trainings').set(columns(f, w.now)).where('id', '=', id).execute();
  await setAttendees(w, id, attendees);
  await w.audit('training', id, 'update', before, { ...f, attendees, ...audit });
  w.touchOrgs([]);
}

/** What an import compares a row with and keeps of a class: its fields and attendees (ids, names). */
export async function trainingSnapshots(db: Kysely<Database>): Promise<{ id: number; fields: Snapshot }[]> {
  const rows = await db.selectFrom('trainings').select('id').where('deleted_at', 'is', null).execute();
  const out: { id: number; fields: Snapshot }[] = [];
  for (const r of rows) {
    const s = await snapshotOf(db, r.id);
    if (s) out.push({ id: r.id, fields: s });
  }
  return out;
}

/** Soft delete: the class leaves every list and count; the audit row keeps it whole. */
export async function deleteTraining(ctx: Ctx, id: number): Promise<{ id: number }> {
  await write(ctx, async (w) => {
    const before = await snapshotOf(w.trx, id);
    if (!before) throw notFound('培训班', id);
    assertMayChange(before, id);
    await w.trx.updateTable('trainings').set({ deleted_at: w.now, updated_at: w.now }).where('id', '=', id).execute();
    await w.audit('training', id, 'delete', before, null);
    w.touchOrgs([]);
  });
  return { id };
}

/** A demo county's class: its region and attendees by name (the ids are made when it loads). */
export interface SeedTraining extends Omit<z.input<typeof trainingFieldsSchema>, 'regionId' | 'attendees'> {
  regionName: string | null;
  attendees: { partyOrgName?: string; instructorName?: string; name?: string; unit?: string | null }[];
}

/** Inside the demo county's load: names become ids, each class is checked by the form's schema. */
export async function loadTrainingSeed(w: Writer, trainings: SeedTraining[], today: string): Promise<void> {
  if (!trainings.length) return;
  const ids = async (table: 'regions' | 'party_orgs' | 'instructors') => {
    let q = w.trx.selectFrom(table).select(['id', 'name']);
    if (table !== 'regions') q = q.where('deleted_at', 'is', null);
    return new Map((await q.execute()).map((r) => [r.name, r.id]));
  };
  const [regions, partyOrgs, instructors] = [await ids('regions'), await ids('party_orgs'), await ids('instructors')];
  const known = (map: Map<string, number>, name: string, what: string) => {
    const id = map.get(name);
    if (id == null) throw new AppError('invalid_input', `示例数据培训班中的${what}“${name}”不存在`);
    return id;
  };
  for (const t of trainings) {
    const input = trainingFieldsSchema.safeParse({
      ...t,
      regionId: t.regionName == null ? null : known(regions, t.regionName, '属地'),
      attendees: t.attendees.map((a) => ({
        partyOrgId: a.partyOrgName ? known(partyOrgs, a.partyOrgName, '党组织') : null,
        instructorId: a.instructorName ? known(instructors, a.instructorName, '指导员') : null,
        name: a.name ?? null,
        unit: a.unit ?? null,
      })),
    });
    if (!input.success) throw new AppError('invalid_input', `示例数据培训班“${t.topic}”有误：${describeErrors(fieldErrors(input.error))}`);
    await createTrainingIn(w, input.data, today);
  }
}
