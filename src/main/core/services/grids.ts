/**
 * 1+N 网格: a 区域党支部's grids, the organizations in each, its 指导员 and 服务联系卡; statistics by grid and
 * the branch's “四个一” check.
 */

import { type Kysely, sql } from 'kysely';
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
import type { Ctx } from '../context';
import { groupConcat } from '../dialect';
import { AppError, notFound } from '../errors';
import { initialsOf } from '../pinyin';
import type { Database } from '../schema';
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

interface GridSqlRow {
  id: number;
  name: string;
  party_org_id: number;
  p_name: string;
  region_id: number;
  r_name: string;
  i_id: number | null;
  i_name: string | null;
  contact_cards: number;
  contact_cards_date: string | null;
  remarks: string | null;
  org_count: number;
  employees: number;
  formal_members: number;
  /** Comma-separated ids, or null for a grid with no organization. */
  org_ids: string | null;
  created_at: string;
  updated_at: string;
}

// Grids of deleted branches are gone with them; a deleted instructor or organization no longer counts.
function gridQuery(db: Kysely<Database>) {
  const sums = db
    .selectFrom('grid_orgs as x')
    .innerJoin('orgs as o', (j) => j.onRef('o.id', '=', 'x.org_id').on('o.deleted_at', 'is', null))
    .select([
      'x.grid_id',
      sql<number>`count(*)`.as('n'),
      sql<number>`sum(o.employees)`.as('e'),
      sql<number>`sum(o.formal_members)`.as('m'),
      groupConcat(db, sql`o.id`, ',').as('ids'),
    ])
    .groupBy('x.grid_id')
    .as('s');
  return db
    .selectFrom('grids as g')
    .innerJoin('party_orgs as p', (j) => j.onRef('p.id', '=', 'g.party_org_id').on('p.deleted_at', 'is', null))
    .innerJoin('regions as r', 'r.id', 'p.region_id')
    .leftJoin('instructors as i', (j) => j.onRef('i.id', '=', 'g.instructor_id').on('i.deleted_at', 'is', null))
    .leftJoin(sums, 's.grid_id', 'g.id')
    .select([
      'g.id',
      'g.name',
      'g.party_org_id',
      'p.name as p_name',
      'p.region_id',
      'r.name as r_name',
      'i.id as i_id',
      'i.name as i_name',
      'g.contact_cards',
      'g.contact_cards_date',
      'g.remarks',
      'g.created_at',
      'g.updated_at',
      sql<number>`coalesce(s.n, 0)`.as('org_count'),
      sql<number>`coalesce(s.e, 0)`.as('employees'),
      sql<number>`coalesce(s.m, 0)`.as('formal_members'),
      's.ids as org_ids',
    ])
    .where('g.deleted_at', 'is', null);
}

function toListRow(r: GridSqlRow): GridListRow {
  return {
    id: r.id,
    name: r.name,
    partyOrgId: r.party_org_id,
    partyOrgName: r.p_name,
    regionId: r.region_id,
    regionName: r.r_name,
    instructorId: r.i_id,
    instructorName: r.i_name,
    contactCards: r.contact_cards === 1,
    contactCardsDate: r.contact_cards_date,
    remarks: r.remarks,
    orgCount: Number(r.org_count),
    employees: Number(r.employees),
    formalMembers: Number(r.formal_members),
    orgIds: r.org_ids
      ? String(r.org_ids)
          .split(',')
          .map(Number)
          .sort((a, b) => a - b)
      : [],
  };
}

/** Grid, branch or instructor name, or the pinyin initials of the grid's or branch's name, as the other search boxes. */
function matchesGrid(r: GridSqlRow, query: string): boolean {
  if (matchesName(query, [r.name, r.p_name, r.i_name])) return true;
  if (!/^[a-z0-9]+$/i.test(query)) return false;
  const q = query.toLowerCase();
  return initialsOf(r.name).includes(q) || initialsOf(r.p_name).includes(q);
}

async function gridRows(ctx: Ctx, input: GridListInput): Promise<GridSqlRow[]> {
  const { orgId, partyOrgId, instructorId } = input;
  let q = gridQuery(ctx.ledger.db).where(inRegionScope('p.region_id', input.regionId));
  if (partyOrgId != null) q = q.where('g.party_org_id', '=', partyOrgId);
  if (instructorId != null) q = q.where('i.id', '=', instructorId);
  if (orgId != null) q = q.where('g.id', 'in', (eb) => eb.selectFrom('grid_orgs').select('grid_id').where('org_id', '=', orgId));
  const rows = (await q.orderBy('r.sort_order').orderBy('r.id').orderBy('p.id').orderBy('g.id').execute()) as GridSqlRow[];
  const query = input.query?.trim() ?? '';
  return rows.filter((r) => matchesGrid(r, query));
}

export async function listGrids(ctx: Ctx, input: GridListInput): Promise<GridListRow[]> {
  return (await gridRows(ctx, input)).map(toListRow);
}

export async function getGrid(ctx: Ctx, id: number): Promise<GridDetail> {
  const db = ctx.ledger.db;
  const row = (await gridQuery(db).where('g.id', '=', id).executeTakeFirst()) as GridSqlRow | undefined;
  if (!row) throw notFound('网格', id);
  assertRegion(row.region_id, '网格', id);
  const orgs = await db
    .selectFrom('grid_orgs as x')
    .innerJoin('orgs as o', (j) => j.onRef('o.id', '=', 'x.org_id').on('o.deleted_at', 'is', null))
    .innerJoin('regions as r', 'r.id', 'o.region_id')
    .select(['o.id', 'o.name', 'r.name as region_name', 'o.employees', 'o.formal_members'])
    .where('x.grid_id', '=', id)
    .orderBy('o.id')
    .execute();
  return {
    ...toListRow(row),
    orgs: orgs.map((o) => ({
      id: o.id,
      name: o.name,
      regionName: o.region_name,
      employees: o.employees,
      formalMembers: o.formal_members,
    })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The grid as its audit row keeps it. */
async function snapshot(w: Writer, id: number): Promise<GridFields | null> {
  const row = await w.trx
    .selectFrom('grids as g')
    .innerJoin('party_orgs as p', 'p.id', 'g.party_org_id')
    .selectAll('g')
    .select('p.region_id')
    .where('g.id', '=', id)
    .where('g.deleted_at', 'is', null)
    .executeTakeFirst();
  // Another region's grid is as missing as a deleted one.
  if (!row || !mayTouchRegion(row.region_id)) return null;
  const orgs = await w.trx.selectFrom('grid_orgs').select('org_id').where('grid_id', '=', id).orderBy('org_id').execute();
  return {
    partyOrgId: row.party_org_id,
    name: row.name,
    instructorId: row.instructor_id,
    contactCards: row.contact_cards === 1,
    contactCardsDate: row.contact_cards_date,
    remarks: row.remarks,
    orgIds: orgs.map((o) => o.org_id),
  };
}

/**
 * The branch must be a live 区域化“1+N” party organization, the name free within it, the instructor live,
 * and each organization live, in the branch's region and in no other grid.
 */
async function assertGrid(w: Writer, f: GridFields, selfId: number | null): Promise<void> {
  const branch = await w.trx
    .selectFrom('party_orgs as p')
    .innerJoin('regions as r', 'r.id', 'p.region_id')
    .select(['p.id', 'p.name', 'p.method', 'p.region_id', 'r.name as region_name'])
    .where('p.id', '=', f.partyOrgId)
    .where('p.deleted_at', 'is', null)
    .executeTakeFirst();
  // Another region's branch is refused exactly as a missing one.
  if (!branch || !mayTouchRegion(branch.region_id)) throw new AppError('not_found', `区域党支部（编号${f.partyOrgId}）不存在或已删除`);
  if (branch.method !== 'regional') {
    throw new AppError('invalid_input', `“${branch.name}”不是区域化“1+N”党支部，只有区域党支部才能划分网格`, [
      { path: 'partyOrgId', message: '请选择区域化“1+N”党支部' },
    ]);
  }
  const same = await w.trx
    .selectFrom('grids')
    .select('id')
    .where('party_org_id', '=', f.partyOrgId)
    .where('name', '=', f.name)
    .where('deleted_at', 'is', null)
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
  const orgs = await w.trx
    .selectFrom('orgs')
    .select(['id', 'name', 'region_id'])
    .where('id', 'in', f.orgIds)
    .where('deleted_at', 'is', null)
    .execute();
  const found = new Set(orgs.map((o) => o.id));
  const missing = f.orgIds.filter((i) => !found.has(i));
  if (missing.length) throw new AppError('invalid_input', `「网格内组织」编号${missing.slice(0, 5).join('、')}不存在或已删除`);
  // Regions are one level (the county's townships, streets, 苏木 and parks): a grid stays within its branch's.
  const outside = orgs.filter((o) => o.region_id !== branch.region_id);
  if (outside.length) {
    const names = outside.slice(0, 3).map((o) => `“${o.name}”`);
    throw new AppError(
      'invalid_input',
      `${names.join('、')}${outside.length > 3 ? `等${outside.length}个组织` : ''}不在${branch.region_name}，区域党支部只能把本属地的组织划入网格`,
      [{ path: 'orgIds', message: `只能选择${branch.region_name}的组织` }],
    );
  }
  const taken = await liveMemberships(w, f.orgIds);
  const others = taken.filter((t) => t.grid_id !== selfId);
  if (others.length) {
    const list = others
      .slice(0, 3)
      .map((t) => `“${t.org_name}”已在“${t.p_name}”的“${t.g_name}”网格`)
      .join('；');
    throw new AppError('conflict', `${list}${others.length > 3 ? `等${others.length}个` : ''}，一个组织只能划入一个网格`, [
      { path: 'orgIds', message: '所选组织已在其他网格' },
    ]);
  }
}

/** Which of these organizations are in a live grid of a live branch, and which grid. */
async function liveMemberships(w: Writer, orgIds: number[]) {
  return w.trx
    .selectFrom('grid_orgs as x')
    .innerJoin('grids as g', 'g.id', 'x.grid_id')
    .innerJoin('party_orgs as p', 'p.id', 'g.party_org_id')
    .innerJoin('orgs as o', 'o.id', 'x.org_id')
    .select(['x.org_id', 'x.grid_id', 'g.name as g_name', 'p.name as p_name', 'o.name as org_name'])
    .where('x.org_id', 'in', orgIds)
    .where('g.deleted_at', 'is', null)
    .where('p.deleted_at', 'is', null)
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

function columns(f: GridFields) {
  return {
    party_org_id: f.partyOrgId,
    name: f.name,
    instructor_id: f.instructorId,
    contact_cards: f.contactCards ? 1 : 0,
    contact_cards_date: f.contactCards ? f.contactCardsDate : null,
    remarks: f.remarks,
  };
}

/** Inside a caller's transaction (imports, the demo county). */
export async function createGridIn(w: Writer, f: GridFields, audit: Record<string, unknown> = {}): Promise<number> {
  await assertGrid(w, f, null);
  const { id } = await w.trx
    .insertInto('grids')
    .values({ ...columns(f), created_at: w.now, updated_at: w.now })
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
  await w.trx
    .updateTable('grids')
    .set({ ...columns(f), updated_at: w.now })
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
  const members = await ctx.ledger.db.selectFrom('grid_orgs').select(['grid_id', 'org_id']).orderBy('grid_id').orderBy('org_id').execute();
  const orgsOf = new Map<number, number[]>();
  for (const m of members) orgsOf.set(m.grid_id, [...(orgsOf.get(m.grid_id) ?? []), m.org_id]);
  const index = new Map((await orgIndex(ctx)).map((o) => [o.id, o]));
  const total: GridStats['total'] = { grids: 0, orgs: 0, employees: 0, formalMembers: 0, covered: 0, uncovered: 0 };
  const rows: GridStatsRow[] = grids.map((g) => {
    const row: GridStatsRow = {
      gridId: g.id,
      gridName: g.name,
      partyOrgId: g.party_org_id,
      partyOrgName: g.p_name,
      regionName: g.r_name,
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
  const rows = await ctx.ledger.db
    .selectFrom('activities')
    .select(['party_org_id', 'date'])
    .where('kind', '=', 'forum')
    .where('deleted_at', 'is', null)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .orderBy('date')
    .orderBy('id')
    .execute();
  for (const r of rows) out.set(r.party_org_id, [...(out.get(r.party_org_id) ?? []), r.date]);
  return out;
}

/** The “四个一” of every 区域化“1+N” branch as of a day (default today). */
export async function fourChecks(ctx: Ctx, input: { day?: string; regionId?: number }): Promise<FourCheckResult> {
  const day = input.day ?? ctx.today();
  const quarter = lastCompleteQuarter(day);
  const settings = await getSettings(ctx);
  const standard = VENUE_STANDARDS[settings.venueStandard];
  const items = standard.items as readonly string[];
  const branches = await ctx.ledger.db
    .selectFrom('party_orgs as p')
    .innerJoin('regions as r', 'r.id', 'p.region_id')
    .select(['p.id', 'p.name', 'p.region_id', 'r.name as region_name', 'p.venue_checklist'])
    .where('p.deleted_at', 'is', null)
    .where('p.method', '=', 'regional')
    .where(inRegionScope('p.region_id', input.regionId))
    .orderBy('r.sort_order')
    .orderBy('r.id')
    .orderBy('p.id')
    .execute();
  const grids = await gridRows(ctx, { regionId: input.regionId });
  const forums = await forumDates(ctx, quarter.from, quarter.to);
  const rows: FourCheckRow[] = branches.map((b) => {
    const own = grids.filter((g) => g.party_org_id === b.id);
    const venueItems = (JSON.parse(b.venue_checklist) as string[]).filter((x) => items.includes(x)).length;
    return {
      partyOrgId: b.id,
      partyOrgName: b.name,
      regionId: b.region_id,
      regionName: b.region_name,
      grids: own.length,
      checks: judgeFourChecks({
        venueItems,
        venueThreshold: settings.venueThreshold,
        venueStandardLabel: standard.label,
        forumDates: forums.get(b.id) ?? [],
        quarter,
        grids: own.map((g) => ({ name: g.name, hasInstructor: g.i_id != null, contactCards: g.contact_cards === 1 })),
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
