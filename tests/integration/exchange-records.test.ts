/**
 * Exchange files carry the #13 records (经费, 培训班, 组织生活, 网格, 示范点, 群团, 年检, 党员发展) between
 * two real ledgers, and files written before they travelled still import.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitExchange, type ExchangePreview, exportExchange, previewExchange } from '../../src/main/core/exchange';
import { packExchange, unpackExchange } from '../../src/main/core/exchange/format';
import { reportRows } from '../../src/main/core/reports/rows';
import { getFunding, updateFunding } from '../../src/main/core/services/funding';
import { updateSettings } from '../../src/main/core/services/settings';
import { showAuditValue } from '../../src/shared/audit/describe';
import { makeLedger, type TestLedger } from './fixture';

let A: TestLedger; // the township's ledger (the demo county)
let B: TestLedger; // the county's ledger, empty at first

// Loading the demo county takes seconds, more on a busy machine: more than a hook's default 10 s.
const SEEDING_MS = 60_000;

beforeEach(async () => {
  A = await makeLedger({ demo: 'loaded' });
  B = await makeLedger();
  await updateSettings(B.ctx, { countyName: '青山旗', countyCode: '150499' });
}, SEEDING_MS);
afterEach(async () => {
  await A.close();
  await B.close();
});

// Through kysely, so the file runs on either engine (LEDGER_TEST_ENGINE=postgres).
const regionId = async (t: TestLedger, name: string) =>
  (await t.ctx.ledger.db.selectFrom('regions').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
/** The payments of 乌兰镇's party organizations. */
const wulanFunding = (t: TestLedger) =>
  t.ctx.ledger.db
    .selectFrom('funding as f')
    .innerJoin('party_orgs as p', 'p.id', 'f.party_org_id')
    .innerJoin('regions as r', 'r.id', 'p.region_id')
    .where('r.name', '=', '乌兰镇');

/** The manifest's count of each new kind, by the preview's kind names. */
const KINDS = {
  funding: 'funding',
  training: 'trainings',
  activity: 'activities',
  grid: 'grids',
  modelSite: 'modelSites',
  massOrg: 'massOrgs',
  inspection: 'inspections',
  memberYear: 'memberYears',
} as const;

const newByKind = (p: ExchangePreview) => {
  const out: Record<string, number> = {};
  for (const i of p.new) out[i.kind] = (out[i.kind] ?? 0) + 1;
  return out;
};

/**
 * A ledger's rows for one region, as printed: the same records give the same rows in either ledger. Rows
 * are compared as a set (without 序号): a ledger lists party organizations in the order they were entered.
 */
async function ledgerRows(t: TestLedger, report: string, year: number) {
  const data = await reportRows(t.ctx, report, { regionId: await regionId(t, '乌兰镇'), year });
  // A grid lists its organizations in the order they were entered too.
  const asSet = (v: unknown) => (typeof v === 'string' && v.includes('、') ? v.split('、').sort().join('、') : v);
  // 党员发展 is a table by region over the whole county: only 乌兰镇's line travelled.
  const byRegion = report === 'memberYears';
  const rows = data.rows
    .filter((r) => !byRegion || r.region === '乌兰镇')
    .map(({ seq: _s, ...r }) => JSON.stringify(r, (_k, v) => asSet(v)))
    .sort();
  return { rows, totals: byRegion ? null : data.totals };
}

async function wulanFile(t: TestLedger, fileName: string) {
  return exportExchange(t.ctx, { regionId: await regionId(t, '乌兰镇'), fileName });
}

describe('exchange files carry the #13 records', () => {
  it('a township’s records of every kind reach the county and show in its ledgers', async () => {
    const file = await wulanFile(A, 'wulan.lxex');
    const c = file.manifest.counts;
    for (const array of Object.values(KINDS)) expect([array, c[array] > 0]).toEqual([array, true]);
    expect(c.trainingAttendees).toBeGreaterThan(0);

    const p = await previewExchange(B.ctx, file.bytes, { fileName: 'wulan.lxex' });
    expect(p.warnings).toEqual([]);
    expect(newByKind(p)).toEqual({
      org: c.orgs,
      partyOrg: c.partyOrgs,
      instructor: c.instructors,
      ...Object.fromEntries(Object.entries(KINDS).map(([kind, array]) => [kind, c[array]])),
    });
    const pay = p.new.find((i) => i.kind === 'funding');
    expect(pay).toMatchObject({ kindLabel: '经费', regionName: '乌兰镇' });
    expect(pay?.name).toMatch(/^.+ \d{4}-\d{2}-\d{2} .+ \d+\.\d{2}元$/);

    const r = await commitExchange(B.ctx, p.id);
    expect(r.skipped).toEqual([]);
    expect(r.created).toMatchObject(Object.fromEntries(Object.entries(KINDS).map(([kind, array]) => [kind, c[array]])));

    // The county's printed ledgers of 乌兰镇 now hold exactly the township's rows.
    for (const report of ['funding', 'trainings', 'activities', 'grids', 'modelSites', 'inspections', 'memberYears']) {
      for (const year of [2025, 2026]) {
        const township = await ledgerRows(A, report, year);
        expect([report, year, township.rows.length > 0 || report === 'inspections']).toEqual([report, year, true]);
        expect([report, year, await ledgerRows(B, report, year)]).toEqual([report, year, township]);
      }
    }
    // Written through the services: audited as a clerk's create, naming the file.
    const audited = await B.ctx.ledger.db
      .selectFrom('audit_log')
      .select(['entity', (eb) => eb.fn.countAll<number>().as('n')])
      .where('action', '=', 'create')
      .where('after', 'like', '%wulan.lxex%')
      .groupBy('entity')
      .execute();
    expect(Object.fromEntries(audited.map((a) => [a.entity, Number(a.n)]))).toMatchObject({
      funding: c.funding,
      training: c.trainings,
      activity: c.activities,
      grid: c.grids,
      model_site: c.modelSites,
    });

    // The same file again: nothing to do.
    const again = await previewExchange(B.ctx, file.bytes);
    expect(again.counts).toMatchObject({ new: 0, changed: 0, conflict: 0, localChanged: 0 });

    // The log names these records' keys (kept local, in an import's summary) in words.
    const look = {
      names: { region: new Map(), org: new Map(), partyOrg: new Map(), instructor: new Map(), leader: new Map() },
      cases: new Map(),
      assignments: new Map(),
      seedStamps: new Set<string>(),
      utcOffset: 480,
    };
    const key = pay?.key as string;
    expect(showAuditValue('exchange', 'exchange', 'keptLocal', [key], look)).toMatch(/^经费 乌兰镇 \S+ \d{4}-\d{2}-\d{2} /);
    expect(showAuditValue('exchange', 'exchange', 'created', r.created, look)).toMatch(/经费\d+个.*党员发展\d+个/);
  });

  it('a payment whose amount was corrected at the township shows as changed, the field named in Chinese', async () => {
    const first = await previewExchange(B.ctx, (await wulanFile(A, 'wulan-1.lxex')).bytes);
    await commitExchange(B.ctx, first.id);

    const pay = (await wulanFunding(A).select('f.id').orderBy('f.id').limit(1).executeTakeFirstOrThrow()).id;
    const before = await getFunding(A.ctx, pay);
    const { id: _i, partyOrgName: _n, regionId: _r, regionName: _rn, year: _y, amountFen, createdAt: _c, updatedAt: _u, ...rest } = before;
    await updateFunding(A.ctx, pay, { ...rest, amount: amountFen + 12_345 });

    const p = await previewExchange(B.ctx, (await wulanFile(A, 'wulan-2.lxex')).bytes, { fileName: 'wulan-2.lxex' });
    expect(p.counts).toMatchObject({ new: 0, changed: 1, conflict: 0 });
    expect(p.changed[0]).toMatchObject({ kind: 'funding', kindLabel: '经费', regionName: '乌兰镇' });
    expect(p.changed[0]?.differences).toEqual([
      {
        field: 'amount',
        label: '金额（元）',
        local: (amountFen / 100).toFixed(2),
        incoming: ((amountFen + 12_345) / 100).toFixed(2),
      },
    ]);
    const r = await commitExchange(B.ctx, p.id);
    expect(r.updated.funding).toBe(1);
    const total = async (t: TestLedger) =>
      Number(
        (
          await wulanFunding(t)
            .select((eb) => eb.fn.sum<number>('f.amount_fen').as('s'))
            .executeTakeFirstOrThrow()
        ).s,
      );
    expect(await total(B)).toBe(await total(A));
    const audit = await B.ctx.ledger.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('entity', '=', 'funding')
      .where('action', '=', 'update')
      .where('after', 'like', '%wulan-2.lxex%')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before ?? 'null').amount).toBe((amountFen / 100).toFixed(2));
    expect(JSON.parse(audit.after ?? 'null').amount).toBe(((amountFen + 12_345) / 100).toFixed(2));
  });

  it('a file written before the #13 records travelled still imports', async () => {
    const file = await wulanFile(A, 'old.lxex');
    const { manifest, contentJson } = await unpackExchange(file.bytes);
    const content = JSON.parse(contentJson) as Record<string, unknown>;
    const old = { regions: content.regions, orgs: content.orgs, partyOrgs: content.partyOrgs, instructors: content.instructors };
    const { regions, orgs, partyOrgs, instructors, assignments } = manifest.counts;
    const { contentSha256: _s, encryption: _e, ...draft } = manifest;
    const { bytes } = await packExchange(
      { ...draft, counts: { regions, orgs, partyOrgs, instructors, assignments } as typeof manifest.counts },
      JSON.stringify(old),
    );
    // As an older program wrote it: no new arrays in the content, no new counts in the manifest.
    const head = JSON.parse(bytes.subarray(12, 12 + bytes.readUInt32BE(8)).toString('utf8'));
    expect(Object.keys(head.counts).sort()).toEqual(['assignments', 'instructors', 'orgs', 'partyOrgs', 'regions']);

    const p = await previewExchange(B.ctx, bytes, { fileName: 'old.lxex' });
    expect(p.warnings).toEqual([]);
    expect(p.manifest.counts.funding).toBe(0);
    // The county's 党员发展 and 群团 rows follow the organizations' own columns, as when a clerk saves them.
    expect(Object.keys(newByKind(p)).sort()).toEqual(['instructor', 'org', 'partyOrg']);
    const r = await commitExchange(B.ctx, p.id);
    expect(r.created).toMatchObject({ org: orgs, partyOrg: partyOrgs, instructor: instructors, funding: 0, training: 0 });
    expect(B.count('orgs')).toBe(orgs);
    expect(B.count('funding')).toBe(0);
  });

  it('a record naming a party organization neither the file nor the ledger has is reported, not silently dropped', async () => {
    const file = await wulanFile(A, 'orphan.lxex');
    const { manifest, contentJson } = await unpackExchange(file.bytes);
    const content = JSON.parse(contentJson) as { funding: { partyOrgKey: string; amount: string }[] };
    const orphan = { ...(content.funding[0] as { partyOrgKey: string; amount: string }), partyOrgKey: 'party:乌兰镇|已撤销的某公司党支部' };
    content.funding.push(orphan);
    const { contentSha256: _s, encryption: _e, ...draft } = manifest;
    const { bytes } = await packExchange(
      { ...draft, counts: { ...manifest.counts, funding: manifest.counts.funding + 1 } },
      JSON.stringify(content),
    );

    const p = await previewExchange(B.ctx, bytes, { fileName: 'orphan.lxex' });
    expect(p.warnings).toEqual([
      expect.stringMatching(
        /^经费“已撤销的某公司党支部 .*元”引用的党组织“已撤销的某公司党支部”（乌兰镇）在文件和本台账中都没有，这条记录不导入$/,
      ),
    ]);
    expect(p.new.filter((i) => i.kind === 'funding')).toHaveLength(manifest.counts.funding);
    const r = await commitExchange(B.ctx, p.id);
    expect(r.created.funding).toBe(manifest.counts.funding);
    expect(B.count('funding')).toBe(manifest.counts.funding);
  });
});
