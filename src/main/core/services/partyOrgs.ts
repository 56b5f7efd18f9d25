/** Party organizations (党组织) and the organizations each covers. */
import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type { partyOrgsListSchema } from '../../../shared/contract';
import { addMonths } from '../../../shared/rules/dates';
import { matchesName } from '../../../shared/rules/hanzi';
import { electionDue, type PartyOrgFlagFacts, partyOrgFlags } from '../../../shared/rules/partyOrgFlags';
import { partyOrgFieldsSchema } from '../../../shared/schemas';
import type { Page, PartyOrgDetail, PartyOrgFields, PartyOrgListRow } from '../../../shared/types';
import { assertRegion, mayTouchRegion, visibleRegions } from '../caller';
import { camelDb } from '../camel';
import { type Ctx, cached } from '../context';
import { AppError, notFound } from '../errors';
import { formCodec } from '../formCodec';
import { initialsOf } from '../pinyin';
import type { CamelDatabase } from '../schema';
import { refuseLost, refuseStale } from '../versionCheck';
import { type Writer, write } from '../write';
import { assertRegionWritable, inRegions } from './recordScope';

type PartyOrgInput = z.output<typeof partyOrgFieldsSchema>;
type ListInput = z.output<typeof partyOrgsListSchema>;

/** The party organization form's columns, its 0/1 box and its checklist's JSON, from its schema (covered organizations live in their own table). */
const partyOrgForm = formCodec(partyOrgFieldsSchema, 'p', ['coveredOrgIds']);

/** Live party organizations as `p` with their form's fields selected as stored, in PartyOrgFields' order (asFields decodes them). */
export function partyOrgRows(db: Kysely<CamelDatabase>) {
  return db.selectFrom('party_orgs as p').select(partyOrgForm.columns).where('p.deletedAt', 'is', null);
}

/** A selected row with the form's fields as the form has them (0/1 a boolean, the checklist's JSON a list); other columns pass. */
export const asFields = partyOrgForm.decode;

function flagFacts(p: PartyOrgFields): PartyOrgFlagFacts {
  return {
    type: p.type,
    formalMembers: p.formalMembers,
    probationaryMembers: p.probationaryMembers,
    secretaryName: p.secretaryName,
    committeeMembers: p.committeeMembers,
    foundedDate: p.foundedDate,
    lastElectionDate: p.lastElectionDate,
    termYears: p.termYears,
  };
}

interface IndexedPartyOrg extends PartyOrgListRow {
  initials: string;
  regionOrder: number;
}

/**
 * Saves that change no party organization's list row (its own fields, region, or how many live
 * organizations it covers): the index is kept across them.
 */
const LIST_BLIND_TO = new Set([
  'activity:create',
  'activity:update',
  'activity:delete',
  'funding:create',
  'funding:update',
  'funding:delete',
  'org:update',
  'mass_org:create',
  'mass_org:update',
  'mass_org:delete',
  'member_year:set',
  'member_year:delete',
]);

function partyOrgIndex(ctx: Ctx): Promise<IndexedPartyOrg[]> {
  const day = ctx.today();
  // The cache keeps the promise, so callers during one build share it; a failed build is not kept.
  return cached(
    ctx,
    'partyOrgIndex',
    day,
    () => {
      const built = buildPartyOrgIndex(ctx, day);
      built.catch(() => ctx.caches.delete('partyOrgIndex'));
      return built;
    },
    (kind) => LIST_BLIND_TO.has(kind),
  );
}

async function buildPartyOrgIndex(ctx: Ctx, day: string): Promise<IndexedPartyOrg[]> {
  const db = camelDb(ctx.ledger.db);
  const rows = await partyOrgRows(db)
    .innerJoin('regions as r', 'r.id', 'p.regionId')
    .select(['p.id', 'p.nameInitials', 'r.name as regionName', 'r.sortOrder as regionOrder'])
    .orderBy('p.id')
    .execute();
  // One grouped pass, not a subquery per party organization: on a PostgreSQL database not yet analyzed
  // (just generated or imported) the planner ran the correlated count past the statement timeout.
  const counts = await db
    .selectFrom('coverage as c')
    .innerJoin('orgs as o', (j) => j.onRef('o.id', '=', 'c.orgId').on('o.deletedAt', 'is', null))
    .select(['c.partyOrgId', sql<number>`count(*)`.as('n')])
    .groupBy('c.partyOrgId')
    .execute();
  const coveredCount = new Map(counts.map((c) => [Number(c.partyOrgId), Number(c.n)]));
  return rows.map((r) => {
    const f = asFields(r);
    return {
      id: r.id,
      name: f.name,
      type: f.type,
      method: f.method,
      regionId: f.regionId,
      regionName: r.regionName,
      regionOrder: r.regionOrder,
      secretaryName: f.secretaryName,
      members: f.formalMembers + f.probationaryMembers,
      coveredCount: coveredCount.get(r.id) ?? 0,
      starRating: f.starRating,
      electionDue: electionDue(flagFacts(f)),
      flags: partyOrgFlags(flagFacts(f), day).map((h) => h.code),
      initials: r.nameInitials,
    } satisfies IndexedPartyOrg;
  });
}

/** Name, its pinyin initials (`hs` finds 红山…) or the 书记's name (繁/简 alike), as the search boxes promise. */
function matchesPartyOrg(p: IndexedPartyOrg, query: string): boolean {
  return matchesName(query, [p.name, p.secretaryName], p.initials);
}

/** Ids of the party organizations a search box's text finds; null when there is nothing to search for. */
export async function partyOrgIdsMatching(ctx: Ctx, query: string | undefined): Promise<Set<number> | null> {
  const q = query?.trim() ?? '';
  if (!q) return null;
  return new Set((await partyOrgIndex(ctx)).filter((p) => matchesPartyOrg(p, q)).map((p) => p.id));
}

/** 换届 due within a number of months from today (not yet overdue), or already overdue. */
function electionWithin(due: string | null, filter: NonNullable<ListInput['election']>, today: string): boolean {
  if (!due) return false;
  if (filter === 'overdue') return due < today;
  return due >= today && due <= addMonths(today, filter === 'due3' ? 3 : 6);
}

export async function listPartyOrgs(ctx: Ctx, input: ListInput): Promise<Page<PartyOrgListRow>> {
  const q = input.query?.trim() ?? '';
  const today = ctx.today();
  const inScope = inRegions(input.regionId);
  const rows = (await partyOrgIndex(ctx)).filter(
    (p) =>
      inScope(p) &&
      (input.type == null || p.type === input.type) &&
      (input.method == null || p.method === input.method) &&
      (input.flag == null || p.flags.includes(input.flag)) &&
      (input.election == null || electionWithin(p.electionDue, input.election, today)) &&
      matchesPartyOrg(p, q),
  );
  const collator = new Intl.Collator('zh-CN');
  const cmp: Record<ListInput['sort'], (a: IndexedPartyOrg, b: IndexedPartyOrg) => number> = {
    id: (a, b) => a.id - b.id,
    name: (a, b) => collator.compare(a.name, b.name) || a.id - b.id,
    region: (a, b) => a.regionOrder - b.regionOrder || a.id - b.id,
    members: (a, b) => a.members - b.members || a.id - b.id,
    coveredCount: (a, b) => a.coveredCount - b.coveredCount || a.id - b.id,
    starRating: (a, b) => (a.starRating ?? 0) - (b.starRating ?? 0) || a.id - b.id,
    electionDue: (a, b) => (a.electionDue ?? '').localeCompare(b.electionDue ?? '') || a.id - b.id,
  };
  // Those with no 换届 date (no founding or election date) go last whichever way the list is sorted.
  const undated = input.sort === 'electionDue' ? rows.filter((p) => !p.electionDue) : [];
  const sorted = (undated.length ? rows.filter((p) => p.electionDue) : [...rows]).sort(cmp[input.sort]);
  if (input.dir === 'desc') sorted.reverse();
  sorted.push(...undated);
  return {
    total: sorted.length,
    rows: sorted.slice(input.offset, input.offset + input.limit).map(({ initials: _i, regionOrder: _r, ...row }) => row),
  };
}

/** A live party organization's fields as its form has them, with the version and times stored beside them. */
async function readRow(db: Kysely<CamelDatabase>, id: number) {
  const row = await partyOrgRows(db).select(['p.version', 'p.createdAt', 'p.updatedAt']).where('p.id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const { version, createdAt, updatedAt, ...fields } = asFields(row);
  return { version, createdAt, updatedAt, fields: fields satisfies PartyOrgFields };
}

async function coveredIds(db: Kysely<CamelDatabase>, id: number): Promise<number[]> {
  const rows = await db.selectFrom('coverage').select('orgId').where('partyOrgId', '=', id).orderBy('orgId').execute();
  return rows.map((r) => r.orgId);
}

export async function getPartyOrg(ctx: Ctx, id: number): Promise<PartyOrgDetail> {
  const db = camelDb(ctx.ledger.db);
  const row = await readRow(db, id);
  if (!row) throw notFound('党组织', id);
  const f = row.fields;
  assertRegion(f.regionId, '党组织', id);
  const region = await db.selectFrom('regions').select('name').where('id', '=', f.regionId).executeTakeFirst();
  const covered = await db
    .selectFrom('coverage as c')
    .innerJoin('orgs as o', 'o.id', 'c.orgId')
    .innerJoin('regions as r', 'r.id', 'o.regionId')
    .select(['o.id', 'o.name', 'o.regionId', 'r.name as regionName', 'o.formalMembers', 'o.subtype'])
    .where('c.partyOrgId', '=', id)
    .where('o.deletedAt', 'is', null)
    .orderBy('o.id')
    .execute();
  return {
    id,
    ...f,
    regionName: region?.name ?? '',
    version: row.version ?? 1,
    // A 联合党支部 may cover organizations of other regions: a 乡镇经办 sees only their own.
    coveredOrgs: covered.filter((o) => mayTouchRegion(o.regionId)).map(({ regionId: _, ...o }) => o),
    electionDue: electionDue(flagFacts(f)),
    flags: partyOrgFlags(flagFacts(f), ctx.today()),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  } satisfies PartyOrgDetail;
}

/** Covered organizations must exist, and none may already be covered by another party organization. */
async function assertCoverable(trx: Writer['trx'], input: PartyOrgInput, selfId?: number) {
  assertRegionWritable(input.regionId);
  const region = await trx.selectFrom('regions').select('id').where('id', '=', input.regionId).executeTakeFirst();
  if (!region) throw new AppError('invalid_input', `「所属属地」编号${input.regionId}不存在`);
  if (input.coveredOrgIds.length === 0) return;
  const orgs = await trx
    .selectFrom('orgs as o')
    .leftJoin('coverage as c', 'c.org_id', 'o.id')
    .leftJoin('party_orgs as p', 'p.id', 'c.party_org_id')
    .select(['o.id', 'o.name', 'o.region_id', 'c.party_org_id', 'p.name as p_name'])
    .where('o.id', 'in', input.coveredOrgIds)
    .where('o.deleted_at', 'is', null)
    .execute();
  const found = new Set(orgs.map((o) => o.id));
  const missing = input.coveredOrgIds.filter((i) => !found.has(i));
  if (missing.length) throw new AppError('invalid_input', `「覆盖的两新组织」编号${missing.join('、')}不存在或已删除`);
  for (const o of orgs) assertRegion(o.region_id, '两新组织', o.id);
  const taken = orgs.filter((o) => o.party_org_id != null && o.party_org_id !== selfId);
  if (taken.length) {
    const list = taken
      .slice(0, 3)
      .map((o) => `“${o.name}”已由“${o.p_name}”覆盖`)
      .join('；');
    throw new AppError('conflict', `${list}${taken.length > 3 ? `等${taken.length}个` : ''}，一个组织只能由一个党组织覆盖`);
  }
}

/**
 * The covered organizations of other regions, which a 乡镇经办's form never showed: they stay covered
 * when the form is saved without them.
 */
async function hiddenCovered(trx: Writer['trx'], orgIds: number[]): Promise<number[]> {
  const mine = visibleRegions();
  if (mine === null || orgIds.length === 0) return [];
  const rows = await trx.selectFrom('orgs').select(['id', 'region_id']).where('id', 'in', orgIds).execute();
  return rows.filter((o) => !mine.includes(o.region_id)).map((o) => o.id);
}

/** The form's fields as stored (see asFields), with the name's pinyin initials the search boxes match. */
function columns(input: PartyOrgInput) {
  return { ...partyOrgForm.encode(input), nameInitials: initialsOf(input.name) };
}

async function setCoverage(trx: Writer['trx'], partyOrgId: number, orgIds: number[]) {
  await trx.deleteFrom('coverage').where('party_org_id', '=', partyOrgId).execute();
  if (orgIds.length) {
    await trx
      .insertInto('coverage')
      .values(orgIds.map((org_id) => ({ org_id, party_org_id: partyOrgId })))
      .execute();
  }
}

export async function createPartyOrg(ctx: Ctx, input: PartyOrgInput): Promise<PartyOrgDetail> {
  const id = await write(ctx, (w) => createPartyOrgIn(w, input));
  return getPartyOrg(ctx, id);
}

/** Inside a caller's transaction (imports). */
export async function createPartyOrgIn(w: Writer, input: PartyOrgInput, audit: Record<string, unknown> = {}): Promise<number> {
  await assertCoverable(w.trx, input);
  const { id } = await camelDb(w.trx)
    .insertInto('party_orgs')
    .values({ ...columns(input), createdAt: w.now, updatedAt: w.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await setCoverage(w.trx, id, input.coveredOrgIds);
  await w.audit('partyOrg', id, 'create', null, { ...input, ...audit });
  w.touchOrgs(input.coveredOrgIds);
  return id;
}

export async function updatePartyOrg(ctx: Ctx, id: number, input: PartyOrgInput, version?: number): Promise<PartyOrgDetail> {
  await write(ctx, (w) => updatePartyOrgIn(w, id, input, {}, version));
  return getPartyOrg(ctx, id);
}

/** `version`: the one the clerk's screen read (a conflict when someone saved since); none from imports. */
export async function updatePartyOrgIn(
  w: Writer,
  id: number,
  given: PartyOrgInput,
  audit: Record<string, unknown> = {},
  version?: number,
): Promise<void> {
  const trx = camelDb(w.trx);
  const row = await readRow(trx, id);
  if (!row) throw notFound('党组织', id);
  assertRegion(row.fields.regionId, '党组织', id);
  const stored = async (r: { fields: PartyOrgFields }) => ({ ...r.fields, coveredOrgIds: await coveredIds(trx, id) });
  const before = await stored(row);
  const input = { ...given, coveredOrgIds: [...given.coveredOrgIds, ...(await hiddenCovered(w.trx, before.coveredOrgIds))] };
  const check = { entity: 'partyOrg', id, expected: version, mine: input } as const;
  await refuseStale(w, check, { version: row.version ?? 1, fields: before });
  await assertCoverable(w.trx, given, id);
  const saved = await trx
    .updateTable('party_orgs')
    .set({ ...columns(input), updatedAt: w.now, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .$if(version != null, (q) => q.where('version', '=', version as number))
    .executeTakeFirst();
  await refuseLost(w, check, saved, async () => {
    const now = await readRow(trx, id);
    return now ? { version: now.version ?? 1, fields: await stored(now) } : null;
  });
  await setCoverage(w.trx, id, input.coveredOrgIds);
  await w.audit('partyOrg', id, 'update', before, { ...input, ...audit });
  w.touchOrgs([...before.coveredOrgIds, ...input.coveredOrgIds]);
}

/** Soft delete: the organizations it covered become uncovered; the audit row keeps which they were. */
export async function deletePartyOrg(ctx: Ctx, id: number): Promise<{ id: number }> {
  await write(ctx, async (w) => {
    const trx = camelDb(w.trx);
    const row = await readRow(trx, id);
    if (!row) throw notFound('党组织', id);
    assertRegion(row.fields.regionId, '党组织', id);
    const before = { ...row.fields, coveredOrgIds: await coveredIds(trx, id) };
    await w.trx.deleteFrom('coverage').where('party_org_id', '=', id).execute();
    await w.trx.updateTable('party_orgs').set({ deleted_at: w.now, updated_at: w.now }).where('id', '=', id).execute();
    await w.audit('partyOrg', id, 'delete', before, null);
    w.touchOrgs(before.coveredOrgIds);
  });
  return { id };
}
