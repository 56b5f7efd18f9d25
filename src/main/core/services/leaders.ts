/**
 * 包联领导 kept in 设置. A case plan refers to them by id, so one person is one leader on 包联领导督办
 * however the name was once typed. A leader a case refers to is deactivated, never deleted.
 */
import { type InferResult, type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import { splitLeaderText } from '../../../shared/rules/leaderName';
import type { leaderFieldsSchema } from '../../../shared/schemas';
import type { Leader } from '../../../shared/types';
import { camelDb } from '../camel';
import type { Ctx } from '../context';
import { AppError, notFound } from '../errors';
import type { CamelDatabase } from '../schema';
import type { Writer } from '../write';
import { write } from '../write';

type Fields = z.output<typeof leaderFieldsSchema>;

/** Each leader with how many cases name it (county or township), so a used one is deactivated, not deleted. */
function withCaseCount(db: Kysely<CamelDatabase>) {
  return db
    .selectFrom('leaders as l')
    .select(['l.id', 'l.name', 'l.title', 'l.unit', 'l.level', 'l.sortOrder', 'l.active'])
    .select((eb) =>
      eb
        .selectFrom('cases as c')
        .select(sql<number>`count(*)`.as('n'))
        .where((w) => w.or([w('c.leaderCountyId', '=', w.ref('l.id')), w('c.leaderTownshipId', '=', w.ref('l.id'))]))
        .as('caseCount'),
    );
}

/** 启用 stored 0/1 as a boolean; the count a number on either engine. */
const toLeader = (r: InferResult<ReturnType<typeof withCaseCount>>[number]) =>
  ({ ...r, active: r.active === 1, caseCount: Number(r.caseCount) }) satisfies Leader;

export async function listLeaders(ctx: Ctx): Promise<Leader[]> {
  const rows = await withCaseCount(camelDb(ctx.ledger.db)).orderBy('l.sortOrder').orderBy('l.id').execute();
  return rows.map(toLeader);
}

async function getLeader(ctx: Ctx, id: number): Promise<Leader> {
  const row = await withCaseCount(camelDb(ctx.ledger.db)).where('l.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('包联领导', id);
  return toLeader(row);
}

async function refuseSameName(w: Writer, name: string, id?: number) {
  let q = w.trx.selectFrom('leaders').select('id').where('name', '=', name);
  if (id != null) q = q.where('id', '<>', id);
  if (await q.executeTakeFirst()) throw new AppError('conflict', `包联领导“${name}”已在名单中，请直接修改原记录`);
}

export async function createLeader(ctx: Ctx, f: Fields): Promise<Leader> {
  const id = await write(ctx, async (w) => {
    await refuseSameName(w, f.name);
    const last = await w.trx
      .selectFrom('leaders')
      .select((eb) => eb.fn.max('sort_order').as('n'))
      .executeTakeFirst();
    const row = { name: f.name, title: f.title, unit: f.unit, level: f.level, active: f.active ? 1 : 0 };
    const { id } = await w.trx
      .insertInto('leaders')
      .values({ ...row, sort_order: Number(last?.n ?? 0) + 1, created_at: w.now, updated_at: w.now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await w.audit('leader', id, 'create', null, f);
    return id;
  });
  return getLeader(ctx, id);
}

export async function updateLeader(ctx: Ctx, id: number, f: Fields): Promise<Leader> {
  const before = await getLeader(ctx, id);
  await write(ctx, async (w) => {
    await refuseSameName(w, f.name, id);
    await w.trx
      .updateTable('leaders')
      .set({ name: f.name, title: f.title, unit: f.unit, level: f.level, active: f.active ? 1 : 0, updated_at: w.now })
      .where('id', '=', id)
      .execute();
    const { caseCount: _c, sortOrder: _s, id: _i, ...was } = before;
    await w.audit('leader', id, 'update', was, f);
  });
  return getLeader(ctx, id);
}

export async function deleteLeader(ctx: Ctx, id: number): Promise<{ id: number }> {
  const before = await getLeader(ctx, id);
  if (before.caseCount > 0) {
    throw new AppError('conflict', `“${before.name}”包联着${before.caseCount}个整顿对象，不能删除；不再包联时请改为“停用”`);
  }
  await write(ctx, async (w) => {
    await w.trx.deleteFrom('leaders').where('id', '=', id).execute();
    const { caseCount: _c, sortOrder: _s, id: _i, ...was } = before;
    await w.audit('leader', id, 'delete', was, null);
  });
  return { id };
}

export async function reorderLeaders(ctx: Ctx, ids: number[]): Promise<Leader[]> {
  const before = await listLeaders(ctx);
  const known = new Set(before.map((l) => l.id));
  if (ids.length !== known.size || !ids.every((i) => known.has(i)) || new Set(ids).size !== ids.length) {
    throw new AppError('invalid_input', '排序须包含全部包联领导且不能重复');
  }
  await write(ctx, async (w) => {
    for (const [i, id] of ids.entries()) {
      await w.trx
        .updateTable('leaders')
        .set({ sort_order: i + 1 })
        .where('id', '=', id)
        .execute();
    }
    await w.audit(
      'leader',
      0,
      'reorder',
      before.map((l) => l.id),
      ids,
    );
  });
  return listLeaders(ctx);
}

/**
 * The leader a plan names, inside a write: the id picked from 设置 (checked), or text typed under 其他
 * that names a leader already on the list (“李红梅（旗委常委、组织部部长）” is 李红梅). With `create`, a text
 * naming a person who is not on the list yet is added (the demo seed's plans, old ledgers).
 */
export async function resolveLeader(
  w: Writer,
  picked: { id: number | null; text: string | null; current: number | null; level: Leader['level']; label: string },
  create = false,
): Promise<{ id: number | null; text: string | null; name: string | null; title: string | null }> {
  if (picked.id != null) {
    const l = await w.trx.selectFrom('leaders').selectAll().where('id', '=', picked.id).executeTakeFirst();
    if (!l) throw new AppError('invalid_input', `「${picked.label}」所选领导不存在，请重新选择`);
    if (!l.active && l.id !== picked.current) throw new AppError('conflict', `「${picked.label}」${l.name}已停用，请另选`);
    return { id: l.id, text: null, name: l.name, title: l.title };
  }
  const parsed = splitLeaderText(picked.text);
  if (!parsed) return { id: null, text: picked.text, name: picked.text, title: null };
  const l = await w.trx.selectFrom('leaders').selectAll().where('name', '=', parsed.name).executeTakeFirst();
  if (l) return { id: l.id, text: null, name: l.name, title: l.title };
  if (!create) return { id: null, text: picked.text, name: picked.text, title: null };
  const last = await w.trx
    .selectFrom('leaders')
    .select((eb) => eb.fn.max('sort_order').as('n'))
    .executeTakeFirst();
  const { id } = await w.trx
    .insertInto('leaders')
    .values({
      name: parsed.name,
      title: parsed.title,
      unit: null,
      level: picked.level,
      sort_order: Number(last?.n ?? 0) + 1,
      active: 1,
      created_at: w.now,
      updated_at: w.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, text: null, name: parsed.name, title: parsed.title };
}
