/**
 * 党员发展 by year: per organization and year, 正式党员, 预备党员, 入党积极分子, 发展对象, 新发展党员.
 * The current year's row and the organization's own counts are one fact kept in two places: a write of
 * either updates the other in the same transaction, so they never disagree.
 */
import { type Kysely, sql } from 'kysely';
import { type MemberYear, type MemberYearSet, memberYearSetSchema } from '../../../shared/records/memberYears';
import { mayTouchRegion } from '../caller';
import { camelDb } from '../camel';
import type { Ctx } from '../context';
import { AppError, notFound } from '../errors';
import type { CamelDatabase, Database } from '../schema';
import { type Writer, write } from '../write';

const yearOf = (day: string) => Number(day.slice(0, 4));

/** The organization if it is live and in the caller's regions (another region's is as missing as a deleted one). */
async function liveOrg(db: Kysely<CamelDatabase>, orgId: number) {
  const org = await db
    .selectFrom('orgs')
    .select(['id', 'name', 'regionId'])
    .where('id', '=', orgId)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  return org && mayTouchRegion(org.regionId) ? org : undefined;
}

/** The stored rows as the figures the channels, the audit log, the import and the exchange speak of. */
export function memberYearSets(db: Kysely<CamelDatabase>) {
  return db.selectFrom('member_years').select(['orgId', 'year', 'formal', 'probationary', 'activists', 'candidates', 'newMembers']);
}

function yearRow(db: Kysely<CamelDatabase>, orgId: number, year: number): Promise<MemberYearSet | undefined> {
  return memberYearSets(db).where('orgId', '=', orgId).where('year', '=', year).executeTakeFirst();
}

/** Every year recorded for one organization, newest first. */
export async function listMemberYears(ctx: Ctx, orgId: number): Promise<MemberYear[]> {
  const db = camelDb(ctx.ledger.db);
  if (!(await liveOrg(db, orgId))) throw notFound('两新组织', orgId);
  return (await memberYearSets(db).select('updatedAt').where('orgId', '=', orgId).orderBy('year', 'desc').execute()) satisfies MemberYear[];
}

export async function setMemberYear(ctx: Ctx, input: MemberYearSet): Promise<MemberYear[]> {
  await write(ctx, (w) => setMemberYearIn(w, input));
  return listMemberYears(ctx, input.orgId);
}

/** One year's figures; the current year's also become the organization's counts. */
export async function setMemberYearIn(w: Writer, input: MemberYearSet, audit: Record<string, unknown> = {}): Promise<void> {
  const current = yearOf(w.today);
  if (input.year > current) {
    throw new AppError('invalid_input', `「年度」不能晚于今年（${current}年）`, [{ path: 'year', message: `不能晚于${current}年` }]);
  }
  const trx = camelDb(w.trx);
  if (!(await liveOrg(trx, input.orgId))) throw notFound('两新组织', input.orgId);
  const before = await yearRow(trx, input.orgId, input.year);
  const { orgId, year, formal, probationary, activists, candidates, newMembers } = input;
  const figures = { formal, probationary, activists, candidates, newMembers, updatedAt: w.now };
  await trx
    .insertInto('member_years')
    .values({ orgId, year, ...figures })
    .onConflict((oc) => oc.columns(['orgId', 'year']).doUpdateSet(figures))
    .execute();
  if (input.year === current) {
    // Fields of the organization's form: a change raises its version, so a form opened before gets a conflict.
    await w.trx
      .updateTable('orgs')
      .set({
        formal_members: input.formal,
        probationary_members: input.probationary,
        activists: input.activists,
        updated_at: w.now,
        version: sql<number>`version + 1`,
      })
      .where('id', '=', input.orgId)
      .where((eb) =>
        eb.or([
          eb('formal_members', '<>', input.formal),
          eb('probationary_members', '<>', input.probationary),
          eb('activists', '<>', input.activists),
        ]),
      )
      .execute();
  }
  await w.audit('member_year', input.orgId, 'set', before ?? null, { ...input, ...audit });
  // The current year's figures are the organization's counts, which its list row and flags show.
  w.touchOrgs(input.year === current ? [input.orgId] : []);
}

/**
 * A year entered by mistake (a wrong year picked, a duplicate) is removed. The current year's row is the
 * organization's own counts, which its form keeps; that one is changed, never deleted.
 */
export async function deleteMemberYear(ctx: Ctx, input: { orgId: number; year: number }): Promise<MemberYear[]> {
  await write(ctx, async (w) => {
    const current = yearOf(w.today);
    if (input.year === current) {
      throw new AppError('invalid_input', `当年（${current}年）的党员发展情况就是该组织的党员数，不能删除；数字有误请直接修改`, [
        { path: 'year', message: '当年的记录不能删除' },
      ]);
    }
    const trx = camelDb(w.trx);
    if (!(await liveOrg(trx, input.orgId))) throw notFound('两新组织', input.orgId);
    const before = await yearRow(trx, input.orgId, input.year);
    if (!before) throw new AppError('not_found', `该组织没有${input.year}年度的党员发展记录，可能已被删除，请刷新后再试`);
    await trx.deleteFrom('member_years').where('orgId', '=', input.orgId).where('year', '=', input.year).execute();
    await w.audit('member_year', input.orgId, 'delete', before, null);
    w.touchOrgs([]);
  });
  return listMemberYears(ctx, input.orgId);
}

/**
 * The organization's counts, just written by its own form, an import or an exchange, are the current
 * year's figures; 发展对象 and 新发展党员, which the organization form does not ask, stay as they were.
 * No audit row of its own: the organization's row records the counts.
 */
export async function syncCurrentMemberYear(
  w: Writer,
  orgId: number,
  counts: { formalMembers: number; probationaryMembers: number; activists: number },
): Promise<void> {
  const figures = {
    formal: counts.formalMembers,
    probationary: counts.probationaryMembers,
    activists: counts.activists,
    updatedAt: w.now,
  };
  await camelDb(w.trx)
    .insertInto('member_years')
    .values({ orgId, year: yearOf(w.today), candidates: 0, newMembers: 0, ...figures })
    .onConflict((oc) => oc.columns(['orgId', 'year']).doUpdateSet(figures))
    .execute();
}

export interface MemberYearTotal {
  regionId: number;
  formal: number;
  probationary: number;
  activists: number;
  candidates: number;
  newMembers: number;
}

/**
 * One year's figures summed per region (every region, in the clerk's order, zeros included), over the
 * organizations not deleted. For the yearly statistics table and the 党员发展情况统计表.
 *
 * @example const rows = await memberYearTotals(ctx.ledger.db, 2026); // [{ regionId: 1, formal: 120, … }, …]
 */
export async function memberYearTotals(db: Kysely<Database>, year: number): Promise<MemberYearTotal[]> {
  const rows = await camelDb(db)
    .selectFrom('regions as r')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('member_years as m')
          .innerJoin('orgs as o', 'o.id', 'm.orgId')
          .where('o.deletedAt', 'is', null)
          .where('m.year', '=', year)
          .select((e) => [
            'o.regionId',
            e.fn.sum<number>('m.formal').as('formal'),
            e.fn.sum<number>('m.probationary').as('probationary'),
            e.fn.sum<number>('m.activists').as('activists'),
            e.fn.sum<number>('m.candidates').as('candidates'),
            e.fn.sum<number>('m.newMembers').as('newMembers'),
          ])
          .groupBy('o.regionId')
          .as('t'),
      (j) => j.onRef('t.regionId', '=', 'r.id'),
    )
    .select(['r.id as regionId', 't.formal', 't.probationary', 't.activists', 't.candidates', 't.newMembers'])
    .orderBy('r.sortOrder')
    .orderBy('r.id')
    .execute();
  // Sums come back as text from PostgreSQL's numeric, and null for a region with no row.
  return rows.map((r) => ({
    regionId: r.regionId,
    formal: Number(r.formal ?? 0),
    probationary: Number(r.probationary ?? 0),
    activists: Number(r.activists ?? 0),
    candidates: Number(r.candidates ?? 0),
    newMembers: Number(r.newMembers ?? 0),
  })) satisfies MemberYearTotal[];
}

/** A past year's figures as the demo county and imports carry them, by organization name. */
export interface SeedMemberYear {
  orgName: string;
  year: number;
  formal: number;
  probationary: number;
  activists: number;
  candidates: number;
  newMembers: number;
}

/** Inside the seed's transaction: rows by organization name; the organization's counts win for the current year. */
export async function loadSeedMemberYears(w: Writer, rows: SeedMemberYear[]): Promise<void> {
  const ids = new Map<string, number>();
  for (const o of await w.trx.selectFrom('orgs').select(['id', 'name']).where('deleted_at', 'is', null).execute()) ids.set(o.name, o.id);
  const values = rows.map((r) => {
    const orgId = ids.get(r.orgName);
    if (orgId == null) throw new AppError('invalid_input', `示例数据党员发展中的两新组织“${r.orgName}”不存在`);
    const ok = memberYearSetSchema.safeParse({ ...r, orgId });
    if (!ok.success) throw new AppError('invalid_input', `示例数据中“${r.orgName}”${r.year}年度的党员发展情况有误`);
    const { formal, probationary, activists, candidates } = r;
    return { orgId, year: r.year, formal, probationary, activists, candidates, newMembers: r.newMembers, updatedAt: w.now };
  });
  // In slices (SQLite's bound-parameter limit), a statement each: the demo county loads on first start.
  for (let i = 0; i < values.length; i += 100) {
    await camelDb(w.trx)
      .insertInto('member_years')
      .values(values.slice(i, i + 100))
      .onConflict((oc) =>
        oc.columns(['orgId', 'year']).doUpdateSet((eb) => ({
          formal: eb.ref('excluded.formal'),
          probationary: eb.ref('excluded.probationary'),
          activists: eb.ref('excluded.activists'),
          candidates: eb.ref('excluded.candidates'),
          newMembers: eb.ref('excluded.newMembers'),
          updatedAt: eb.ref('excluded.updatedAt'),
        })),
      )
      .execute();
  }
  const year = yearOf(w.today);
  await sql`INSERT INTO member_years (org_id, year, formal, probationary, activists, candidates, new_members, updated_at)
    SELECT id, cast(${year} as integer), formal_members, probationary_members, activists, 0, 0, ${w.now} FROM orgs WHERE deleted_at IS NULL
    ON CONFLICT (org_id, year) DO UPDATE SET formal = excluded.formal, probationary = excluded.probationary,
      activists = excluded.activists, updated_at = excluded.updated_at`.execute(w.trx);
}
