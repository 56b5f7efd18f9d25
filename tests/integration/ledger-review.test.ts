/**
 * What a clerk handing the #13 ledgers to the city would otherwise have to explain by hand: the
 * “四个一”情况表 ends with how many 区域党支部 meet each of the four, and the 换届提醒表 shows where a
 * term that never had a 换届 starts (the founding) beside its blank 上次换届; the 四个100% misses print too.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { demoSeedPath, loadSeed, readSeedFile } from '../../src/main/core/seed';
import { FOUR_HUNDRED } from '../../src/shared/domain/fourHundredCodes';
import { makeLedger, type TestLedger } from './fixture';
import { caseMaker } from './helpers/caseLedger';

let t: TestLedger;
beforeEach(async () => {
  t = await makeLedger();
});
afterEach(() => t.close());

it('the “四个一”情况表 ends with a 合计: branches, grids, how many meet each check and all four, and the rate', async () => {
  await loadSeed(t.ctx, readSeedFile(demoSeedPath()));
  const d = await t.call('reports.rows', { report: 'fourChecks', filters: {} });
  const rows = d.rows;
  expect(rows.length).toBeGreaterThan(2);
  const yes = (key: string) => rows.filter((r) => r[key] === '是').length;
  // The demo county has branches that meet all four and branches that miss some.
  expect(yes('allMet')).toBeGreaterThan(0);
  expect(yes('allMet')).toBeLessThan(rows.length);
  expect(d.totals).toEqual({
    seq: null,
    region: '合计',
    partyOrg: `${rows.length}个区域党支部`,
    grids: rows.reduce((n, r) => n + Number(r.grids), 0),
    venue: `${yes('venue')}个`,
    forum: `${yes('forum')}个`,
    instructors: `${yes('instructors')}个`,
    contactCards: `${yes('contactCards')}个`,
    allMet: `${yes('allMet')}个`,
    gaps: `达标率${((yes('allMet') / rows.length) * 100).toFixed(2)}%`,
  });
});

it('the 换届提醒表 shows each branch’s founding date, which the term of one never re-elected runs from', async () => {
  const region = (await t.call('regions.create', { name: '乌兰镇', kind: 'township' })).id;
  const make = caseMaker(t, () => region);
  await make.partyOrg({ name: '新建党支部', foundedDate: '2023-09-01', lastElectionDate: null });
  await make.partyOrg({ name: '老党支部', foundedDate: '2010-01-01', lastElectionDate: '2023-10-01' });
  const d = await t.call('reports.rows', { report: 'electionReminders', filters: {} });
  expect(d.rows.map((r) => [r.name, r.founded, r.lastElection, r.electionDue])).toEqual([
    ['新建党支部', '2023-09-01', null, '2026-09-01'],
    ['老党支部', '2010-01-01', '2023-10-01', '2026-10-01'],
  ]);
});

it('the “四个100%”未达标清单 prints every miss of the four targets as the 四个100% page lists them, with a 合计 per target', async () => {
  await loadSeed(t.ctx, readSeedFile(demoSeedPath()));
  const d = await t.call('reports.rows', { report: 'fourHundred', filters: {} });
  const want = [];
  const counts = [];
  for (const target of FOUR_HUNDRED) {
    const misses = await t.call('stats.fourHundredMisses', { which: target.code });
    counts.push(`${target.short}${misses.length}个`);
    for (const m of misses)
      want.push({ target: target.label, region: m.regionName, name: m.name, formalMembers: m.formalMembers, why: m.why });
  }
  expect(want.length).toBeGreaterThan(0);
  expect(d.rows).toEqual(want.map((r, i) => ({ seq: i + 1, ...r })));
  expect(d.totals).toMatchObject({ target: '合计', name: `${want.length}个未达标：${counts.join('，')}` });
});
