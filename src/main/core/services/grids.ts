/**
 * 1+N 网格: a 区域党支部's grids, the organizations in each, its 指导员 and 服务联系卡; statistics by grid and
 * the branch's “四个一” check.
 */

import { type InferResult, type Kysely, sql } from 'kysely';
import { VENUE_STANDARDS } from '../../../shared/domain/codes';
import {
  type FourCheckResult,
  type FourCheckRow,
  type GridDetail,
  type GridFields,
  type GridListRow,
  type GridStats,
  type GridStatsRow,
  gridFieldsSchema,
} from '../../../shared/records/grids';
import { judgeFourChecks, lastCompleteQuarter } from '../../../shared/rules/fourChecks';
import { matchesName } from '../../../shared/rules/hanzi';
import { describeErrors, fieldErrors } from '../../../shared/schemas';
import { assertRegion, mayTouchRegion } from '../caller';
import { camelDb } from '../camel';
import type { Ctx } from '../context';
import { groupConcat } from '../dialect';
import { AppError, notFound } from '../errors';
import { initialsOf } from '../pinyin';
import type { CamelDatabase } from '../schema';
import { type Writer, write } from '../write';
import { assertInstructorVisible } from './instructors';
import { orgIndex } from './orgIndex';
import { inRegionScope } from './recordScope';
import { getSettings } from './settings';

export interface GridListInput {
  regionId?: number;
  partyOrgId?: number;
  /** The grid an organization is in (OrgPage). */
  orgId?: number;
  /** The grids an instructor looks after (InstructorPage). */
  instructorId?: number;
  query?: string;
}

// Grids of deleted branches are gone with them; a deleted instructor or organization no longer counts.
function gridQuery(db: Kysely<CamelDatabase>) {
  const sums = db
    .selectFrom('grid_orgs as x')
    .innerJoin('orgs as o', (j) => j.onRef('o.id', '=', 'x.orgId').on('o.deletedAt', 'is', null))
    .select([
      'x.gridId',
      sql<number>`count(*)`.as('n'),
      sql<number>`sum(o.employees)`.as('e'),
      sql<number>`sum(o.formal_members)`.as('m'),
      groupConcat(db, sql`o.id`, ',').as('ids'),
    ])
    .groupBy('x.gridId')
    .as('s');
  return db
    .selectFrom('grids as g')
    .innerJoin('party_orgs as p', (j) => j.onRef('p.id', '=', 'g.partyOrgId').on('p.deletedAt', 'is', null))
    .innerJoin('regions as r', 'r.id', 'p.regionId')
    .leftJoin('instructors as i', (j) => j.onRef('i.id', '=', 'g.instructorId').on('i.deletedAt', 'is', null))
    .leftJoin(sums, 's.gridId', 'g.id')
    .select([
      'g.id',
      'g.name',
      'g.partyOrgId',
      'p.name as partyOrgName',
      'p.regionId',
      'r.name as regionName',
      'i.id as instructorId',
      'i.name as instructorName',
      'g.contactCards',
      'g.contactCardsDate',
      'g.remarks',
      'g.createdAt',
      'g.updatedAt',
      sql<number>`coalesce(s.n, 0)`.as('orgCount'),
      sql<number>`coalesce(s.e, 0)`.as('employees'),
      sql<number>`coalesce(s.m, 0)`.as('formalMembers'),
      /** Comma-separated ids, or null for a grid with no organization. */
      's.ids as orgIds',
    ])
    .where('g.deletedAt', 'is', null);
}

type GridSqlRow = InferResult<ReturnType<typeof gridQuery>>[number];

function toListRow({ createdAt, updatedAt, contactCards, orgCount, employees, formalMembers, orgIds, ...r }: GridSqlRow) {
  return {
    ...r,
    contactCards: contactCards === 1,
    orgCount: Number(orgCount),
    employees: Number(employees),
    formalMembers: Number(formalMembers),
    orgIds: orgIds
      ? String(orgIds)
          .split(',')
          .map(Number)
          .sort((a, b) => a - b)
      : [],
  } satisfies GridListRow;
}

/** Grid, branch or instructor name, or the pinyin initials of the grid's or branch's name, as the other search boxes. */
function matchesGrid(r: GridSqlRow, query: string): boolean {
  if (matchesName(query, [r.name, r.partyOrgName, r.instructorName])) return true;
  if (!/^[a-z0-9]+$/i.test(query)) return false;
  const q = query.toLowerCase();
  return initialsOf(r.name).includes(q) || initialsOf(r.partyOrgName).includes(q);
}

async function gridRows(ctx: Ctx, input: GridListInput): Promise<GridSqlRow[]> {
  const { orgId, partyOrgId, instructorId } = input;
  let q = gridQuery(camelDb(ctx.ledger.db)).where(inRegionScope('p.regionId', input.regionId));
  if (partyOrgId != null) q = q.where('g.partyOrgId', '=', partyOrgId);
  if (instructorId != null) q = q.where('i.id', '=', instructorId);
  if (orgId != null) q = q.where('g.id', 'in', (eb) => eb.selectFrom('grid_orgs').select('gridId').where('orgId', '=', orgId));
  const rows = await q.orderBy('r.sortOrder').orderBy('r.id').orderBy('p.id').orderBy('g.id').execute();
  const query = input.query?.trim() ?? '';
  return rows.filter((r) => matchesGrid(r, query));
}

export async function listGrids(ctx: Ctx, input: GridListInput): Promise<GridListRow[]> {
  return (await gridRows(ctx, input)).map(toListRow);
}

export async function getGrid(ctx: Ctx, id: number): Promise<GridDetail> {
  const db = camelDb(ctx.ledger.db);
  const row = await gridQuery(db).where('g.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('网格', id);
  assertRegion(row.regionId, '网格', id);
  const orgs = await db
    .selectFrom('grid_orgs as x')
    .innerJoin('orgs as o', (j) => j.onRef('o.id', '=', 'x.orgId').on('o.deletedAt', 'is', null))
    .innerJoin('regions as r', 'r.id', 'o.regionId')
    .select(['o.id', 'o.name', 'r.name as regionName', 'o.employees', 'o.formalMembers'])
    .where('x.gridId', '=', id)
    .orderBy('o.id')
    .execute();
  return { ...toListRow(row), orgs, createdAt: row.createdAt, updatedAt: row.updatedAt } satisfies GridDetail;
}

/** The grid as its audit row keeps it. */
async function snapshot(w: Writer, id: number): Promise<GridFields | null> {
  const trx = camelDb(w.trx);
  const row = await trx
    .selectFrom('grids as g')
    .innerJoin('party_orgs as p', 'p.id', 'g.partyOrgId')
    .select(['g.partyOrgId', 'g.name', 'g.instructorId', 'g.contactCards', 'g.contactCardsDate', 'g.remarks', 'p.regionId'])
    .where('g.id', '=', id)
    .where('g.deletedAt', 'is', null)
    .executeTakeFirst();
  // Another region's grid is as missing as a deleted one.
  if (!row || !mayTouchRegion(row.regionId)) return null;
  const { regionId: _, ...fields } = row;
  const orgs = await trx.selectFrom('grid_orgs').select('orgId').where('gridId', '=', id).orderBy('orgId').execute();
  return { ...fields, contactCards: row.contactCards === 1, orgIds: orgs.map((o) => o.orgId) } satisfies GridFields;
}

/**
 * The branch must be a live 区域化“1+N” party organization, the name free within it, the instructor live,
 * and each organization live, in the branch's region and in no other grid.
 */
async function assertGrid(w: Writer, f: GridFields, selfId: number | null): Promise<void> {
  const trx = camelDb(w.trx);
  const branch = await trx
    .selectFrom('party_orgs as p')
    .innerJoin('regions as r', 'r.id', 'p.regionId')
    .select(['p.id', 'p.name', 'p.method', 'p.regionId', 'r.name as regionName'])
    .where('p.id', '=', f.partyOrgId)
    .where('p.deletedAt', 'is', null)
    .executeTakeFirst();
  // Another region's branch is refused exactly as a missing one.
  if (!branch || !mayTouchRegion(branch.regionId)) throw new AppError('not_found', `区域党支部（编号${f.partyOrgId}）不存在或已删除`);
  if (branch.method !== 'regional') {
    throw new AppError('invalid_input', `“${branch.name}”不是区域化“1+N”党支部，只有区域党支部才能划分网格`, [
      { path: 'partyOrgId', message: '请选择区域化“1+N”党支部' },
    ]);
  }
  const same = await trx
    .selectFrom('grids')
    .select('id')
    .where('partyOrgId', '=', f.partyOrgId)
    .where('name', '=', f.name)
    .where('deletedAt', 'is', null)
    .$if(selfId != null, (q) => q.where('id', '!=', selfId as number))
    .executeTakeFirst();
  if (same) {
    throw new AppError('conflict', `“${branch.name}”已有名为“${f.name}”的网格`, [
      { path: 'name', message: '同一区域党支部下网格名称不能重复' },
    ]);
  }
  if (f.instructorId != null) {
    const instructor = await w.trx
      .selectFrom('instructors')
      .select('id')
      .where('id', '=', f.instructorId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!instructor)
      throw new AppError('invalid_input', `「指导员」编号${f.instructorId}不存在或已删除`, [
        { path: 'instructorId', message: '指导员不存在' },
      ]);
    await assertInstructorVisible(w.trx, w.today, f.instructorId);
  }
  if (f.orgIds.length === 0) return;
  const orgs = await trx
    .selectFrom('orgs')
    .select(['id', 'name', 'regionId'])
    .where('id', 'in', f.orgIds)
    .where('deletedAt', 'is', null)
    .execute();
  const found = new Set(orgs.map((o) => o.id));
  const missing = f.orgIds.filter((i) => !found.has(i));
  if (missing.length) throw new AppError('invalid_input', `「网格内组织」编号${missing.slice(0, 5).join('、')}不存在或已删除`);
  // Regions are one level (the county's townships, streets, 苏木 and parks): a grid stays within its branch's.
  const outside = orgs.filter((o) => o.regionId !== branch.regionId);
  if (outside.length) {
    const names = outside.slice(0, 3).map((o) => `“${o.name}”`);
    throw new AppError(
      'invalid_input',
      `${names.join('、')}${outside.length > 3 ? `等${outside.length}个组织` : ''}不在${branch.regionName}，区域党支部只能把本属地的组织划入网格`,
      [{ path: 'orgIds', message: `只能选择${branch.regionName}的组织` }],
    );
  }
  const taken = await liveMemberships(w, f.orgIds);
  const others = taken.filter((t) => t.gridId !== selfId);
  if (others.length) {
    const list = others
      .slice(0, 3)
      .map((t) => `“${t.orgName}”已在“${t.partyOrgName}”的“${t.gridName}”网格`)
      .join('；');
    throw new AppError('conflict', `${list}${others.length > 3 ? `等${others.length}个` : ''}，一个组织只能划入一个网格`, [
      { path: 'orgIds', message: '所选组织已在其他网格' },
    ]);
  }
}

/** Which of these organizations are in a live grid of a live branch, and which grid. */
async function liveMemberships(w: Writer, orgIds: number[]) {
  return camelDb(w.trx)
    .selectFrom('grid_orgs as x')
    .innerJoin('grids as g', 'g.id', 'x.gridId')
    .innerJoin('party_orgs as p', 'p.id', 'g.partyOrgId')
    .innerJoin('orgs as o', 'o.id', 'x.orgId')
    .select(['x.orgId', 'x.gridId', 'g.name as gridName', 'p.name as partyOrgName', 'o.name as orgName'])
    .where('x.orgId', 'in', orgIds)
    .where('g.deletedAt', 'is', null)
    .where('p.deletedAt', 'is', null)
    .execute();
}

async function setOrgs(w: Writer, gridId: number, orgIds: number[]): Promise<void> {
  await w.trx.deleteFrom('grid_orgs').where('grid_id', '=', gridId).execute();
  if (orgIds.length === 0) return;
  // A grid of a deleted branch still holds its rows; the organization is free, so they give way.
  await w.trx.deleteFrom('grid_orgs').where('org_id', 'in', orgIds).execute();
  await w.trx
    .insertInto('grid_orgs')
    .values(orgIds.map((org_id) => ({ grid_id: gridId, org_id })))
    .execute();
}

function columns({ orgIds: _, ...f }: GridFields) {
  return { ...f, contactCards: f.contactCards ? 1 : 0, contactCardsDate: f.contactCards ? f.contactCardsDate : null };
}

/** Inside a caller's transaction (imports, the demo county). */
export async function createGridIn(w: Writer, f: GridFields, audit: Record<string, unknown> = {}): Promise<number> {
  await assertGrid(w, f, null);
  const { id } = await camelDb(w.trx)
    .insertInto('grids')
    .values({ ...columns(f), createdAt: w.now, updatedAt: w.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await setOrgs(w, id, f.orgIds);
  await w.audit('grid', id, 'create', null, { ...f, ...audit });
  // No organization's list row changes: grids are not part of its coverage status.
  w.touchOrgs([]);
  return id;
}

export async function createGrid(ctx: Ctx, f: GridFields): Promise<GridDetail> {
  const id = await write(ctx, (w) => createGridIn(w, f));
  return getGrid(ctx, id);
}

export async function updateGridIn(w: Writer, id: number, f: GridFields, audit: Record<string, unknown> = {}): Promise<void> {
  const before = await snapshot(w, id);
  if (!before) throw notFound('网格', id);
  await assertGrid(w, f, id);
  await camelDb(w.trx)
    .updateTable('grids')
    .set({ ...columns(f), updatedAt: w.now })
    .where('id', '=', id)
    .execute();
  await setOrgs(w, id, f.orgIds);
  await w.audit('grid', id, 'update', before, { ...f, ...audit });
  w.touchOrgs([]);
}

export async function updateGrid(ctx: Ctx, id: number, f: GridFields): Promise<GridDetail> {
  await write(ctx, (w) => updateGridIn(w, id, f));
  return getGrid(ctx, id);
}

/** Soft delete: its organizations are free for another grid; the audit row keeps which they were. */
export async function deleteGrid(ctx: Ctx, id: number): Promise<{ id: number }> {
  await write(ctx, async (w) => {
    const before = await snapshot(w, id);
    if (!before) throw notFound('网格', id);
    await w.trx.deleteFrom('grid_orgs').where('grid_id', '=', id).execute();
    await w.trx.updateTable('grids').set({ deleted_at: w.now, updated_at: w.now }).where('id', '=', id).execute();
    await w.audit('grid', id, 'delete', before, null);
    w.touchOrgs([]);
  });
  return { id };
}

/** Per grid: organizations, 从业人员, 正式党员, and how many of those in scope are covered (组织或工作覆盖) or not. */
export async function gridStats(ctx: Ctx, input: { regionId?: number }): Promise<GridStats> {
  const grids = await gridRows(ctx, { regionId: input.regionId });
  const members = await camelDb(ctx.ledger.db)
    .selectFrom('grid_orgs')
    .select(['gridId', 'orgId'])
    .orderBy('gridId')
    .orderBy('orgId')
    .execute();
  const orgsOf = new Map<number, number[]>();
  for (const m of members) orgsOf.set(m.gridId, [...(orgsOf.get(m.gridId) ?? []), m.orgId]);
  const index = new Map((await orgIndex(ctx)).map((o) => [o.id, o]));
  const total: GridStats['total'] = { grids: 0, orgs: 0, employees: 0, formalMembers: 0, covered: 0, uncovered: 0 };
  const rows: GridStatsRow[] = grids.map((g) => {
    const row: GridStatsRow = {
      gridId: g.id,
      gridName: g.name,
      partyOrgId: g.partyOrgId,
      partyOrgName: g.partyOrgName,
      regionName: g.regionName,
      orgs: 0,
      employees: 0,
      formalMembers: 0,
      covered: 0,
      uncovered: 0,
    };
    for (const id of orgsOf.get(g.id) ?? []) {
      const o = index.get(id);
      if (!o) continue;
      row.orgs++;
      row.employees += o.employees;
      row.formalMembers += o.formalMembers;
      if (o.coverage === 'none') row.uncovered++;
      else if (o.coverage !== 'out') row.covered++;
    }
    total.grids++;
    total.orgs += row.orgs;
    total.employees += row.employees;
    total.formalMembers += row.formalMembers;
    total.covered += row.covered;
    total.uncovered += row.uncovered;
    return row;
  });
  return { rows, total };
}

/** 恳谈会 (activities of kind `forum`, kept by 组织生活与活动) of each branch between two days. */
async function forumDates(ctx: Ctx, from: string, to: string): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  const rows = await camelDb(ctx.ledger.db)
    .selectFrom('activities')
    .select(['partyOrgId', 'date'])
    .where('kind', '=', 'forum')
    .where('deletedAt', 'is', null)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .orderBy('date')
    .orderBy('id')
    .execute();
  for (const r of rows) out.set(r.partyOrgId, [...(out.get(r.partyOrgId) ?? []), r.date]);
  return out;
}

/** The “四个一” of every 区域化“1+N” branch as of a day (default today). */
export async function fourChecks(ctx: Ctx, input: { day?: string; regionId?: number }): Promise<FourCheckResult> {
  const day = input.day ?? ctx.today();
  const quarter = lastCompleteQuarter(day);
  const settings = await getSettings(ctx);
  const standard = VENUE_STANDARDS[settings.venueStandard];
  const items = standard.items as readonly string[];
  const branches = await camelDb(ctx.ledger.db)
    .selectFrom('party_orgs as p')
    .innerJoin('regions as r', 'r.id', 'p.regionId')
    .select(['p.id as partyOrgId', 'p.name as partyOrgName', 'p.regionId', 'r.name as regionName', 'p.venueChecklist'])
    .where('p.deletedAt', 'is', null)
    .where('p.method', '=', 'regional')
    .where(inRegionScope('p.regionId', input.regionId))
    .orderBy('r.sortOrder')
    .orderBy('r.id')
    .orderBy('p.id')
    .execute();
  const grids = await gridRows(ctx, { regionId: input.regionId });
  const forums = await forumDates(ctx, quarter.from, quarter.to);
  const rows = branches.map(({ venueChecklist, ...b }): FourCheckRow => {
    const own = grids.filter((g) => g.partyOrgId === b.partyOrgId);
    const venueItems = (JSON.parse(venueChecklist) as string[]).filter((x) => items.includes(x)).length;
    return {
      ...b,
      grids: own.length,
      checks: judgeFourChecks({
        venueItems,
        venueThreshold: settings.venueThreshold,
        venueStandardLabel: standard.label,
        forumDates: forums.get(b.partyOrgId) ?? [],
        quarter,
        grids: own.map((g) => ({ name: g.name, hasInstructor: g.instructorId != null, contactCards: g.contactCards === 1 })),
      }),
    };
  });
  return { day, quarter, rows };
}

/** A grid of the demo county: its branch and instructor named, its organizations by their seed ref. */
export interface SeedGrid {
  partyOrgName: string;
  name: string;
  /** 姓名 + 工作单位, an instructor's identity. */
  instructor: { name: string; unit: string | null } | null;
  contactCards: boolean;
  contactCardsDate: string | null;
  remarks: string | null;
  orgRefs: string[];
}

/** The demo county's grids, inside the seed's transaction, through the same checks as the form. */
export async function loadGridSeed(w: Writer, grids: SeedGrid[], orgIdOfRef: Map<string, number>): Promise<void> {
  const branches = new Map(
    (await w.trx.selectFrom('party_orgs').select(['id', 'name']).where('deleted_at', 'is', null).execute()).map((p) => [p.name, p.id]),
  );
  const instructors = await w.trx.selectFrom('instructors').select(['id', 'name', 'unit']).where('deleted_at', 'is', null).execute();
  for (const g of grids) {
    const what = `网格“${g.name}”（${g.partyOrgName}）`;
    const instructor = g.instructor && instructors.find((i) => i.name === g.instructor?.name && i.unit === g.instructor.unit);
    if (g.instructor && !instructor) throw new AppError('invalid_input', `示例数据${what}的指导员“${g.instructor.name}”不存在`);
    const parsed = gridFieldsSchema.safeParse({
      ...g,
      partyOrgId: branches.get(g.partyOrgName) ?? 0,
      instructorId: instructor?.id ?? null,
      orgIds: g.orgRefs.map((r) => orgIdOfRef.get(r) ?? 0),
    });
    if (!parsed.success) throw new AppError('invalid_input', `示例数据${what}有误：${describeErrors(fieldErrors(parsed.error))}`);
    await createGridIn(w, parsed.data);
  }
}
