/** Scope cases for 两新组织, 党组织, 指导员, 网格, 党员发展, 群团, 年检, 属地 and the statistics. */
import { type RawBuilder, sql } from 'kysely';
import { expect } from 'vitest';
import type { Channel } from '../../../src/shared/contract';
import { FOUR_HUNDRED } from '../../../src/shared/domain/fourHundredCodes';
import type { ScopeCase, ScopeSetup } from './types';

const ids = async (s: ScopeSetup, query: RawBuilder<unknown>): Promise<number[]> =>
  (await s.t.rows<{ id: number }>(query)).map((r) => r.id);

/** The first id the query finds: the demo county has records of every kind in both regions. */
async function first(s: ScopeSetup, query: RawBuilder<unknown>): Promise<number> {
  const [id] = await ids(s, query);
  expect(id, query.compile(s.ctx.ledger.db).sql).toBeTypeOf('number');
  return id as number;
}

/** `where` is a condition the case writes itself (no value from outside the test). */
const orgIn = (s: ScopeSetup, region: number, where = '') =>
  first(s, sql`SELECT id FROM orgs WHERE region_id = ${region} AND deleted_at IS NULL ${sql.raw(where)} ORDER BY id LIMIT 1`);
const orgsIn = (s: ScopeSetup, region: number) => ids(s, sql`SELECT id FROM orgs WHERE region_id = ${region} AND deleted_at IS NULL`);
const partyOrgIn = (s: ScopeSetup, region: number, where = '') =>
  first(s, sql`SELECT id FROM party_orgs WHERE region_id = ${region} AND deleted_at IS NULL ${sql.raw(where)} ORDER BY id LIMIT 1`);
const gridIn = (s: ScopeSetup, region: number) =>
  first(
    s,
    sql`SELECT g.id FROM grids g JOIN party_orgs p ON p.id = g.party_org_id AND p.deleted_at IS NULL
      WHERE p.region_id = ${region} AND g.deleted_at IS NULL ORDER BY g.id LIMIT 1`,
  );
const gridsIn = (s: ScopeSetup, region: number) =>
  ids(
    s,
    sql`SELECT g.id FROM grids g JOIN party_orgs p ON p.id = g.party_org_id AND p.deleted_at IS NULL
      WHERE p.region_id = ${region} AND g.deleted_at IS NULL`,
  );

/** An instructor at work today only in the other region: the 乡镇经办 of `mine` may not see them. */
function hiddenInstructor(s: ScopeSetup): Promise<number> {
  const day = s.ctx.today();
  return first(
    s,
    sql`SELECT i.id FROM instructors i WHERE i.deleted_at IS NULL
        AND EXISTS (SELECT 1 FROM assignments a JOIN orgs o ON o.id = a.org_id AND o.deleted_at IS NULL
                     WHERE a.instructor_id = i.id AND o.region_id = ${s.other} AND a.from_date <= ${day} AND (a.to_date IS NULL OR a.to_date >= ${day}))
        AND NOT EXISTS (SELECT 1 FROM assignments a JOIN orgs o ON o.id = a.org_id WHERE a.instructor_id = i.id AND o.region_id = ${s.mine})
      ORDER BY i.id LIMIT 1`,
  );
}

/** An instructor with an assignment in the 乡镇经办's own region. */
const ownInstructor = (s: ScopeSetup) =>
  first(
    s,
    sql`SELECT a.instructor_id AS id FROM assignments a JOIN orgs o ON o.id = a.org_id AND o.deleted_at IS NULL
       JOIN instructors i ON i.id = a.instructor_id AND i.deleted_at IS NULL
      WHERE o.region_id = ${s.mine} ORDER BY a.id LIMIT 1`,
  );

async function refused(s: ScopeSetup, channel: Channel, input: unknown, codes: string[] = ['not_found']): Promise<void> {
  const r = await s.township.raw(channel, input);
  expect(r.ok, `${channel} answered ok`).toBe(false);
  if (!r.ok) expect(codes, r.error.message).toContain(r.error.code);
}

/** Another region's record by id: not_found; the same call on the 乡镇经办's own record works. */
async function byId(s: ScopeSetup, channel: Channel, theirs: unknown, mine: unknown): Promise<void> {
  await refused(s, channel, theirs);
  const own = await s.township.raw(channel, mine);
  expect(own.ok, JSON.stringify(own)).toBe(true);
}

/** The form's fields of a record as its `get` answers them (the schemas drop what is not a field). */
const fieldsOf = async (s: ScopeSetup, channel: 'orgs.get' | 'partyOrgs.get' | 'grids.get', id: number) =>
  (await s.county.call(channel, { id })) as never;

export const RECORD_CASES: Partial<Record<Channel, ScopeCase>> = {
  'regions.list': async (s) => {
    expect((await s.township.call('regions.list', {} as never)).map((r) => r.id)).toEqual([s.mine]);
  },

  'orgs.list': async (s) => {
    expect((await s.township.call('orgs.list', { regionId: s.other } as never)).total).toBe(0);
    const all = await s.township.call('orgs.list', { limit: 1000 } as never);
    expect(all.rows.map((o) => o.id).sort((a, b) => a - b)).toEqual((await orgsIn(s, s.mine)).sort((a, b) => a - b));
    expect(all.total).toBe((await orgsIn(s, s.mine)).length);
    // A name of the other region found by the county finds nothing for the 乡镇经办.
    const theirs = await s.county.call('orgs.get', { id: await orgIn(s, s.other) });
    const found = await s.township.call('orgs.list', { query: theirs.name } as never);
    expect(found.rows.filter((o) => o.regionId !== s.mine)).toEqual([]);
  },
  'orgs.get': async (s) => byId(s, 'orgs.get', { id: await orgIn(s, s.other) }, { id: await orgIn(s, s.mine) }),
  'orgs.create': async (s) => {
    const fields = await fieldsOf(s, 'orgs.get', await orgIn(s, s.mine));
    await refused(s, 'orgs.create', { ...(fields as object), uscc: null, name: '越界新建的组织', regionId: s.other }, [
      'not_found',
      'forbidden',
    ]);
  },
  'orgs.update': async (s) => {
    const theirs = await orgIn(s, s.other);
    await refused(s, 'orgs.update', { id: theirs, fields: await fieldsOf(s, 'orgs.get', theirs) });
    // Nor may the 乡镇经办 move their own organization into the other region.
    const own = await orgIn(s, s.mine);
    const fields = (await fieldsOf(s, 'orgs.get', own)) as object;
    await refused(s, 'orgs.update', { id: own, fields: { ...fields, regionId: s.other } }, ['not_found', 'forbidden']);
    expect((await s.township.call('orgs.get', { id: own })).regionId).toBe(s.mine);
  },
  'orgs.delete': async (s) => refused(s, 'orgs.delete', { id: await orgIn(s, s.other) }),

  'partyOrgs.list': async (s) => {
    expect((await s.township.call('partyOrgs.list', { regionId: s.other } as never)).total).toBe(0);
    const all = await s.township.call('partyOrgs.list', { limit: 1000 } as never);
    const own = await ids(s, sql`SELECT id FROM party_orgs WHERE region_id = ${s.mine} AND deleted_at IS NULL ORDER BY id`);
    expect(all.rows.map((p) => p.id)).toEqual(own);
    expect(own.length).toBeGreaterThan(0);
  },
  'partyOrgs.get': async (s) => byId(s, 'partyOrgs.get', { id: await partyOrgIn(s, s.other) }, { id: await partyOrgIn(s, s.mine) }),
  'partyOrgs.create': async (s) => {
    const fields = (await fieldsOf(s, 'partyOrgs.get', await partyOrgIn(s, s.mine, "AND method = 'single'"))) as object;
    const uncovered = (region: number) =>
      first(
        s,
        sql`SELECT id FROM orgs WHERE region_id = ${region} AND deleted_at IS NULL AND id NOT IN (SELECT org_id FROM coverage) ORDER BY id LIMIT 1`,
      );
    const fresh = { ...fields, name: '越界新建的党组织' };
    // Valid for the own region (a single branch covering one own organization), but placed in the other.
    await refused(s, 'partyOrgs.create', { ...fresh, regionId: s.other, coveredOrgIds: [await uncovered(s.mine)] }, [
      'not_found',
      'forbidden',
    ]);
    // In the own region, but covering another region's organization.
    await refused(s, 'partyOrgs.create', { ...fresh, regionId: s.mine, coveredOrgIds: [await uncovered(s.other)] }, [
      'not_found',
      'forbidden',
    ]);
  },
  'partyOrgs.update': async (s) => {
    const theirs = await partyOrgIn(s, s.other);
    const detail = await s.county.call('partyOrgs.get', { id: theirs });
    await refused(s, 'partyOrgs.update', { id: theirs, fields: { ...detail, coveredOrgIds: detail.coveredOrgs.map((o) => o.id) } });
    const own = await partyOrgIn(s, s.mine);
    const mineDetail = await s.county.call('partyOrgs.get', { id: own });
    const fields = { ...mineDetail, coveredOrgIds: mineDetail.coveredOrgs.map((o) => o.id) };
    await refused(s, 'partyOrgs.update', { id: own, fields: { ...fields, regionId: s.other } }, ['not_found', 'forbidden']);
  },
  'partyOrgs.delete': async (s) => refused(s, 'partyOrgs.delete', { id: await partyOrgIn(s, s.other) }),

  'instructors.list': async (s) => {
    const list = await s.township.call('instructors.list', {});
    const seen = list.map((i) => i.id);
    expect(seen).not.toContain(await hiddenInstructor(s));
    expect(seen).toContain(await ownInstructor(s));
    const own = new Set(await orgsIn(s, s.mine));
    expect(list.flatMap((i) => i.assignments).filter((a) => !own.has(a.orgId))).toEqual([]);
  },
  'instructors.get': async (s) => byId(s, 'instructors.get', { id: await hiddenInstructor(s) }, { id: await ownInstructor(s) }),
  'instructors.create': async (s) => {
    // The pool is the county's and a new instructor starts unassigned, so a 乡镇经办 may add one; only the
    // county-wide 姓名 + 工作单位 identity stops a second one.
    const twin = await s.county.call('instructors.get', { id: await hiddenInstructor(s) });
    await refused(s, 'instructors.create', { ...twin }, ['conflict']);
    // Searching for the name just typed still does not show the other region's instructor.
    const found = await s.township.call('instructors.list', { query: twin.name });
    expect(found.map((i) => i.id)).not.toContain(twin.id);
  },
  'instructors.update': async (s) => {
    const theirs = await s.county.call('instructors.get', { id: await hiddenInstructor(s) });
    await refused(s, 'instructors.update', { id: theirs.id, fields: { ...theirs, remarks: '越界修改' } });
  },
  'instructors.assign': async (s) => {
    const day = s.ctx.today();
    await refused(s, 'instructors.assign', {
      instructorId: await ownInstructor(s),
      orgId: await orgIn(s, s.other),
      fromDate: day,
      toDate: null,
    });
    await refused(s, 'instructors.assign', {
      instructorId: await hiddenInstructor(s),
      orgId: await orgIn(s, s.mine),
      fromDate: day,
      toDate: null,
    });
  },
  'instructors.endAssignment': async (s) => {
    const theirs = await first(
      s,
      sql`SELECT a.id FROM assignments a JOIN orgs o ON o.id = a.org_id WHERE o.region_id = ${s.other} ORDER BY a.id LIMIT 1`,
    );
    await refused(s, 'instructors.endAssignment', { assignmentId: theirs, toDate: s.ctx.today() });
  },

  'grids.list': async (s) => {
    expect(await s.township.call('grids.list', { regionId: s.other })).toEqual([]);
    const theirs = await s.county.call('grids.get', { id: await gridIn(s, s.other) });
    expect(await s.township.call('grids.list', { partyOrgId: theirs.partyOrgId })).toEqual([]);
    const all = await s.township.call('grids.list', {});
    expect(all.map((g) => g.id).sort((a, b) => a - b)).toEqual((await gridsIn(s, s.mine)).sort((a, b) => a - b));
    expect(all.length).toBeGreaterThan(0);
  },
  'grids.get': async (s) => byId(s, 'grids.get', { id: await gridIn(s, s.other) }, { id: await gridIn(s, s.mine) }),
  'grids.create': async (s) => {
    const branch = await partyOrgIn(s, s.other, "AND method = 'regional'");
    const input = { partyOrgId: branch, name: '越界网格', instructorId: null, contactCards: false, contactCardsDate: null, remarks: null };
    await refused(s, 'grids.create', { ...input, orgIds: [] }, ['not_found', 'forbidden']);
  },
  'grids.update': async (s) => {
    const theirs = await s.county.call('grids.get', { id: await gridIn(s, s.other) });
    await refused(s, 'grids.update', { id: theirs.id, fields: { ...theirs, orgIds: theirs.orgIds, name: '越界修改' } });
    // The own grid may not take another region's 指导员 at work there.
    const own = await s.county.call('grids.get', { id: await gridIn(s, s.mine) });
    await refused(s, 'grids.update', { id: own.id, fields: { ...own, instructorId: await hiddenInstructor(s) } });
  },
  'grids.delete': async (s) => refused(s, 'grids.delete', { id: await gridIn(s, s.other) }),
  'grids.stats': async (s) => {
    const stats = await s.township.call('grids.stats', {});
    expect(stats.rows.map((r) => r.gridId).sort((a, b) => a - b)).toEqual((await gridsIn(s, s.mine)).sort((a, b) => a - b));
    expect(stats.total).toEqual((await s.county.call('grids.stats', { regionId: s.mine })).total);
    expect((await s.township.call('grids.stats', { regionId: s.other })).total.grids).toBe(0);
  },
  'grids.fourChecks': async (s) => {
    const checks = await s.township.call('grids.fourChecks', {});
    expect(checks.rows.length).toBeGreaterThan(0);
    expect(checks.rows.filter((r) => r.regionId !== s.mine)).toEqual([]);
    expect((await s.township.call('grids.fourChecks', { regionId: s.other })).rows).toEqual([]);
  },

  'stats.coverage': async (s) => {
    const mine = await s.township.call('stats.coverage', {});
    expect(mine.regions.map((r) => r.regionId)).toEqual([s.mine]);
    const county = await s.county.call('stats.coverage', { regionId: s.mine });
    expect(mine.county).toEqual(county.county);
    expect(mine.county.total).toBe((await orgsIn(s, s.mine)).length);
    expect((await s.township.call('stats.coverage', { regionId: s.other })).county.total).toBe(0);
  },
  'stats.fourHundred': async (s) => {
    const { day: _d, ...mine } = await s.township.call('stats.fourHundred', {});
    const { day: _c, ...county } = await s.county.call('stats.fourHundred', { regionId: s.mine });
    expect(mine).toEqual(county);
    const { day: _w, ...whole } = await s.county.call('stats.fourHundred', {});
    expect(mine).not.toEqual(whole);
    const other = await s.township.call('stats.fourHundred', { regionId: s.other });
    expect(FOUR_HUNDRED.map((k) => other[k.code].d)).toEqual([0, 0, 0, 0]);
  },
  'stats.fourHundredMisses': async (s) => {
    let theirs = 0;
    for (const { code } of FOUR_HUNDRED) {
      const mine = await s.township.call('stats.fourHundredMisses', { which: code });
      expect(mine).toEqual(await s.county.call('stats.fourHundredMisses', { which: code, regionId: s.mine }));
      expect(await s.township.call('stats.fourHundredMisses', { which: code, regionId: s.other })).toEqual([]);
      theirs += (await s.county.call('stats.fourHundredMisses', { which: code, regionId: s.other })).length;
    }
    // Else the empty answers above prove nothing.
    expect(theirs).toBeGreaterThan(0);
  },

  'memberYears.list': async (s) => byId(s, 'memberYears.list', { orgId: await orgIn(s, s.other) }, { orgId: await orgIn(s, s.mine) }),
  'memberYears.set': async (s) => {
    const year = Number(s.ctx.today().slice(0, 4)) - 1;
    const input = { orgId: await orgIn(s, s.other), year, formal: 9, probationary: 0, activists: 0, candidates: 0, newMembers: 0 };
    await refused(s, 'memberYears.set', input);
  },
  'memberYears.delete': async (s) => {
    const year = Number(s.ctx.today().slice(0, 4));
    const [row] = await s.t.rows<{ org_id: number; year: number }>(
      sql`SELECT m.org_id, m.year FROM member_years m JOIN orgs o ON o.id = m.org_id AND o.deleted_at IS NULL
        WHERE o.region_id = ${s.other} AND m.year < ${year} ORDER BY o.id DESC, m.year LIMIT 1`,
    );
    expect(row).toBeDefined();
    await refused(s, 'memberYears.delete', { orgId: row?.org_id, year: row?.year });
  },

  'massOrgs.list': async (s) => byId(s, 'massOrgs.list', { orgId: await orgIn(s, s.other) }, { orgId: await orgIn(s, s.mine) }),
  'massOrgs.set': async (s) =>
    refused(s, 'massOrgs.set', {
      orgId: await orgIn(s, s.other),
      kind: 'union',
      present: true,
      foundedDate: null,
      members: 5,
      chair: '越界',
    }),

  'inspections.list': async (s) => {
    const year = Number(s.ctx.today().slice(0, 4));
    expect((await s.township.call('inspections.list', { regionId: s.other, year } as never)).total).toBe(0);
    const mine = await s.township.call('inspections.list', { year, limit: 1000 } as never);
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.rows.filter((r) => r.regionId !== s.mine)).toEqual([]);
    expect(mine).toEqual(await s.county.call('inspections.list', { year, regionId: s.mine, limit: 1000 } as never));
  },
  'inspections.history': async (s) =>
    byId(
      s,
      'inspections.history',
      { orgId: await orgIn(s, s.other, "AND category = 'social'") },
      { orgId: await orgIn(s, s.mine, "AND category = 'social'") },
    ),
  'inspections.set': async (s) => {
    const year = Number(s.ctx.today().slice(0, 4));
    const input = { orgId: await orgIn(s, s.other, "AND category = 'social'"), year, result: 'pass', partyReview: 'pass', remarks: null };
    await refused(s, 'inspections.set', input);
  },
  'inspections.delete': async (s) =>
    refused(s, 'inspections.delete', {
      id: await first(
        s,
        sql`SELECT i.id FROM inspections i JOIN orgs o ON o.id = i.org_id WHERE o.region_id = ${s.other} ORDER BY i.id LIMIT 1`,
      ),
    }),
};
