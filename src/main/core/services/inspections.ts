/**
 * 社会组织年检 by year with the 党建工作情况审查. Only social organizations take one. The organization's
 * annual_check column (read by its page, import, exchange and the lists) is kept equal to the result of
 * its latest year here.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { InspectionRecord, InspectionRow, InspectionSet, inspectionsListSchema } from '../../../shared/records/inspections';
import type { Page } from '../../../shared/types';
import { assertRegion } from '../caller';
import { camelDb } from '../camel';
import type { Ctx } from '../context';
import { AppError, notFound } from '../errors';
import type { CamelDatabase } from '../schema';
import { type Writer, write } from '../write';
import { matchesQuery, orgIndex } from './orgIndex';
import { inRegions } from './recordScope';

type ListInput = z.output<typeof inspectionsListSchema>;

const RECORD = ['id', 'orgId', 'year', 'result', 'partyReview', 'remarks'] as const;

/** The stored 年检s as records, to be narrowed by the caller. */
const records = (db: Kysely<CamelDatabase> | Transaction<CamelDatabase>) => db.selectFrom('inspections').select(RECORD);

/**
 * A year's social organizations with their 年检: every live one in scope (正常, 纳入统计), and any other
 * that has a 年检 recorded for the year. Ordered by region, then as entered.
 */
export async function listInspections(ctx: Ctx, input: ListInput): Promise<Page<InspectionRow>> {
  const year = input.year ?? Number(ctx.today().slice(0, 4));
  const rows = await records(camelDb(ctx.ledger.db))
    .where('year', 'in', [year, year - 1])
    .execute();
  const current = new Map(rows.filter((r) => r.year === year).map((r) => [r.orgId, r]));
  const previous = new Map(rows.filter((r) => r.year === year - 1).map((r) => [r.orgId, r]));
  const inScope = inRegions(input.regionId);
  const list = (await orgIndex(ctx))
    .filter(
      (o) =>
        o.category === 'social' &&
        (current.has(o.id) || (o.status === 'normal' && !o.facts.outOfScope)) &&
        inScope(o) &&
        (input.query == null || matchesQuery(o, input.query)),
    )
    .map((o) => {
      const r = current.get(o.id);
      return {
        row: {
          orgId: o.id,
          orgName: o.name,
          subtype: o.subtype,
          regionId: o.regionId,
          regionName: o.regionName,
          year,
          id: r?.id ?? null,
          result: r?.result ?? null,
          partyReview: r?.partyReview ?? null,
          remarks: r?.remarks ?? null,
          previousResult: previous.get(o.id)?.result ?? null,
        },
        order: o.regionOrder,
      };
    })
    .filter(({ row }) => input.result == null || (input.result === 'none' ? row.id == null : row.result === input.result))
    .sort((a, b) => a.order - b.order || a.row.orgId - b.row.orgId)
    .map(({ row }) => row);
  return { total: list.length, rows: list.slice(input.offset, input.offset + input.limit) };
}

/** One organization's 年检, newest year first. */
export async function inspectionHistory(ctx: Ctx, orgId: number): Promise<InspectionRecord[]> {
  const org = await ctx.ledger.db
    .selectFrom('orgs')
    .select('region_id')
    .where('id', '=', orgId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!org) throw notFound('两新组织', orgId);
  assertRegion(org.region_id, '两新组织', orgId);
  return (await records(camelDb(ctx.ledger.db)).where('orgId', '=', orgId).orderBy('year', 'desc').execute()) satisfies InspectionRecord[];
}

export async function setInspection(ctx: Ctx, input: InspectionSet): Promise<InspectionRecord> {
  const thisYear = Number(ctx.today().slice(0, 4));
  if (input.year > thisYear) {
    throw new AppError('invalid_input', `「年度」不能晚于今年（${thisYear}年）`, [{ path: 'year', message: `不能晚于${thisYear}年` }]);
  }
  const id = await write(ctx, (w) => setInspectionIn(w, input));
  return (await records(camelDb(ctx.ledger.db)).where('id', '=', id).executeTakeFirstOrThrow()) satisfies InspectionRecord;
}

/** Inside a caller's transaction (seed, import): one row per organization and year, replaced when set again. */
export async function setInspectionIn(w: Writer, input: InspectionSet, audit: Record<string, unknown> = {}): Promise<number> {
  const trx = camelDb(w.trx);
  const org = await trx
    .selectFrom('orgs')
    .select(['id', 'name', 'category', 'regionId'])
    .where('id', '=', input.orgId)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  if (!org) throw notFound('两新组织', input.orgId);
  assertRegion(org.regionId, '两新组织', input.orgId);
  if (org.category !== 'social') {
    throw new AppError('invalid_input', `“${org.name}”是非公经济组织，年检只登记社会组织`, [
      { path: 'orgId', message: '年检只登记社会组织' },
    ]);
  }
  const before = await records(trx).where('orgId', '=', input.orgId).where('year', '=', input.year).executeTakeFirst();
  const values = { result: input.result, partyReview: input.partyReview, remarks: input.remarks, updatedAt: w.now };
  let id: number;
  if (before) {
    id = before.id;
    await trx.updateTable('inspections').set(values).where('id', '=', id).execute();
  } else {
    id = (
      await trx
        .insertInto('inspections')
        .values({ ...values, orgId: input.orgId, year: input.year, createdAt: w.now })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  }
  const { id: _id, ...was } = before ?? { id: 0 };
  await w.audit('inspection', id, before ? 'update' : 'create', before ? was : null, { ...input, ...audit });
  await alignAnnualCheckIn(w, input.orgId);
  return id;
}

export async function deleteInspection(ctx: Ctx, id: number): Promise<{ id: number }> {
  await write(ctx, async (w) => {
    const trx = camelDb(w.trx);
    const row = await trx
      .selectFrom('inspections as i')
      .innerJoin('orgs as o', 'o.id', 'i.orgId')
      .select(['i.id', 'i.orgId', 'i.year', 'i.result', 'i.partyReview', 'i.remarks', 'o.regionId'])
      .where('i.id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('年检记录', id);
    const { id: _id, regionId, ...was } = row;
    assertRegion(regionId, '年检记录', id);
    await trx.deleteFrom('inspections').where('id', '=', id).execute();
    await w.audit('inspection', id, 'delete', was, null);
    await alignAnnualCheckIn(w, row.orgId, true);
  });
  return { id };
}

/**
 * The organization's annual_check becomes its latest year's result. With no 年检 left it is cleared when
 * `clearWhenNone` (the last one was deleted), else left as entered (an organization never inspected here).
 */
export async function alignAnnualCheckIn(w: Writer, orgId: number, clearWhenNone = false): Promise<void> {
  const latest = await w.trx
    .selectFrom('inspections')
    .select('result')
    .where('org_id', '=', orgId)
    .orderBy('year', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!latest && !clearWhenNone) return;
  const result = latest?.result ?? null;
  const org = await w.trx.selectFrom('orgs').select('annual_check').where('id', '=', orgId).executeTakeFirst();
  if (!org || org.annual_check === result) return;
  // A field of the organization's form: its version rises, so a form opened before gets a conflict.
  await w.trx
    .updateTable('orgs')
    .set({ annual_check: result, updated_at: w.now, version: sql<number>`version + 1` })
    .where('id', '=', orgId)
    .execute();
  w.touchOrgs([orgId]);
}
