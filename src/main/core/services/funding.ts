/**
 * 经费: payments to party organizations by source (“四个一”) and kind, and the yearly sums by region and
 * source that the ledgers and the yearly statistics table count.
 */
import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import { FUNDING_SOURCES, type FundingSource } from '../../../shared/domain/fundingCodes';
import {
  type FenBySource,
  type FundingFields,
  type FundingInput,
  type FundingPage,
  type FundingRecord,
  type FundingTotals,
  type FundingTotalsLine,
  fundingFieldsSchema,
  type fundingListSchema,
} from '../../../shared/records/funding';
import { describeErrors, fieldErrors } from '../../../shared/schemas';
import { mayTouchRegion } from '../caller';
import { camelDb } from '../camel';
import type { Ctx } from '../context';
import { AppError, notFound } from '../errors';
import type { CamelColumns, CamelDatabase, Database, FundingTable } from '../schema';
import { type Writer, write } from '../write';
import { partyOrgIdsMatching } from './partyOrgs';
import { assertPartyOrgRegion, inCallerRegions } from './recordScope';

type ListInput = z.output<typeof fundingListSchema>;

/** A payment with its live party organization and region (a deleted party organization's payments are gone with it). */
function joined(db: Kysely<CamelDatabase>) {
  return db
    .selectFrom('funding as f')
    .innerJoin('party_orgs as p', (j) => j.onRef('p.id', '=', 'f.partyOrgId').on('p.deletedAt', 'is', null))
    .innerJoin('regions as r', 'r.id', 'p.regionId')
    .selectAll('f')
    .select(['p.name as partyOrgName', 'p.regionId', 'r.name as regionName'])
    .where(inCallerRegions('p.regionId'));
}

/**
 * The records the filters select. `order: 'ledger'` is the printed ledger's order (region, party
 * organization, date); the list shows the newest payment first.
 */
export async function selectFunding(
  ctx: Ctx,
  f: Omit<ListInput, 'offset' | 'limit'>,
  order: 'list' | 'ledger' = 'list',
): Promise<FundingRecord[]> {
  let q = joined(camelDb(ctx.ledger.db));
  if (f.year != null) q = q.where('f.year', '=', f.year);
  if (f.regionId != null) q = q.where('p.regionId', '=', f.regionId);
  if (f.partyOrgId != null) q = q.where('f.partyOrgId', '=', f.partyOrgId);
  if (f.source != null) q = q.where('f.source', '=', f.source);
  q =
    order === 'ledger'
      ? q.orderBy('r.sortOrder').orderBy('r.id').orderBy('p.id').orderBy('f.date').orderBy('f.id')
      : q.orderBy('f.date', 'desc').orderBy('f.id', 'desc');
  const rows = (await q.execute()) satisfies FundingRecord[];
  const found = await partyOrgIdsMatching(ctx, f.query);
  return rows.filter((r) => found == null || found.has(r.partyOrgId));
}

export async function listFunding(ctx: Ctx, input: ListInput): Promise<FundingPage> {
  const all = await selectFunding(ctx, input);
  return {
    total: all.length,
    totalFen: all.reduce((s, r) => s + r.amountFen, 0),
    rows: all.slice(input.offset, input.offset + input.limit),
  };
}

/**
 * Each region's sums by source for a year, in 分; the region is the party organization's. Only the
 * pairs that have money are listed.
 *
 * @example await fundingTotals(db, 2026) // [{ regionId: 3, source: 'superior', fen: 1500000 }, …]
 */
export async function fundingTotals(db: Kysely<Database>, year: number): Promise<{ regionId: number; source: string; fen: number }[]> {
  const rows = await camelDb(db)
    .selectFrom('funding as f')
    .innerJoin('party_orgs as p', 'p.id', 'f.partyOrgId')
    .select(['p.regionId', 'f.source', (eb) => eb.fn.sum<number>('f.amountFen').as('fen')])
    .where('f.year', '=', year)
    .where('p.deletedAt', 'is', null)
    .where(inCallerRegions('p.regionId'))
    .groupBy(['p.regionId', 'f.source'])
    .orderBy('p.regionId')
    .orderBy('f.source')
    .execute();
  return rows.map((r) => ({ ...r, fen: Number(r.fen) }));
}

const emptyBySource = (): FenBySource => Object.fromEntries(FUNDING_SOURCES.map((s) => [s.code, 0])) as FenBySource;

/** A year's sums by region (every region, in the county's order) and source, with the county's line. */
export async function fundingTotalsTable(ctx: Ctx, input: { year: number; regionId?: number }): Promise<FundingTotals> {
  const regions = await ctx.ledger.db.selectFrom('regions').select(['id', 'name']).orderBy('sort_order').orderBy('id').execute();
  const sums = await fundingTotals(ctx.ledger.db, input.year);
  const line = (regionId: number | null, regionName: string): FundingTotalsLine => ({
    regionId,
    regionName,
    bySource: emptyBySource(),
    totalFen: 0,
  });
  const county = line(null, '合计');
  const lines = regions
    .filter((r) => (input.regionId == null || r.id === input.regionId) && mayTouchRegion(r.id))
    .map((r) => line(r.id, r.name));
  const byId = new Map(lines.map((l) => [l.regionId, l]));
  for (const s of sums) {
    const l = byId.get(s.regionId);
    if (!l) continue;
    const source = s.source as FundingSource;
    l.bySource[source] += s.fen;
    l.totalFen += s.fen;
    county.bySource[source] += s.fen;
    county.totalFen += s.fen;
  }
  return { year: input.year, regions: lines, county };
}

async function readRecord(trx: Writer['trx'], id: number) {
  return camelDb(trx).selectFrom('funding').selectAll().where('id', '=', id).executeTakeFirst();
}

/** What the audit log keeps of a payment: its fields as the form has them, the amount in 元. */
function snapshot(f: FundingFields) {
  return { ...f, amount: (f.amount / 100).toFixed(2) };
}

/** A stored payment (read through the camel view) as the form's fields, in the form's order. */
export function storedFields(r: Selectable<CamelColumns<FundingTable>>): FundingFields {
  const { partyOrgId, source, fundKind, amountFen, date, period, documentNo, remarks } = r;
  return { partyOrgId, source, fundKind, amount: amountFen, date, period, documentNo, remarks };
}

async function check(w: Writer, f: FundingFields, today: string | null): Promise<void> {
  const p = await w.trx
    .selectFrom('party_orgs')
    .select('id')
    .where('id', '=', f.partyOrgId)
    .where('deleted_at', 'is', null)
    .where(inCallerRegions('region_id'))
    .executeTakeFirst();
  if (!p) {
    throw new AppError('invalid_input', `「党组织」编号${f.partyOrgId}不存在或已删除`, [
      { path: 'partyOrgId', message: '党组织不存在或已删除' },
    ]);
  }
  if (today != null && f.date > today) {
    throw new AppError('invalid_input', `「拨付日期」${f.date}晚于今天，不能登记尚未发生的拨付`, [
      { path: 'date', message: '拨付日期不能晚于今天' },
    ]);
  }
}

function columns({ amount, ...f }: FundingFields) {
  return { ...f, year: Number(f.date.slice(0, 4)), amountFen: amount };
}

/** Inside a caller's transaction (imports, the demo county). `today` null skips the no-future-date check. */
export async function createFundingIn(
  w: Writer,
  f: FundingFields,
  today: string | null,
  audit: Record<string, unknown> = {},
): Promise<number> {
  await check(w, f, today);
  const { id } = await camelDb(w.trx)
    .insertInto('funding')
    .values({ ...columns(f), createdAt: w.now, updatedAt: w.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await w.audit('funding', id, 'create', null, { ...snapshot(f), ...audit });
  w.touchOrgs([]);
  return id;
}

export async function getFunding(ctx: Ctx, id: number): Promise<FundingRecord> {
  const row = await joined(camelDb(ctx.ledger.db)).where('f.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('经费记录', id);
  return row satisfies FundingRecord;
}

export async function createFunding(ctx: Ctx, f: FundingFields): Promise<FundingRecord> {
  const id = await write(ctx, (w) => createFundingIn(w, f, ctx.today()));
  return getFunding(ctx, id);
}

export async function updateFunding(ctx: Ctx, id: number, f: FundingFields): Promise<FundingRecord> {
  await write(ctx, (w) => updateFundingIn(w, id, f, ctx.today()));
  return getFunding(ctx, id);
}

/** Inside a caller's transaction (imports). `today` null skips the no-future-date check. */
export async function updateFundingIn(
  w: Writer,
  id: number,
  f: FundingFields,
  today: string | null,
  audit: Record<string, unknown> = {},
): Promise<void> {
  const row = await readRecord(w.trx, id);
  if (!row) throw notFound('经费记录', id);
  await assertPartyOrgRegion(w.trx, row.partyOrgId, '经费记录', id);
  await check(w, f, today);
  await camelDb(w.trx)
    .updateTable('funding')
    .set({ ...columns(f), updatedAt: w.now })
    .where('id', '=', id)
    .execute();
  await w.audit('funding', id, 'update', snapshot(storedFields(row)), { ...snapshot(f), ...audit });
  w.touchOrgs([]);
}

export async function deleteFunding(ctx: Ctx, id: number): Promise<{ id: number }> {
  await write(ctx, async (w) => {
    const row = await readRecord(w.trx, id);
    if (!row) throw notFound('经费记录', id);
    await assertPartyOrgRegion(w.trx, row.partyOrgId, '经费记录', id);
    await w.trx.deleteFrom('funding').where('id', '=', id).execute();
    await w.audit('funding', id, 'delete', snapshot(storedFields(row)), null);
    w.touchOrgs([]);
  });
  return { id };
}

/** A demo payment (seeds/demo-county.json): the fields of the form with the party organization by name. */
export type SeedFunding = Omit<FundingInput, 'partyOrgId'> & { partyOrgName: string };

/** The demo county's payments, checked like the form's, inside the seed loader's transaction. */
export async function loadFundingSeedIn(w: Writer, list: SeedFunding[], partyOrgId: (name: string) => number): Promise<void> {
  for (const [i, s] of list.entries()) {
    const { partyOrgName, ...given } = s;
    const parsed = fundingFieldsSchema.safeParse({ ...given, partyOrgId: partyOrgId(partyOrgName) });
    if (!parsed.success) {
      throw new AppError('invalid_input', `示例数据第${i + 1}条经费记录有误：${describeErrors(fieldErrors(parsed.error))}`);
    }
    await createFundingIn(w, parsed.data, null);
  }
}
