/**
 * The record services' lists and pages read through kysely in SQL both engines share: the same rows,
 * counts, order and region narrowing on SQLite and on PostgreSQL (LEDGER_TEST_ENGINE=postgres). The
 * records are written straight into the tables so that nothing but the reads under test is involved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLedger, type TestLedger } from './fixture';

let t: TestLedger;
const ids = { east: 0, west: 0, branch: 0, single: 0, org1: 0, org2: 0, grid: 0, leader: 0, caseId: 0, instructor: 0 };
const stamp = '2026-01-01T00:00:00.000Z';

beforeAll(async () => {
  t = await makeLedger();
  const db = t.ctx.ledger.db;
  const region = async (name: string, sort: number) =>
    (
      await db
        .insertInto('regions')
        .values({ name, kind: 'township', sort_order: sort, created_at: stamp })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  // West is listed first: every list orders by the region's sort order, not by id or name.
  ids.east = await region('东城镇', 2);
  ids.west = await region('西山乡', 1);
  const partyOrg = async (name: string, initials: string, method: 'regional' | 'single', regionId: number, secretary: string) =>
    (
      await db
        .insertInto('party_orgs')
        .values({
          name,
          name_initials: initials,
          type: 'branch',
          method,
          region_id: regionId,
          secretary_name: secretary,
          secretary_is_head: 0,
          party_workers: 0,
          formal_members: 5,
          probationary_members: 1,
          venue_checklist: '[]',
          funding_superior: 0,
          funding_dues_return: 0,
          funding_unit: 0,
          funding_fiscal: 0,
          created_at: stamp,
          updated_at: stamp,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  ids.branch = await partyOrg('东城区域党支部', 'dcqydzb', 'regional', ids.east, '王书记');
  ids.single = await partyOrg('西山合作社党支部', 'xshzsdzb', 'single', ids.west, 'Li Ming');
  const org = async (name: string, employees: number, members: number) =>
    (
      await db
        .insertInto('orgs')
        .values({
          name,
          name_initials: 'x',
          category: 'nonpublic',
          subtype: 'company',
          region_id: ids.east,
          legal_rep_is_member: 0,
          investor_is_member: 0,
          employees,
          formal_members: members,
          probationary_members: 0,
          activists: 0,
          has_union: 0,
          has_youth_league: 0,
          has_women_federation: 0,
          status: 'normal',
          out_of_scope: 0,
          created_at: stamp,
          updated_at: stamp,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  ids.org1 = await org('东城一号公司', 30, 2);
  ids.org2 = await org('东城二号公司', 12, 1);
  ids.grid = (
    await db
      .insertInto('grids')
      .values({ party_org_id: ids.branch, name: '一网格', contact_cards: 1, created_at: stamp, updated_at: stamp })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await db
    .insertInto('grid_orgs')
    .values([
      { grid_id: ids.grid, org_id: ids.org2 },
      { grid_id: ids.grid, org_id: ids.org1 },
    ])
    .execute();
  for (const date of ['2026-05-10', '2026-05-10', '2026-03-01']) {
    await db
      .insertInto('activities')
      .values({ party_org_id: ids.branch, kind: 'forum', date, topic: 'Forum 恳谈', created_at: stamp, updated_at: stamp })
      .execute();
  }
  ids.leader = (
    await db
      .insertInto('leaders')
      .values({ name: '李红梅', level: 'county', sort_order: 1, active: 1, created_at: stamp, updated_at: stamp })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  ids.caseId = (
    await db
      .insertInto('cases')
      .values({
        party_org_id: ids.single,
        year: 2026,
        state: 'rectifying',
        situations: '[]',
        problems: '组织生活不正常',
        is_repeat: 0,
        identified_date: '2026-03-01',
        leader_county_id: ids.leader,
        created_at: stamp,
        updated_at: stamp,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  for (const [date, note] of [
    ['2026-04-01', '第一次'],
    ['2026-05-01', '最新进展'],
  ] as const) {
    await db
      .insertInto('case_events')
      .values({ case_id: ids.caseId, date, kind: 'progress', state_after: 'rectifying', data: JSON.stringify({ note }), created_at: stamp })
      .execute();
  }
  await db
    .insertInto('funding')
    .values([
      {
        party_org_id: ids.branch,
        year: 2026,
        source: 'superior',
        fund_kind: 'other',
        amount_fen: 150000,
        date: '2026-02-01',
        created_at: stamp,
        updated_at: stamp,
      },
      {
        party_org_id: ids.single,
        year: 2026,
        source: 'superior',
        fund_kind: 'other',
        amount_fen: 2500,
        date: '2026-02-01',
        created_at: stamp,
        updated_at: stamp,
      },
    ])
    .execute();
  const instructor = async (name: string) =>
    (
      await db
        .insertInto('instructors')
        .values({ name, full_time: 0, created_at: stamp, updated_at: stamp })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  ids.instructor = await instructor('张明');
  await instructor('赵空闲');
  await db
    .insertInto('assignments')
    .values({ instructor_id: ids.instructor, org_id: ids.org1, from_date: '2026-01-01', created_at: stamp })
    .execute();
  await db
    .insertInto('model_sites')
    .values({ party_org_id: ids.branch, level: 'county', year: 2025, five_star: 0, created_at: stamp, updated_at: stamp })
    .execute();
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('record services on this engine', () => {
  it('grids: the sums, the organization ids and the grid page; a township clerk sees only its region', async () => {
    const [g] = await t.call('grids.list', {});
    expect(g).toMatchObject({
      id: ids.grid,
      orgCount: 2,
      employees: 42,
      formalMembers: 3,
      orgIds: [ids.org1, ids.org2],
      contactCards: true,
    });
    const page = await t.call('grids.get', { id: ids.grid });
    expect(page.orgs.map((o) => [o.id, o.employees])).toEqual([
      [ids.org1, 30],
      [ids.org2, 12],
    ]);
    expect(await t.as('township', [ids.west]).call('grids.list', {})).toEqual([]);
    const checks = await t.call('grids.fourChecks', { day: '2026-06-30' });
    expect(checks.rows.map((r) => [r.partyOrgId, r.grids])).toEqual([[ids.branch, 1]]);
  });

  it('party organizations: counts as numbers, region order, the search box through the cached index', async () => {
    const list = await t.call('partyOrgs.list', { sort: 'region', limit: 50 });
    expect(list.rows.map((p) => p.id)).toEqual([ids.single, ids.branch]);
    expect(list.rows.map((p) => typeof p.coveredCount)).toEqual(['number', 'number']);
    expect((await t.call('funding.list', { query: '西山' })).rows.map((r) => r.partyOrgId)).toEqual([ids.single]);
    const classes = await t.call('classes.list', { year: 2026 });
    expect(classes.map((c) => [c.partyOrgId, c.class])).toEqual([
      [ids.single, 'rectify'],
      [ids.branch, null],
    ]);
    const screening = await t.call('cases.suggest', { year: 2026 });
    expect(screening.suggestions.every((s) => s.partyOrgId !== ids.single)).toBe(true);
  });

  it('cases: the latest progress note, the leader with its count, a township clerk refused another region’s case', async () => {
    const c = await t.call('cases.get', { id: ids.caseId });
    expect(c.lastProgress).toBe('最新进展');
    expect((await t.call('cases.list', {})).rows.map((r) => r.id)).toEqual([ids.caseId]);
    expect((await t.call('leaders.list', {})).map((l) => [l.id, l.caseCount])).toEqual([[ids.leader, 1]]);
    expect((await t.call('cases.leaders', {})).map((l) => [l.leaderId, l.total, l.open])).toEqual([[ids.leader, 1, 1]]);
    await expect(t.as('township', [ids.east]).call('cases.get', { id: ids.caseId })).rejects.toThrow(/not_found/);
  });

  it('activities, funding and 示范点: newest first with the id breaking ties, totals in fen, the region narrowing', async () => {
    const acts = await t.call('activities.list', { limit: 10 });
    expect(acts.rows.map((a) => a.date)).toEqual(['2026-05-10', '2026-05-10', '2026-03-01']);
    expect(acts.rows[0]?.id).toBeGreaterThan(acts.rows[1]?.id ?? 0);
    expect((await t.call('activities.list', { query: '恳谈', limit: 10 })).total).toBe(3);
    expect(await t.as('township', [ids.west]).call('activities.list', { limit: 10 })).toMatchObject({ total: 0 });
    const gaps = await t.call('activities.gaps', { day: '2026-06-30' });
    expect(gaps.every((g) => g.partyOrgId === ids.branch || g.partyOrgId === ids.single)).toBe(true);
    const funding = await t.call('funding.list', { year: 2026 });
    expect([funding.total, funding.totalFen]).toEqual([2, 152500]);
    expect((await t.as('township', [ids.west]).call('funding.list', { year: 2026 })).totalFen).toBe(2500);
    expect((await t.call('modelSites.list', {})).map((m) => m.partyOrgId)).toEqual([ids.branch]);
    expect(await t.as('township', [ids.west]).call('modelSites.list', {})).toEqual([]);
  });

  it('instructors: a township clerk sees the free ones and those of its own regions', async () => {
    const names = async (regionId: number) => (await t.as('township', [regionId]).call('instructors.list', {})).map((i) => i.name);
    expect(await names(ids.east)).toEqual(['张明', '赵空闲']);
    expect(await names(ids.west)).toEqual(['赵空闲']);
  });

  it('操作日志: the accounts that wrote and the names of the records a page refers to', async () => {
    await t.call('leaders.update', { id: ids.leader, name: '李红梅', title: '部长', unit: null, level: 'county', active: true });
    const page = await t.call('audit.list', { entity: 'leader', limit: 10 });
    expect(page.total).toBe(1);
    expect(page.actors.length).toBeGreaterThan(0);
    expect(page.rows[0]?.name).toContain('李红梅');
  });
});
