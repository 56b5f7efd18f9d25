import type { z } from 'zod';
import type { regionFieldsSchema } from '../../../shared/schemas';
import type { Region } from '../../../shared/types';
import { visibleRegions } from '../caller';
import { camelDb } from '../camel';
import type { Ctx } from '../context';
import { AppError, notFound } from '../errors';
import { type Writer, write } from '../write';

type RegionFields = z.output<typeof regionFieldsSchema>;

/** The regions the caller may see (a 乡镇经办 only their own), in the clerk's order. */
export async function listRegions(ctx: Ctx): Promise<Region[]> {
  const mine = visibleRegions();
  const db = camelDb(ctx.ledger.db);
  const rows = await db
    .selectFrom('regions as r')
    .select(['r.id', 'r.name', 'r.kind', 'r.code', 'r.sortOrder'])
    .$if(mine !== null, (q) => q.where('r.id', 'in', mine?.length ? mine : [-1]))
    .orderBy('r.sortOrder')
    .orderBy('r.id')
    .execute();
  // Counted in SQL over the live-rows index (migration 0012), not from the organization index: the list
  // is asked for right after start, while that index is still being built.
  const counted = await db
    .selectFrom('orgs')
    .select(['regionId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('deletedAt', 'is', null)
    .groupBy('regionId')
    .execute();
  const counts = new Map(counted.map((c) => [c.regionId, Number(c.n)]));
  return rows.map((r) => ({ ...r, orgCount: counts.get(r.id) ?? 0 }) satisfies Region);
}

async function getRegion(ctx: Ctx, id: number): Promise<Region> {
  const r = (await listRegions(ctx)).find((x) => x.id === id);
  if (!r) throw notFound('属地', id);
  return r;
}

async function assertNameFree(ctx: Ctx, name: string, exceptId?: number) {
  const clash = await ctx.ledger.db.selectFrom('regions').select('id').where('name', '=', name).executeTakeFirst();
  if (clash && clash.id !== exceptId) throw new AppError('conflict', `属地“${name}”已存在`);
}

export async function createRegion(ctx: Ctx, f: RegionFields): Promise<Region> {
  await assertNameFree(ctx, f.name);
  const id = await write(ctx, (w) => createRegionIn(w, f));
  return getRegion(ctx, id);
}

/** Inside a caller's transaction (an exchange file's region, the demo county): last in the clerk's order. */
export async function createRegionIn(w: Writer, f: RegionFields, audit: Record<string, unknown> = {}): Promise<number> {
  const clash = await w.trx.selectFrom('regions').select('id').where('name', '=', f.name).executeTakeFirst();
  if (clash) throw new AppError('conflict', `属地“${f.name}”已存在`);
  const max = await w.trx
    .selectFrom('regions')
    .select((eb) => eb.fn.max('sort_order').as('m'))
    .executeTakeFirst();
  const row = { name: f.name, kind: f.kind, code: f.code, sort_order: Number(max?.m ?? 0) + 1, created_at: w.now };
  const { id } = await w.trx.insertInto('regions').values(row).returning('id').executeTakeFirstOrThrow();
  await w.audit('region', id, 'create', null, { ...row, ...audit });
  w.touchOrgs([]);
  return id;
}

export async function updateRegion(ctx: Ctx, f: RegionFields & { id: number }): Promise<Region> {
  const before = await getRegion(ctx, f.id);
  await assertNameFree(ctx, f.name, f.id);
  await write(ctx, async (w) => {
    await w.trx.updateTable('regions').set({ name: f.name, kind: f.kind, code: f.code }).where('id', '=', f.id).execute();
    await w.audit('region', f.id, 'update', before, { ...before, ...f });
  });
  return getRegion(ctx, f.id);
}

export async function reorderRegions(ctx: Ctx, ids: number[]): Promise<Region[]> {
  const before = await listRegions(ctx);
  const known = new Set(before.map((r) => r.id));
  if (ids.length !== known.size || !ids.every((i) => known.has(i)) || new Set(ids).size !== ids.length) {
    throw new AppError('invalid_input', '排序须包含全部属地且不能重复');
  }
  await write(ctx, async (w) => {
    for (const [i, id] of ids.entries()) {
      await w.trx
        .updateTable('regions')
        .set({ sort_order: i + 1 })
        .where('id', '=', id)
        .execute();
    }
    await w.audit(
      'region',
      0,
      'reorder',
      before.map((r) => r.id),
      ids,
    );
  });
  return listRegions(ctx);
}
