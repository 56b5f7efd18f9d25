/** 四个100% for the county or one region, and the organizations (or party organizations) that miss each. */
import type { FourHundredKey } from '../../../shared/domain/fourHundredCodes';
import {
  countFourHundred,
  type FourHundred,
  type FourHundredOrgFacts,
  orgMiss,
  orgTarget,
  partyOrgMiss,
} from '../../../shared/rules/fourHundred';
import type { FourHundredMiss } from '../../../shared/types';
import type { Ctx } from '../context';
import { type IndexedOrg, orgIndex } from './orgIndex';
import { inRegions, regionsParam } from './recordScope';

interface Input {
  regionId?: number;
  day?: string;
}

/** Organizations in a live grid of a live 1+N branch. */
function gridOrgIds(ctx: Ctx): Set<number> {
  const db = ctx.ledger.sqlite;
  const rows = db
    .prepare(
      `SELECT go.org_id FROM grid_orgs go JOIN grids g ON g.id = go.grid_id AND g.deleted_at IS NULL
         JOIN party_orgs p ON p.id = g.party_org_id AND p.deleted_at IS NULL`,
    )
    .raw(true)
    .all() as [number][];
  return new Set(rows.map((r) => r[0]));
}

interface SingleRow {
  id: number;
  name: string;
  region_id: number;
  region_name: string;
  region_order: number;
  formal_members: number;
  rated: number;
}

function singlePartyOrgs(ctx: Ctx, year: number, regionId: number | undefined): SingleRow[] {
  return ctx.ledger.sqlite
    .prepare(
      `SELECT p.id, p.name, p.region_id, r.name AS region_name, r.sort_order AS region_order, p.formal_members,
              EXISTS (SELECT 1 FROM ratings rt WHERE rt.party_org_id = p.id AND rt.year IN (@year, @year - 1)) AS rated
         FROM party_orgs p JOIN regions r ON r.id = p.region_id
        WHERE p.deleted_at IS NULL AND p.method = 'single'
          AND (@regions IS NULL OR p.region_id IN (SELECT value FROM json_each(@regions)))
        ORDER BY r.sort_order, p.id`,
    )
    .all({ year, regions: regionsParam(regionId) }) as SingleRow[];
}

function orgsOf(ctx: Ctx, input: Input): { org: IndexedOrg; facts: FourHundredOrgFacts }[] {
  const grid = gridOrgIds(ctx);
  const inScope = inRegions(input.regionId);
  return orgIndex(ctx, input.day ?? ctx.today())
    .filter(inScope)
    .map((o) => ({ org: o, facts: { ...o.facts, inGrid: grid.has(o.id) } }));
}

export function fourHundred(ctx: Ctx, input: Input): FourHundred & { day: string; year: number } {
  const day = input.day ?? ctx.today();
  const year = Number(day.slice(0, 4));
  const partyOrgs = singlePartyOrgs(ctx, year, input.regionId).map((p) => ({ method: 'single' as const, rated: p.rated === 1 }));
  const figures = countFourHundred(
    orgsOf(ctx, { ...input, day }).map((o) => o.facts),
    partyOrgs,
    year,
  );
  return { ...figures, day, year };
}

/** What misses one target, in region order, each with why. */
export function fourHundredMisses(ctx: Ctx, input: Input & { which: FourHundredKey }): FourHundredMiss[] {
  const day = input.day ?? ctx.today();
  const year = Number(day.slice(0, 4));
  if (input.which === 'rated') {
    return singlePartyOrgs(ctx, year, input.regionId).flatMap((p) => {
      const why = partyOrgMiss({ method: 'single', rated: p.rated === 1 }, year);
      return why == null
        ? []
        : [
            {
              kind: 'partyOrg' as const,
              id: p.id,
              name: p.name,
              regionId: p.region_id,
              regionName: p.region_name,
              formalMembers: p.formal_members,
              why,
            },
          ];
    });
  }
  return orgsOf(ctx, { ...input, day })
    .filter(({ facts }) => orgTarget(facts) === input.which)
    .flatMap(({ org, facts }) => {
      const why = orgMiss(facts);
      return why == null
        ? []
        : [
            {
              kind: 'org' as const,
              id: org.id,
              name: org.name,
              regionId: org.regionId,
              regionName: org.regionName,
              formalMembers: org.formalMembers,
              why,
              regionOrder: org.regionOrder,
            },
          ];
    })
    .sort((a, b) => a.regionOrder - b.regionOrder || a.id - b.id)
    .map(({ regionOrder: _r, ...row }) => row);
}
