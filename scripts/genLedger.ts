/**
 * A realistic scale-up of a county (or a city of counties) written through kysely, so the same
 * generator fills a SQLite ledger or a PostgreSQL database: regions, organizations of every kind and
 * state, party organizations of every 组建方式 covering them, instructors with assignments past and
 * present, 软弱涣散 cases over three years in every state, and a little of everything else the
 * statistics read (ratings, classes, 1+N grids, activities, funding).
 *
 * Rows go in as multi-row inserts in one transaction: on SQLite one statement per row through kysely
 * would take minutes for 100,000 organizations.
 */
import type { Insertable, Kysely } from 'kysely';
import { initialsOf } from '../src/main/core/pinyin';
import type { Database } from '../src/main/core/schema';
import { FORMATION_METHODS, type FormationMethod, ORG_SUBTYPES, type OrgStatus, type PartyOrgType } from '../src/shared/domain/codes';

const WORDS = ['青山', '泰和', '红山', '民政', '阳光', '康宁', '草原', '金桥', '华源', '利民', '兴旺', '恒通'];
const SUFFIX = ['建材有限公司', '专业合作社', '行业协会', '养老院', '民办幼儿园', '商贸有限公司', '物业服务中心'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '巴特尔', '乌云'];
const GIVEN = ['伟', '芳', '敏', '静', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超'];
/** Regions after the first twelve (第1镇…第12镇, which the benchmarks' import sheets name). */
const REGION_KINDS = [
  ['township', '镇'],
  ['subdistrict', '街道'],
  ['sumu', '苏木'],
  ['park', '园区'],
] as const;
/** Share of the party organizations per 组建方式, in 1/100 (单独 half, the others the rest). */
const METHOD_SHARE: Record<FormationMethod, number> = { single: 50, joint: 20, attached: 10, industry: 8, regional: 7, dispatched: 5 };
const TYPE_OF: Record<FormationMethod, PartyOrgType> = {
  single: 'branch',
  joint: 'joint_branch',
  attached: 'branch',
  industry: 'general_branch',
  regional: 'branch',
  dispatched: 'temporary',
};
const CASE_STATES = ['identified', 'rectifying', 'accepted', 'delisted'] as const;

export interface GenOptions {
  orgs: number;
  /** 200 at 100,000 organizations; at least 12. */
  regions?: number;
  partyOrgs?: number;
  instructors?: number;
  cases?: number;
  /** The region (1-based position among the generated regions) of the i-th organization (1-based). */
  regionOf?: (i: number, regions: number) => number;
  /** The day "now" is, for dates: the benches and tests fix it. */
  today?: string;
}

export type GenCounts = Record<string, number>;

const person = (i: number) => `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}${GIVEN[(i * 3) % GIVEN.length]}`;
const dayOf = (year: number, i: number) => `${year}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;

/** Inserts rows in slices small enough for either engine's limit on placeholders; returns the new ids. */
async function insertMany<T extends keyof Database & string>(
  db: Kysely<Database>,
  table: T,
  rows: Insertable<Database[T]>[],
  withIds: boolean,
): Promise<number[]> {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0] as object).length;
  // SQLite allows 32,766 placeholders per statement, PostgreSQL 65,535.
  const per = Math.max(1, Math.floor(30_000 / columns));
  const ids: number[] = [];
  for (let at = 0; at < rows.length; at += per) {
    const slice = rows.slice(at, at + per);
    // biome-ignore lint/suspicious/noExplicitAny: kysely cannot type a table chosen by a parameter.
    const q = db.insertInto(table as any).values(slice as any);
    if (withIds) {
      // Returned in the order of the values on both engines (one statement, no concurrent writer).
      for (const r of (await q.returning('id').execute()) as { id: number }[]) ids.push(Number(r.id));
    } else await q.execute();
  }
  return ids;
}

/** Fills the ledger (normally an empty one) and returns how many rows of each table it wrote. */
export async function generateLedger(db: Kysely<Database>, opts: GenOptions): Promise<GenCounts> {
  const n = opts.orgs;
  const nRegions = Math.max(12, opts.regions ?? Math.round(n / 500));
  const nParty = opts.partyOrgs ?? Math.round(n / 5);
  const nInstructors = opts.instructors ?? Math.round(n / 12.5);
  const nCases = opts.cases ?? Math.round(n / 20);
  const regionOf = opts.regionOf ?? ((i: number, r: number) => ((i - 1) % r) + 1);
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  const year = Number(today.slice(0, 4));
  const now = `${today}T08:00:00.000Z`;

  return db.transaction().execute(async (trx) => {
    const regionIds = await insertMany(
      trx,
      'regions',
      Array.from({ length: nRegions }, (_, k) => {
        const r = k + 1;
        const [kind, suffix] = r <= 12 ? REGION_KINDS[0] : (REGION_KINDS[r % REGION_KINDS.length] ?? REGION_KINDS[0]);
        return { name: `第${r}${suffix}`, kind, sort_order: r, created_at: now };
      }),
      true,
    );

    // Names repeat but for their number, so the pinyin initials of each stem are worked out once.
    const initials = new Map<string, string>();
    const orgRows: Insertable<Database['orgs']>[] = [];
    const members: number[] = [];
    for (let i = 1; i <= n; i++) {
      const stem = `${WORDS[i % WORDS.length]}${WORDS[(i * 7) % WORDS.length]}${SUFFIX[i % SUFFIX.length]}`;
      const ini = initials.get(stem) ?? initialsOf(stem);
      initials.set(stem, ini);
      const sub = ORG_SUBTYPES[i % ORG_SUBTYPES.length] as (typeof ORG_SUBTYPES)[number];
      const status: OrgStatus = i % 97 === 0 ? 'cancelled' : i % 89 === 0 ? 'suspended' : i % 83 === 0 ? 'revoked' : 'normal';
      const formal = i % 6;
      members.push(formal);
      orgRows.push({
        name: `${stem}${i}`,
        name_initials: ini + String(i),
        category: sub.category,
        subtype: sub.code,
        region_id: regionIds[regionOf(i, nRegions) - 1] as number,
        legal_rep: person(i),
        employees: (i * 13) % 300,
        formal_members: formal,
        probationary_members: i % 4 === 0 ? 1 : 0,
        activists: i % 3,
        legal_rep_is_member: i % 9 === 0 ? 1 : 0,
        investor_is_member: i % 11 === 0 ? 1 : 0,
        has_union: i % 2,
        has_youth_league: i % 5 === 0 ? 1 : 0,
        has_women_federation: i % 7 === 0 ? 1 : 0,
        status,
        out_of_scope: i % 53 === 0 ? 1 : 0,
        out_of_scope_reason: i % 53 === 0 ? '从业人员均为家庭成员' : null,
        no_party_reason: i % 4 === 1 ? '暂无正式党员' : null,
        planned_build_date: i % 10 === 7 ? dayOf(year - (i % 20 === 7 ? 1 : -1), i) : null,
        created_at: now,
        updated_at: now,
      });
    }
    const orgIds = await insertMany(trx, 'orgs', orgRows, true);

    // Party organizations of every 组建方式 in their shares; each covers the next free organizations
    // of its region's run (单独组建 one, the others two to five), so a third to a half end up covered.
    const methods = FORMATION_METHODS.flatMap((m) => Array<FormationMethod>(METHOD_SHARE[m.code]).fill(m.code));
    const partyRows: Insertable<Database['party_orgs']>[] = [];
    const covers: number[][] = [];
    let next = 0;
    for (let p = 0; p < nParty && next < n; p++) {
      const method = methods[p % methods.length] as FormationMethod;
      const size = method === 'single' ? 1 : 2 + (p % 4);
      const covered = orgIds.slice(next, next + size);
      const first = orgRows[next] as Insertable<Database['orgs']>;
      const formal = members.slice(next, next + size).reduce((s, m) => s + m, 0);
      next += size + (p % 3 === 0 ? 1 : 0);
      covers.push(covered);
      partyRows.push({
        name: `${first.name}${method === 'single' ? '' : '等'}党${TYPE_OF[method] === 'general_branch' ? '总支' : '支部'}`,
        name_initials: '',
        type: TYPE_OF[method],
        method,
        region_id: first.region_id,
        founded_date: dayOf(year - 1 - (p % 8), p),
        secretary_name: person(p + 5),
        formal_members: Math.max(3, formal),
        probationary_members: p % 3,
        secretary_is_head: p % 2,
        party_workers: p % 4,
        venue_checklist: '[]',
        funding_superior: 0,
        funding_dues_return: 0,
        funding_unit: 0,
        funding_fiscal: 0,
        created_at: now,
        updated_at: now,
      });
    }
    const partyIds = await insertMany(trx, 'party_orgs', partyRows, true);
    await insertMany(
      trx,
      'coverage',
      covers.flatMap((orgs, k) => orgs.map((org_id) => ({ org_id, party_org_id: partyIds[k] as number }))),
      false,
    );

    // Instructors, three assignments each: one ended last year, two running (one from the future).
    const instructorIds = await insertMany(
      trx,
      'instructors',
      Array.from({ length: nInstructors }, (_, k) => ({
        name: person(k + 11),
        unit: `第${(k % nRegions) + 1}党建指导站`,
        full_time: k % 5 === 0 ? 1 : 0,
        appointed_date: dayOf(year - 2, k),
        deleted_at: k % 101 === 100 ? now : null,
        created_at: now,
        updated_at: now,
      })),
      true,
    );
    const assignments: Insertable<Database['assignments']>[] = [];
    instructorIds.forEach((instructor_id, k) => {
      for (let j = 0; j < 3; j++) {
        const org_id = orgIds[(k * 37 + j * 7919) % n] as number;
        const from_date = j === 2 && k % 4 === 0 ? `${year + 1}-01-01` : dayOf(year - 2 + (j === 0 ? 0 : 1), k + j);
        assignments.push({ instructor_id, org_id, from_date, to_date: j === 0 ? `${year - 1}-12-31` : null, created_at: now });
      }
    });
    await insertMany(trx, 'assignments', assignments, false);

    // 软弱涣散 cases over the last three years, every state; their party organizations rated and classed.
    const caseRows: Insertable<Database['cases']>[] = Array.from({ length: Math.min(nCases, partyIds.length) }, (_, k) => {
      const y = year - 2 + (k % 3);
      const state = CASE_STATES[(k >> 1) % CASE_STATES.length] as (typeof CASE_STATES)[number];
      return {
        party_org_id: partyIds[(k * 3) % partyIds.length] as number,
        year: y,
        batch: `${y}年第${(k % 2) + 1}批`,
        state,
        situations: JSON.stringify(['党建工作不力']),
        problems: '组织生活不经常、不认真',
        is_repeat: k % 10 === 0 ? 1 : 0,
        identified_date: dayOf(y, k),
        listed_date: dayOf(y, k),
        accepted_date: state === 'accepted' || state === 'delisted' ? `${y}-12-20` : null,
        delisted_date: state === 'delisted' ? `${y}-12-28` : null,
        created_at: now,
        updated_at: now,
      };
    });
    await insertMany(trx, 'cases', caseRows, false);
    const ratings = partyIds.flatMap((party_org_id, k) =>
      k % 3 === 2
        ? []
        : [{ party_org_id, year: year - (k % 2), stars: 1 + (k % 5), assessed_date: `${year - (k % 2)}-01-15`, updated_at: now }],
    );
    await insertMany(trx, 'ratings', ratings, false);
    const classes = partyIds.map((party_org_id, k) => ({
      party_org_id,
      year,
      class: (['standard', 'brand', 'rectify'] as const)[k % 3] as 'standard',
      updated_at: now,
    }));
    await insertMany(trx, 'classes', classes, false);

    // 1+N grids of the 区域化 branches, each holding the organizations it covers.
    const regional = partyRows.flatMap((p, k) => (p.method === 'regional' ? [k] : []));
    const gridIds = await insertMany(
      trx,
      'grids',
      regional.map((k) => ({
        party_org_id: partyIds[k] as number,
        name: `网格${k}`,
        contact_cards: k % 2,
        created_at: now,
        updated_at: now,
      })),
      true,
    );
    await insertMany(
      trx,
      'grid_orgs',
      regional.flatMap((k, g) => (covers[k] ?? []).map((org_id) => ({ grid_id: gridIds[g] as number, org_id }))),
      false,
    );

    const activities = partyIds.flatMap((party_org_id, k) =>
      k % 2
        ? []
        : [{ party_org_id, kind: 'theme_day' as const, date: dayOf(year, k), topic: '主题党日', created_at: now, updated_at: now }],
    );
    await insertMany(trx, 'activities', activities, false);
    const funding = partyIds.flatMap((party_org_id, k) =>
      k % 4
        ? []
        : [
            {
              party_org_id,
              year,
              source: 'superior' as const,
              fund_kind: 'activity' as const,
              amount_fen: 100_000 + (k % 50) * 1000,
              date: dayOf(year, k),
              created_at: now,
              updated_at: now,
            },
          ],
    );
    await insertMany(trx, 'funding', funding, false);

    return {
      regions: regionIds.length,
      orgs: orgIds.length,
      party_orgs: partyIds.length,
      coverage: covers.reduce((s, c) => s + c.length, 0),
      instructors: instructorIds.length,
      assignments: assignments.length,
      cases: caseRows.length,
      ratings: ratings.length,
      classes: classes.length,
      grids: gridIds.length,
      activities: activities.length,
      funding: funding.length,
    };
  });
}
