/** 组织生活与活动: meetings and activities of party organizations, and the gaps in them. */

import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { ActivityKind } from '../../../shared/domain/activityCodes';
import {
  type Activity,
  type ActivityFields,
  type ActivityGapRow,
  type activitiesListSchema,
  activityFieldsSchema,
  type activityGapsSchema,
} from '../../../shared/records/activities';
import { activityGaps } from '../../../shared/rules/activityGaps';
import { matchesName } from '../../../shared/rules/hanzi';
import { describeErrors, fieldErrors } from '../../../shared/schemas';
import type { Page } from '../../../shared/types';
import { camelDb } from '../camel';
import type { Ctx } from '../context';
import { AppError, notFound } from '../errors';
import type { CamelDatabase } from '../schema';
import { type Writer, write } from '../write';
import { partyOrgIdsMatching } from './partyOrgs';
import { assertPartyOrgRegion, inCallerRegions } from './recordScope';

type ListInput = z.output<typeof activitiesListSchema>;
type GapsInput = z.output<typeof activityGapsSchema>;

/** A live activity with its live party organization and region, in the caller's regions. */
function joined(db: Kysely<CamelDatabase>) {
  return db
    .selectFrom('activities as a')
    .innerJoin('party_orgs as p', (j) => j.onRef('p.id', '=', 'a.partyOrgId').on('p.deletedAt', 'is', null))
    .innerJoin('regions as r', 'r.id', 'p.regionId')
    .select([
      'a.id',
      'a.partyOrgId',
      'a.kind',
      'a.date',
      'a.topic',
      'a.expected',
      'a.attendance',
      'a.place',
      'a.remarks',
      'p.name as partyOrgName',
      'p.regionId',
      'r.name as regionName',
      'a.createdAt',
      'a.updatedAt',
    ])
    .where('a.deletedAt', 'is', null)
    .where(inCallerRegions('p.regionId'));
}

/** A stored activity (read through the camel view) as the form's fields, in the form's order. */
export function activityFieldsOf(r: ActivityFields): ActivityFields {
  const { partyOrgId, kind, date, topic, expected, attendance, place, remarks } = r;
  return { partyOrgId, kind, date, topic, expected, attendance, place, remarks };
}

/** Newest first; the year, region, party organization and kind filters, and the search box. */
export async function listActivities(ctx: Ctx, input: ListInput): Promise<Page<Activity>> {
  let query = joined(camelDb(ctx.ledger.db));
  if (input.year != null) query = query.where('a.date', '>=', `${input.year}-01-01`).where('a.date', '<=', `${input.year}-12-31`);
  if (input.regionId != null) query = query.where('p.regionId', '=', input.regionId);
  if (input.partyOrgId != null) query = query.where('a.partyOrgId', '=', input.partyOrgId);
  if (input.kind != null) query = query.where('a.kind', '=', input.kind);
  const q = input.query?.trim() ?? '';
  let rows: Activity[] = await query.orderBy('a.date', 'desc').orderBy('a.id', 'desc').execute();
  if (q) {
    // The party organization's name, its initials or 书记 (as every list searches), or a piece of the topic.
    const found = (await partyOrgIdsMatching(ctx, q)) ?? new Set<number>();
    rows = rows.filter((r) => found.has(r.partyOrgId) || matchesName(q, [r.topic]));
  }
  return { total: rows.length, rows: rows.slice(input.offset, input.offset + input.limit) };
}

export async function getActivity(ctx: Ctx, id: number): Promise<Activity> {
  const row = await joined(camelDb(ctx.ledger.db)).where('a.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('活动记录', id);
  return row satisfies Activity;
}

/**
 * The party organization must be live, and the day neither before it was founded nor (given `today`)
 * in the future. An import checks the day against today in its preview, row by row.
 */
async function assertRecordable(w: Writer, input: ActivityFields, today: string | null): Promise<void> {
  const po = await w.trx
    .selectFrom('party_orgs')
    .select(['id', 'founded_date'])
    .where('id', '=', input.partyOrgId)
    .where('deleted_at', 'is', null)
    .where(inCallerRegions('region_id'))
    .executeTakeFirst();
  if (!po) {
    throw new AppError('invalid_input', `「党组织」编号${input.partyOrgId}不存在或已删除`, [
      { path: 'partyOrgId', message: '党组织不存在或已删除' },
    ]);
  }
  if (today != null && input.date > today) {
    throw new AppError('invalid_input', `「活动日期」${input.date}晚于今天，只能登记已开展的活动`, [
      { path: 'date', message: '活动日期不能晚于今天' },
    ]);
  }
  if (po.founded_date && input.date < po.founded_date) {
    throw new AppError('invalid_input', `「活动日期」${input.date}早于党组织成立时间${po.founded_date}`, [
      { path: 'date', message: `不能早于党组织成立时间${po.founded_date}` },
    ]);
  }
}

function columns(input: ActivityFields) {
  return activityFieldsOf(input);
}

/** Inside a caller's transaction (imports). */
export async function createActivityIn(
  w: Writer,
  input: ActivityFields,
  audit: Record<string, unknown> = {},
  today: string | null = null,
): Promise<number> {
  await assertRecordable(w, input, today);
  const { id } = await camelDb(w.trx)
    .insertInto('activities')
    .values({ ...columns(input), createdAt: w.now, updatedAt: w.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await w.audit('activity', id, 'create', null, { ...input, ...audit });
  return id;
}

export async function createActivity(ctx: Ctx, input: ActivityFields): Promise<Activity> {
  const id = await write(ctx, (w) => createActivityIn(w, input, {}, ctx.today()));
  return getActivity(ctx, id);
}

async function readLive(w: Writer, id: number) {
  const row = await camelDb(w.trx)
    .selectFrom('activities')
    .selectAll()
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  if (!row) throw notFound('活动记录', id);
  await assertPartyOrgRegion(w.trx, row.partyOrgId, '活动记录', id);
  return row;
}

export async function updateActivity(ctx: Ctx, id: number, input: ActivityFields): Promise<Activity> {
  await write(ctx, (w) => updateActivityIn(w, id, input, {}, ctx.today()));
  return getActivity(ctx, id);
}

/** Inside a caller's transaction (imports). */
export async function updateActivityIn(
  w: Writer,
  id: number,
  input: ActivityFields,
  audit: Record<string, unknown> = {},
  today: string | null = null,
): Promise<void> {
  const before = activityFieldsOf(await readLive(w, id));
  await assertRecordable(w, input, today);
  await camelDb(w.trx)
    .updateTable('activities')
    .set({ ...columns(input), updatedAt: w.now })
    .where('id', '=', id)
    .execute();
  await w.audit('activity', id, 'update', before, { ...input, ...audit });
}

export async function deleteActivity(ctx: Ctx, id: number): Promise<{ id: number }> {
  await write(ctx, async (w) => {
    const before = activityFieldsOf(await readLive(w, id));
    await w.trx.updateTable('activities').set({ deleted_at: w.now, updated_at: w.now }).where('id', '=', id).execute();
    await w.audit('activity', id, 'delete', before, null);
  });
  return { id };
}

/** The 恳谈会 and 主题党日 gaps of the live party organizations, in region order, counted on `day` (default today). */
export async function listActivityGaps(ctx: Ctx, input: GapsInput): Promise<ActivityGapRow[]> {
  const day = input.day ?? ctx.today();
  const db = camelDb(ctx.ledger.db);
  const orgs = await db
    .selectFrom('party_orgs as p')
    .innerJoin('regions as r', 'r.id', 'p.regionId')
    .select(['p.id', 'p.name', 'p.method', 'p.foundedDate', 'p.regionId', 'r.name as regionName'])
    .where('p.deletedAt', 'is', null)
    .where(inCallerRegions('p.regionId'))
    .orderBy('r.sortOrder')
    .orderBy('p.id')
    .execute();
  const dates = new Map<number, { forum: string[]; theme: string[] }>();
  for (const a of await db
    .selectFrom('activities')
    .select(['partyOrgId', 'kind', 'date'])
    .where('deletedAt', 'is', null)
    .where('kind', 'in', ['forum', 'theme_day'])
    .where('date', '<=', day)
    .orderBy('id')
    .execute()) {
    const d = dates.get(a.partyOrgId) ?? { forum: [], theme: [] };
    (a.kind === 'forum' ? d.forum : d.theme).push(a.date);
    dates.set(a.partyOrgId, d);
  }
  const out: ActivityGapRow[] = [];
  for (const p of orgs) {
    if (input.regionId != null && p.regionId !== input.regionId) continue;
    if (input.partyOrgId != null && p.id !== input.partyOrgId) continue;
    const d = dates.get(p.id);
    const hits = activityGaps(
      { method: p.method, foundedDate: p.foundedDate, forumDates: d?.forum ?? [], themeDayDates: d?.theme ?? [] },
      day,
    );
    for (const h of hits) out.push({ partyOrgId: p.id, partyOrgName: p.name, regionName: p.regionName, code: h.code, reason: h.reason });
  }
  return out;
}

/** One activity of the demo county, its party organization by name. */
export interface SeedActivity {
  partyOrgName: string;
  kind: ActivityKind;
  date: string;
  topic: string | null;
  expected: number | null;
  attendance: number | null;
  place: string | null;
}

/**
 * The demo's activities, inside the seed's transaction: checked with the form's schema, written
 * straight in (they run to the day the demo was made, which may be after a test clock's today).
 */
export async function loadActivitySeed(w: Writer, rows: readonly SeedActivity[], partyOrgId: (name: string) => number): Promise<void> {
  const values = rows.map(({ partyOrgName, ...rest }) => {
    const parsed = activityFieldsSchema.safeParse({ ...rest, partyOrgId: partyOrgId(partyOrgName) });
    if (!parsed.success) {
      throw new AppError(
        'invalid_input',
        `示例数据中“${partyOrgName}”${rest.date}的组织生活有误：${describeErrors(fieldErrors(parsed.error))}`,
      );
    }
    return { ...columns(parsed.data), createdAt: w.now, updatedAt: w.now };
  });
  // SQLite takes at most 32,766 bound values in one statement.
  for (let i = 0; i < values.length; i += 500)
    await camelDb(w.trx)
      .insertInto('activities')
      .values(values.slice(i, i + 500))
      .execute();
}
