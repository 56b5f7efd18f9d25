/**
 * The organizations as the lists and statistics see them: every live organization with its coverage
 * classified and flags computed by the shared rules. Built with one query and kept until the next
 * write or the next day, so filtering and paging 100,000 organizations stays quick.
 */
import type { FormationMethod, PartyOrgType } from '../../../shared/domain/codes';
import { type CoverageFacts, classifyCoverage } from '../../../shared/rules/coverage';
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
}

const states = new WeakMap<Ctx, IndexState>();

export function orgIndex(ctx: Ctx, day = ctx.today()): IndexedOrg[] {
  noticeOtherWriters(ctx);
  const state = states.get(ctx);
  if (state && state.day === day && state.generation === ctx.generation) return state.rows;
  let rows: IndexedOrg[];
  if (state && ctx.orgChanges !== 'all' && day === ctx.today() && state.day === day) {
    rows = patch(state.rows, queryRows(ctx, day, [...ctx.orgChanges]), ctx.orgChanges);
  } else {
    rows = queryRows(ctx, day, null);
  }
  // Another day's index (stats as of a past date) does not replace today's.
  if (day === ctx.today()) {
    states.set(ctx, { day, generation: ctx.generation, rows });
    ctx.orgChanges = new Set();
  }
  return rows;
}

/** Replaces, removes and adds the changed organizations, keeping the index in id order. */
function patch(rows: IndexedOrg[], fresh: IndexedOrg[], changed: Set<number>): IndexedOrg[] {
  if (changed.size === 0) return rows;
  const byId = new Map(fresh.map((o) => [o.id, o]));
  const out: IndexedOrg[] = [];
  for (const o of rows) {
    if (!changed.has(o.id)) out.push(o);
    else {
      const f = byId.get(o.id);
      if (f) out.push(f);
      byId.delete(o.id);
    }
  }
  const added = [...byId.values()];
  if (added.length === 0) return out;
  const last = out[out.length - 1]?.id ?? 0;
  out.push(...added);
  return added.every((o) => o.id > last) ? out : out.sort((a, b) => a.id - b.id);
}

const SELECT = `SELECT o.id, o.name, o.name_initials, o.uscc, o.category, o.subtype, o.region_id, r.name AS region_name,
       r.sort_order AS region_order, o.legal_rep, o.employees, o.formal_members, o.status, o.out_of_scope,
       o.no_party_reason, o.planned_build_date,
       p.id AS p_id, p.name AS p_name, p.method AS p_method, p.type AS p_type,
       COALESCE(a.n, 0) AS active
  FROM orgs o
  JOIN regions r ON r.id = o.region_id
  LEFT JOIN coverage c ON c.org_id = o.id
  LEFT JOIN party_orgs p ON p.id = c.party_org_id AND p.deleted_at IS NULL
  LEFT JOIN (SELECT a.org_id, COUNT(*) AS n FROM assignments a JOIN instructors i ON i.id = a.instructor_id AND i.deleted_at IS NULL
              WHERE a.from_date <= @day AND (a.to_date IS NULL OR a.to_date >= @day)
              GROUP BY a.org_id) a ON a.org_id = o.id
 WHERE o.deleted_at IS NULL`;

function queryRows(ctx: Ctx, day: string, ids: number[] | null): IndexedOrg[] {
  const rows = (
    ids == null
      ? ctx.ledger.sqlite.prepare(`${SELECT} ORDER BY o.id`).all({ day })
      : ctx.ledger.sqlite
          .prepare(`${SELECT} AND o.id IN (SELECT value FROM json_each(@ids)) ORDER BY o.id`)
          .all({ day, ids: JSON.stringify(ids) })
  ) as Record<string, unknown>[];
  return rows.map((r) => {
    const method = (r.p_method as FormationMethod | null) ?? null;
    const facts: OrgFlagFacts = {
      status: r.status as CoverageFacts['status'],
      outOfScope: r.out_of_scope === 1,
      formalMembers: r.formal_members as number,
      coveringMethod: method,
      activeInstructors: r.active as number,
      category: r.category as OrgFlagFacts['category'],
      subtype: r.subtype as OrgFlagFacts['subtype'],
      uscc: (r.uscc as string | null) ?? null,
      noPartyReason: (r.no_party_reason as string | null) ?? null,
      plannedBuildDate: (r.planned_build_date as string | null) ?? null,
    };
    return {
      id: r.id as number,
      name: r.name as string,
      uscc: facts.uscc,
      category: facts.category,
      subtype: facts.subtype,
      regionId: r.region_id as number,
      regionName: r.region_name as string,
      regionOrder: r.region_order as number,
      legalRep: (r.legal_rep as string | null) ?? null,
      employees: r.employees as number,
      formalMembers: facts.formalMembers,
      status: facts.status,
      coverage: classifyCoverage(facts),
      partyOrg:
        r.p_id == null
          ? null
          : { id: r.p_id as number, name: r.p_name as string, method: method as FormationMethod, type: r.p_type as PartyOrgType },
      activeInstructors: facts.activeInstructors,
      flags: orgFlags(facts, day).map((f) => f.code),
      facts,
      initials: r.name_initials as string,
    };
  });
}

/** Name substring, 统一社会信用代码 substring, or pinyin initials (`mzj` finds 民政局…). */
export function matchesQuery(o: IndexedOrg, query: string): boolean {
  const q = query.trim();
  if (!q) return true;
  if (o.name.includes(q)) return true;
  const upper = q.toUpperCase();
  if (o.uscc?.includes(upper)) return true;
  return /^[a-z0-9]+$/i.test(q) && o.initials.includes(q.toLowerCase());
}

/** The list row as the channel answers it, without the index's internals. */
export function toListRow(o: IndexedOrg): OrgListRow {
  const { facts: _f, initials: _i, regionOrder: _r, ...row } = o;
  return row;
}
