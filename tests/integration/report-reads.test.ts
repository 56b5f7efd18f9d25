/**
 * What the ledgers read of the ledger beside the services' lists — instructors in office, the names a
 * party organization covers, the yearly table's counts — on either engine (`LEDGER_TEST_ENGINE=postgres`).
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { activeInstructorNames, coveredOrgNames } from '../../src/main/core/reports/rows';
import { instructorsAssigned, partyOrgCounts } from '../../src/main/core/reports/yearlyRows';
import { makeLedger, type TestLedger } from './fixture';
import { AT, plainRows } from './helpers/plainRows';

let t: TestLedger;
beforeEach(async () => {
  t = await makeLedger();
});
afterEach(async () => {
  await t.close();
});

async function instructor(name: string, deletedAt: string | null = null) {
  const r = await t.ctx.ledger.db
    .insertInto('instructors')
    .values({ name, full_time: 0, deleted_at: deletedAt, created_at: AT, updated_at: AT })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

async function assign(instructorId: number, orgId: number, from: string, to: string | null = null) {
  await t.ctx.ledger.db
    .insertInto('assignments')
    .values({ instructor_id: instructorId, org_id: orgId, from_date: from, to_date: to, created_at: AT })
    .execute();
}

it('names the instructors in office on a day, newest first, and counts each once per region of the year', async () => {
  const { region, org } = plainRows(t);
  const east = await region('东镇', 1);
  const west = await region('西镇', 2);
  const a = await org('甲公司', east);
  const b = await org('乙公司', west);
  const wang = await instructor('王芳');
  const li = await instructor('李强');
  const gone = await instructor('赵离', AT);
  await assign(wang, a, '2025-01-01');
  await assign(li, a, '2026-03-01');
  await assign(wang, a, '2026-03-01');
  await assign(gone, a, '2026-01-01');
  await assign(li, b, '2024-01-01', '2025-06-30');

  const names = await activeInstructorNames(t.ctx, '2026-06-30');
  // Two assignments from the same day: the later one first.
  expect(names.get(a)).toEqual(['王芳', '李强', '王芳']);
  expect(names.has(b)).toBe(false);

  const key = (r: { regionId: number; instructorId: number }) => `${r.regionId}:${r.instructorId}`;
  expect((await instructorsAssigned(t.ctx, 2026)).map(key).sort()).toEqual([`${east}:${li}`, `${east}:${wang}`].sort());
  expect((await instructorsAssigned(t.ctx, 2025)).map(key).sort()).toEqual([`${east}:${wang}`, `${west}:${li}`].sort());
});

it('lists the live organizations a party organization covers in id order, and counts party organizations as numbers', async () => {
  const { region, org, partyOrg } = plainRows(t);
  const east = await region('东镇', 1);
  const b = await org('乙公司', east);
  const a = await org('甲公司', east);
  const gone = await org('已注销公司', east);
  await t.ctx.ledger.db.updateTable('orgs').set({ deleted_at: AT }).where('id', '=', gone).execute();
  const joint = await partyOrg('甲乙联合党支部', east, [a, b, gone]);
  await partyOrg('丙党支部', east);
  await partyOrg('丁党支部', east);
  await partyOrg('已撤销党支部', east, [], AT);

  expect((await coveredOrgNames(t.ctx)).get(joint)).toEqual(['乙公司', '甲公司']);
  const counts = (await partyOrgCounts(t.ctx, '2026-06-30')).sort((x, y) => x.method.localeCompare(y.method));
  expect(counts).toEqual([
    { regionId: east, method: 'joint', n: 1 },
    { regionId: east, method: 'single', n: 2 },
  ]);
});
