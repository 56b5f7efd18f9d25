/**
 * The organization list answered from the in-memory index (and, during the warm-up, from its plain-page
 * shortcut) and the party organization list answered from its cached index give the same ids in the
 * same order and the same totals as one straightforward SQL statement over the tables, on a generated
 * ledger, for the inputs a clerk uses.
 *
 * Left out because SQL cannot state them in SQL both engines share: sorting by name (pinyin collation)
 * and search by pinyin initials or across 繁简 forms; the name query below is a plain simplified
 * substring, which a LIKE states exactly (the generated names carry no 统一社会信用代码 to match).
 */
import { type RawBuilder, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLedger } from '../../scripts/genLedger';
import { catchUpWithOtherWriters, createContext } from '../../src/main/core/context';
import { afterWarmUp, warmOrgIndex } from '../../src/main/core/services/orgIndex';
import { dispatch } from '../../src/main/handlers';
import type { Input } from '../../src/shared/contract';
import type { OrgListRow, Page } from '../../src/shared/types';
import { makeLedger, type TestLedger, TODAY } from './fixture';
import { testSession } from './helpers/sessions';

const ORGS = 1500;
let t: TestLedger;
let regionIds: number[];
beforeAll(async () => {
  t = await makeLedger();
  await generateLedger(t.ctx.ledger.db, { orgs: ORGS, regions: 12, partyOrgs: 300, instructors: 120, cases: 20, today: TODAY });
  regionIds = (await t.rows<{ id: number }>(sql`SELECT id FROM regions ORDER BY sort_order, id`)).map((r) => Number(r.id));
}, 120_000);
afterAll(() => t.close());

/**
 * Each live organization with what the list filters and sorts on, worked out in SQL from the tables:
 * in scope (正常, 纳入统计), the covering party organization's 组建方式, an instructor assigned today,
 * and from those its 覆盖 status.
 */
const ORG_FACTS = sql`
  SELECT y.*,
         CASE WHEN in_scope = 0 THEN 'out' WHEN method = 'single' THEN 'single' WHEN method IS NOT NULL THEN 'shared'
              WHEN work = 1 THEN 'work' ELSE 'none' END AS coverage
    FROM (SELECT o.id, o.region_id, o.category, o.name, o.formal_members, o.employees, o.no_party_reason,
                 o.planned_build_date, r.sort_order AS region_order, p.method,
                 CASE WHEN o.status = 'normal' AND o.out_of_scope = 0 THEN 1 ELSE 0 END AS in_scope,
                 CASE WHEN EXISTS (SELECT 1 FROM assignments a JOIN instructors i ON i.id = a.instructor_id
                                    WHERE a.org_id = o.id AND i.deleted_at IS NULL AND a.from_date <= ${TODAY}
                                      AND (a.to_date IS NULL OR a.to_date >= ${TODAY})) THEN 1 ELSE 0 END AS work
            FROM orgs o
            JOIN regions r ON r.id = o.region_id
            LEFT JOIN coverage c ON c.org_id = o.id
            LEFT JOIN party_orgs p ON p.id = c.party_org_id AND p.deleted_at IS NULL
           WHERE o.deleted_at IS NULL) y`;

/** The list's 覆盖 order (单独组建, 联合…, 仅工作覆盖, 未覆盖, 不纳入统计). */
const COVERAGE_RANK = sql`CASE coverage WHEN 'single' THEN 0 WHEN 'shared' THEN 1 WHEN 'work' THEN 2 WHEN 'none' THEN 3 ELSE 4 END`;

/** Each flag's rule, said in SQL (those that need the 信用代码 checksum are left to the unit tests). */
const FLAG_SQL = {
  should_build: sql`in_scope = 1 AND formal_members >= 3 AND (method IS NULL OR method <> 'single')`,
  uncovered: sql`coverage = 'none'`,
  members_unorganized: sql`in_scope = 1 AND method IS NULL AND formal_members BETWEEN 1 AND 2`,
  planned_overdue: sql`in_scope = 1 AND method IS NULL AND planned_build_date < ${TODAY}`,
  no_reason: sql`in_scope = 1 AND method IS NULL AND (no_party_reason IS NULL OR trim(no_party_reason) = '')`,
} as const;

type OrgInput = Partial<Input<'orgs.list'>>;

const SORT_SQL = {
  id: sql`id`,
  formalMembers: sql`formal_members`,
  employees: sql`employees`,
  region: sql`region_order`,
  coverage: COVERAGE_RANK,
} as const;

/** The same page and total, as one statement for the page and one for the count. */
async function orgsBySql(input: OrgInput & { sort?: keyof typeof SORT_SQL }) {
  const where: RawBuilder<unknown>[] = [sql`1 = 1`];
  if (input.regionId != null) where.push(sql`region_id = ${input.regionId}`);
  if (input.category != null) where.push(sql`category = ${input.category}`);
  if (input.coverage != null) where.push(sql`coverage = ${input.coverage}`);
  if (input.flag != null) where.push(FLAG_SQL[input.flag as keyof typeof FLAG_SQL]);
  if (input.query != null) where.push(sql`name LIKE ${`%${input.query}%`}`);
  const filter = sql.join(where, sql` AND `);
  // The list sorts ascending with id as the tiebreaker and reverses the whole for 降序.
  const dir = input.dir === 'desc' ? sql`DESC` : sql`ASC`;
  const key = SORT_SQL[input.sort ?? 'id'];
  const ids = await t.rows<{ id: number }>(
    sql`SELECT id FROM (${ORG_FACTS}) f WHERE ${filter} ORDER BY ${key} ${dir}, id ${dir}
         LIMIT ${input.limit ?? 50} OFFSET ${input.offset ?? 0}`,
  );
  const [count] = await t.rows<{ n: number }>(sql`SELECT count(*) AS n FROM (${ORG_FACTS}) f WHERE ${filter}`);
  return { ids: ids.map((r) => Number(r.id)), total: Number(count?.n) };
}

const shape = (page: Page<OrgListRow> | { total: number; rows: { id: number }[] }) => ({
  ids: page.rows.map((r) => r.id),
  total: page.total,
});

describe('the organization list from the index equals plain SQL', () => {
  const region = () => regionIds[2] as number;
  const cases: [string, () => OrgInput & { sort?: keyof typeof SORT_SQL }][] = [
    ['first page by id', () => ({})],
    ['by id, descending', () => ({ dir: 'desc' })],
    ['a page in the middle', () => ({ offset: 700, limit: 100 })],
    ['a page running past the end', () => ({ offset: ORGS - 20, limit: 50 })],
    ['an offset past the end', () => ({ offset: ORGS + 100, limit: 50 })],
    ['by 正式党员, ascending', () => ({ sort: 'formalMembers', limit: 200 })],
    ['by 正式党员, descending, in the middle', () => ({ sort: 'formalMembers', dir: 'desc', offset: 400, limit: 100 })],
    ['by 从业人员, descending', () => ({ sort: 'employees', dir: 'desc', limit: 100 })],
    ['by 属地', () => ({ sort: 'region', offset: 300, limit: 100 })],
    ['by 覆盖 status, descending', () => ({ sort: 'coverage', dir: 'desc', offset: 200, limit: 200 })],
    ['one region', () => ({ regionId: region() })],
    ['one region, second page', () => ({ regionId: region(), offset: 50, limit: 50 })],
    ['a category', () => ({ category: 'social', limit: 100 })],
    ['覆盖 单独组建', () => ({ coverage: 'single', limit: 100 })],
    ['覆盖 联合·挂靠', () => ({ coverage: 'shared', limit: 100 })],
    ['覆盖 仅工作覆盖', () => ({ coverage: 'work', limit: 100 })],
    ['覆盖 未覆盖', () => ({ coverage: 'none', limit: 100 })],
    ['覆盖 不纳入统计', () => ({ coverage: 'out', limit: 100 })],
    ['应建未建', () => ({ flag: 'should_build', limit: 100 })],
    ['未覆盖 flag', () => ({ flag: 'uncovered', limit: 100 })],
    ['有党员未建组织', () => ({ flag: 'members_unorganized', limit: 100 })],
    ['拟建逾期', () => ({ flag: 'planned_overdue', limit: 100 })],
    ['未填未建原因', () => ({ flag: 'no_reason', offset: 30, limit: 100 })],
    ['a name substring', () => ({ query: '民政', limit: 100 })],
    ['a name substring with an org number', () => ({ query: '养老院1', offset: 10, limit: 20 })],
    ['the benchmark’s list: 民政 + 应建未建 + one region', () => ({ query: '民政', flag: 'should_build', regionId: region() })],
    [
      'region + category + coverage, by 正式党员 descending',
      () => ({ regionId: regionIds[5] as number, category: 'nonpublic', coverage: 'none', sort: 'formalMembers', dir: 'desc' }),
    ],
    ['category + flag, by 覆盖', () => ({ category: 'nonpublic', flag: 'no_reason', sort: 'coverage', limit: 100 })],
    ['region + flag, offset past the end', () => ({ regionId: region(), flag: 'should_build', offset: 500 })],
  ];

  it.each(cases)('%s', async (_name, input) => {
    const asked = input();
    const fast = shape(await t.call('orgs.list', asked as Input<'orgs.list'>));
    const plain = await orgsBySql(asked);
    expect(fast).toEqual(plain);
    // Something to compare: every filter picks out some organizations (the offsets past the end excepted).
    expect(plain.total).toBeGreaterThan(0);
  });
});

describe('the party organization list from its cached index equals plain SQL', () => {
  const PARTY_SORT = {
    id: sql`p.id`,
    members: sql`p.formal_members + p.probationary_members`,
    coveredCount: sql`(SELECT count(*) FROM coverage c JOIN orgs o ON o.id = c.org_id AND o.deleted_at IS NULL WHERE c.party_org_id = p.id)`,
  } as const;
  type PartyInput = Partial<Input<'partyOrgs.list'>> & { sort?: keyof typeof PARTY_SORT };

  async function partyOrgsBySql(input: PartyInput) {
    const where: RawBuilder<unknown>[] = [sql`p.deleted_at IS NULL`];
    if (input.regionId != null) where.push(sql`p.region_id = ${input.regionId}`);
    if (input.method != null) where.push(sql`p.method = ${input.method}`);
    if (input.type != null) where.push(sql`p.type = ${input.type}`);
    const filter = sql.join(where, sql` AND `);
    const dir = input.dir === 'desc' ? sql`DESC` : sql`ASC`;
    const ids = await t.rows<{ id: number }>(
      sql`SELECT p.id FROM party_orgs p WHERE ${filter} ORDER BY ${PARTY_SORT[input.sort ?? 'id']} ${dir}, p.id ${dir}
           LIMIT ${input.limit ?? 50} OFFSET ${input.offset ?? 0}`,
    );
    const [count] = await t.rows<{ n: number }>(sql`SELECT count(*) AS n FROM party_orgs p WHERE ${filter}`);
    return { ids: ids.map((r) => Number(r.id)), total: Number(count?.n) };
  }

  const check = async (input: PartyInput) => {
    const fast = await t.call('partyOrgs.list', input as Input<'partyOrgs.list'>);
    expect({ ids: fast.rows.map((r) => r.id), total: fast.total }).toEqual(await partyOrgsBySql(input));
  };

  it('the total and first page of every region', async () => {
    for (const regionId of regionIds) await check({ regionId, limit: 20 });
  });

  it('by id both ways, by members, by organizations covered, and by 组建方式', async () => {
    await check({});
    await check({ dir: 'desc', offset: 100, limit: 100 });
    await check({ sort: 'members', limit: 200 });
    await check({ sort: 'coveredCount', dir: 'desc', limit: 200 });
    await check({ method: 'single', limit: 100 });
    await check({ method: 'joint', regionId: regionIds[1] as number });
    await check({ type: 'branch', sort: 'coveredCount', offset: 20, limit: 100 });
  });
});

it('the plain first page answered during the warm-up equals plain SQL', async () => {
  const signed = { sessionId: await testSession(t.ctx, 'county', [], 91) };
  // A context of its own, as a server has right after opening the ledger (see org-index-warm.test.ts).
  const ctx = createContext(t.ctx.ledger, { today: () => TODAY, now: () => t.ctx.now() });
  await catchUpWithOtherWriters(ctx);
  const warming = warmOrgIndex(ctx, 40);
  await new Promise((r) => setImmediate(r));
  const pages: Record<string, unknown>[] = [];
  for (const input of [
    { offset: 0, limit: 50 },
    { offset: 650, limit: 100 },
  ]) {
    const r = await dispatch(ctx, 'orgs.list', { sort: 'id', dir: 'asc', ...input }, undefined, signed);
    if (!r.ok) throw new Error(r.error.message);
    pages.push(shape(r.data as Page<OrgListRow>), await orgsBySql(input));
  }
  // Answered by the shortcut, not the finished index: the warm-up was still under way.
  expect(afterWarmUp(ctx)).toBeDefined();
  await warming;
  expect(pages[0]).toEqual(pages[1]);
  expect(pages[2]).toEqual(pages[3]);
});

it('after writes that move organizations between the filters, the patched index still equals plain SQL', async () => {
  const [r1, r2] = [regionIds[2] as number, regionIds[5] as number];
  const fields = (name: string, regionId: number, formalMembers: number, extra = {}) => ({
    name,
    category: 'nonpublic' as const,
    subtype: 'company' as const,
    regionId,
    formalMembers,
    ...extra,
  });
  const before = await orgsBySql({ regionId: r1, limit: 3 });
  const [moved, dropped, removed] = before.ids as [number, number, number];
  await t.call('orgs.create', fields('新建民政服务公司', r1, 5));
  await t.call('orgs.update', { id: moved, fields: fields('迁出的民政公司', r2, 4) });
  await t.call('orgs.update', { id: dropped, fields: fields('不纳入的公司', r1, 0, { outOfScope: true, outOfScopeReason: '仅家庭成员' }) });
  await t.call('orgs.delete', { id: removed });
  const inputs: (OrgInput & { sort?: keyof typeof SORT_SQL })[] = [
    { regionId: r1 },
    { regionId: r2, sort: 'formalMembers', dir: 'desc' },
    // Sorted lists kept from the cases above, patched rather than sorted again.
    { sort: 'formalMembers', dir: 'desc', offset: 100, limit: 1000 },
    { sort: 'coverage', regionId: r1, limit: 200 },
    { flag: 'should_build', query: '民政', limit: 200 },
    { coverage: 'out', limit: 100 },
    { category: 'nonpublic', dir: 'desc', limit: 100 },
    { offset: ORGS - 30 },
  ];
  for (const input of inputs) {
    expect(shape(await t.call('orgs.list', input as Input<'orgs.list'>))).toEqual(await orgsBySql(input));
  }
});
