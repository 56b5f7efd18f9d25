/** Township → county exchange files, between two real ledgers: export, preview, conflicts, commit, damage, passwords. */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/main/core/errors';
import {
  commitExchange,
  type ExchangePreview,
  type ExchangePreviewItem,
  exportExchange,
  inspectExchange,
  previewExchange,
} from '../../src/main/core/exchange';
import { migrationProvider } from '../../src/main/core/migrations';
import { listInstructors, updateInstructor } from '../../src/main/core/services/instructors';
import { createOrg, deleteOrg, getOrg, updateOrg } from '../../src/main/core/services/orgs';
import { getPartyOrg, updatePartyOrg } from '../../src/main/core/services/partyOrgs';
import { updateSettings } from '../../src/main/core/services/settings';
import type { OrgFields } from '../../src/shared/types';
import { orgFieldsOf } from '../helpers/orgFields';
import { makeLedger, type TestLedger, TODAY } from './fixture';

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

// ---------------------------------------------------------------------------------------------------

// Through kysely, so the file runs on either engine (LEDGER_TEST_ENGINE=postgres).
const regionId = async (t: TestLedger, name: string) =>
  (await t.ctx.ledger.db.selectFrom('regions').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
const orgId = async (t: TestLedger, name: string, region: string) =>
  (
    await t.ctx.ledger.db
      .selectFrom('orgs as o')
      .innerJoin('regions as r', 'r.id', 'o.region_id')
      .select('o.id')
      .where('o.name', '=', name)
      .where('r.name', '=', region)
      .where('o.deleted_at', 'is', null)
      .executeTakeFirstOrThrow()
  ).id;
const partyOrgId = async (t: TestLedger, name: string, region: string) =>
  (
    await t.ctx.ledger.db
      .selectFrom('party_orgs as p')
      .innerJoin('regions as r', 'r.id', 'p.region_id')
      .select('p.id')
      .where('p.name', '=', name)
      .where('r.name', '=', region)
      .where('p.deleted_at', 'is', null)
      .executeTakeFirstOrThrow()
  ).id;

/** Everything a write leaves behind, to show a refused file wrote nothing. */
const footprint = (t: TestLedger) =>
  ['audit_log', 'exchange_history', 'orgs', 'party_orgs', 'coverage', 'instructors', 'assignments', 'regions'].map((x) => t.count(x));

async function editOrg(t: TestLedger, item: ExchangePreviewItem, change: Partial<OrgFields>) {
  const id = await orgId(t, item.name, item.regionName as string);
  await updateOrg(t.ctx, id, { ...(await orgFieldsOf(t.ctx, id)), ...change });
}

async function editPartyOrg(t: TestLedger, item: ExchangePreviewItem, change: { secretaryName?: string; remarks?: string }) {
  const id = await partyOrgId(t, item.name, item.regionName as string);
  const {
    id: _id,
    regionName: _r,
    coveredOrgs,
    electionDue: _e,
    flags: _f,
    createdAt: _ca,
    updatedAt: _u,
    ...fields
  } = await getPartyOrg(t.ctx, id);
  await updatePartyOrg(t.ctx, id, { ...fields, coveredOrgIds: coveredOrgs.map((o) => o.id), ...change });
}

async function editInstructor(t: TestLedger, item: ExchangePreviewItem, change: { phone?: string; post?: string }) {
  const [name, unit] = item.key.slice('instructor:'.length).split('|');
  const found = (await listInstructors(t.ctx)).find((i) => i.name === name && (i.unit ?? '') === unit);
  if (!found) throw new Error(`no instructor ${item.key}`);
  const { id, activeAssignments: _n, assignments: _a, ...fields } = found;
  await updateInstructor(t.ctx, id, { ...fields, ...change });
  return id;
}

async function refused(p: Promise<unknown>, code: string, message: RegExp) {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
  expect((e as AppError).message).toMatch(message);
}

const keys = (items: ExchangePreviewItem[]) => items.map((i) => i.key).sort();
/** Every record a file carries (assignments and attendees travel inside their instructor and class). */
const recordsIn = (m: ExchangePreview['manifest']) =>
  m.counts.orgs +
  m.counts.partyOrgs +
  m.counts.instructors +
  m.counts.funding +
  m.counts.trainings +
  m.counts.activities +
  m.counts.grids +
  m.counts.modelSites +
  m.counts.massOrgs +
  m.counts.inspections +
  m.counts.memberYears;
const thisYear = Number(TODAY.slice(0, 4));
const WORK_TABLES = [
  'funding',
  'trainings',
  'training_attendees',
  'activities',
  'grids',
  'grid_orgs',
  'model_sites',
  'mass_orgs',
  'inspections',
  'member_years',
];
const ofKind = (p: ExchangePreview, kind: string) =>
  p.new.filter((i) => i.kind === kind && (i.kind === 'instructor' || i.regionName === '乌兰镇'));

/** Rebuilds a file after editing its manifest and/or payload, with a correct trailing checksum (a deliberate edit). */
function rebuild(bytes: Buffer, editManifest: (m: Record<string, unknown>) => void, editPayload?: (p: Buffer) => void): Buffer {
  const m = bytes.readUInt32BE(8);
  const manifest = JSON.parse(bytes.subarray(12, 12 + m).toString('utf8')) as Record<string, unknown>;
  editManifest(manifest);
  const manifestBytes = Buffer.from(JSON.stringify(manifest), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(manifestBytes.length);
  const payload = Buffer.from(bytes.subarray(12 + m, bytes.length - 32));
  editPayload?.(payload);
  const body = Buffer.concat([bytes.subarray(0, 8), length, manifestBytes, payload]);
  return Buffer.concat([body, createHash('sha256').update(body).digest()]);
}

const flip = (bytes: Buffer, at: number) => {
  const copy = Buffer.from(bytes);
  copy[at] = (copy[at] as number) ^ 0x01;
  return copy;
};

// ---------------------------------------------------------------------------------------------------

describe('exchange files', () => {
  it('a region goes to the county, both sides change, and exactly the records changed on both are conflicts', async () => {
    // 1. The township exports 乌兰镇.
    const first = await exportExchange(A.ctx, { regionId: await regionId(A, '乌兰镇'), fileName: 'wulan-1.lxex' });
    expect(first.fileName).toBe('wulan-1.lxex');
    expect(first.bytes.subarray(0, 8).toString('ascii')).toBe('LXDJEX01');
    expect(first.manifest).toMatchObject({
      source: { countyName: '青山旗', countyCode: '150499' },
      region: { name: '乌兰镇', kind: 'township' },
      schemaVersion: Object.keys(await migrationProvider.getMigrations())
        .sort()
        .at(-1),
      encryption: null,
    });
    expect(first.manifest.counts.orgs).toBeGreaterThanOrEqual(33);
    expect(first.manifest.contentSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(inspectExchange(first.bytes)).toEqual(first.manifest);

    // 2. The county previews it: everything is new.
    const p1 = await previewExchange(B.ctx, first.bytes, { fileName: 'wulan-1.lxex' });
    expect(p1).toMatchObject({ firstExchange: true, source: '150499/乌兰镇', fileName: 'wulan-1.lxex', warnings: [] });
    const total = recordsIn(first.manifest);
    expect(p1.counts).toEqual({ new: total, changed: 0, unchanged: 0, localChanged: 0, conflict: 0 });
    expect(p1.regionsToCreate).toContain('乌兰镇');

    const r1 = await commitExchange(B.ctx, p1.id, {});
    expect(r1.created).toMatchObject({
      org: first.manifest.counts.orgs,
      partyOrg: first.manifest.counts.partyOrgs,
      instructor: first.manifest.counts.instructors,
    });
    expect(r1.regionsCreated).toEqual(p1.regionsToCreate);
    expect(B.count('orgs')).toBe(first.manifest.counts.orgs);
    expect(B.count('assignments')).toBe(first.manifest.counts.assignments);
    // The same coverage as at the township: every 乌兰镇 party organization covers the same organizations.
    const coverageOf = (t: TestLedger) =>
      t.ctx.ledger.db
        .selectFrom('coverage as c')
        .innerJoin('party_orgs as p', 'p.id', 'c.party_org_id')
        .innerJoin('orgs as o', 'o.id', 'c.org_id')
        .innerJoin('regions as r', 'r.id', 'p.region_id')
        .select(['p.name as p', 'o.name as o'])
        .where('r.name', '=', '乌兰镇')
        .orderBy('p.name')
        .orderBy('o.name')
        .execute();
    expect(await coverageOf(B)).toEqual(await coverageOf(A));
    expect((await coverageOf(B)).length).toBeGreaterThan(0);
    // A committed preview is gone.
    await refused(commitExchange(B.ctx, p1.id, {}), 'not_found', /预览不存在或已过期/);

    // Importing the same file again finds nothing to do: the round trip is exact.
    const again = await previewExchange(B.ctx, first.bytes, { fileName: 'wulan-1.lxex' });
    expect(again.counts).toEqual({ new: 0, changed: 0, unchanged: total, localChanged: 0, conflict: 0 });
    expect(again.firstExchange).toBe(false);

    // 3. Both sides change records.
    const orgs = ofKind(p1, 'org');
    const parties = ofKind(p1, 'partyOrg');
    const instructors = ofKind(p1, 'instructor');
    expect(orgs.length).toBeGreaterThanOrEqual(4);
    expect(parties.length).toBeGreaterThanOrEqual(2);
    expect(instructors.length).toBeGreaterThanOrEqual(2);
    const [o1, o2, o3, o4] = orgs as [ExchangePreviewItem, ExchangePreviewItem, ExchangePreviewItem, ExchangePreviewItem];
    const [p1a, p2a] = parties as [ExchangePreviewItem, ExchangePreviewItem];
    const [i1, i2] = instructors as [ExchangePreviewItem, ExchangePreviewItem];

    // Only at the township.
    await editOrg(A, o1, { employees: 4321 });
    await editPartyOrg(A, p1a, { secretaryName: '甲书记' });
    const added = await createOrg(A.ctx, {
      ...(await orgFieldsOf(A.ctx, await orgId(A, o1.name, '乌兰镇'))),
      name: '青山旗乌兰镇新建商贸有限公司',
      uscc: null,
      category: 'nonpublic',
      subtype: 'company',
      regionId: await regionId(A, '乌兰镇'),
    });
    // Only at the county.
    await editOrg(B, o2, { remarks: '县里核实过' });
    const i1County = await editInstructor(B, i1, { phone: '13900000001' });
    // At both, differently.
    await editOrg(A, o3, { formalMembers: 10 });
    await editOrg(B, o3, { formalMembers: 11 });
    await editPartyOrg(A, p2a, { remarks: '镇里的说明' });
    await editPartyOrg(B, p2a, { remarks: '县里的说明' });
    await editInstructor(A, i2, { post: '专职组织员（镇）' });
    await editInstructor(B, i2, { post: '兼职组织员（县）' });
    // At both, the same way: no conflict.
    await editOrg(A, o4, { remarks: '两边同样的修改' });
    await editOrg(B, o4, { remarks: '两边同样的修改' });

    // 4. The township exports again; the county previews.
    const second = await exportExchange(A.ctx, { regionId: await regionId(A, '乌兰镇'), fileName: 'wulan-2.lxex' });
    const p2 = await previewExchange(B.ctx, second.bytes, { fileName: 'wulan-2.lxex' });
    // o3's 正式党员数 is also this year's 党员发展 figure: that record conflicts with it.
    const o3Year = `memberYear:${o3.key}|${thisYear}`;
    expect(keys(p2.conflicts)).toEqual([o3.key, p2a.key, i2.key, o3Year].sort());
    expect(keys(p2.changed)).toEqual([o1.key, p1a.key].sort());
    expect(keys(p2.localChanged)).toEqual([o2.key, i1.key].sort());
    expect(p2.new.filter((i) => i.kind === 'org').map((i) => i.name)).toEqual([added.name]);
    expect(p2.new.find((i) => i.kind === 'memberYear')?.name).toBe(`${added.name} ${thisYear}年党员发展`);
    expect(keys(p2.unchanged)).toContain(o4.key);
    expect(p2.counts.unchanged).toBe(total - 8);
    expect(p2.conflicts.find((c) => c.key === o3.key)?.differences).toEqual([
      { field: 'formalMembers', label: '正式党员数', local: 11, incoming: 10 },
    ]);
    expect(p2.conflicts.find((c) => c.key === i2.key)?.differences).toMatchObject([
      { field: 'post', local: '兼职组织员（县）', incoming: '专职组织员（镇）' },
    ]);

    // 5. Unresolved conflicts, or resolutions for records that are not conflicts, are refused; nothing is written.
    const before = footprint(B);
    await refused(commitExchange(B.ctx, p2.id, {}), 'invalid_input', /还有4条冲突记录未选择处理方式/);
    await refused(commitExchange(B.ctx, p2.id, { resolutions: { [o3.key]: 'incoming' } }), 'invalid_input', /还有3条冲突记录/);
    await refused(
      commitExchange(B.ctx, p2.id, { resolutions: { [o1.key]: 'local' }, bulk: 'local' }),
      'invalid_input',
      /不是本次导入中的冲突记录/,
    );
    expect(footprint(B)).toEqual(before);

    // 6. Commit: two conflicts taken from the file, the rest (the party organization) kept by the bulk choice.
    const r2 = await commitExchange(B.ctx, p2.id, {
      resolutions: { [o3.key]: 'incoming', [o3Year]: 'incoming', [i2.key]: 'incoming' },
      bulk: 'local',
    });
    expect(r2).toMatchObject({
      fileName: 'wulan-2.lxex',
      regionsCreated: [],
      created: { org: 1, partyOrg: 0, instructor: 0, memberYear: 1 },
      updated: { org: 2, partyOrg: 1, instructor: 1, memberYear: 1 },
      keptLocal: 3,
      unchanged: total - 8,
      skipped: [],
    });
    const orgOfB = async (item: ExchangePreviewItem) => getOrg(B.ctx, await orgId(B, item.name, item.regionName as string));
    expect((await orgOfB(o1)).employees).toBe(4321);
    expect((await orgOfB(o2)).remarks).toBe('县里核实过');
    expect((await orgOfB(o3)).formalMembers).toBe(10);
    expect((await orgOfB(o4)).remarks).toBe('两边同样的修改');
    expect(await orgId(B, added.name, '乌兰镇')).toBeGreaterThan(0);
    expect((await getPartyOrg(B.ctx, await partyOrgId(B, p1a.name, '乌兰镇'))).secretaryName).toBe('甲书记');
    expect((await getPartyOrg(B.ctx, await partyOrgId(B, p2a.name, '乌兰镇'))).remarks).toBe('县里的说明');
    const bInstructors = await listInstructors(B.ctx);
    expect(bInstructors.find((i) => i.id === i1County)?.phone).toBe('13900000001');
    expect(bInstructors.find((i) => `instructor:${i.name}|${i.unit ?? ''}` === i2.key)?.post).toBe('专职组织员（镇）');

    // Audit: one 'exchange' row per record written, naming the file, and one for the import as a whole.
    const audit = await B.ctx.ledger.db
      .selectFrom('audit_log')
      .select(['entity', 'entity_id', 'before', 'after'])
      .where('action', '=', 'exchange')
      .where('after', 'like', '%wulan-2.lxex%')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.entity).sort()).toEqual(['exchange', 'instructor', 'org', 'org', 'org', 'partyOrg']);
    const o3Id = await orgId(B, o3.name, '乌兰镇');
    const o3Audit = audit.find((a) => a.entity === 'org' && a.entity_id === o3Id);
    expect(JSON.parse(o3Audit?.before ?? 'null')).toMatchObject({ formalMembers: 11 });
    expect(JSON.parse(o3Audit?.after ?? 'null')).toMatchObject({ formalMembers: 10, exchangeFile: 'wulan-2.lxex' });
    const summary = JSON.parse(audit.find((a) => a.entity === 'exchange')?.after ?? 'null');
    expect(summary).toMatchObject({ exchangeFile: 'wulan-2.lxex', exchangeSource: '青山旗（150499）乌兰镇' });
    expect(summary.keptLocal.sort()).toEqual([o2.key, p2a.key, i1.key].sort());
    const history = await B.ctx.ledger.db
      .selectFrom('exchange_history')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('source', '=', '150499/乌兰镇')
      .executeTakeFirstOrThrow();
    expect(Number(history.n)).toBe(total + p2.counts.new);

    // 7. The same file again: what the county kept stays kept, no conflict comes back.
    const p3 = await previewExchange(B.ctx, second.bytes, { fileName: 'wulan-2.lxex' });
    expect(p3.counts).toMatchObject({ new: 0, changed: 0, conflict: 0, localChanged: 3 });
    expect(keys(p3.localChanged)).toEqual([o2.key, p2a.key, i1.key].sort());

    // 8. The county sends 乌兰镇 back: the township sees the county's versions as plain changes (same source, shared history).
    const back = await exportExchange(B.ctx, { regionId: await regionId(B, '乌兰镇'), fileName: 'wulan-back.lxex' });
    expect(back.manifest.counts.orgs).toBe(second.manifest.counts.orgs);
    const p4 = await previewExchange(A.ctx, back.bytes, { fileName: 'wulan-back.lxex' });
    expect(p4.source).toBe('150499/乌兰镇');
    expect(p4.counts).toMatchObject({ new: 0, conflict: 0 });
    expect(keys(p4.changed)).toEqual([o2.key, p2a.key, i1.key].sort());
    await commitExchange(A.ctx, p4.id);
    expect((await getOrg(A.ctx, await orgId(A, o2.name, '乌兰镇'))).remarks).toBe('县里核实过');
  });

  it('the whole county goes across exactly; a ledger changed after the preview refuses the commit', async () => {
    const all = await exportExchange(A.ctx);
    expect(all.fileName).toMatch(/^两新台账交换-青山旗-全部属地-\d{8}-\d{6}\.lxex$/);
    expect(all.manifest).toMatchObject({ region: null, counts: { regions: 9, orgs: 330, partyOrgs: 146, instructors: 28 } });
    const p = await previewExchange(B.ctx, all.bytes, { fileName: all.fileName });
    const total = recordsIn(all.manifest);
    expect(p.counts.new).toBe(total);
    expect(p.warnings).toEqual([]);
    expect(p.regionsToCreate).toHaveLength(9);
    await commitExchange(B.ctx, p.id);
    for (const table of ['orgs', 'party_orgs', 'coverage', 'instructors', 'assignments', ...WORK_TABLES]) {
      expect([table, B.count(table)]).toEqual([table, A.count(table)]);
    }
    const again = await previewExchange(B.ctx, all.bytes, {});
    expect(again.counts).toEqual({ new: 0, changed: 0, unchanged: total, localChanged: 0, conflict: 0 });

    // The township changes one record; the county previews, then edits another record of the file before committing.
    const [first, second] = again.unchanged.filter((i) => i.kind === 'org') as [ExchangePreviewItem, ExchangePreviewItem];
    await editOrg(A, first, { employees: 777 });
    const next = await exportExchange(A.ctx);
    const p2 = await previewExchange(B.ctx, next.bytes, {});
    expect(keys(p2.changed)).toEqual([first.key]);
    await editOrg(B, second, { employees: 888 });
    const before = footprint(B);
    await refused(commitExchange(B.ctx, p2.id), 'conflict', /预览之后本台账的数据已有改动/);
    expect(footprint(B)).toEqual(before);
    // The whole county, several times over: minutes on PostgreSQL on a busy machine.
  }, 180_000);

  it('a record deleted here since the last exchange: kept deleted unless the other side changed it too', async () => {
    const p1 = await previewExchange(B.ctx, (await exportExchange(A.ctx, { regionId: await regionId(A, '乌兰镇') })).bytes);
    await commitExchange(B.ctx, p1.id);
    const [x, y] = ofKind(p1, 'org') as [ExchangePreviewItem, ExchangePreviewItem];
    await deleteOrg(B.ctx, await orgId(B, x.name, '乌兰镇'));
    await deleteOrg(B.ctx, await orgId(B, y.name, '乌兰镇'));
    await editOrg(A, x, { employees: 555 });
    const p2 = await previewExchange(B.ctx, (await exportExchange(A.ctx, { regionId: await regionId(A, '乌兰镇') })).bytes);
    const orgsOnly = (items: ExchangePreviewItem[]) => items.filter((i) => i.kind === 'org').map((c) => [c.key, c.localMissing]);
    expect(orgsOnly(p2.conflicts)).toEqual([[x.key, true]]);
    expect(orgsOnly(p2.localChanged)).toEqual([[y.key, true]]);
    // The deleted organizations' own records (党员发展, 群团) went with them here and are unchanged there: kept gone.
    const own = p2.localChanged.filter((i) => i.kind !== 'org');
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((i) => i.localMissing && (i.key.includes(x.key) || i.key.includes(y.key)))).toBe(true);
    const r = await commitExchange(B.ctx, p2.id, { bulk: 'incoming' });
    expect(r.created.org).toBe(1);
    expect((await getOrg(B.ctx, await orgId(B, x.name, '乌兰镇'))).employees).toBe(555);
    const live = await B.ctx.ledger.db.selectFrom('orgs').select('id').where('name', '=', y.name).where('deleted_at', 'is', null).execute();
    expect(live).toEqual([]);
  });

  it('refuses to export records it could not tell apart at the other end', async () => {
    const wulan = await regionId(A, '乌兰镇');
    const twin = { name: '乌兰镇同名小卖部', uscc: null, category: 'nonpublic', subtype: 'company', regionId: wulan } as const;
    await createOrg(A.ctx, { ...(await orgFieldsOf(A.ctx, 1)), ...twin });
    await createOrg(A.ctx, { ...(await orgFieldsOf(A.ctx, 1)), ...twin });
    const before = footprint(A);
    await refused(exportExchange(A.ctx, { regionId: wulan }), 'invalid_input', /关键信息相同.*乌兰镇同名小卖部.*2条/);
    expect(footprint(A)).toEqual(before);
    // Other regions still go.
    await exportExchange(A.ctx, { regionId: await regionId(A, '巴彦镇') });
  });

  it('refuses a file with one byte flipped anywhere, or edited with its checksums recomputed, and writes nothing', async () => {
    const { bytes } = await exportExchange(A.ctx, { regionId: await regionId(A, '乌兰镇') });
    const m = bytes.readUInt32BE(8);
    const before = footprint(B);
    const positions = {
      magic: 2,
      manifestLength: 10,
      manifest: 12 + Math.floor(m / 2),
      content: 12 + m + Math.floor((bytes.length - 12 - m - 32) / 2),
      lastContentByte: bytes.length - 33,
      checksum: bytes.length - 1,
    };
    for (const [where, at] of Object.entries(positions)) {
      const e = await previewExchange(B.ctx, flip(bytes, at), { fileName: `flipped-${where}.lxex` }).then(
        () => null,
        (x: unknown) => x,
      );
      expect(e, where).toBeInstanceOf(AppError);
      expect((e as AppError).code, where).toBe('invalid_input');
      expect((e as AppError).message, where).toMatch(where === 'magic' ? /不是两新党建台账交换文件|文件头不符/ : /已损坏或被改动/);
    }
    // Edited on purpose, checksum recomputed: the counts, or the content checksum, no longer agree.
    await refused(
      previewExchange(
        B.ctx,
        rebuild(bytes, (man) => {
          (man.counts as { orgs: number }).orgs += 1;
        }),
      ),
      'invalid_input',
      /记录数与文件内容不符/,
    );
    await refused(
      previewExchange(
        B.ctx,
        rebuild(bytes, (man) => {
          man.contentSha256 = '0'.repeat(64);
        }),
      ),
      'invalid_input',
      /校验值不符/,
    );
    await refused(
      previewExchange(B.ctx, Buffer.from('PK\u0003\u0004 not an exchange file at all, just some bytes.......')),
      'invalid_input',
      /不是两新党建台账交换文件/,
    );
    await refused(previewExchange(B.ctx, bytes.subarray(0, bytes.length - 100)), 'invalid_input', /已损坏或被改动/);
    expect(footprint(B)).toEqual(before);
    // The undamaged file still goes in.
    expect((await previewExchange(B.ctx, bytes)).counts.new).toBeGreaterThan(0);
  });

  it('encrypted round trip; no password, a wrong one, or an edited encrypted file are refused', async () => {
    const exported = await exportExchange(A.ctx, { regionId: await regionId(A, '乌兰镇'), password: '乌兰镇2026!' });
    expect(exported.manifest.encryption).toMatchObject({ cipher: 'aes-256-gcm', kdf: 'scrypt' });
    expect(inspectExchange(exported.bytes).encryption).not.toBeNull();
    // Nothing readable: not even the gzip header of the content.
    const m = exported.bytes.readUInt32BE(8);
    expect(exported.bytes.subarray(12 + m, 12 + m + 2).equals(Buffer.from([0x1f, 0x8b]))).toBe(false);

    const before = footprint(B);
    await refused(previewExchange(B.ctx, exported.bytes), 'invalid_input', /已加密，请输入/);
    await refused(previewExchange(B.ctx, exported.bytes, { password: '乌兰镇2025!' }), 'invalid_input', /密码不正确/);
    // Edited with the outer checksum recomputed: the GCM tag catches the content and the manifest alike.
    const editedContent = rebuild(
      exported.bytes,
      () => {},
      (p) => {
        p[5] = (p[5] as number) ^ 0x01;
      },
    );
    await refused(previewExchange(B.ctx, editedContent, { password: '乌兰镇2026!' }), 'invalid_input', /密码不正确，或交换文件已被改动/);
    const editedManifest = rebuild(exported.bytes, (man) => {
      (man.source as { countyName: string }).countyName = '别的旗';
    });
    await refused(previewExchange(B.ctx, editedManifest, { password: '乌兰镇2026!' }), 'invalid_input', /密码不正确，或交换文件已被改动/);
    expect(footprint(B)).toEqual(before);

    const p = await previewExchange(B.ctx, exported.bytes, { password: '乌兰镇2026!', fileName: 'wulan-secret.lxex' });
    expect(p.counts.new).toBe(recordsIn(exported.manifest));
    await commitExchange(B.ctx, p.id);
    expect(B.count('orgs')).toBe(exported.manifest.counts.orgs);
    const again = await previewExchange(B.ctx, exported.bytes, { password: '乌兰镇2026!' });
    expect(again.counts.unchanged).toBe(p.counts.new);
  });
});
