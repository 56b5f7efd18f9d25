/**
 * 示范点与党建品牌. A designation is never overwritten: a higher level later is a new row, 摘牌 sets the
 * year it ends, and the party organization's page shows them all.
 */

import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { labelOf } from '../../../shared/domain/codes';
import { MODEL_SITE_LEVELS } from '../../../shared/domain/siteCodes';
import {
  inForceIn,
  type ModelSiteFields,
  type ModelSiteRow,
  modelSiteFieldsSchema,
  type modelSitesListSchema,
} from '../../../shared/records/modelSites';
import { matchesName } from '../../../shared/rules/hanzi';
import { camelDb } from '../camel';
import type { Ctx } from '../context';
import { AppError, notFound } from '../errors';
import { formCodec } from '../formCodec';
import type { CamelDatabase, Database } from '../schema';
import { type Writer, write } from '../write';
import { partyOrgIdsMatching } from './partyOrgs';
import { assertPartyOrgRegion, inCallerRegions } from './recordScope';

type ListInput = z.output<typeof modelSitesListSchema>;

/** The designation form's columns and its 五星 box, from its schema. */
const siteForm = formCodec(modelSiteFieldsSchema, 'm');

/** Designations as `m` with the form's fields selected as stored, in ModelSiteFields' order (asSiteFields decodes). */
export function modelSiteRows(db: Kysely<CamelDatabase>) {
  return db.selectFrom('model_sites as m').select(siteForm.columns);
}

/** A selected row with 五星 (stored 0/1) as the form's boolean; other columns pass. */
export const asSiteFields = siteForm.decode;

export async function listModelSites(ctx: Ctx, input: ListInput): Promise<ModelSiteRow[]> {
  const rows = await modelSiteRows(camelDb(ctx.ledger.db))
    .innerJoin('party_orgs as p', (j) => j.onRef('p.id', '=', 'm.partyOrgId').on('p.deletedAt', 'is', null))
    .innerJoin('regions as r', 'r.id', 'p.regionId')
    .select(['m.id', 'p.name as partyOrgName', 'p.regionId', 'r.name as regionName'])
    .where(inCallerRegions('p.regionId'))
    .orderBy('r.sortOrder')
    .orderBy('p.id')
    .orderBy('m.year')
    .orderBy('m.id')
    .execute();
  const year = input.year ?? Number(ctx.today().slice(0, 4));
  const found = await partyOrgIdsMatching(ctx, input.query);
  const q = input.query?.trim() ?? '';
  return rows
    .map((m) => {
      const site = asSiteFields(m);
      return { ...site, inForce: inForceIn(site, year) } satisfies ModelSiteRow;
    })
    .filter(
      (m) =>
        (input.partyOrgId == null || m.partyOrgId === input.partyOrgId) &&
        (input.partyOrgId != null || input.year == null || m.inForce) &&
        (input.regionId == null || m.regionId === input.regionId) &&
        (input.level == null || m.level === input.level) &&
        (found == null || found.has(m.partyOrgId) || matchesName(q, [m.brandName])),
    );
}

async function getModelSite(ctx: Ctx, id: number): Promise<ModelSiteRow> {
  const row = (await listModelSites(ctx, {})).find((m) => m.id === id);
  if (!row) throw notFound('示范点', id);
  return row;
}

/** A stored designation as the form has it (the 操作日志 and the import compare these). */
async function storedSite(w: Writer, id: number): Promise<ModelSiteFields | undefined> {
  const row = await modelSiteRows(camelDb(w.trx)).where('m.id', '=', id).executeTakeFirst();
  return row && asSiteFields(row);
}

function columns(f: ModelSiteFields) {
  return siteForm.encode(f);
}

/** The party organization exists, and no other designation of it at the same level is in force at the same time. */
async function assertValid(w: Writer, f: ModelSiteFields, selfId: number | null): Promise<void> {
  const trx = camelDb(w.trx);
  const po = await trx
    .selectFrom('party_orgs')
    .select(['id', 'name'])
    .where('id', '=', f.partyOrgId)
    .where('deletedAt', 'is', null)
    .where(inCallerRegions('regionId'))
    .executeTakeFirst();
  if (!po) {
    throw new AppError('invalid_input', `「党组织」编号${f.partyOrgId}不存在或已删除`, [
      { path: 'partyOrgId', message: '党组织不存在或已删除' },
    ]);
  }
  const same = await trx
    .selectFrom('model_sites')
    .select(['year', 'revokedYear'])
    .where('partyOrgId', '=', f.partyOrgId)
    .where('level', '=', f.level)
    .$if(selfId != null, (q) => q.where('id', '!=', selfId as number))
    .execute();
  const end = (y: number | null) => y ?? Number.POSITIVE_INFINITY;
  const clash = same.find((m) => m.year < end(f.revokedYear) && f.year < end(m.revokedYear));
  if (clash) {
    const level = labelOf(MODEL_SITE_LEVELS, f.level);
    throw new AppError(
      'conflict',
      `“${po.name}”已于${clash.year}年命名为${level}示范点，且未撤销；如需重新命名，请先登记原命名的撤销（摘牌）年度`,
      [{ path: 'year', message: `与${clash.year}年的${level}命名重叠` }],
    );
  }
}

export async function createModelSite(ctx: Ctx, f: ModelSiteFields): Promise<ModelSiteRow> {
  const id = await write(ctx, (w) => createModelSiteIn(w, f));
  return getModelSite(ctx, id);
}

/** Inside a caller's transaction (seed, import). */
export async function createModelSiteIn(w: Writer, f: ModelSiteFields, audit: Record<string, unknown> = {}): Promise<number> {
  await assertValid(w, f, null);
  const { id } = await camelDb(w.trx)
    .insertInto('model_sites')
    .values({ ...columns(f), createdAt: w.now, updatedAt: w.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await w.audit('model_site', id, 'create', null, { ...f, ...audit });
  w.touchOrgs([]);
  return id;
}

export async function updateModelSite(ctx: Ctx, id: number, f: ModelSiteFields): Promise<ModelSiteRow> {
  await write(ctx, (w) => updateModelSiteIn(w, id, f));
  return getModelSite(ctx, id);
}

/** Inside a caller's transaction (import, exchange). */
export async function updateModelSiteIn(w: Writer, id: number, f: ModelSiteFields, audit: Record<string, unknown> = {}): Promise<void> {
  const before = await storedSite(w, id);
  if (!before) throw notFound('示范点', id);
  await assertPartyOrgRegion(w.trx, before.partyOrgId, '示范点', id);
  await assertValid(w, f, id);
  await camelDb(w.trx)
    .updateTable('model_sites')
    .set({ ...columns(f), updatedAt: w.now })
    .where('id', '=', id)
    .execute();
  await w.audit('model_site', id, 'update', before, { ...f, ...audit });
  w.touchOrgs([]);
}

/** For a designation entered by mistake; an ended one is kept with its 撤销（摘牌）年度 instead. */
export async function deleteModelSite(ctx: Ctx, id: number): Promise<{ id: number }> {
  await write(ctx, async (w) => {
    const before = await storedSite(w, id);
    if (!before) throw notFound('示范点', id);
    await assertPartyOrgRegion(w.trx, before.partyOrgId, '示范点', id);
    await w.trx.deleteFrom('model_sites').where('id', '=', id).execute();
    await w.audit('model_site', id, 'delete', before, null);
    w.touchOrgs([]);
  });
  return { id };
}

/**
 * The designations in force in `year` (named in or before it, not revoked by it) of live party
 * organizations, by the party organization's region and level: how many, how many with a 党建品牌 name,
 * how many under 五星 creation. For the yearly statistics table.
 *
 * @example await modelSiteTotals(ctx.ledger.db, 2026) // [{ regionId: 3, level: 'county', count: 4, brands: 2, fiveStar: 1 }, …]
 */
export async function modelSiteTotals(
  db: Kysely<Database>,
  year: number,
): Promise<{ regionId: number; level: string; count: number; brands: number; fiveStar: number }[]> {
  const rows = await db
    .selectFrom('model_sites as m')
    .innerJoin('party_orgs as p', 'p.id', 'm.party_org_id')
    .select((eb) => [
      'p.region_id as regionId',
      'm.level as level',
      eb.fn.countAll<number>().as('count'),
      eb.fn.count<number>('m.brand_name').as('brands'),
      eb.fn.sum<number>('m.five_star').as('fiveStar'),
    ])
    .where('p.deleted_at', 'is', null)
    .where(inCallerRegions('p.region_id'))
    .where('m.year', '<=', year)
    .where((eb) => eb.or([eb('m.revoked_year', 'is', null), eb('m.revoked_year', '>', year)]))
    .groupBy(['p.region_id', 'm.level'])
    .orderBy('p.region_id')
    .orderBy('m.level')
    .execute();
  return rows.map((r) => ({
    regionId: r.regionId,
    level: r.level,
    count: Number(r.count),
    brands: Number(r.brands),
    fiveStar: Number(r.fiveStar),
  }));
}
