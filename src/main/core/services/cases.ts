/**
 * 软弱涣散 rectification cases: 认定, 整顿, 验收, 销号, 回头看. Each step is an event on the case's
 * timeline and an audit row; the life cycle itself is the pure `transition` of the shared rules.
 */
import { type InferResult, type Kysely, type Selectable, sql } from 'kysely';
import type { z } from 'zod';
import type { CaseAction, CaseState } from '../../../shared/domain/codes';
import { acceptProblem, allowedActions, dateProblem, isOverdue, transition } from '../../../shared/rules/caseLifecycle';
import { matchesName } from '../../../shared/rules/hanzi';
import { splitLeaderText } from '../../../shared/rules/leaderName';
import type { caseActSchema, caseCreateSchema } from '../../../shared/schemas';
import type { CaseDetail, CaseEventView, CaseLeaderRow, CaseListRow, CaseStats, Page } from '../../../shared/types';
import { camelDb } from '../camel';
import type { Ctx } from '../context';
import { jsonField } from '../dialect';
import { AppError, notFound } from '../errors';
import type { CamelDatabase } from '../schema';
import { refuseLost, refuseStale } from '../versionCheck';
import { type Writer, write } from '../write';
import { resolveLeader } from './leaders';
import { assertPartyOrgRegion, inCallerRegions } from './recordScope';
import { passLineIn } from './settings';

type CreateInput = z.output<typeof caseCreateSchema>;
type ActInput = z.output<typeof caseActSchema>;

export interface CaseFilter {
  /** A piece of the party organization's name or its 书记's, or its name's pinyin initials. */
  query?: string;
  year?: number;
  state?: CaseState;
  regionId?: number;
  /** 包联县级领导 by name as shown (a leader from 设置, or text typed under 其他). */
  leader?: string;
  leaderId?: number;
  overdue?: boolean;
  partyOrgId?: number;
  asOf?: string;
  offset: number;
  limit: number;
}

/** A case with its party organization, region, leaders, instructor and the note of its latest 整改进展. */
function joined(db: Kysely<CamelDatabase>) {
  return db
    .selectFrom('cases as c')
    .innerJoin('party_orgs as p', 'p.id', 'c.partyOrgId')
    .innerJoin('regions as r', 'r.id', 'p.regionId')
    .leftJoin('leaders as lc', 'lc.id', 'c.leaderCountyId')
    .leftJoin('leaders as lt', 'lt.id', 'c.leaderTownshipId')
    .leftJoin('instructors as ins', 'ins.id', 'c.instructorId')
    .select((eb) => [
      'c.id',
      'c.partyOrgId',
      'p.name as partyOrgName',
      'p.type as partyOrgType',
      'p.regionId',
      'r.name as regionName',
      'p.secretaryName',
      'p.nameInitials',
      sql<number>`p.formal_members + p.probationary_members`.as('members'),
      'c.year',
      'c.batch',
      'c.state',
      'c.situations',
      'c.problems',
      'c.reason',
      'c.isRepeat',
      'c.identifiedDate',
      'c.measures',
      'c.goal',
      'c.responsible',
      'c.deadline',
      'c.leaderCountyId',
      'c.leaderCounty',
      'lc.name as leaderCountyListed',
      'lc.title as leaderCountyTitle',
      'c.leaderTownshipId',
      'c.leaderTownship',
      'lt.name as leaderTownshipListed',
      'c.instructorId',
      'c.instructorName',
      'ins.name as instructorListed',
      'c.pairingDept',
      'c.listedDate',
      'c.acceptedDate',
      'c.acceptScore',
      'c.delistedDate',
      'c.version',
      eb
        .selectFrom('case_events as e')
        .select(jsonField(db, sql.ref('e.data'), 'note').as('note'))
        .whereRef('e.caseId', '=', 'c.id')
        .where('e.kind', '=', 'progress')
        .orderBy('e.date', 'desc')
        .orderBy('e.id', 'desc')
        .limit(1)
        .as('lastProgress'),
    ])
    .where('p.deletedAt', 'is', null);
}

type JoinedCase = InferResult<ReturnType<typeof joined>>[number];

/** The names of listed leaders and instructors win over the text kept with the case (typed under 其他, or older). */
function toListRow(r: JoinedCase, day: string): CaseListRow {
  const { nameInitials, reason, version, leaderCountyListed, leaderTownshipListed, instructorListed, ...c } = r;
  return {
    ...c,
    situations: JSON.parse(r.situations) as string[],
    isRepeat: r.isRepeat === 1,
    leaderCounty: leaderCountyListed ?? r.leaderCounty,
    leaderTownship: leaderTownshipListed ?? r.leaderTownship,
    instructorName: instructorListed ?? r.instructorName,
    overdue: isOverdue(r, day),
  };
}

async function allRows(ctx: Ctx, inCallerScope: boolean): Promise<JoinedCase[]> {
  return joined(camelDb(ctx.ledger.db))
    .$if(inCallerScope, (q) => q.where(inCallerRegions('p.regionId')))
    .orderBy('c.year', 'desc')
    .orderBy('r.sortOrder')
    .orderBy('c.id')
    .execute();
}

/**
 * A case belongs to the ledgers of its year of 认定 and of every later year until it is 销号: an open
 * 2025 case is still worked on in 2026, and one delisted in 2026 is part of 2026's work.
 */
export function inYear(c: Pick<CaseListRow, 'year' | 'state' | 'delistedDate'>, year: number): boolean {
  if (c.year === year) return true;
  if (c.year > year) return false;
  return c.state !== 'delisted' || (c.delistedDate ?? '') >= `${year}-01-01`;
}

export async function listCases(ctx: Ctx, f: CaseFilter): Promise<Page<CaseListRow>> {
  const day = f.asOf ?? ctx.today();
  const matches = (r: JoinedCase) => matchesName(f.query, [r.partyOrgName, r.secretaryName], r.nameInitials);
  const rows = (await allRows(ctx, true))
    .filter(matches)
    .map((r) => toListRow(r, day))
    .filter(
      (c) =>
        (f.year == null || inYear(c, f.year)) &&
        (f.state == null || c.state === f.state) &&
        (f.regionId == null || c.regionId === f.regionId) &&
        (f.leader == null || c.leaderCounty === f.leader) &&
        (f.leaderId == null || c.leaderCountyId === f.leaderId) &&
        (f.overdue == null || c.overdue === f.overdue) &&
        (f.partyOrgId == null || c.partyOrgId === f.partyOrgId),
    );
  return { total: rows.length, rows: rows.slice(f.offset, f.offset + f.limit) };
}

export async function caseStats(ctx: Ctx, input: { year?: number; asOf?: string }): Promise<CaseStats> {
  const asOf = input.asOf ?? ctx.today();
  const rows = (await listCases(ctx, { year: input.year, asOf, offset: 0, limit: Number.MAX_SAFE_INTEGER })).rows;
  const byState: Record<CaseState, number> = { identified: 0, rectifying: 0, accepted: 0, delisted: 0 };
  for (const r of rows) byState[r.state]++;
  return { asOf, year: input.year ?? null, byState, overdue: rows.filter((r) => r.overdue).length, total: rows.length };
}

/**
 * 包联领导督办: each 包联县级领导 with the cases in their charge. Cases count by the leader they refer
 * to; a name typed under 其他 that is a listed leader's (“李红梅（旗委常委、组织部部长）”) counts as theirs.
 */
export async function caseLeaders(ctx: Ctx): Promise<CaseLeaderRow[]> {
  const day = ctx.today();
  const listed = await ctx.ledger.db.selectFrom('leaders').select(['id', 'name', 'title']).orderBy('sort_order').orderBy('id').execute();
  const byName = new Map(listed.map((l) => [l.name, l]));
  const byId = new Map(listed.map((l) => [l.id, l]));
  const by = new Map<string, CaseLeaderRow>();
  for (const r of (await allRows(ctx, false)).map((x) => toListRow(x, day))) {
    if (!r.leaderCounty) continue;
    const typed = splitLeaderText(r.leaderCounty);
    const l = (r.leaderCountyId != null ? byId.get(r.leaderCountyId) : undefined) ?? (typed ? byName.get(typed.name) : undefined);
    const key = l ? `id:${l.id}` : `text:${typed?.name ?? r.leaderCounty}`;
    const e = by.get(key) ?? {
      leaderId: l?.id ?? null,
      leader: l?.name ?? typed?.name ?? r.leaderCounty,
      title: l?.title ?? typed?.title ?? null,
      total: 0,
      open: 0,
      overdue: 0,
    };
    e.total++;
    if (r.state !== 'delisted') e.open++;
    if (r.overdue) e.overdue++;
    by.set(key, e);
  }
  // Listed leaders in 设置's order (the clerk's reordering is meant for here), then names typed under 其他.
  const rank = new Map(listed.map((l, i) => [l.id, i]));
  const at = (r: CaseLeaderRow) => (r.leaderId != null ? (rank.get(r.leaderId) ?? listed.length) : listed.length);
  const collator = new Intl.Collator('zh-CN');
  return [...by.values()].sort((a, b) => at(a) - at(b) || collator.compare(a.leader, b.leader));
}

async function events(ctx: Ctx, caseId: number): Promise<CaseEventView[]> {
  const rows = await camelDb(ctx.ledger.db)
    .selectFrom('case_events')
    .select(['id', 'date', 'kind', 'stateAfter', 'data', 'createdAt'])
    .where('caseId', '=', caseId)
    .orderBy('id')
    .execute();
  return rows.map((e) => ({ ...e, kind: e.kind as CaseEventView['kind'], data: JSON.parse(e.data) as Record<string, unknown> }));
}

export async function getCase(ctx: Ctx, id: number): Promise<CaseDetail> {
  const row = await joined(camelDb(ctx.ledger.db)).where('c.id', '=', id).where(inCallerRegions('p.regionId')).executeTakeFirst();
  if (!row) throw notFound('整顿对象', id);
  const day = ctx.today();
  const c = toListRow(row, day);
  return {
    ...c,
    reason: row.reason,
    version: row.version ?? 1,
    events: await events(ctx, id),
    allowedActions: allowedActions({ state: c.state, delistedDate: c.delistedDate }, day),
  };
}

async function addEvent(w: Writer, caseId: number, date: string, kind: CaseEventView['kind'], stateAfter: CaseState, data: object) {
  await camelDb(w.trx)
    .insertInto('case_events')
    .values({ caseId, date, kind, stateAfter, data: JSON.stringify(data), createdAt: w.now })
    .execute();
}

/** 认定: a party organization becomes a case for the year; a delisted case in an earlier year makes it 重复认定. */
export async function createCase(ctx: Ctx, input: CreateInput): Promise<CaseDetail> {
  const id = await write(ctx, (w) => createCaseIn(w, input, { today: ctx.today() }));
  return getCase(ctx, id);
}

/**
 * How a write inside another one (the seed loader puts a whole county in one transaction) is checked:
 * `today` refuses dates after it (the seed's ledger is history and has none); `createLeaders` adds a
 * plan's leader named as text to 设置 (the seed's plans name them so).
 */
export interface CaseWriteOptions {
  today?: string;
  createLeaders?: boolean;
}

/** 认定 inside a write already under way. */
export async function createCaseIn(w: Writer, input: CreateInput, opts: CaseWriteOptions = {}): Promise<number> {
  {
    if (opts.today && input.date > opts.today) throw new AppError('invalid_input', `「日期」不能晚于今天（${opts.today}）`);
    const trx = camelDb(w.trx);
    const po = await trx
      .selectFrom('party_orgs')
      .select(['id', 'name'])
      .where('id', '=', input.partyOrgId)
      .where('deletedAt', 'is', null)
      .where(inCallerRegions('regionId'))
      .executeTakeFirst();
    if (!po) throw notFound('党组织', input.partyOrgId);
    const earlier = await trx.selectFrom('cases').select(['id', 'year', 'state']).where('partyOrgId', '=', input.partyOrgId).execute();
    const open = earlier.find((c) => c.state !== 'delisted');
    if (open) throw new AppError('conflict', `“${po.name}”已有${open.year}年度未销号的整顿对象，不能重复认定`);
    if (earlier.some((c) => c.year === input.year))
      throw new AppError('conflict', `“${po.name}”${input.year}年度已认定过，请在原整顿对象上“回头看”`);
    const isRepeat = earlier.some((c) => c.year < input.year && c.state === 'delisted');
    const row = {
      partyOrgId: input.partyOrgId,
      year: input.year,
      batch: input.batch,
      state: 'identified' as const,
      situations: JSON.stringify(input.situations),
      problems: input.problems,
      reason: input.reason,
      isRepeat: isRepeat ? 1 : 0,
      identifiedDate: input.date,
      createdAt: w.now,
      updatedAt: w.now,
    };
    const { id } = await trx.insertInto('cases').values(row).returning('id').executeTakeFirstOrThrow();
    await addEvent(w, id, input.date, 'identify', 'identified', { ...input, isRepeat });
    await w.audit('case', id, 'create', null, { ...input, isRepeat });
    w.touchOrgs([]);
    return id;
  }
}

/** The plan's columns, with 包联领导 and 指导员 resolved to their references where there are any. */
async function planColumns(w: Writer, p: Extract<ActInput, { action: 'plan' }>['plan'], c: StoredCase, create: boolean) {
  const county = await resolveLeader(
    w,
    { id: p.leaderCountyId, text: p.leaderCounty, current: c.leaderCountyId, level: 'county', label: '包联县级领导' },
    create,
  );
  const township = await resolveLeader(
    w,
    { id: p.leaderTownshipId, text: p.leaderTownship, current: c.leaderTownshipId, level: 'township', label: '乡镇包联领导' },
    create,
  );
  const instructor = await resolveInstructor(w, p.instructorId, p.instructorName, c.instructorId);
  return {
    // A reference where one was found, else the name as typed (never both).
    columns: {
      measures: p.measures,
      goal: p.goal,
      responsible: p.responsible,
      deadline: p.deadline,
      leaderCountyId: county.id,
      leaderCounty: county.text,
      leaderTownshipId: township.id,
      leaderTownship: township.text,
      instructorId: instructor.id,
      instructorName: instructor.text,
      pairingDept: p.pairingDept,
      listedDate: p.listedDate,
    } satisfies Partial<StoredCase>,
    // The timeline and the audit log read the names, not only the ids.
    plan: {
      ...p,
      leaderCountyId: county.id,
      leaderCounty: county.name,
      leaderCountyTitle: county.title,
      leaderTownshipId: township.id,
      leaderTownship: township.name,
      instructorId: instructor.id,
      instructorName: instructor.name,
    },
  };
}

/** The 指导员 picked from the instructor records, or a typed name that is exactly one live record's. */
async function resolveInstructor(w: Writer, id: number | null, text: string | null, current: number | null) {
  const trx = camelDb(w.trx);
  if (id != null) {
    const i = await trx.selectFrom('instructors').select(['id', 'name', 'deletedAt']).where('id', '=', id).executeTakeFirst();
    if (!i || (i.deletedAt && i.id !== current)) throw new AppError('invalid_input', '「指导员」所选指导员不存在或已删除，请重新选择');
    return { id: i.id, text: null, name: i.name };
  }
  if (!text) return { id: null, text: null, name: null };
  const named = await trx
    .selectFrom('instructors')
    .select(['id', 'name'])
    .where('name', '=', text)
    .where('deletedAt', 'is', null)
    .execute();
  const one = named.length === 1 ? named[0] : undefined;
  return one ? { id: one.id, text: null, name: one.name } : { id: null, text, name: text };
}

export async function actOnCase(ctx: Ctx, input: ActInput): Promise<CaseDetail> {
  await write(ctx, (w) => actOnCaseIn(w, input, { today: ctx.today() }));
  return getCase(ctx, input.id);
}

export async function actOnCaseIn(w: Writer, input: ActInput, opts: CaseWriteOptions = {}): Promise<void> {
  {
    const trx = camelDb(w.trx);
    const c = await trx.selectFrom('cases').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!c) throw notFound('整顿对象', input.id);
    await assertPartyOrgRegion(w.trx, c.partyOrgId, '整顿对象', input.id);
    // A step recorded by someone else since the clerk opened the case is told, not stacked on it.
    const check = { entity: 'case', id: input.id, expected: input.version, mine: {} } as const;
    await refuseStale(w, check, { version: c.version ?? 1, fields: {} });
    const passed = input.action === 'accept' ? input.passed : undefined;
    const t = transition({ state: c.state, delistedDate: c.delistedDate }, { action: input.action, date: input.date, passed });
    if (!t.ok) throw new AppError('conflict', t.reason);
    const last = await trx
      .selectFrom('case_events')
      .select((eb) => eb.fn.max('date').as('d'))
      .where('caseId', '=', input.id)
      .executeTakeFirst();
    const problem = dateProblem(
      { identifiedDate: c.identifiedDate, lastStepDate: (last?.d as string | null) ?? null, today: opts.today ?? '9999-12-31' },
      input.date,
    );
    if (problem) throw new AppError('invalid_input', problem);
    const before = snapshotOf(c);
    const set: Partial<StoredCase> = { state: t.next, updatedAt: w.now };
    let { id: _id, date: _date, action: _action, version: _version, ...details } = input;
    switch (input.action) {
      case 'plan': {
        if (input.plan.deadline < input.date) throw new AppError('invalid_input', '「整顿时限」不能早于制定方案的日期');
        const resolved = await planColumns(w, input.plan, c, opts.createLeaders ?? false);
        Object.assign(set, resolved.columns);
        details = { plan: resolved.plan };
        break;
      }
      case 'accept': {
        const passLine = await passLineIn(w);
        const refused = acceptProblem(input, passLine);
        if (refused) throw new AppError('invalid_input', refused);
        // The reason only means something for a pass below the line; the line is kept beside it.
        if (input.passed && input.score < passLine) details = { ...details, passLine };
        else if ('belowLineReason' in details) {
          const { belowLineReason: _r, ...rest } = details;
          details = rest;
        }
        if (!input.passed && !input.newDeadline) throw new AppError('invalid_input', '「新的整顿时限」验收未通过时必须填写新的整顿时限');
        if (!input.passed && input.newDeadline && input.newDeadline <= input.date)
          throw new AppError('invalid_input', '「新的整顿时限」应晚于验收日期');
        Object.assign(set, input.passed ? { acceptedDate: input.date, acceptScore: input.score } : { deadline: input.newDeadline });
        break;
      }
      case 'delist':
        set.delistedDate = input.date;
        break;
      case 'reopen':
        Object.assign(set, { delistedDate: null, acceptedDate: null, acceptScore: null });
        break;
    }
    const saved = await trx
      .updateTable('cases')
      .set({ ...set, version: sql<number>`version + 1` })
      .where('id', '=', input.id)
      .$if(input.version != null, (q) => q.where('version', '=', input.version as number))
      .executeTakeFirst();
    await refuseLost(w, check, saved, async () => {
      const now = await trx.selectFrom('cases').select('version').where('id', '=', input.id).executeTakeFirst();
      return now ? { version: now.version ?? 1, fields: {} } : null;
    });
    await addEvent(w, input.id, input.date, input.action, t.next, details);
    if (input.action === 'delist') {
      // The party organization moves to 规范建设 in the year it is delisted; a case carried over from an
      // earlier year leaves that year 集中整顿, as it was all through it.
      const delistYear = Number(input.date.slice(0, 4));
      await trx
        .insertInto('classes')
        .values({ partyOrgId: c.partyOrgId, year: delistYear, class: 'standard', updatedAt: w.now })
        .onConflict((oc) => oc.columns(['partyOrgId', 'year']).doUpdateSet({ class: 'standard', updatedAt: w.now }))
        .execute();
      if (c.year < delistYear) {
        await trx
          .insertInto('classes')
          .values({ partyOrgId: c.partyOrgId, year: c.year, class: 'rectify', updatedAt: w.now })
          .onConflict((oc) => oc.columns(['partyOrgId', 'year']).doNothing())
          .execute();
      }
    }
    await w.audit('case', input.id, input.action, before, { ...before, ...snapshotOf(set), event: details });
    w.touchOrgs([]);
  }
}

type StoredCase = Selectable<CamelDatabase['cases']>;

/** The columns a step changes, as the audit log keeps them before and after it. */
const SNAPSHOT = ['state', 'deadline', 'acceptedDate', 'acceptScore', 'delistedDate'] as const;

/** Those of the snapshot's columns a row or a step's changes hold. */
function snapshotOf(set: Partial<StoredCase>): Partial<Pick<StoredCase, (typeof SNAPSHOT)[number]>> {
  const out: Partial<Pick<StoredCase, (typeof SNAPSHOT)[number]>> = {};
  for (const k of SNAPSHOT) if (set[k] !== undefined) Object.assign(out, { [k]: set[k] });
  return out;
}

export type { CaseAction };
