/**
 * 群团: 工会 / 共青团 / 妇联 of an organization with founding date, members and chair; the organization's
 * three booleans always equal “a row exists”, whichever way the clerk changes it (the 群团 section, the
 * organization form's boxes), and the migration turns today's booleans into rows.
 */
import { Migrator, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrationProvider } from '../../src/main/core/migrations';
import { makeLedger, type TestLedger } from './fixture';

let t: TestLedger;
let regionId: number;

beforeEach(async () => {
  t = await makeLedger();
  regionId = (await t.call('regions.create', { name: '乌兰镇', kind: 'township' })).id;
});
afterEach(() => t.close());

const flags = async (id: number) =>
  (await t.rows(sql`SELECT has_union AS u, has_youth_league AS y, has_women_federation AS w FROM orgs WHERE id = ${id}`))[0];
const kinds = async (id: number) =>
  (await t.rows<{ kind: string }>(sql`SELECT kind FROM mass_orgs WHERE org_id = ${id} ORDER BY kind`)).map((r) => r.kind);

describe('群团', () => {
  it('sets, changes and removes a 工会, keeping has_union in step, each write logged in Chinese', async () => {
    const org = await t.call('orgs.create', {
      name: '红山建材有限公司',
      category: 'nonpublic',
      subtype: 'company',
      regionId,
      employees: 120,
    });
    expect((await t.call('massOrgs.list', { orgId: org.id })).map((m) => [m.kind, m.present])).toEqual([
      ['union', false],
      ['youth', false],
      ['women', false],
    ]);
    await t.call('massOrgs.set', { orgId: org.id, kind: 'union', present: true, foundedDate: '2019-05-01', members: 86, chair: '张丽' });
    expect(await flags(org.id)).toEqual({ u: 1, y: 0, w: 0 });
    const list = await t.call('massOrgs.set', {
      orgId: org.id,
      kind: 'union',
      present: true,
      foundedDate: '2019-05-01',
      members: 92,
      chair: '张丽',
    });
    expect(list[0]).toEqual({ kind: 'union', present: true, foundedDate: '2019-05-01', members: 92, chair: '张丽' });
    expect((await t.call('orgs.get', { id: org.id })).hasUnion).toBe(true);
    await t.call('massOrgs.set', { orgId: org.id, kind: 'union', present: false });
    expect(await flags(org.id)).toEqual({ u: 0, y: 0, w: 0 });
    expect(await kinds(org.id)).toEqual([]);

    const log = (await t.call('audit.list', { entity: 'mass_org', limit: 10 })).rows;
    expect(log.map((r) => r.action).sort()).toEqual(['create', 'delete', 'update']);
    const upd = log.find((r) => r.action === 'update');
    expect(upd).toMatchObject({ entityLabel: '群团组织', name: '红山建材有限公司 工会' });
    expect(upd?.fields.find((f) => f.key === 'members')).toMatchObject({ label: '成员人数', before: '86', after: '92', changed: true });
    expect(upd?.fields.find((f) => f.key === 'kind')).toMatchObject({ label: '群团组织', after: '工会' });
  });

  it('the organization form’s boxes write through the same rule: ticked makes a row, unticked removes it', async () => {
    const org = await t.call('orgs.create', {
      name: '乌兰物流有限公司',
      category: 'nonpublic',
      subtype: 'company',
      regionId,
      hasUnion: true,
      hasWomenFederation: true,
    });
    expect(await kinds(org.id)).toEqual(['union', 'women']);
    await t.call('massOrgs.set', { orgId: org.id, kind: 'women', present: true, members: 15, foundedDate: '2021-03-08' });
    const detail = await t.call('orgs.get', { id: org.id });
    // Saving the form unchanged keeps the details; unticking 工会 removes its row; ticking 共青团 adds one.
    await t.call('orgs.update', { id: org.id, fields: { ...detail, hasUnion: false, hasYouthLeague: true } });
    expect(await kinds(org.id)).toEqual(['women', 'youth']);
    expect(await flags(org.id)).toEqual({ u: 0, y: 1, w: 1 });
    expect((await t.call('massOrgs.list', { orgId: org.id }))[2]).toMatchObject({ kind: 'women', members: 15, foundedDate: '2021-03-08' });
  });

  it('refuses bad input in Chinese and answers not_found for a missing organization', async () => {
    const org = await t.call('orgs.create', { name: '甲公司', category: 'nonpublic', subtype: 'company', regionId });
    const bad = await t.raw('massOrgs.set', { orgId: org.id, kind: 'party', present: true });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!bad.ok) expect(bad.error.message).toContain('请选择工会、共青团或妇联');
    expect(await t.raw('massOrgs.set', { orgId: org.id, kind: 'union', present: true, members: -1 })).toMatchObject({ ok: false });
    expect(await t.raw('massOrgs.set', { orgId: 999, kind: 'union', present: true })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await t.raw('massOrgs.list', { orgId: 999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await t.call('orgs.delete', { id: org.id });
    expect(await t.raw('massOrgs.list', { orgId: org.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('the migration makes a row for each boolean already ticked', async () => {
    const org = await t.call('orgs.create', { name: '老账公司', category: 'nonpublic', subtype: 'company', regionId });
    const db = t.ctx.ledger.db;
    const migrator = new Migrator({ db, provider: migrationProvider });
    await migrator.migrateTo('0005_case_references');
    await sql`UPDATE orgs SET has_union = 1, has_youth_league = 1 WHERE id = ${org.id}`.execute(db);
    await migrator.migrateToLatest();
    expect(await kinds(org.id)).toEqual(['union', 'youth']);
  });
});
