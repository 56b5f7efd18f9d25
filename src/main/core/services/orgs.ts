/** Organizations (两新组织): list, page, create, update, soft delete. */
import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type { orgsListSchema } from '../../../shared/contract';
import { COVERAGE_STATUSES } from '../../../shared/domain/codes';
import { orgFlags } from '../../../shared/rules/orgFlags';
import { orgFieldsSchema } from '../../../shared/schemas';
import type { OrgDetail, OrgFields, OrgListRow, Page } from '../../../shared/types';
import { assertRegion } from '../caller';
import { camelDb } from '../camel';
import type { Ctx } from '../context';
import { AppError, notFound } from '../errors';
import { formCodec } from '../formCodec';
import { initialsOf } from '../pinyin';
import type { CamelDatabase } from '../schema';
import { refuseLost, refuseStale } from '../versionCheck';
import { type Writer, write } from '../write';
import { assignmentViews } from './assignmentViews';
import { alignAnnualCheckIn } from './inspections';
import { assignmentsChanged } from './instructors';
import { alignMassOrgsIn } from './massOrgs';
import { syncCurrentMemberYear } from './memberYears';
import { type IndexedOrg, matchesQuery, orgIndex, plainPageWhileWarming, sortedOrgIndex, toListRow } from './orgIndex';
import { assertRegionWritable, inRegions, regionsParam } from './recordScope';

type OrgInput = z.output<typeof orgFieldsSchema>;
type ListInput = z.output<typeof orgsListSchema>;

/** The organization form's columns and their 0/1 boxes, from its schema. */
const orgForm = formCodec(orgFieldsSchema, 'o');

/** Live organizations as `o` with their form's columns selected as stored, in OrgFields' order (asOrgFields decodes). */
export function orgRows(db: Kysely<CamelDatabase>) {
  return db.selectFrom('orgs as o').select(orgForm.columns).where('o.deletedAt', 'is', null);
}

/** A selected row with the form's yes/no boxes (stored 0/1) as booleans; other columns pass. */
export const asOrgFields = orgForm.decode;

const COVERAGE_ORDER = Object.fromEntries(COVERAGE_STATUSES.map((c, i) => [c.code, i]));

export async function listOrgs(ctx: Ctx, input: ListInput): Promise<Page<OrgListRow>> {
  const plain =
    input.sort === 'id' &&
    input.dir !== 'desc' &&
    input.regionId == null &&
    input.category == null &&
    input.coverage == null &&
    input.flag == null &&
    input.excludeIds == null &&
    !input.query?.trim();
  const early = plain ? await plainPageWhileWarming(ctx, input.offset, input.limit, regionsParam()) : null;
  if (early) return { total: early.total, rows: early.rows.map(toListRow) };
  const exclude = input.excludeIds ? new Set(input.excludeIds) : null;
  const inScope = inRegions(input.regionId);
  const rows = (await sortedIndex(ctx, input.sort)).filter(
    (o) =>
      inScope(o) &&
      (input.category == null || o.category === input.category) &&
      (input.coverage == null || o.coverage === input.coverage) &&
      (input.flag == null || o.flags.includes(input.flag)) &&
      (exclude == null || !exclude.has(o.id)) &&
      (input.query == null || matchesQuery(o, input.query)),
  );
  if (input.dir === 'desc') rows.reverse();
  return {
    total: rows.length,
    rows: rows.slice(input.offset, input.offset + input.limit).map(toListRow),
  };
}

/** The index in one sort order, kept like the index itself: sorting 100,000 names by pinyin once, not per page. */
async function sortedIndex(ctx: Ctx, sort: ListInput['sort']): Promise<IndexedOrg[]> {
  const day = ctx.today();
  const index = await orgIndex(ctx, day);
  if (sort === 'id') return index;
  return sortedOrgIndex(ctx, sort, comparator(sort), day);
}

function comparator(sort: ListInput['sort']): (a: IndexedOrg, b: IndexedOrg) => number {
  const collator = new Intl.Collator('zh-CN');
  switch (sort) {
    case 'name':
      return (a, b) => collator.compare(a.name, b.name) || a.id - b.id;
    case 'region':
      return (a, b) => a.regionOrder - b.regionOrder || a.id - b.id;
    case 'formalMembers':
      return (a, b) => a.formalMembers - b.formalMembers || a.id - b.id;
    case 'employees':
      return (a, b) => a.employees - b.employees || a.id - b.id;
    case 'coverage':
      return (a, b) => (COVERAGE_ORDER[a.coverage] ?? 0) - (COVERAGE_ORDER[b.coverage] ?? 0) || a.id - b.id;
    default:
      return (a, b) => a.id - b.id;
  }
}

async function readFields(db: Kysely<CamelDatabase>, id: number) {
  const row = await orgRows(db).select(['o.version', 'o.createdAt', 'o.updatedAt']).where('o.id', '=', id).executeTakeFirst();
  if (!row) return null;
  const { version, createdAt, updatedAt, ...fields } = asOrgFields(row);
  return { row: { version, createdAt, updatedAt }, fields: fields satisfies OrgFields };
}

export async function getOrg(ctx: Ctx, id: number): Promise<OrgDetail> {
  const found = await readFields(camelDb(ctx.ledger.db), id);
  if (!found) throw notFound('两新组织', id);
  assertRegion(found.fields.regionId, '两新组织', id);
  const indexed = (await orgIndex(ctx)).find((o) => o.id === id);
  if (!indexed) throw notFound('两新组织', id);
  const today = ctx.today();
  const assignments = await assignmentViews(ctx.ledger.db, today, { orgId: id });
  return {
    id,
    ...found.fields,
    regionName: indexed.regionName,
    coverage: indexed.coverage,
    partyOrg: indexed.partyOrg,
    assignments,
    flags: orgFlags(indexed.facts, today),
    version: found.row.version ?? 1,
    createdAt: found.row.createdAt,
    updatedAt: found.row.updatedAt,
  };
}

async function assertValid(trx: Writer['trx'], f: OrgInput, exceptId?: number) {
  assertRegionWritable(f.regionId);
  const region = await trx.selectFrom('regions').select('id').where('id', '=', f.regionId).executeTakeFirst();
  if (!region) throw new AppError('invalid_input', `「所属属地」编号${f.regionId}不存在`, [{ path: 'regionId', message: '属地不存在' }]);
  if (f.uscc) {
    const clash = await trx
      .selectFrom('orgs')
      .select(['id', 'name'])
      .where('uscc', '=', f.uscc)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (clash && clash.id !== exceptId) {
      throw new AppError('conflict', `统一社会信用代码${f.uscc}已被“${clash.name}”使用`, [
        { path: 'uscc', message: `已被“${clash.name}”使用` },
      ]);
    }
  }
}

/** The form's fields as stored (see asOrgFields), with the name's pinyin initials the search boxes match. */
function columns(f: OrgInput) {
  return { ...orgForm.encode(f), nameInitials: initialsOf(f.name) };
}

export async function createOrg(ctx: Ctx, f: OrgInput): Promise<OrgDetail> {
  const id = await write(ctx, (w) => createOrgIn(w, f));
  return getOrg(ctx, id);
}

/** Inside a caller's transaction (an import writes thousands in one). */
export async function createOrgIn(w: Writer, f: OrgInput, audit: Record<string, unknown> = {}): Promise<number> {
  await assertValid(w.trx, f);
  const { id } = await camelDb(w.trx)
    .insertInto('orgs')
    .values({ ...columns(f), createdAt: w.now, updatedAt: w.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  // The counts typed here are this year's 党员发展 figures (imports and the form both come this way).
  await syncCurrentMemberYear(w, id, f);
  await w.audit('org', id, 'create', null, { ...f, ...audit });
  await alignMassOrgsIn(w, id, f, true);
  w.touchOrgs([id]);
  return id;
}

export async function updateOrg(ctx: Ctx, id: number, f: OrgInput, version?: number): Promise<OrgDetail> {
  await write(ctx, (w) => updateOrgIn(w, id, f, {}, version));
  return getOrg(ctx, id);
}

/** `version`: the one the clerk's screen read (a conflict when someone saved since); none from imports. */
export async function updateOrgIn(
  w: Writer,
  id: number,
  f: OrgInput,
  audit: Record<string, unknown> = {},
  version?: number,
): Promise<void> {
  const trx = camelDb(w.trx);
  const before = await readFields(trx, id);
  if (!before) throw notFound('两新组织', id);
  assertRegion(before.fields.regionId, '两新组织', id);
  const check = { entity: 'org', id, expected: version, mine: f } as const;
  const stored = (found: NonNullable<typeof before>) => ({ version: found.row.version ?? 1, fields: found.fields });
  await refuseStale(w, check, stored(before));
  await assertValid(w.trx, f, id);
  const saved = await trx
    .updateTable('orgs')
    .set({ ...columns(f), updatedAt: w.now, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .$if(version != null, (q) => q.where('version', '=', version as number))
    .executeTakeFirst();
  await refuseLost(w, check, saved, async () => {
    const now = await readFields(trx, id);
    return now && stored(now);
  });
  // The counts typed here are this year's 党员发展 figures (imports and the form both come this way).
  await syncCurrentMemberYear(w, id, f);
  await w.audit('org', id, 'update', before.fields, { ...f, ...audit });
  // 群团 rows follow the three boxes; a 年检 recorded by year outranks the result typed on the form.
  await alignMassOrgsIn(w, id, f);
  await alignAnnualCheckIn(w, id);
  w.touchOrgs([id]);
}

/** Soft delete: the row stays (with its audit history); its coverage link and open assignments end. */
export async function deleteOrg(ctx: Ctx, id: number): Promise<{ id: number }> {
  await write(ctx, async (w) => {
    const before = await readFields(camelDb(w.trx), id);
    if (!before) throw notFound('两新组织', id);
    assertRegion(before.fields.regionId, '两新组织', id);
    const cov = await w.trx.selectFrom('coverage').select('party_org_id').where('org_id', '=', id).executeTakeFirst();
    await w.trx.deleteFrom('coverage').where('org_id', '=', id).execute();
    const today = ctx.today();
    // Every instructor ever assigned here: an exchange file leaves out assignments to deleted
    // organizations, ended ones too, so each such instructor's record changes with this delete.
    const assigned = await w.trx.selectFrom('assignments').select('instructor_id').where('org_id', '=', id).execute();
    await assignmentsChanged(
      w,
      assigned.map((a) => a.instructor_id),
    );
    await w.trx
      .updateTable('assignments')
      .set({ to_date: today })
      .where('org_id', '=', id)
      .where('from_date', '<=', today)
      .where((eb) => eb.or([eb('to_date', 'is', null), eb('to_date', '>', today)]))
      .execute();
    // Assignments that had not started yet never happen; the audit row keeps them.
    const future = await w.trx.selectFrom('assignments').selectAll().where('org_id', '=', id).where('from_date', '>', today).execute();
    await w.trx.deleteFrom('assignments').where('org_id', '=', id).where('from_date', '>', today).execute();
    await w.trx.updateTable('orgs').set({ deleted_at: w.now, updated_at: w.now }).where('id', '=', id).execute();
    await w.audit('org', id, 'delete', { ...before.fields, partyOrgId: cov?.party_org_id ?? null, futureAssignments: future }, null);
    w.touchOrgs([id]);
  });
  return { id };
}
