/** Scope cases for 整顿 cases, 排查, 分类定级, 培训, 组织生活, 示范点, 经费, reports and exchange. */
import ExcelJS from 'exceljs';
import { type RawBuilder, sql } from 'kysely';
import { expect } from 'vitest';
import type { ApiResult, Channel } from '../../../src/shared/contract';
import { REPORTS } from '../../../src/shared/reports/definitions';
import { TODAY } from '../fixture';
import type { ScopeCase, ScopeSetup } from './types';

const YEAR = Number(TODAY.slice(0, 4));
const MISSING = 987_654;

async function first<T>(s: ScopeSetup, what: string, query: RawBuilder<unknown>): Promise<T> {
  const [r] = await s.t.rows<T>(query);
  if (!r) throw new Error(`the demo county has no ${what}`);
  return r;
}
const idOf = async (s: ScopeSetup, what: string, query: RawBuilder<unknown>) => (await first<{ id: number }>(s, what, query)).id;

/** A live party organization of the region never made a case (so 认定 and 暂不认定 would both succeed). */
const freePartyOrg = (s: ScopeSetup, regionId: number) =>
  idOf(
    s,
    'party organization without a case',
    sql`SELECT id FROM party_orgs WHERE region_id = ${regionId} AND deleted_at IS NULL
       AND id NOT IN (SELECT party_org_id FROM cases) AND id NOT IN (SELECT party_org_id FROM screening_deferrals) ORDER BY id`,
  );

/** A record of the region, found through its party organization; `extra` is a condition the case writes itself. */
const recordOf = (s: ScopeSetup, table: 'cases' | 'activities' | 'model_sites' | 'funding', regionId: number, extra = '') =>
  idOf(
    s,
    `${table} record`,
    sql`SELECT x.id FROM ${sql.table(table)} x JOIN party_orgs p ON p.id = x.party_org_id AND p.deleted_at IS NULL
      WHERE p.region_id = ${regionId} ${sql.raw(extra)} ORDER BY x.id`,
  );

const trainingOf = (s: ScopeSetup, regionId: number | null) =>
  idOf(
    s,
    'training',
    sql`SELECT id FROM trainings WHERE deleted_at IS NULL AND ${regionId == null ? sql`region_id IS NULL` : sql`region_id = ${regionId}`} ORDER BY id`,
  );

/** An own-region case for the by-id and list checks; the demo county's busiest township has none, so the 乡镇经办 records one. */
async function ownCase(s: ScopeSetup): Promise<number> {
  const [has] = await s.t.rows<{ id: number }>(
    sql`SELECT c.id FROM cases c JOIN party_orgs p ON p.id = c.party_org_id WHERE p.region_id = ${s.mine} ORDER BY c.id`,
  );
  if (has) return has.id;
  const c = await s.township.call('cases.create', {
    partyOrgId: await freePartyOrg(s, s.mine),
    year: YEAR,
    batch: null,
    date: TODAY,
    situations: ['班子不健全'],
    problems: '书记长期空缺',
    reason: null,
  });
  return c.id;
}

/**
 * Another region's 暂不认定, made by the 县级经办 in the cases.suggest case (a read, run before the
 * screening cases) since the demo county has none: screening.undefer must have one to refuse.
 */
async function otherDeferral(s: ScopeSetup): Promise<number> {
  const [has] = await s.t.rows<{ party_org_id: number }>(
    sql`SELECT d.party_org_id FROM screening_deferrals d JOIN party_orgs p ON p.id = d.party_org_id
      WHERE p.region_id = ${s.other} AND d.year = ${YEAR} ORDER BY d.party_org_id`,
  );
  if (has) return has.party_org_id;
  const partyOrgId = await freePartyOrg(s, s.other);
  await s.county.call('screening.defer', { partyOrgId, year: YEAR, reason: '企业已注销，待核实' });
  return partyOrgId;
}

async function refused(r: Promise<ApiResult<unknown>>, code: string = 'not_found'): Promise<{ code: string; message: string }> {
  const got = await r;
  expect(got.ok, JSON.stringify(got)).toBe(false);
  if (got.ok) throw new Error('unreachable');
  expect(got.error.code).toBe(code);
  return got.error;
}

/** Refused exactly as the same call naming an id that does not exist: nothing tells the clerk the record is there. */
async function refusedAsMissing(s: ScopeSetup, channel: Channel, make: (id: number) => unknown, id: number): Promise<void> {
  const missing = await s.township.raw(channel, make(MISSING));
  expect(missing.ok).toBe(false);
  if (missing.ok) return;
  const got = await refused(s.township.raw(channel, make(id)), missing.error.code);
  expect(got.message).toBe(missing.error.message.replaceAll(String(MISSING), String(id)));
}

/** A list as the 乡镇经办 sees it equals the 县级经办's list of the 乡镇经办's region; naming another region gives nothing. */
async function sameAsCountyOfMine<T>(s: ScopeSetup, read: (as: ScopeSetup['county'], regionId?: number) => Promise<T>): Promise<T> {
  const mine = await read(s.township);
  expect(mine).toEqual(await read(s.county, s.mine));
  // Naming the other region gives nothing.
  const aimed = await read(s.township, s.other);
  expect(aimed).toEqual(await read(s.county, MISSING));
  // The county's whole list is more: the narrowing is the caller's, not the data's.
  expect(mine).not.toEqual(await read(s.county));
  return mine;
}

const regionsOf = (list: { regionId: number | null }[]) => new Set(list.map((r) => r.regionId));

/** Every text of a report's rows and totals. */
function textsOf(d: { rows: Record<string, unknown>[]; totals: Record<string, unknown> | null }): string[] {
  return [...d.rows, ...(d.totals ? [d.totals] : [])].flatMap((r) => Object.values(r).filter((v): v is string => typeof v === 'string'));
}

/** The names a report of the other region would show: its name, its party organizations' and organizations'. */
async function otherNames(s: ScopeSetup): Promise<{ region: string; names: string[] }> {
  const region = (await first<{ name: string }>(s, 'region', sql`SELECT name FROM regions WHERE id = ${s.other}`)).name;
  const names = (
    await s.t.rows<{ name: string }>(
      sql`SELECT name FROM party_orgs WHERE region_id = ${s.other} UNION SELECT name FROM orgs WHERE region_id = ${s.other}`,
    )
  ).map((r) => r.name);
  return { region, names };
}

const naming = (texts: string[], other: { region: string; names: string[] }) =>
  texts.filter((t) => t === other.region || other.names.some((n) => t.includes(n)));

export const WORK_CASES: Partial<Record<Channel, ScopeCase>> = {
  'cases.suggest': async (s) => {
    await otherDeferral(s);
    const read = (as: ScopeSetup['county'], regionId?: number) => as.call('cases.suggest', { year: YEAR, regionId });
    const mine = await sameAsCountyOfMine(s, read);
    expect(regionsOf([...mine.suggestions, ...mine.deferred])).toEqual(new Set([s.mine]));
    expect((await read(s.county, s.other)).deferred.length).toBeGreaterThan(0);
  },
  'screening.defer': async (s) => {
    const input = (partyOrgId: number) => ({ partyOrgId, year: YEAR, reason: '企业已停产' });
    await refusedAsMissing(s, 'screening.defer', input, await freePartyOrg(s, s.other));
  },
  'screening.undefer': async (s) => {
    const partyOrgId = await otherDeferral(s);
    await refusedAsMissing(s, 'screening.undefer', (id) => ({ partyOrgId: id, year: YEAR }), partyOrgId);
  },
  'cases.list': async (s) => {
    const own = await ownCase(s);
    const read = (as: ScopeSetup['county'], regionId?: number) => as.call('cases.list', { regionId, offset: 0, limit: 1000 });
    const mine = await sameAsCountyOfMine(s, read);
    expect(mine.rows.map((r) => r.id)).toContain(own);
    expect(regionsOf(mine.rows)).toEqual(new Set([s.mine]));
    const other = await recordOf(s, 'cases', s.other);
    expect(
      (
        await s.township.call('cases.list', {
          partyOrgId: (await s.t.rows<{ party_org_id: number }>(sql`SELECT party_org_id FROM cases WHERE id = ${other}`))[0]?.party_org_id,
          offset: 0,
          limit: 10,
        })
      ).total,
    ).toBe(0);
  },
  'cases.get': async (s) => {
    const own = await ownCase(s);
    expect((await s.township.call('cases.get', { id: own })).regionId).toBe(s.mine);
    await refusedAsMissing(s, 'cases.get', (id) => ({ id }), await recordOf(s, 'cases', s.other));
  },
  'cases.create': async (s) => {
    const input = (partyOrgId: number) => ({
      partyOrgId,
      year: YEAR,
      batch: null,
      date: TODAY,
      situations: ['班子不健全'],
      problems: '书记长期空缺',
      reason: null,
    });
    await refusedAsMissing(s, 'cases.create', input, await freePartyOrg(s, s.other));
  },
  'cases.act': async (s) => {
    const id = await recordOf(s, 'cases', s.other, "AND x.state = 'rectifying'");
    await refusedAsMissing(s, 'cases.act', (i) => ({ id: i, date: TODAY, action: 'progress', note: '已召开组织生活会' }), id);
  },
  'cases.stats': async (s) => {
    await ownCase(s);
    const mine = await s.township.call('cases.stats', { year: YEAR });
    const own = (await s.county.call('cases.list', { year: YEAR, regionId: s.mine, offset: 0, limit: 1000 })).total;
    const all = (await s.county.call('cases.stats', { year: YEAR })).total;
    expect(mine.total).toBe(own);
    expect(own).toBeGreaterThan(0);
    expect(all).toBeGreaterThan(own);
  },
  'classes.list': async (s) => {
    const read = (as: ScopeSetup['county'], regionId?: number) => as.call('classes.list', { year: YEAR, regionId });
    const mine = await sameAsCountyOfMine(s, read);
    expect(mine.length).toBeGreaterThan(0);
    expect(regionsOf(mine)).toEqual(new Set([s.mine]));
  },
  'classes.set': async (s) => {
    const other = await freePartyOrg(s, s.other);
    await refusedAsMissing(s, 'classes.set', (id) => ({ year: YEAR, partyOrgIds: [id], class: 'standard' }), other);
  },
  'ratings.set': async (s) => {
    const input = (partyOrgId: number) => ({ partyOrgId, year: YEAR, stars: 5, assessedDate: TODAY });
    await refusedAsMissing(s, 'ratings.set', input, await freePartyOrg(s, s.other));
  },
  'trainings.list': async (s) => {
    const read = (as: ScopeSetup['county'], regionId?: number) => as.call('trainings.list', { regionId, offset: 0, limit: 1000 });
    const mine = await s.township.call('trainings.list', { offset: 0, limit: 1000 });
    const own = await read(s.county, s.mine);
    const county = await s.county.call('trainings.list', { countyLevel: true, offset: 0, limit: 1000 });
    // Their region's classes and the county's own, read-only: no other region's.
    expect(own.total).toBeGreaterThan(0);
    expect(mine.rows.map((r) => r.id).sort()).toEqual([...own.rows, ...county.rows].map((r) => r.id).sort());
    expect(regionsOf(mine.rows)).toEqual(new Set([s.mine, null]));
    expect((await read(s.township, s.other)).total).toBe(0);
  },
  'trainings.get': async (s) => {
    expect((await s.township.call('trainings.get', { id: await trainingOf(s, s.mine) })).regionId).toBe(s.mine);
    await refusedAsMissing(s, 'trainings.get', (id) => ({ id }), await trainingOf(s, s.other));
    // A county-level class is read with the attendees of the township's regions only.
    const countyClass = await idOf(
      s,
      'county class with another region attending',
      sql`SELECT t.id FROM trainings t JOIN training_attendees a ON a.training_id = t.id JOIN party_orgs p ON p.id = a.party_org_id
        WHERE t.region_id IS NULL AND t.deleted_at IS NULL AND p.region_id = ${s.other} ORDER BY t.id`,
    );
    const seen = await s.township.call('trainings.get', { id: countyClass });
    const all = await s.county.call('trainings.get', { id: countyClass });
    const regionOf = new Map(
      (await s.t.rows<{ id: number; region_id: number }>(sql`SELECT id, region_id FROM party_orgs`)).map((p) => [p.id, p.region_id]),
    );
    expect(all.attendees.some((a) => a.partyOrgId != null && regionOf.get(a.partyOrgId) === s.other)).toBe(true);
    expect(seen.attendees).toEqual(all.attendees.filter((a) => a.partyOrgId == null || regionOf.get(a.partyOrgId) === s.mine));
  },
  'trainings.create': async (s) => {
    const fields = (regionId: number | null, partyOrgId?: number) => ({
      startDate: TODAY,
      endDate: TODAY,
      topic: '书记培训班',
      target: 'secretary',
      organizer: '镇党委',
      regionId,
      place: null,
      sessions: 1,
      attendances: 10,
      remarks: null,
      attendees: partyOrgId == null ? [] : [{ partyOrgId, instructorId: null, name: null, unit: null }],
    });
    const regionError = await s.township.raw('trainings.create', fields(MISSING));
    expect(regionError.ok).toBe(false);
    await refusedAsMissing(s, 'trainings.create', (id) => fields(id), s.other);
    await refusedAsMissing(s, 'trainings.create', (id) => fields(s.mine, id), await freePartyOrg(s, s.other));
    // The county's own classes are the 县级经办's to record.
    await refused(s.township.raw('trainings.create', fields(null)), 'forbidden');
  },
  'trainings.update': async (s) => {
    const id = await trainingOf(s, s.other);
    const fields = (await s.county.call('trainings.get', { id })) as unknown as Record<string, unknown>;
    const { id: _i, regionName: _r, createdAt: _c, updatedAt: _u, attendees: _a, ...rest } = fields;
    const input = (i: number) => ({ id: i, fields: { ...rest, regionId: s.mine, attendees: [] } });
    await refusedAsMissing(s, 'trainings.update', input, id);
    await refused(
      s.township.raw('trainings.update', { id: await trainingOf(s, null), fields: { ...rest, regionId: s.mine, attendees: [] } }),
      'forbidden',
    );
  },
  'trainings.delete': async (s) => {
    await refusedAsMissing(s, 'trainings.delete', (id) => ({ id }), await trainingOf(s, s.other));
    await refused(s.township.raw('trainings.delete', { id: await trainingOf(s, null) }), 'forbidden');
  },
  'trainings.totals': async (s) => {
    const mine = await s.township.call('trainings.totals', { year: YEAR });
    const all = await s.county.call('trainings.totals', { year: YEAR });
    expect(mine.length).toBeGreaterThan(0);
    expect(mine).toEqual(all.filter((r) => r.regionId === s.mine));
  },
  'activities.list': async (s) => {
    const read = (as: ScopeSetup['county'], regionId?: number) =>
      as.call('activities.list', { year: YEAR, regionId, offset: 0, limit: 1000 });
    const mine = await sameAsCountyOfMine(s, read);
    expect(mine.total).toBeGreaterThan(0);
    expect(regionsOf(mine.rows)).toEqual(new Set([s.mine]));
  },
  'activities.create': async (s) => {
    const input = (partyOrgId: number) => ({
      partyOrgId,
      kind: 'theme_day',
      date: TODAY,
      topic: '主题党日',
      expected: null,
      attendance: null,
      place: null,
      remarks: null,
    });
    await refusedAsMissing(s, 'activities.create', input, await freePartyOrg(s, s.other));
  },
  'activities.update': async (s) => {
    const id = await recordOf(s, 'activities', s.other);
    const own = await freePartyOrg(s, s.mine);
    const input = (i: number) => ({
      id: i,
      fields: {
        partyOrgId: own,
        kind: 'theme_day',
        date: TODAY,
        topic: '改到本镇',
        expected: null,
        attendance: null,
        place: null,
        remarks: null,
      },
    });
    await refusedAsMissing(s, 'activities.update', input, id);
  },
  'activities.delete': async (s) => {
    await refusedAsMissing(s, 'activities.delete', (id) => ({ id }), await recordOf(s, 'activities', s.other));
  },
  'activities.gaps': async (s) => {
    const read = (as: ScopeSetup['county'], regionId?: number) => as.call('activities.gaps', { regionId });
    const mine = await sameAsCountyOfMine(s, read);
    expect(mine.length).toBeGreaterThan(0);
  },
  'modelSites.list': async (s) => {
    const read = (as: ScopeSetup['county'], regionId?: number) => as.call('modelSites.list', { regionId });
    const mine = await sameAsCountyOfMine(s, read);
    expect(mine.length).toBeGreaterThan(0);
    expect(regionsOf(mine)).toEqual(new Set([s.mine]));
  },
  'modelSites.create': async (s) => {
    const input = (partyOrgId: number) => ({
      partyOrgId,
      level: 'county',
      year: YEAR,
      brandName: null,
      fiveStar: false,
      revokedYear: null,
      documentNo: null,
      remarks: null,
    });
    await refusedAsMissing(s, 'modelSites.create', input, await freePartyOrg(s, s.other));
  },
  'modelSites.update': async (s) => {
    const id = await recordOf(s, 'model_sites', s.other);
    const own = await freePartyOrg(s, s.mine);
    const input = (i: number) => ({
      id: i,
      fields: {
        partyOrgId: own,
        level: 'province',
        year: YEAR,
        brandName: null,
        fiveStar: false,
        revokedYear: null,
        documentNo: null,
        remarks: null,
      },
    });
    await refusedAsMissing(s, 'modelSites.update', input, id);
  },
  'modelSites.delete': async (s) => {
    await refusedAsMissing(s, 'modelSites.delete', (id) => ({ id }), await recordOf(s, 'model_sites', s.other));
  },
  'funding.list': async (s) => {
    const read = (as: ScopeSetup['county'], regionId?: number) => as.call('funding.list', { year: YEAR, regionId, offset: 0, limit: 1000 });
    const mine = await sameAsCountyOfMine(s, read);
    expect(mine.total).toBeGreaterThan(0);
    expect(regionsOf(mine.rows)).toEqual(new Set([s.mine]));
  },
  'funding.create': async (s) => {
    const input = (partyOrgId: number) => ({
      partyOrgId,
      source: 'superior',
      fundKind: 'activity',
      amount: 100,
      date: TODAY,
      period: null,
      documentNo: null,
      remarks: null,
    });
    await refusedAsMissing(s, 'funding.create', input, await freePartyOrg(s, s.other));
  },
  'funding.update': async (s) => {
    const id = await recordOf(s, 'funding', s.other);
    const own = await freePartyOrg(s, s.mine);
    const input = (i: number) => ({
      id: i,
      fields: {
        partyOrgId: own,
        source: 'superior',
        fundKind: 'activity',
        amount: 1,
        date: TODAY,
        period: null,
        documentNo: null,
        remarks: null,
      },
    });
    await refusedAsMissing(s, 'funding.update', input, id);
  },
  'funding.delete': async (s) => {
    await refusedAsMissing(s, 'funding.delete', (id) => ({ id }), await recordOf(s, 'funding', s.other));
  },
  'funding.totals': async (s) => {
    const mine = await s.township.call('funding.totals', { year: YEAR });
    const own = await s.county.call('funding.totals', { year: YEAR, regionId: s.mine });
    expect(mine.regions.map((r) => r.regionId)).toEqual([s.mine]);
    expect(mine).toEqual(own);
    expect(mine.county.totalFen).toBeGreaterThan(0);
  },
  'reports.rows': async (s) => {
    const other = await otherNames(s);
    let countyNamesOther = 0;
    for (const r of REPORTS) {
      const filters = { year: YEAR };
      const mine = await s.township.call('reports.rows', { report: r.id, filters });
      expect(naming(textsOf(mine), other), r.id).toEqual([]);
      const county = await s.county.call('reports.rows', { report: r.id, filters });
      if (naming(textsOf(county), other).length) countyNamesOther++;
      if ((r.filters as readonly string[]).includes('regionId')) {
        const aimed = await s.township.call('reports.rows', { report: r.id, filters: { ...filters, regionId: s.other } });
        expect(aimed.rows, r.id).toEqual([]);
      }
    }
    // Most ledgers name the other region for the county: the check above has something to find.
    expect(countyNamesOther).toBeGreaterThan(REPORTS.length / 2);
    // And the township's own ledgers are not empty.
    const own = await s.township.call('reports.rows', { report: 'funding', filters: { year: YEAR } });
    expect(own.rows.length).toBe((await s.county.call('funding.list', { year: YEAR, regionId: s.mine, offset: 0, limit: 1 })).total);
    expect(own.rows.length).toBeGreaterThan(0);
  },
  'reports.xlsx': async (s) => {
    const other = await otherNames(s);
    for (const report of ['partyOrgs', 'cases', 'funding', 'yearlyStatsWork'] as const) {
      const x = await s.township.call('reports.xlsx', { report, filters: { year: YEAR } });
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(x.base64, 'base64') as unknown as ArrayBuffer);
      const texts: string[] = [];
      book.eachSheet((sheet) =>
        sheet.eachRow((row) =>
          row.eachCell((cell) => {
            if (typeof cell.value === 'string') texts.push(cell.value);
          }),
        ),
      );
      expect(texts.length, report).toBeGreaterThan(3);
      expect(naming(texts, other), report).toEqual([]);
    }
  },
  'exchange.export': async (s) => {
    await refused(s.township.raw('exchange.export', { regionId: s.other }), 'forbidden');
    const whole = await refused(s.township.raw('exchange.export', {}), 'forbidden');
    expect(whole.message).toMatch(/本属地/);
    // Their own region's file is theirs to send.
    const own = await s.township.call('exchange.export', { regionId: s.mine });
    expect(own.manifest.region?.name).toBe(
      (await first<{ name: string }>(s, 'region', sql`SELECT name FROM regions WHERE id = ${s.mine}`)).name,
    );
  },
};
