/**
 * Issue #14, the choices behind the record scope beyond “another region's records are invisible”: what a
 * 乡镇经办 may do with a record that reaches into another region (a 联合党支部 covering organizations of
 * both, the county's pool of 指导员).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, makeLedger, type TestLedger } from './fixture';

let t: TestLedger;
let mine: number;
let other: number;
let township: Caller;

const uncovered = async (region: number, skip = 0): Promise<number> => {
  const [row] = await t.rows<{ id: number }>(
    sql`SELECT id FROM orgs WHERE region_id = ${region} AND deleted_at IS NULL AND id NOT IN (SELECT org_id FROM coverage) ORDER BY id LIMIT 1 OFFSET ${skip}`,
  );
  return (row as { id: number }).id;
};

beforeAll(async () => {
  t = await makeLedger({ demo: 'firstStart' });
  [mine, other] = (await t.rows<{ id: number }>(sql`SELECT id FROM regions WHERE kind = 'township' ORDER BY id`)).map((r) => r.id) as [
    number,
    number,
  ];
  township = t.as('township', [mine]);
}, 60_000);

afterAll(async () => {
  await t.close();
});

describe('a 乡镇经办 and records that reach into another region', () => {
  it('sees only their own organizations of a 联合党支部, and saving it keeps the others covered', async () => {
    const own = await uncovered(mine);
    const theirs = await uncovered(other);
    const created = await t.as('county').call('partyOrgs.create', {
      name: '跨属地联合党支部',
      type: 'joint_branch',
      method: 'joint',
      regionId: mine,
      coveredOrgIds: [own, theirs],
    } as never);
    const seen = await township.call('partyOrgs.get', { id: created.id });
    expect(seen.coveredOrgs.map((o) => o.id)).toEqual([own]);
    await township.call('partyOrgs.update', {
      id: created.id,
      fields: { ...seen, name: '跨属地联合党支部（改名）', coveredOrgIds: [own] },
    } as never);
    const after = await t.as('county').call('partyOrgs.get', { id: created.id });
    expect(after.name).toBe('跨属地联合党支部（改名）');
    expect(after.coveredOrgs.map((o) => o.id).sort((a, b) => a - b)).toEqual([own, theirs].sort((a, b) => a - b));
  });

  it('draws on the county pool: a free 指导员 is theirs to send, one sent to another region leaves their list', async () => {
    const county = t.as('county');
    const day = t.ctx.today();
    const free = await county.call('instructors.create', { name: '池中指导员甲', unit: '县委组织部' } as never);
    const busy = await county.call('instructors.create', { name: '池中指导员乙', unit: '县委组织部' } as never);
    const names = async () => (await township.call('instructors.list', { query: '池中指导员' })).map((i) => i.name);
    expect(await names()).toEqual(['池中指导员甲', '池中指导员乙']);

    await county.call('instructors.assign', { instructorId: busy.id, orgId: await uncovered(other), fromDate: day, toDate: null });
    expect(await names()).toEqual(['池中指导员甲']);

    const sent = await township.call('instructors.assign', {
      instructorId: free.id,
      orgId: await uncovered(mine),
      fromDate: day,
      toDate: null,
    });
    expect(sent.activeAssignments).toBe(1);
    expect(await names()).toEqual(['池中指导员甲']);
  });
});
