/**
 * 分类定级 and 星级 by year. A party organization under an open case is 集中整顿 whatever was set;
 * otherwise its class is the one the clerk set for the year (销号 sets 规范建设).
 */
import { sql } from 'kysely';
import type { ManagementClass } from '../../../shared/domain/codes';
import type { ClassRow } from '../../../shared/types';
import { camelDb } from '../camel';
import type { Ctx } from '../context';
import { AppError, notFound } from '../errors';
import { type Writer, write } from '../write';
import { partyOrgIdsMatching } from './partyOrgs';
import { inCallerRegions } from './recordScope';

export interface ClassFilter {
  year: number;
  regionId?: number;
  class?: ManagementClass | 'none';
  query?: string;
}

export async function listClasses(ctx: Ctx, f: ClassFilter): Promise<ClassRow[]> {
  const db = camelDb(ctx.ledger.db);
  const orgs = await db
    .selectFrom('party_orgs as p')
    .innerJoin('regions as r', 'r.id', 'p.regionId')
    .select(['p.id as partyOrgId', 'p.name as partyOrgName', 'p.secretaryName', 'p.regionId', 'r.name as regionName'])
    .where('p.deletedAt', 'is', null)
    .where(inCallerRegions('p.regionId'))
    .orderBy('r.sortOrder')
    .orderBy('p.id')
    .execute();
  const classes = await db.selectFrom('classes').select(['partyOrgId', 'year', 'class']).execute();
  const ratings = await db.selectFrom('ratings').select(['partyOrgId', 'year', 'stars', 'assessedDate']).execute();
  // A case counts as open in a year from its year on, until it is delisted.
  const openCases = await db.selectFrom('cases').select(['partyOrgId', 'year']).where('state', '<>', 'delisted').execute();
  const key = (id: number, y: number) => `${id}:${y}`;
  const classBy = new Map(classes.map((c) => [key(c.partyOrgId, c.year), c.class]));
  const ratingBy = new Map(ratings.map((r) => [key(r.partyOrgId, r.year), r]));
  const years = [...new Set([...classes.map((c) => c.year), ...ratings.map((r) => r.year)])]
    .filter((y) => y < f.year)
    .sort((a, b) => b - a);
  const open = (id: number, y: number) => openCases.some((c) => c.partyOrgId === id && c.year <= y);
  const effective = (id: number, y: number): { class: ManagementClass | null; automatic: boolean } =>
    open(id, y) ? { class: 'rectify', automatic: true } : { class: classBy.get(key(id, y)) ?? null, automatic: false };
  const found = await partyOrgIdsMatching(ctx, f.query);
  return orgs
    .filter((o) => (f.regionId == null || o.regionId === f.regionId) && (found == null || found.has(o.partyOrgId)))
    .map((o) => {
      const e = effective(o.partyOrgId, f.year);
      const rating = ratingBy.get(key(o.partyOrgId, f.year));
      return {
        ...o,
        year: f.year,
        class: e.class,
        automatic: e.automatic,
        stars: rating?.stars ?? null,
        assessedDate: rating?.assessedDate ?? null,
        history: years.map((y) => ({
          year: y,
          class: classBy.get(key(o.partyOrgId, y)) ?? null,
          stars: ratingBy.get(key(o.partyOrgId, y))?.stars ?? null,
        })),
      } satisfies ClassRow;
    })
    .filter((r) => f.class == null || (f.class === 'none' ? r.class == null : r.class === f.class));
}

/** Bulk: many party organizations to one class for a year. Those under an open case stay 集中整顿. */
export async function setClasses(ctx: Ctx, year: number, partyOrgIds: number[], cls: ManagementClass): Promise<{ updated: number }> {
  return write(ctx, (w) => setClassesIn(w, year, partyOrgIds, cls));
}

export async function setClassesIn(w: Writer, year: number, partyOrgIds: number[], cls: ManagementClass): Promise<{ updated: number }> {
  const ids = [...new Set(partyOrgIds)];
  const trx = camelDb(w.trx);
  const found = await trx
    .selectFrom('party_orgs')
    .select(['id', 'name'])
    .where('id', 'in', ids)
    .where('deletedAt', 'is', null)
    .where(inCallerRegions('regionId'))
    .execute();
  if (found.length !== ids.length) {
    const known = new Set(found.map((p) => p.id));
    throw new AppError('invalid_input', `「党组织」编号${ids.filter((i) => !known.has(i)).join('、')}不存在或已删除`);
  }
  if (cls !== 'rectify') {
    const open = await trx
      .selectFrom('cases')
      .innerJoin('party_orgs', 'party_orgs.id', 'cases.partyOrgId')
      .select(['party_orgs.name'])
      .where('cases.partyOrgId', 'in', ids)
      .where('cases.state', '<>', 'delisted')
      .where('cases.year', '<=', year)
      .execute();
    if (open.length) {
      throw new AppError(
        'conflict',
        `${open
          .map((o) => `“${o.name}”`)
          .slice(0, 3)
          .join('、')}${open.length > 3 ? `等${open.length}个` : ''}正在集中整顿，销号后才能调整类别`,
      );
    }
  }
  const before = await trx
    .selectFrom('classes')
    .select(['partyOrgId', 'class'])
    .where('year', '=', year)
    .where('partyOrgId', 'in', ids)
    .execute();
  for (const id of ids) {
    await trx
      .insertInto('classes')
      .values({ partyOrgId: id, year, class: cls, updatedAt: w.now })
      .onConflict((oc) => oc.columns(['partyOrgId', 'year']).doUpdateSet({ class: cls, updatedAt: w.now }))
      .execute();
  }
  await w.audit('class', year, 'set', before, { partyOrgIds: ids, class: cls });
  w.touchOrgs([]);
  return { updated: ids.length };
}

/** 星级 for a year; the newest year's rating is also the party organization's current star rating. */
type RatingInput = { partyOrgId: number; year: number; stars: number; assessedDate: string };

export async function setRating(ctx: Ctx, input: RatingInput): Promise<{ partyOrgId: number }> {
  // A clerk rates what has been assessed; seeds and imports (setRatingIn) carry their own dates.
  const today = ctx.today();
  if (input.assessedDate > today) throw new AppError('invalid_input', `「评定日期」不能晚于今天（${today}）`);
  await write(ctx, (w) => setRatingIn(w, input));
  return { partyOrgId: input.partyOrgId };
}

export async function setRatingIn(w: Writer, input: RatingInput): Promise<void> {
  const trx = camelDb(w.trx);
  const po = await trx
    .selectFrom('party_orgs')
    .select('id')
    .where('id', '=', input.partyOrgId)
    .where('deletedAt', 'is', null)
    .where(inCallerRegions('regionId'))
    .executeTakeFirst();
  if (!po) throw notFound('党组织', input.partyOrgId);
  const before = await trx
    .selectFrom('ratings')
    .select(['year', 'stars', 'assessedDate'])
    .where('partyOrgId', '=', input.partyOrgId)
    .where('year', '=', input.year)
    .executeTakeFirst();
  await trx
    .insertInto('ratings')
    .values({
      partyOrgId: input.partyOrgId,
      year: input.year,
      stars: input.stars,
      assessedDate: input.assessedDate,
      updatedAt: w.now,
    })
    .onConflict((oc) =>
      oc.columns(['partyOrgId', 'year']).doUpdateSet({ stars: input.stars, assessedDate: input.assessedDate, updatedAt: w.now }),
    )
    .execute();
  const newest = await trx
    .selectFrom('ratings')
    .select((eb) => eb.fn.max('year').as('y'))
    .where('partyOrgId', '=', input.partyOrgId)
    .executeTakeFirst();
  if (Number(newest?.y) === input.year) {
    // 星级 is a field of the party organization's form: its version rises, so a form opened before gets a conflict.
    await trx
      .updateTable('party_orgs')
      .set({ starRating: input.stars, updatedAt: w.now, version: sql<number>`version + 1` })
      .where('id', '=', input.partyOrgId)
      .where((eb) => eb.or([eb('starRating', 'is', null), eb('starRating', '<>', input.stars)]))
      .execute();
  }
  await w.audit('rating', input.partyOrgId, 'set', before ?? null, input);
  w.touchOrgs([]);
}
