import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels } from '../../src/shared/contract';
import { makeLedger, type TestLedger } from './fixture';

const READS = new Set([
  'settings.get',
  'regions.list',
  'orgs.list',
  'orgs.get',
  'partyOrgs.list',
  'partyOrgs.get',
  'instructors.list',
  'instructors.get',
  'stats.coverage',
  'audit.list',
  'reports.list',
  'reports.rows',
  'reports.xlsx',
  'import.template',
  'import.preview',
  'import.errorReport',
  'import.progress',
  'exchange.inspect',
  'exchange.preview',
  'cases.suggest',
  'cases.list',
  'cases.get',
  'cases.stats',
  'cases.leaders',
  'classes.list',
  'backup.list',
  'backup.inspect',
]);
const TABLES = [
  'settings',
  'regions',
  'orgs',
  'party_orgs',
  'coverage',
  'instructors',
  'assignments',
  'audit_log',
  'cases',
  'case_events',
  'classes',
  'ratings',
];

let t: TestLedger;
let ids: { region: number; org: number; org2: number; po: number; instructor: number; caseId: number };

beforeAll(async () => {
  t = await makeLedger();
  const region = (await t.call('regions.create', { name: '乌兰镇', kind: 'township' })).id;
  const org = (await t.call('orgs.create', { name: '甲公司', category: 'nonpublic', subtype: 'company', regionId: region })).id;
  const org2 = (await t.call('orgs.create', { name: '乙公司', category: 'nonpublic', subtype: 'company', regionId: region })).id;
  const po = (
    await t.call('partyOrgs.create', { name: '甲公司支部', type: 'branch', method: 'single', regionId: region, coveredOrgIds: [org] })
  ).id;
  const instructor = (await t.call('instructors.create', { name: '李文' })).id;
  const caseId = (
    await t.call('cases.create', { partyOrgId: po, year: 2026, date: '2026-03-01', situations: ['换届逾期'], problems: '三年未换届' })
  ).id;
  ids = { region, org, org2, po, instructor, caseId };
});
afterAll(() => t.close());

/** For each write channel, inputs that must be refused: wrong shapes, broken rules, unknown records. */
const bad: Record<string, () => unknown[]> = {
  'settings.update': () => [
    { countyName: '青山旗', countyCode: '15049', reportingUnit: '组织部', venueStandard: 'liuyou' },
    { countyName: '' },
    { situations: [] },
    { situations: ['换届逾期', '换届逾期'] },
    { venueThreshold: -1 },
  ],
  'regions.create': () => [
    { name: '', kind: 'township' },
    { name: '新区', kind: 'city' },
    { name: '乌兰镇', kind: 'township' },
  ],
  'regions.update': () => [
    { id: 999, name: '新名', kind: 'township' },
    { id: ids.region, name: 'x'.repeat(51), kind: 'township' },
  ],
  'regions.reorder': () => [{ ids: [] }, { ids: [ids.region, ids.region] }, { ids: [999] }],
  'orgs.create': () => [
    { name: '丙公司', category: 'nonpublic', subtype: 'company', regionId: ids.region, uscc: '91150499MA0000001X' },
    { name: '丙公司', category: 'nonpublic', subtype: 'company', regionId: 999 },
    { name: '丙公司', category: 'social', subtype: 'company', regionId: ids.region },
    { name: '丙公司', category: 'nonpublic', subtype: 'company', regionId: ids.region, formalMembers: -1 },
    { name: '丙公司', category: 'nonpublic', subtype: 'company', regionId: ids.region, plannedBuildDate: '2026-02-30' },
    { name: '丙公司', category: 'nonpublic', subtype: 'company', regionId: ids.region, legalRepPhone: '12345' },
    { name: '丙公司', category: 'nonpublic', subtype: 'company', regionId: ids.region, outOfScope: true },
    'not an object',
  ],
  'orgs.update': () => [
    { id: 999, fields: { name: '丙公司', category: 'nonpublic', subtype: 'company', regionId: ids.region } },
    { id: ids.org, fields: { name: '', category: 'nonpublic', subtype: 'company', regionId: ids.region } },
  ],
  'orgs.delete': () => [{ id: 999 }, { id: 'x' }],
  'partyOrgs.create': () => [
    { name: '新支部', type: 'branch', method: 'single', regionId: ids.region, coveredOrgIds: [] },
    { name: '新支部', type: 'branch', method: 'single', regionId: ids.region, coveredOrgIds: [ids.org] },
    { name: '新支部', type: 'joint_branch', method: 'joint', regionId: ids.region, coveredOrgIds: [ids.org2, 999] },
    { name: '新支部', type: 'branch', method: 'single', regionId: ids.region, coveredOrgIds: [ids.org2], starRating: 6 },
  ],
  'partyOrgs.update': () => [
    { id: 999, fields: { name: '新支部', type: 'branch', method: 'single', regionId: ids.region, coveredOrgIds: [ids.org2] } },
    {
      id: ids.po,
      fields: {
        name: '新支部',
        type: 'branch',
        method: 'single',
        regionId: ids.region,
        coveredOrgIds: [ids.org],
        foundedDate: '2024-01-01',
        lastElectionDate: '2023-01-01',
      },
    },
  ],
  'partyOrgs.delete': () => [{ id: 999 }],
  'instructors.create': () => [{ name: '' }, { name: '王', phone: '0000' }],
  'instructors.update': () => [{ id: 999, fields: { name: '王' } }],
  'instructors.assign': () => [
    { instructorId: ids.instructor, orgId: 999, fromDate: '2026-01-01' },
    { instructorId: 999, orgId: ids.org, fromDate: '2026-01-01' },
    { instructorId: ids.instructor, orgId: ids.org, fromDate: '2026-01-01', toDate: '2025-01-01' },
  ],
  'cases.create': () => [
    { partyOrgId: ids.po, year: 2026, date: '2026-03-01', situations: [], problems: '组织生活不正常' },
    { partyOrgId: ids.po, year: 2026, date: '2026-03-01', situations: ['换届逾期'], problems: '' },
    { partyOrgId: 999, year: 2026, date: '2026-03-01', situations: ['换届逾期'], problems: '组织生活不正常' },
    { partyOrgId: ids.po, year: 1999, date: '2026-03-01', situations: ['换届逾期'], problems: '组织生活不正常' },
  ],
  'cases.act': () => [
    { id: ids.caseId, action: 'accept', date: '2026-04-01', score: 80, passed: true, opinion: '未制定方案' },
    { id: ids.caseId, action: 'delist', date: '2026-04-01' },
    { id: ids.caseId, action: 'progress', date: '2026-04-01', note: '开展了组织生活' },
    {
      id: ids.caseId,
      action: 'plan',
      date: '2026-04-01',
      plan: { measures: '', goal: '达标', responsible: '张三', deadline: '2026-09-30', leaderCounty: '王副书记' },
    },
    {
      id: ids.caseId,
      action: 'plan',
      date: '2026-04-01',
      plan: { measures: '调整班子', goal: '达标', responsible: '张三', deadline: '2026-03-30', leaderCounty: '王副书记' },
    },
    {
      id: ids.caseId,
      action: 'plan',
      date: '2026-02-01',
      plan: { measures: '调整班子', goal: '达标', responsible: '张三', deadline: '2026-09-30', leaderCounty: '王副书记' },
    },
    { id: ids.caseId, action: 'close', date: '2026-04-01' },
    { id: 999, action: 'delist', date: '2026-04-01' },
  ],
  'classes.set': () => [
    { year: 2026, partyOrgIds: [], class: 'standard' },
    { year: 2026, partyOrgIds: [999], class: 'standard' },
    { year: 2026, partyOrgIds: [ids.po], class: 'gold' },
    { year: 2026, partyOrgIds: [ids.po], class: 'brand' },
  ],
  'ratings.set': () => [
    { partyOrgId: ids.po, year: 2026, stars: 6, assessedDate: '2026-12-01' },
    { partyOrgId: 999, year: 2026, stars: 3, assessedDate: '2026-12-01' },
    { partyOrgId: ids.po, year: 2026, stars: 3, assessedDate: '2026-13-01' },
  ],
  'backup.create': () => [{ file: '' }, { file: 'x'.repeat(1001) }],
  'backup.restore': () => [{ file: '' }, { file: '/nonexistent/ledger.sqlite' }],
  'exchange.commit': () => [{}, { id: 'nope' }, { id: 'nope', bulk: 'both' }],
  'exchange.export': () => [{ regionId: 999 }, { password: '123' }],
  'import.commit': () => [
    {},
    { id: 'abc' },
    { id: '00000000-0000-4000-8000-000000000000' },
    { id: '00000000-0000-4000-8000-000000000000', skipErrors: '是' },
  ],
  'instructors.endAssignment': () => [
    { assignmentId: 999, toDate: '2026-01-01' },
    { assignmentId: 1, toDate: '明天' },
  ],
};

const counts = () => Object.fromEntries(TABLES.map((table) => [table, t.count(table)]));
const snapshot = () => JSON.stringify(TABLES.map((table) => t.ctx.ledger.sqlite.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()));

describe('bad input to every write channel', () => {
  it('covers every write channel of the contract', () => {
    expect(channels.filter((c) => !READS.has(c)).sort()).toEqual(Object.keys(bad).sort());
  });

  for (const [channel, inputs] of Object.entries(bad)) {
    it(`${channel} answers a Chinese error and writes nothing`, async () => {
      for (const input of inputs()) {
        const before = snapshot();
        const beforeCounts = counts();
        const r = await t.raw(channel, input);
        expect(r.ok, JSON.stringify(input)).toBe(false);
        if (r.ok) continue;
        expect(['invalid_input', 'not_found', 'conflict']).toContain(r.error.code);
        expect(r.error.message).toMatch(/[\u4e00-\u9fff]/);
        expect(r.error.message).not.toMatch(/at .*\.ts|Error|undefined|\[object|Invalid|expected|received|string|number/i);
        expect(counts()).toEqual(beforeCounts);
        expect(snapshot()).toBe(before);
      }
    });
  }

  it('an unknown channel is refused in Chinese', async () => {
    expect(await t.raw('orgs.drop', {})).toEqual({ ok: false, error: { code: 'unknown_channel', message: '没有名为“orgs.drop”的接口' } });
  });
});
