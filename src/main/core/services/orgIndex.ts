/**
 * The organizations as the lists and statistics see them: every live organization with its coverage
 * classified and flags computed by the shared rules. Built with one query and kept until the next
 * write or the next day, so filtering and paging 100,000 organizations stays quick.
 */
import { addToCounts, type CoverageCounts, classifyCoverage, emptyCounts } from '../../../shared/rules/coverage';
import { matchesName } from '../../../shared/rules/hanzi';
import { type OrgFlagFacts, orgFlags } from '../../../shared/rules/orgFlags';
import type { OrgListRow } from '../../../shared/types';
import { camelDb } from '../camel';
import { type Ctx, noticeOtherWriters } from '../context';

export interface IndexedOrg extends OrgListRow {
  facts: OrgFlagFacts;
  initials: string;
  regionOrder: number;
}

interface IndexState {
  day: string;
  generation: number;
  rows: IndexedOrg[];
  /** 两个覆盖 counts per region of these rows, kept up to date by `patch` along with them. */
  counts: Map<number, CoverageCounts>;
  /** How `rows` came from earlier rows by patches, oldest first: the sorted lists follow them (sortedOrgIndex). */
  patches: Patch[];
}

interface Patch {
  from: IndexedOrg[];
  changed: ReadonlySet<number>;
  /** The changed organizations' new rows (a deleted one has none). */
  fresh: IndexedOrg[];
}

/** Patches remembered: a sorted list older than that is sorted again whole. */
const MAX_PATCHES = 50;

const states = new WeakMap<Ctx, IndexState>();
/** A build or patch under way: the next reader waits for it instead of reading the same rows again. */
const updating = new WeakMap<Ctx, Promise<unknown>>();

export async function orgIndex(ctx: Ctx, day = ctx.today()): Promise<IndexedOrg[]> {
  for (let busy = updating.get(ctx); busy; busy = updating.get(ctx)) await busy.catch(() => {});
  noticeOtherWriters(ctx);
  const state = states.get(ctx);
  if (state && state.day === day && state.generation === ctx.generation) return state.rows;
  const job = update(ctx, day, state);
  updating.set(ctx, job);
  try {
    return await job;
  } finally {
    if (updating.get(ctx) === job) updating.delete(ctx);
  }
}

/**
 * Reads what changed (or everything) and stores the result as of the generation it started from: a
 * write committed while the rows are read (the reads are async) stays in `orgChanges` for the next read.
 */
async function update(ctx: Ctx, day: string, state: IndexState | undefined): Promise<IndexedOrg[]> {
  const generation = ctx.generation;
  const changes = ctx.orgChanges;
  const today = day === ctx.today();
  if (today) ctx.orgChanges = new Set();
  try {
    const warm = warmings.get(ctx);
    let rows: IndexedOrg[];
    let counts: Map<number, CoverageCounts> | null = null;
    let patches: Patch[] = [];
    if (state && changes !== 'all' && today && state.day === day) {
      const fresh = await queryRows(ctx, day, { ids: [...changes] });
      // The per-region counts are changed in place: copied, so a failure cannot leave them half patched.
      counts = new Map([...state.counts].map(([id, c]) => [id, { ...c }]));
      rows = patch(state.rows, fresh, changes, counts);
      patches =
        rows === state.rows ? state.patches : [...state.patches.slice(1 - MAX_PATCHES), { from: state.rows, changed: changes, fresh }];
    } else if (warm && warm.day === day && warm.generation === generation) {
      // Asked for while warming up: the rest is read now, in one go. The warm-up stops first: a slice
      // it was reading (PostgreSQL reads asynchronously) would otherwise land in these rows as well.
      warmings.delete(ctx);
      const read = warm.rows.slice();
      rows = read.concat(await queryRows(ctx, day, { after: warm.after, limit: -1 }));
    } else {
      rows = await queryRows(ctx, day, null);
    }
    // Another day's index (stats as of a past date) does not replace today's.
    if (today) states.set(ctx, { day, generation, rows, counts: counts ?? countByRegion(rows), patches });
    return rows;
  } catch (e) {
    if (today) giveBack(ctx, changes);
    throw e;
  }
}

/** Changes taken for an update that failed go back, to be read by the next one. */
function giveBack(ctx: Ctx, changes: Set<number> | 'all'): void {
  if (changes === 'all' || ctx.orgChanges === 'all') ctx.orgChanges = 'all';
  else for (const id of changes) ctx.orgChanges.add(id);
}

/**
 * Today's 两个覆盖 counts per region, kept with the index (brought up to date with it after writes): the
 * statistics then add up 200 regions instead of classifying 100,000 organizations. Null when no index
 * for the day is kept, or it would have to be rebuilt whole: the caller then counts in SQL, which is
 * quicker than building the index.
 */
export async function maintainedCoverageCounts(ctx: Ctx, day: string): Promise<ReadonlyMap<number, Readonly<CoverageCounts>> | null> {
  noticeOtherWriters(ctx);
  const state = states.get(ctx);
  if (!state || state.day !== day || day !== ctx.today()) return null;
  if (state.generation !== ctx.generation || updating.has(ctx)) {
    if (ctx.orgChanges === 'all') return null;
    await orgIndex(ctx, day);
  }
  return states.get(ctx)?.counts ?? null;
}

function countByRegion(rows: IndexedOrg[]): Map<number, CoverageCounts> {
  const counts = new Map<number, CoverageCounts>();
  for (const o of rows) {
    const c = counts.get(o.regionId) ?? emptyCounts();
    counts.set(o.regionId, c);
    addToCounts(c, o.facts);
  }
  return counts;
}

/** Adds one organization to its region's counts, or takes it away (`sign` -1). */
function shiftCounts(counts: Map<number, CoverageCounts>, o: IndexedOrg, sign: 1 | -1): void {
  const one = emptyCounts();
  addToCounts(one, o.facts);
  const c = counts.get(o.regionId) ?? emptyCounts();
  counts.set(o.regionId, c);
  for (const k of Object.keys(one) as (keyof CoverageCounts)[]) c[k] += sign * one[k];
}

interface Warming {
  day: string;
  generation: number;
  rows: IndexedOrg[];
  /** The last organization id read so far. */
  after: number;
  /** Settles when the warm-up ends, however it ends. */
  done: Promise<void>;
  /** A request waits for the index: no more pauses between slices. */
  hurry: boolean;
}

const warmings = new WeakMap<Ctx, Warming>();

/**
 * The plain first pages (no filter, in id order) while the index is still warming: read for just those
 * organizations, so the list a clerk opens first after start does not wait for all 100,000. `regions`
 * (a JSON array, see regionsParam) keeps a 乡镇经办's page to their regions; null: the whole county.
 * Null when the index is ready (or not warming): the caller then uses the index as usual.
 */
export async function plainPageWhileWarming(
  ctx: Ctx,
  offset: number,
  limit: number,
  regions: string | null = null,
): Promise<{ total: number; rows: IndexedOrg[] } | null> {
  const day = ctx.today();
  const warm = warmings.get(ctx);
  if (!warm || warm.day !== day || warm.generation !== ctx.generation || states.get(ctx)?.day === day) return null;
  const mine = regions == null ? null : (JSON.parse(regions) as number[]);
  const live = camelDb(ctx.ledger.db)
    .selectFrom('orgs')
    .where('deletedAt', 'is', null)
    .$if(mine !== null, (q) => q.where('regionId', 'in', mine?.length ? mine : [-1]));
  const ids = (await live.select('id').orderBy('id').limit(limit).offset(offset).execute()).map((r) => r.id);
  const total = Number((await live.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return { total, rows: ids.length ? await queryRows(ctx, day, { ids }) : [] };
}

/**
 * Waits for a warm-up under way to finish: a request that needs the index then waits between slices
 * (the page's scripts are served meanwhile) instead of reading the rest in one go and holding every
 * other request for most of a second. Resolves at once when no warm-up runs.
 */
export function afterWarmUp(ctx: Ctx): Promise<void> | undefined {
  const warm = warmings.get(ctx);
  if (!warm) return undefined;
  warm.hurry = true;
  return warm.done;
}

/**
 * Builds today's index in the background when the server starts, a slice at a time so that the page and
 * its scripts are served in between: the clerk's first list then finds it ready rather than waiting
 * seconds for it on 100,000 organizations. A write in between abandons the warm-up (the next list builds
 * the index as usual); a list asked for before the end reads the rest at once.
 */
export async function warmOrgIndex(ctx: Ctx, slice = 5000): Promise<void> {
  noticeOtherWriters(ctx);
  const day = ctx.today();
  if (states.get(ctx)?.day === day) return;
  let finish = () => {};
  const warm: Warming = { day, generation: ctx.generation, rows: [], after: 0, done: new Promise((r) => (finish = r)), hurry: false };
  warmings.set(ctx, warm);
  try {
    await warmSlices(ctx, warm, day, slice);
  } finally {
    finish();
  }
}

/**
 * Between slices the warm-up rests twice as long as the slice took, so it takes at most a third of a
 * core: right after start the clerk's browser (or the desktop window) is compiling the renderer on the
 * same two cores, and a warm-up at full speed made the first list appear half a second later. Once a
 * request waits for the index (afterWarmUp) the rest is read without rests.
 */
async function warmSlices(ctx: Ctx, warm: Warming, day: string, slice: number): Promise<void> {
  let took = 0;
  for (;;) {
    await new Promise((resolve) => (warm.hurry || took === 0 ? setImmediate(resolve) : setTimeout(resolve, 2 * took)));
    if (warmings.get(ctx) !== warm) return;
    noticeOtherWriters(ctx);
    if (ctx.generation !== warm.generation || ctx.today() !== day) {
      warmings.delete(ctx);
      return;
    }
    const started = performance.now();
    const more = await queryRows(ctx, day, { after: warm.after, limit: slice });
    // A list that could not wait read the rest meanwhile, and its index stands.
    if (warmings.get(ctx) !== warm) return;
    took = performance.now() - started;
    for (const o of more) warm.rows.push(o);
    const last = more.at(-1);
    if (more.length < slice || !last) break;
    warm.after = last.id;
  }
  warmings.delete(ctx);
  states.set(ctx, { day, generation: warm.generation, rows: warm.rows, counts: countByRegion(warm.rows), patches: [] });
  ctx.orgChanges = new Set();
}

/**
 * Replaces, removes and adds the changed organizations, keeping the index in id order, and moves their
 * old and new facts out of and into the per-region counts.
 */
function patch(rows: IndexedOrg[], fresh: IndexedOrg[], changed: Set<number>, counts: Map<number, CoverageCounts>): IndexedOrg[] {
  if (changed.size === 0) return rows;
  const byId = new Map(fresh.map((o) => [o.id, o]));
  const out: IndexedOrg[] = [];
  for (const o of rows) {
    if (!changed.has(o.id)) out.push(o);
    else {
      shiftCounts(counts, o, -1);
      const f = byId.get(o.id);
      if (f) {
        out.push(f);
        shiftCounts(counts, f, 1);
      }
      byId.delete(o.id);
    }
  }
  const added = [...byId.values()];
  for (const o of added) shiftCounts(counts, o, 1);
  if (added.length === 0) return out;
  const last = out[out.length - 1]?.id ?? 0;
  out.push(...added);
  return added.every((o) => o.id > last) ? out : out.sort((a, b) => a.id - b.id);
}

const sortings = new WeakMap<Ctx, Map<string, { base: IndexedOrg[]; rows: IndexedOrg[] }>>();

/**
 * The index in another order (`compare` must end in the id, so the order is total), kept under `name`.
 * After a write the kept list is patched the way the index was (the changed organizations taken out and
 * put back in their places) rather than sorted again: sorting 100,000 names by pinyin after every save
 * held every other request behind it.
 */
export async function sortedOrgIndex(
  ctx: Ctx,
  name: string,
  compare: (a: IndexedOrg, b: IndexedOrg) => number,
  day = ctx.today(),
): Promise<IndexedOrg[]> {
  const base = await orgIndex(ctx, day);
  const mine = sortings.get(ctx) ?? new Map<string, { base: IndexedOrg[]; rows: IndexedOrg[] }>();
  sortings.set(ctx, mine);
  const hit = mine.get(name);
  if (hit?.base === base) return hit.rows;
  const state = states.get(ctx);
  const rows = (hit && state?.rows === base && followPatches(hit, state.patches, compare)) || [...base].sort(compare);
  mine.set(name, { base, rows });
  return rows;
}

/** `kept` brought up to date through the patches since its index, or null when they do not reach it. */
function followPatches(
  kept: { base: IndexedOrg[]; rows: IndexedOrg[] },
  patches: Patch[],
  compare: (a: IndexedOrg, b: IndexedOrg) => number,
): IndexedOrg[] | null {
  const at = patches.findIndex((p) => p.from === kept.base);
  if (at < 0) return null;
  let rows = kept.rows;
  for (const p of patches.slice(at)) {
    // Thousands changed (an import): one sort is quicker than thousands of insertions.
    if (p.changed.size > 1000) return null;
    rows = rows.filter((o) => !p.changed.has(o.id));
    for (const o of p.fresh) rows.splice(insertionPoint(rows, o, compare), 0, o);
  }
  return rows;
}

function insertionPoint(rows: IndexedOrg[], o: IndexedOrg, compare: (a: IndexedOrg, b: IndexedOrg) => number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(rows[mid] as IndexedOrg, o) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

type Covering = NonNullable<OrgListRow['partyOrg']>;

/** Which organizations to read: all, the listed ids, or the next `limit` after id `after` (warm-up). */
type Which = { ids: number[] } | { after: number; limit: number } | null;

/** Ids per statement: well under either engine's limit on placeholders. */
const IDS_PER_QUERY = 10_000;

function chunks(ids: number[]): number[][] {
  const out: number[][] = [];
  for (let at = 0; at < ids.length; at += IDS_PER_QUERY) out.push(ids.slice(at, at + IDS_PER_QUERY));
  return out;
}

/** The organizations' rows, with the covering party organization and the instructors active on `day`. */
function orgRows(ctx: Ctx, day: string) {
  const db = camelDb(ctx.ledger.db);
  const active = db
    .selectFrom('assignments as a')
    .innerJoin('instructors as i', 'i.id', 'a.instructorId')
    .select(['a.orgId', (eb) => eb.fn.countAll().as('n')])
    .where('i.deletedAt', 'is', null)
    .where('a.fromDate', '<=', day)
    .where((w) => w.or([w('a.toDate', 'is', null), w('a.toDate', '>=', day)]))
    .groupBy('a.orgId');
  return db
    .selectFrom('orgs as o')
    .leftJoin('coverage as c', 'c.orgId', 'o.id')
    .leftJoin(active.as('a'), 'a.orgId', 'o.id')
    .select([
      'o.id',
      'o.name',
      'o.nameInitials as initials',
      'o.uscc',
      'o.category',
      'o.subtype',
      'o.regionId',
      'o.legalRep',
      'o.employees',
      'o.formalMembers',
      'o.status',
      'o.outOfScope',
      'o.noPartyReason',
      'o.plannedBuildDate',
      'c.partyOrgId',
      'a.n as activeInstructors',
    ])
    .where('o.deletedAt', 'is', null)
    .orderBy('o.id');
}

async function queryRows(ctx: Ctx, day: string, which: Which): Promise<IndexedOrg[]> {
  const db = camelDb(ctx.ledger.db);
  const regions = new Map((await db.selectFrom('regions').select(['id', 'name', 'sortOrder']).execute()).map((r) => [r.id, r]));
  const q = orgRows(ctx, day);
  let rows: Awaited<ReturnType<typeof q.execute>>;
  if (which == null) rows = await q.execute();
  else if ('ids' in which) {
    rows = [];
    for (const ids of chunks([...which.ids].sort((a, b) => a - b))) rows.push(...(await q.where('o.id', 'in', ids).execute()));
  } else
    rows = await q
      .where('o.id', '>', which.after)
      .$if(which.limit >= 0, (w) => w.limit(which.limit))
      .execute();

  // One object per party organization, shared by the organizations it covers.
  const covering = new Map<number, Covering>();
  const live = db.selectFrom('party_orgs').select(['id', 'name', 'method', 'type']).where('deletedAt', 'is', null);
  const wanted = which == null ? null : [...new Set(rows.flatMap((r) => (r.partyOrgId == null ? [] : [r.partyOrgId])))];
  for (const part of wanted == null ? [null] : chunks(wanted)) {
    if (part?.length === 0) continue;
    for (const p of await (part ? live.where('id', 'in', part) : live).execute()) covering.set(p.id, p);
  }

  const out: IndexedOrg[] = [];
  for (const r of rows) {
    const region = regions.get(r.regionId);
    if (!region) continue;
    const partyOrg = r.partyOrgId == null ? null : (covering.get(r.partyOrgId) ?? null);
    const facts: OrgFlagFacts = {
      status: r.status,
      outOfScope: Number(r.outOfScope) === 1,
      formalMembers: r.formalMembers,
      coveringMethod: partyOrg?.method ?? null,
      activeInstructors: Number(r.activeInstructors ?? 0),
      category: r.category,
      subtype: r.subtype,
      uscc: r.uscc,
      noPartyReason: r.noPartyReason,
      plannedBuildDate: r.plannedBuildDate,
    };
    out.push({
      id: r.id,
      name: r.name,
      uscc: facts.uscc,
      category: facts.category,
      subtype: facts.subtype,
      regionId: r.regionId,
      regionName: region.name,
      regionOrder: region.sortOrder,
      legalRep: r.legalRep,
      employees: r.employees,
      formalMembers: facts.formalMembers,
      status: facts.status,
      coverage: classifyCoverage(facts),
      partyOrg,
      activeInstructors: facts.activeInstructors,
      flags: orgFlags(facts, day).map((f) => f.code),
      facts,
      initials: r.initials,
    } satisfies IndexedOrg);
  }
  return out;
}

/** Name substring (繁/简 alike), 统一社会信用代码 substring, or pinyin initials (`mzj` finds 民政局…). */
export function matchesQuery(o: IndexedOrg, query: string): boolean {
  const q = query.trim();
  if (!q) return true;
  if (o.uscc?.includes(q.toUpperCase())) return true;
  return matchesName(q, [o.name], o.initials);
}

/** The list row as the channel answers it, without the index's internals. */
export function toListRow(o: IndexedOrg): OrgListRow {
  const { facts: _f, initials: _i, regionOrder: _r, ...row } = o;
  return row;
}
