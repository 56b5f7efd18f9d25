/**
 * The organizations as the lists and statistics see them: every live organization with its coverage
 * classified and flags computed by the shared rules. Built with one query and kept until the next
 * write or the next day, so filtering and paging 100,000 organizations stays quick.
 */
import type { FormationMethod, PartyOrgType } from '../../../shared/domain/codes';
import { addToCounts, type CoverageCounts, type CoverageFacts, classifyCoverage, emptyCounts } from '../../../shared/rules/coverage';
import { matchesName } from '../../../shared/rules/hanzi';
import { type OrgFlagFacts, orgFlags } from '../../../shared/rules/orgFlags';
import type { OrgListRow } from '../../../shared/types';
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
}

const states = new WeakMap<Ctx, IndexState>();

export function orgIndex(ctx: Ctx, day = ctx.today()): IndexedOrg[] {
  noticeOtherWriters(ctx);
  const state = states.get(ctx);
  if (state && state.day === day && state.generation === ctx.generation) return state.rows;
  const warm = warmings.get(ctx);
  let rows: IndexedOrg[];
  let counts: Map<number, CoverageCounts> | null = null;
  if (state && ctx.orgChanges !== 'all' && day === ctx.today() && state.day === day) {
    counts = state.counts;
    rows = patch(state.rows, queryRows(ctx, day, { ids: [...ctx.orgChanges] }), ctx.orgChanges, counts);
  } else if (warm && warm.day === day && warm.generation === ctx.generation) {
    // Asked for while warming up: the rest is read now, in one go.
    rows = warm.rows.concat(queryRows(ctx, day, { after: warm.after, limit: -1 }));
    warmings.delete(ctx);
  } else {
    rows = queryRows(ctx, day, null);
  }
  // Another day's index (stats as of a past date) does not replace today's.
  if (day === ctx.today()) {
    states.set(ctx, { day, generation: ctx.generation, rows, counts: counts ?? countByRegion(rows) });
    ctx.orgChanges = new Set();
  }
  return rows;
}

/**
 * Today's 两个覆盖 counts per region, kept with the index (brought up to date with it after writes): the
 * statistics then add up 200 regions instead of classifying 100,000 organizations. Null when no index
 * for the day is kept, or it would have to be rebuilt whole: the caller then counts in SQL, which is
 * quicker than building the index.
 */
export function maintainedCoverageCounts(ctx: Ctx, day: string): ReadonlyMap<number, Readonly<CoverageCounts>> | null {
  noticeOtherWriters(ctx);
  const state = states.get(ctx);
  if (!state || state.day !== day || day !== ctx.today()) return null;
  if (state.generation !== ctx.generation) {
    if (ctx.orgChanges === 'all') return null;
    orgIndex(ctx, day);
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
export function plainPageWhileWarming(
  ctx: Ctx,
  offset: number,
  limit: number,
  regions: string | null = null,
): { total: number; rows: IndexedOrg[] } | null {
  const day = ctx.today();
  const warm = warmings.get(ctx);
  if (!warm || warm.day !== day || warm.generation !== ctx.generation || states.get(ctx)?.day === day) return null;
  const db = ctx.ledger.sqlite;
  const live = 'deleted_at IS NULL AND (@regions IS NULL OR region_id IN (SELECT value FROM json_each(@regions)))';
  const ids = (
    db.prepare(`SELECT id FROM orgs WHERE ${live} ORDER BY id LIMIT @limit OFFSET @offset`).raw(true).all({ regions, limit, offset }) as [
      number,
    ][]
  ).map(([id]) => id);
  const total = (db.prepare(`SELECT COUNT(*) FROM orgs WHERE ${live}`).raw(true).get({ regions }) as [number])[0];
  return { total, rows: ids.length ? queryRows(ctx, day, { ids }) : [] };
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
    const more = queryRows(ctx, day, { after: warm.after, limit: slice });
    took = performance.now() - started;
    for (const o of more) warm.rows.push(o);
    const last = more.at(-1);
    if (more.length < slice || !last) break;
    warm.after = last.id;
  }
  warmings.delete(ctx);
  states.set(ctx, { day, generation: warm.generation, rows: warm.rows, counts: countByRegion(warm.rows) });
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

/**
 * Raw rows (arrays, not objects) and the region and covering party organization looked up from small
 * maps: on 100,000 organizations, building row objects and strings is what costs, not SQLite.
 */
const ORGS = `SELECT o.id, o.name, o.name_initials, o.uscc, o.category, o.subtype, o.region_id, o.legal_rep, o.employees,
       o.formal_members, o.status, o.out_of_scope, o.no_party_reason, o.planned_build_date, c.party_org_id,
       COALESCE(a.n, 0) AS active
  FROM orgs o
  LEFT JOIN coverage c ON c.org_id = o.id
  LEFT JOIN (SELECT a.org_id, COUNT(*) AS n FROM assignments a JOIN instructors i ON i.id = a.instructor_id AND i.deleted_at IS NULL
              WHERE a.from_date <= @day AND (a.to_date IS NULL OR a.to_date >= @day)
              GROUP BY a.org_id) a ON a.org_id = o.id
 WHERE o.deleted_at IS NULL`;

type Row = [
  id: number,
  name: string,
  initials: string,
  uscc: string | null,
  category: OrgFlagFacts['category'],
  subtype: OrgFlagFacts['subtype'],
  regionId: number,
  legalRep: string | null,
  employees: number,
  formalMembers: number,
  status: CoverageFacts['status'],
  outOfScope: number,
  noPartyReason: string | null,
  plannedBuildDate: string | null,
  partyOrgId: number | null,
  active: number,
];

type Covering = NonNullable<OrgListRow['partyOrg']>;

/** Which organizations to read: all, the listed ids, or the next `limit` after id `after` (warm-up). */
type Which = { ids: number[] } | { after: number; limit: number } | null;

function queryRows(ctx: Ctx, day: string, which: Which): IndexedOrg[] {
  const db = ctx.ledger.sqlite;
  const regions = new Map(
    (db.prepare('SELECT id, name, sort_order FROM regions').raw(true).all() as [number, string, number][]).map(([id, name, order]) => [
      id,
      { name, order },
    ]),
  );
  let rows: Row[];
  let coveringSql: string;
  if (which == null) {
    rows = db.prepare(`${ORGS} ORDER BY o.id`).raw(true).all({ day }) as Row[];
    coveringSql = '';
  } else if ('ids' in which) {
    const ids = JSON.stringify(which.ids);
    rows = db.prepare(`${ORGS} AND o.id IN (SELECT value FROM json_each(@ids)) ORDER BY o.id`).raw(true).all({ day, ids }) as Row[];
    coveringSql = 'AND p.id IN (SELECT party_org_id FROM coverage WHERE org_id IN (SELECT value FROM json_each(@ids)))';
  } else {
    rows = db
      .prepare(`${ORGS} AND o.id > @after ORDER BY o.id LIMIT @limit`)
      .raw(true)
      .all({ day, after: which.after, limit: which.limit }) as Row[];
    coveringSql = `AND p.id IN (SELECT party_org_id FROM coverage WHERE org_id > @after AND org_id <= ${rows.at(-1)?.[0] ?? which.after})`;
  }
  // One object per party organization, shared by the organizations it covers.
  const covering = new Map<number, Covering>();
  const params = which == null ? {} : 'ids' in which ? { ids: JSON.stringify(which.ids) } : { after: which.after };
  const poRows = db
    .prepare(`SELECT p.id, p.name, p.method, p.type FROM party_orgs p WHERE p.deleted_at IS NULL ${coveringSql}`)
    .raw(true)
    .all(params) as [number, string, FormationMethod, PartyOrgType][];
  for (const [id, name, method, type] of poRows) covering.set(id, { id, name, method, type });

  const out: IndexedOrg[] = [];
  for (const r of rows) {
    const region = regions.get(r[6]);
    if (!region) continue;
    const partyOrg = r[14] == null ? null : (covering.get(r[14]) ?? null);
    const facts: OrgFlagFacts = {
      status: r[10],
      outOfScope: r[11] === 1,
      formalMembers: r[9],
      coveringMethod: partyOrg?.method ?? null,
      activeInstructors: r[15],
      category: r[4],
      subtype: r[5],
      uscc: r[3],
      noPartyReason: r[12],
      plannedBuildDate: r[13],
    };
    out.push({
      id: r[0],
      name: r[1],
      uscc: facts.uscc,
      category: facts.category,
      subtype: facts.subtype,
      regionId: r[6],
      regionName: region.name,
      regionOrder: region.order,
      legalRep: r[7],
      employees: r[8],
      formalMembers: facts.formalMembers,
      status: facts.status,
      coverage: classifyCoverage(facts),
      partyOrg,
      activeInstructors: facts.activeInstructors,
      flags: orgFlags(facts, day).map((f) => f.code),
      facts,
      initials: r[2],
    });
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
