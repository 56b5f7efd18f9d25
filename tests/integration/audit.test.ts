/** 操作日志 filters: by kind of record, record, action and day. */
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
  t.ctx.ledger.sqlite.prepare("UPDATE audit_log SET at = '2026-05-02T08:00:00.000Z' WHERE entity = 'region'").run();

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
