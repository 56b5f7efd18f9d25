/** 操作日志 filters: by kind of record, record, action and day. */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeLedger, type TestLedger } from './fixture';

let t: TestLedger;

beforeAll(async () => {
  t = await makeLedger();
});

afterAll(async () => {
  await t.close();
});

it('lists the writes of one record, one action and one period, newest first', async () => {
  const region = await t.call('regions.create', { name: '红山街道', kind: 'subdistrict' });
  const org = await t.call('orgs.create', { name: '甲公司', category: 'nonpublic', subtype: 'company', regionId: region.id });
  await t.call('orgs.update', {
    id: org.id,
    fields: { name: '甲公司', category: 'nonpublic', subtype: 'company', regionId: region.id, employees: 9 },
  });
  await t.call('instructors.create', { name: '王建华' });
  // The fixture's clock writes every row on 2026-06-30; move one row to an earlier day.
  await t.rows(sql`UPDATE audit_log SET at = '2026-05-02T08:00:00.000Z' WHERE entity = 'region'`);

  const all = await t.call('audit.list', {});
  expect(all.rows.map((r) => `${r.entity}:${r.action}`)).toEqual(['instructor:create', 'org:update', 'org:create', 'region:create']);
  const ofOrg = await t.call('audit.list', { entity: 'org', entityId: org.id });
  expect(ofOrg.rows.map((r) => r.action)).toEqual(['update', 'create']);
  expect(ofOrg.rows[0]).toMatchObject({ before: { employees: 0 }, after: { employees: 9 } });
  expect((await t.call('audit.list', { action: 'update' })).total).toBe(1);
  expect((await t.call('audit.list', { from: '2026-06-30', to: '2026-06-30' })).total).toBe(3);
  expect((await t.call('audit.list', { to: '2026-05-31' })).rows.map((r) => r.entity)).toEqual(['region']);
  expect((await t.call('audit.list', { from: '2026-07-01' })).total).toBe(0);
  expect(await t.raw('audit.list', { from: '六月' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
});

it('lists the writes of one account (操作人) and names every account that wrote anything', async () => {
  const region = await t.as('county').call('regions.create', { name: '操作人街道', kind: 'subdistrict' });
  await t
    .as('township', [region.id])
    .call('orgs.create', { name: '乡镇公司', category: 'nonpublic', subtype: 'company', regionId: region.id });
  await t.as('township', [region.id]).call('instructors.create', { name: '乡镇指导员' });
  const users = await t.rows<{ id: number; role: string; name: string }>(sql`SELECT id, role, name FROM users ORDER BY id`);
  const township = users.find((u) => u.role === 'township');
  const county = users.find((u) => u.role === 'county');
  if (!township || !county) throw new Error('fixture accounts missing');

  const mine = await t.call('audit.list', { actorUserId: township.id });
  expect(mine.rows.map((r) => `${r.entity}:${r.action}`)).toEqual(['instructor:create', 'org:create']);
  expect(mine.total).toBe(2);
  expect((await t.call('audit.list', { actorUserId: county.id })).rows.some((r) => r.name === '操作人街道')).toBe(true);
  expect(mine.actors.map((a) => a.userId).sort()).toEqual([county.id, township.id].sort());
  expect(mine.actors.find((a) => a.userId === township.id)?.label).toContain(township.name);
  expect(await t.raw('audit.list', { actorUserId: -1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
});
