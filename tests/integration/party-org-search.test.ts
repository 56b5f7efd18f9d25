/** 党组织 and 分类定级 search find the 书记 by name; 换届 filters by due date and sorts by it. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeLedger, type TestLedger } from './fixture';

let t: TestLedger;
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await makeLedger();
  const region = await t.call('regions.create', { name: '红山街道', kind: 'subdistrict' });
  // The fixture's today is 2026-06-30; a 党支部's term is 3 years.
  const made: [string, string | null, string | null][] = [
    ['中共红山街道甲公司支部委员会', '王强', '2023-08-15'], // due 2026-08-15: within 3 months
    ['中共红山街道乙公司支部委员会', '李红梅', '2023-11-20'], // due 2026-11-20: within 6 months
    ['中共红山街道丙协会支部委员会', '张伟', '2023-03-01'], // due 2026-03-01: overdue
    ['中共红山街道丁商会支部委员会', '王强国', '2024-05-01'], // due 2027-05-01: not due
    ['中共红山街道戊合作社支部委员会', null, null], // no date at all
  ];
  for (const [name, secretaryName, lastElectionDate] of made) {
    const org = await t.call('orgs.create', { name: name.slice(6, 10), category: 'nonpublic', subtype: 'company', regionId: region.id });
    const po = await t.call('partyOrgs.create', {
      name,
      type: 'branch',
      method: 'single',
      regionId: region.id,
      coveredOrgIds: [org.id],
      secretaryName,
      lastElectionDate,
      formalMembers: 5,
    });
    ids[name.slice(6, 7)] = po.id;
  }
});

afterAll(async () => {
  await t.close();
});

const names = (rows: { name: string }[]) => rows.map((r) => r.name.slice(6, 7));

it('党组织 search finds the 书记 by name, as its placeholder promises', async () => {
  expect(names((await t.call('partyOrgs.list', { query: '王强' })).rows)).toEqual(['甲', '丁']);
  expect(names((await t.call('partyOrgs.list', { query: '李红梅' })).rows)).toEqual(['乙']);
  // Name and pinyin initials still work.
  expect(names((await t.call('partyOrgs.list', { query: '丙协会' })).rows)).toEqual(['丙']);
  expect(names((await t.call('partyOrgs.list', { query: 'hsjd' })).rows)).toHaveLength(5);
});

it('换届 filter: due within 3 months, within 6 months, overdue', async () => {
  expect(names((await t.call('partyOrgs.list', { election: 'due3' })).rows)).toEqual(['甲']);
  expect(names((await t.call('partyOrgs.list', { election: 'due6' })).rows)).toEqual(['甲', '乙']);
  expect(names((await t.call('partyOrgs.list', { election: 'overdue' })).rows)).toEqual(['丙']);
  expect(await t.raw('partyOrgs.list', { election: 'soon' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
});

it('sorts by 应换届日期 either way, the undated last', async () => {
  expect(names((await t.call('partyOrgs.list', { sort: 'electionDue' })).rows)).toEqual(['丙', '甲', '乙', '丁', '戊']);
  expect(names((await t.call('partyOrgs.list', { sort: 'electionDue', dir: 'desc' })).rows)).toEqual(['丁', '乙', '甲', '丙', '戊']);
});

it('分类定级 search: name, pinyin initials and 书记', async () => {
  const found = async (query: string) =>
    (await t.call('classes.list', { year: 2026, query })).map((r) => r.partyOrgName.slice(6, 7)).sort();
  expect(await found('王强')).toEqual(['丁', '甲'].sort());
  expect(await found('乙公司')).toEqual(['乙']);
  expect((await t.call('classes.list', { year: 2026, query: '李红梅' }))[0]?.secretaryName).toBe('李红梅');
  expect(await found('hsjdbxh')).toEqual(['丙']);
  expect(await t.call('classes.list', { year: 2026 })).toHaveLength(5);
});
