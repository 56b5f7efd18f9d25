/**
 * 分类定级 and 星级 by year. A party organization under an open case is 集中整顿 whatever was set;
 * otherwise its class is the one the clerk set for the year (销号 sets 规范建设).
 */
import { sql } from 'kysely';
import type { ManagementClass } from '../../../shared/domain/codes';
import type { ClassRow } from '../../../shared/types';
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
  const db = ctx.ledger.db;
  const orgs = await db
    .selectFrom('party_orgs as p')
    .innerJoin('regions as r', 'r.id', 'p.region_id')
    .select(['p.id', 'p.name', 'p.secretary_name', 'p.region_id', 'r.name as region_name'])
    .where('p.deleted_at', 'is', null)
    .where(inCallerRegions('p.region_id'))
    .orderBy('r.sort_order')
    .orderBy('p.id')
    .execute();
  const classes = await db.selectFrom('classes').select(['party_org_id', 'year', 'class']).execute();
  const ratings = await db.selectFrom('ratings').select(['party_org_id', 'year', 'stars', 'assessed_date']).execute();
  // A case counts as open in a year from its year on, until it is delisted.
  const openCases = await db.selectFrom('cases').select(['party_org_id', 'year']).where('state', '<>', 'delisted').execute();
  const key = (id: number, y: number) => `${id}:${y}`;
  const classBy = new Map(classes.map((c) => [key(c.party_org_id, c.year), c.class]));
  const ratingBy = new Map(ratings.map((r) => [key(r.party_org_id, r.year), r]));
  const years = [...new Set([...classes.map((c) => c.year), ...ratings.map((r) => r.year)])]
    .filter((y) => y < f.year)
    .sort((a, b) => b - a);
  const open = (id: number, y: number) => openCases.some((c) => c.party_org_id === id && c.year <= y);
  const effective = (id: number, y: number): { class: ManagementClass | null; automatic: boolean } =>
    open(id, y) ? { class: 'rectify', automatic: true } : { class: classBy.get(key(id, y)) ?? null, automatic: false };
  const found = await partyOrgIdsMatching(ctx, f.query);
  return orgs
    .filter((o) => (f.regionId == null || o.region_id === f.regionId) && (found == null || found.has(o.id)))
    .map((o) => {
      const e = effective(o.id, f.year);
      const rating = ratingBy.get(key(o.id, f.year));
      return {
        partyOrgId: o.id,
        partyOrgName: o.name,
        secretaryName: o.secretary_name,
        regionId: o.region_id,
        regionName: o.region_name,
        year: f.year,
        class: e.class,
        automatic: e.automatic,
        stars: rating?.stars ?? null,
        assessedDate: rating?.assessed_date ?? null,
        history: years.map((y) => ({
          year: y,
          class: classBy.get(key(o.id, y)) ?? null,
          stars: ratingBy.get(key(o.id, y))?.stars ?? null,
        })),
      };
    })
    .filter((r) => f.class == null || (f.class === 'none' ? r.class == null : r.class === f.class));
}

/** Bulk: many party organizations to one class for a year. Those under an open case stay 集中整顿. */
export async function setClasses(ctx: Ctx, year: number, partyOrgIds: number[], cls: ManagementClass): Promise<{ updated: number }> {
  return write(ctx, (w) => setClassesIn(w, year, partyOrgIds, cls));
}

export async function setClassesIn(w: Writer, year: number, partyOrgIds: number[], cls: ManagementClass): Promise<{ updated: number }> {
  const ids = [...new Set(partyOrgIds)];
  const found = await w.trx
    .selectFrom('party_orgs')
    .select(['id', 'name'])
    .where('id', 'in', ids)
    .where('deleted_at', 'is', null)
    .where(inCallerRegions('region_id'))
    .execute();
  if (found.length !== ids.length) {
    const known = new Set(found.map((p) => p.id));
    throw new AppError('invalid_input', `「党组织」编号${ids.filter((i) => !known.has(i)).join('、')}不存在或已删除`);
  }
  if (cls !== 'rectify') {
    const open = await w.trx
      .selectFrom('cases')
      .innerJoin('party_orgs', 'party_orgs.id', 'cases.party_org_id')
      .select(['party_orgs.name'])
      .where('cases.party_org_id', 'in', ids)
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
  const before = await w.trx.selectFrom('classes').selectAll().where('year', '=', year).where('party_org_id', 'in', ids).execute();
  for (const id of ids) {
    await w.trx
      .insertInto('classes')
      .values({ party_org_id: id, year, class: cls, updated_at: w.now })
      .onConflict((oc) => oc.columns(['party_org_id', 'year']).doUpdateSet({ class: cls, updated_at: w.now }))
      .execute();
  }
  await w.audit(
    'class',
    year,
    'set',
    before.map((b) => ({ partyOrgId: b.party_org_id, class: b.class })),
    { partyOrgIds: ids, class: cls },
  );
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
  const po = await w.trx
    .selectFrom('party_orgs')
    .select(['id', 'star_rating'])
    .where('id', '=', input.partyOrgId)
    .where('deleted_at', 'is', null)
    .where(inCallerRegions('region_id'))
    .executeTakeFirst();
  if (!po) throw notFound('党组织', input.partyOrgId);
  const before = await w.trx
    .selectFrom('ratings')
    .selectAll()
    .where('party_org_id', '=', input.partyOrgId)
    .where('year', '=', input.year)
    .executeTakeFirst();
  await w.trx
    .insertInto('ratings')
    .values({
      party_org_id: input.partyOrgId,
      year: input.year,
      stars: input.stars,
      assessed_date: input.assessedDate,
      updated_at: w.now,
    })
    .onConflict((oc) =>
      oc.columns(['party_org_id', 'year']).doUpdateSet({ stars: input.stars, assessed_date: input.assessedDate, updated_at: w.now }),
    )
    .execute();
  const newest = await w.trx
    .selectFrom('ratings')
    .select((eb) => eb.fn.max('year').as('y'))
    .where('party_org_id', '=', input.partyOrgId)
    .executeTakeFirst();
  if (Number(newest?.y) === input.year) {
    // 星级 is a field of the party organization's form: its version rises, so a form opened before gets a conflict.
    await w.trx
      .updateTable('party_orgs')
      .set({ star_rating: input.stars, updated_at: w.now, version: sql<number>`version + 1` })
      .where('id', '=', input.partyOrgId)
      .where((eb) => eb.or([eb('star_rating', 'is', null), eb('star_rating', '<>', input.stars)]))
      .execute();
  }
  await w.audit(
    'rating',
    input.partyOrgId,
    'set',
    before ? { year: before.year, stars: before.stars, assessedDate: before.assessed_date } : null,
    input,
  );
  w.touchOrgs([]);
}
