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
import { regionScope } from '../caller';
import { camelDb } from '../camel';
import type { Ctx } from '../context';
import { type IndexedOrg, orgIndex } from './orgIndex';
import { inRegions } from './recordScope';

interface Input {
  regionId?: number;
  day?: string;
}

/** Organizations in a live grid of a live 1+N branch. */
async function gridOrgIds(ctx: Ctx): Promise<Set<number>> {
  const rows = await camelDb(ctx.ledger.db)
    .selectFrom('grid_orgs as go')
    .innerJoin('grids as g', (j) => j.onRef('g.id', '=', 'go.gridId').on('g.deletedAt', 'is', null))
    .innerJoin('party_orgs as p', (j) => j.onRef('p.id', '=', 'g.partyOrgId').on('p.deletedAt', 'is', null))
    .select('go.orgId')
    .execute();
  return new Set(rows.map((r) => r.orgId));
}

function singlePartyOrgs(ctx: Ctx, year: number, regionId: number | undefined) {
  const scope = regionScope(regionId);
  return camelDb(ctx.ledger.db)
    .selectFrom('party_orgs as p')
    .innerJoin('regions as r', 'r.id', 'p.regionId')
    .select((eb) => [
      'p.id',
      'p.name',
      'p.regionId',
      'r.name as regionName',
      'p.formalMembers',
      eb
        .case()
        .when(
          eb.exists(
            eb
              .selectFrom('ratings as rt')
              .select('rt.partyOrgId')
              .whereRef('rt.partyOrgId', '=', 'p.id')
              .where('rt.year', 'in', [year, year - 1]),
          ),
        )
        .then(1)
        .else(0)
        .end()
        .as('rated'),
    ])
    .where('p.deletedAt', 'is', null)
    .where('p.method', '=', 'single')
    .$if(scope !== null, (q) => q.where('p.regionId', 'in', scope?.length ? scope : [-1]))
    .orderBy('r.sortOrder')
    .orderBy('p.id')
    .execute();
}

async function orgsOf(ctx: Ctx, input: Input): Promise<{ org: IndexedOrg; facts: FourHundredOrgFacts }[]> {
  const grid = await gridOrgIds(ctx);
  const inScope = inRegions(input.regionId);
  return (await orgIndex(ctx, input.day ?? ctx.today()))
    .filter(inScope)
    .map((o) => ({ org: o, facts: { ...o.facts, inGrid: grid.has(o.id) } }));
}

export async function fourHundred(ctx: Ctx, input: Input): Promise<FourHundred & { day: string; year: number }> {
  const day = input.day ?? ctx.today();
  const year = Number(day.slice(0, 4));
  const partyOrgs = (await singlePartyOrgs(ctx, year, input.regionId)).map((p) => ({
    method: 'single' as const,
    rated: Number(p.rated) === 1,
  }));
  const figures = countFourHundred(
    (await orgsOf(ctx, { ...input, day })).map((o) => o.facts),
    partyOrgs,
    year,
  );
  return { ...figures, day, year };
}

/** What misses one target, in region order, each with why. */
export async function fourHundredMisses(ctx: Ctx, input: Input & { which: FourHundredKey }): Promise<FourHundredMiss[]> {
  const day = input.day ?? ctx.today();
  const year = Number(day.slice(0, 4));
  if (input.which === 'rated') {
    return (await singlePartyOrgs(ctx, year, input.regionId)).flatMap(({ rated, ...shown }) => {
      const why = partyOrgMiss({ method: 'single', rated: Number(rated) === 1 }, year);
      return why == null ? [] : [{ kind: 'partyOrg' as const, ...shown, why } satisfies FourHundredMiss];
    });
  }
  return (await orgsOf(ctx, { ...input, day }))
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
