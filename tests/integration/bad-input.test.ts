import fs from 'node:fs';
import path from 'node:path';
import { type RawBuilder, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, clerkMessage } from '../../src/main/core/errors';
import { channels } from '../../src/shared/contract';
import { makeLedger, type TestLedger } from './fixture';

const READS = new Set([
  'settings.get',
  'regions.list',
  'leaders.list',
  'orgs.list',
  'orgs.get',
  'partyOrgs.list',
  'partyOrgs.get',
  'instructors.list',
  'instructors.get',
  'stats.coverage',
  'stats.fourHundred',
  'stats.fourHundredMisses',
  'memberYears.list',
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
  'trainings.list',
  'trainings.get',
  'trainings.totals',
  'funding.list',
  'funding.totals',
  'activities.list',
  'activities.gaps',
  'grids.list',
  'grids.get',
  'grids.stats',
  'grids.fourChecks',
  'modelSites.list',
  'massOrgs.list',
  'inspections.list',
  'inspections.history',
  'auth.me',
  'users.list',
  'loginLog.list',
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
  'screening_deferrals',
  'leaders',
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
  'users',
  'user_regions',
  'sessions',
  'login_log',
];

let t: TestLedger;
let ids: {
  region: number;
  org: number;
  org2: number;
  po: number;
  instructor: number;
  caseId: number;
  leader: number;
  training: number;
  activity: number;
  branch: number;
  grid: number;
};

const trainingFields = () => ({
  startDate: '2026-03-12',
  endDate: '2026-03-14',
  topic: '业主培训班',
  target: 'owner' as const,
  organizer: '旗委组织部',
  attendances: 40,
});
const training = () => ({ ...trainingFields(), regionId: ids.region });

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
  const leader = (await t.call('leaders.create', { name: '王建国', level: 'county' })).id;
  const training = (await t.call('trainings.create', { ...trainingFields(), regionId: region })).id;
  const activity = (await t.call('activities.create', { partyOrgId: po, kind: 'theme_day', date: '2026-05-01' })).id;
  const branch = (
    await t.call('partyOrgs.create', {
      name: '乌兰镇区域党支部',
      type: 'branch',
      method: 'regional',
      regionId: region,
      coveredOrgIds: [org2],
    })
  ).id;
  const grid = (await t.call('grids.create', { partyOrgId: branch, name: '第一网格', orgIds: [org2] })).id;
  ids = { region, org, org2, po, instructor, caseId, leader, training, activity, branch, grid };
  // Sign in every role the channels below are called as now, so no sign-in is counted as a write.
  await t.call('settings.get', {});
  await t.call('users.list', {});
  await t.call('audit.list', {});
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
  'leaders.create': () => [
    { name: '', level: 'county' },
    { name: '李红梅', level: 'city' },
    { name: '王建国', level: 'county' },
  ],
  'leaders.update': () => [
    { id: 999, name: '李红梅', level: 'county' },
    { id: ids.leader, name: 'x'.repeat(21), level: 'county' },
  ],
  'leaders.delete': () => [{ id: 999 }, { id: 'x' }],
  'leaders.reorder': () => [{ ids: [] }, { ids: [ids.leader, ids.leader] }, { ids: [999] }],
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
    { id: ids.org, version: -1, fields: { name: '丙公司', category: 'nonpublic', subtype: 'company', regionId: ids.region } },
    { id: ids.org, version: 999, fields: { name: '丙公司', category: 'nonpublic', subtype: 'company', regionId: ids.region } },
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
  'instructors.update': () => [
    { id: 999, fields: { name: '王' } },
    { id: ids.instructor, version: 999, fields: { name: '王' } },
  ],
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
    {
      id: ids.caseId,
      action: 'plan',
      date: '2026-07-01',
      plan: { measures: '调整班子', goal: '达标', responsible: '张三', deadline: '2026-09-30', leaderCountyId: ids.leader },
    },
    {
      id: ids.caseId,
      action: 'plan',
      date: '2026-04-01',
      plan: { measures: '调整班子', goal: '达标', responsible: '张三', deadline: '2026-09-30', leaderCountyId: 999 },
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
  'memberYears.set': () => [
    { orgId: ids.org, year: 2027, formal: 1, probationary: 0, activists: 0, candidates: 0, newMembers: 0 },
    { orgId: 999, year: 2025, formal: 1, probationary: 0, activists: 0, candidates: 0, newMembers: 0 },
    { orgId: ids.org, year: 2025, formal: -1, probationary: 0, activists: 0, candidates: 0, newMembers: 0 },
    { orgId: ids.org, year: 2025, formal: 1, probationary: 0, activists: 0, candidates: 0 },
  ],
  'memberYears.delete': () => [
    // The current year follows the organization's own counts: not deleted.
    { orgId: ids.org, year: 2026 },
    { orgId: ids.org, year: 2019 },
    { orgId: 999, year: 2025 },
    { orgId: ids.org, year: 'x' },
  ],
  'ratings.set': () => [
    { partyOrgId: ids.po, year: 2026, stars: 6, assessedDate: '2026-12-01' },
    { partyOrgId: 999, year: 2026, stars: 3, assessedDate: '2026-12-01' },
    { partyOrgId: ids.po, year: 2026, stars: 3, assessedDate: '2026-13-01' },
  ],
  'screening.defer': () => [
    { partyOrgId: ids.po, year: 2026, reason: '' },
    { partyOrgId: ids.po, year: 2026, reason: '理'.repeat(201) },
    { partyOrgId: 999, year: 2026, reason: '已整改' },
    // Already 认定 for 2026.
    { partyOrgId: ids.po, year: 2026, reason: '已整改' },
  ],
  'screening.undefer': () => [
    { partyOrgId: ids.po, year: 2026 },
    { partyOrgId: 'x', year: 2026 },
  ],
  'funding.create': () => [
    { partyOrgId: ids.po, source: 'superior', fundKind: 'activity', amount: -5, date: '2026-03-01' },
    { partyOrgId: ids.po, source: 'superior', fundKind: 'activity', amount: '12.345', date: '2026-03-01' },
    { partyOrgId: ids.po, source: 'superior', fundKind: 'activity', amount: 100_000_001, date: '2026-03-01' },
    { partyOrgId: ids.po, source: 'bank', fundKind: 'activity', amount: 500, date: '2026-03-01' },
    { partyOrgId: ids.po, source: 'superior', fundKind: 'activity', amount: 500, date: '2026-07-01' },
    { partyOrgId: ids.po, source: 'superior', fundKind: 'secretary_allowance', amount: 500, date: '2026-03-01' },
    { partyOrgId: 999, source: 'superior', fundKind: 'activity', amount: 500, date: '2026-03-01' },
  ],
  'funding.update': () => [
    { id: 999, fields: { partyOrgId: ids.po, source: 'superior', fundKind: 'activity', amount: 500, date: '2026-03-01' } },
    { id: 999, fields: { partyOrgId: ids.po, source: 'superior', fundKind: 'activity', amount: 0, date: '2026-03-01' } },
  ],
  'funding.delete': () => [{ id: 999 }, { id: 'x' }],
  'auth.setup': () => [
    { userName: 'admin', name: '张三', password: 'short' },
    { userName: 'admin', name: '张三', password: 'admin#2026' },
    { userName: 'a/b', name: '张三', password: 'Zuzhibu#2026' },
    { userName: 'admin', name: '', password: 'Zuzhibu#2026' },
  ],
  'auth.login': () => [{ userName: '', password: 'x' }, { userName: 'admin' }, { userName: 'x'.repeat(40), password: 'x' }],
  'auth.logout': () => ['x', 5],
  'auth.changePassword': () => [{ oldPassword: 'a', newPassword: '' }, { oldPassword: 'a' }],
  'users.create': () => [
    { userName: 'lisi', name: '李四', role: 'township', regionIds: [], password: 'Qingshan#01' },
    { userName: 'lisi', name: '李四', role: 'county', password: 'short' },
    { userName: 'lisi', name: '李四', role: 'boss', password: 'Qingshan#01' },
  ],
  'users.update': () => [
    { id: 1, role: 'boss' },
    { id: 999, name: '王五' },
  ],
  'users.resetPassword': () => [
    { id: 'x', password: 'Qingshan#01' },
    { id: 999, password: 'Qingshan#01' },
  ],
  'trainings.create': () => [
    { ...training(), endDate: '2026-03-01' },
    { ...training(), endDate: '2026-07-01', startDate: '2026-07-01' },
    { ...training(), target: 'boss' },
    { ...training(), topic: '' },
    { ...training(), sessions: 0 },
    { ...training(), regionId: 999 },
    { ...training(), attendances: 1, attendees: [{ partyOrgId: ids.po }, { instructorId: ids.instructor }] },
    { ...training(), attendees: [{ partyOrgId: ids.po }, { partyOrgId: ids.po }] },
    { ...training(), attendees: [{ partyOrgId: 999 }] },
    { ...training(), attendees: [{ instructorId: 999 }] },
    { ...training(), attendees: [{ unit: '甲公司' }] },
    { ...training(), attendees: [{ partyOrgId: ids.po, instructorId: ids.instructor }] },
  ],
  'trainings.update': () => [
    { id: 999, fields: training() },
    { id: ids.training, fields: { ...training(), attendances: -1 } },
    { id: ids.training, fields: { ...training(), startDate: '2026-02-30' } },
  ],
  'trainings.delete': () => [{ id: 999 }, { id: 'x' }],
  'backup.create': () => [{ name: '' }, { name: 'x'.repeat(121) }, { name: '../x.sqlite' }],
  'backup.restore': () => [{ name: '' }, { name: '/nonexistent/ledger.sqlite' }],
  'exchange.commit': () => [{}, { id: 'nope' }, { id: 'nope', bulk: 'both' }],
  'exchange.export': () => [{ regionId: 999 }, { password: '123' }],
  'import.commit': () => [
    {},
    { id: 'abc' },
    { id: '00000000-0000-4000-8000-000000000000' },
    { id: '00000000-0000-4000-8000-000000000000', skipErrors: '是' },
  ],
  'activities.create': () => [
    { partyOrgId: ids.po, kind: 'dinner', date: '2026-05-01' },
    { partyOrgId: 999, kind: 'theme_day', date: '2026-05-01' },
    { partyOrgId: ids.po, kind: 'theme_day', date: '2026-07-01' },
    { partyOrgId: ids.po, kind: 'theme_day', date: '2026-05-01', expected: 5, attendance: 6 },
    { partyOrgId: ids.po, kind: 'forum', date: '2026-05-01', attendance: -1 },
  ],
  'activities.update': () => [
    { id: 999, fields: { partyOrgId: ids.po, kind: 'theme_day', date: '2026-05-01' } },
    { id: ids.activity, fields: { partyOrgId: ids.po, kind: 'theme_day', date: '2026-02-30' } },
  ],
  'activities.delete': () => [{ id: 999 }, { id: 'x' }],
  'grids.create': () => [
    { partyOrgId: ids.po, name: '第二网格' },
    { partyOrgId: 999, name: '第二网格' },
    { partyOrgId: ids.branch, name: '' },
    { partyOrgId: ids.branch, name: '第二网格', orgIds: [ids.org, ids.org] },
    { partyOrgId: ids.branch, name: '第二网格', contactCards: false, contactCardsDate: '2026-03-01' },
  ],
  'grids.update': () => [
    { id: 999, fields: { partyOrgId: ids.branch, name: '第一网格' } },
    { id: ids.grid, fields: { partyOrgId: ids.po, name: '第一网格' } },
    { id: ids.grid, fields: { partyOrgId: ids.branch, name: '第一网格', instructorId: 999 } },
  ],
  'grids.delete': () => [{ id: 999 }, { id: 'x' }],
  'modelSites.create': () => [
    { partyOrgId: ids.po, level: 'town', year: 2025 },
    { partyOrgId: ids.po, level: 'county', year: 2025, revokedYear: 2024 },
    { partyOrgId: 999, level: 'county', year: 2025 },
    { partyOrgId: ids.po, level: 'county', year: 1999 },
  ],
  'modelSites.update': () => [{ id: 999, fields: { partyOrgId: ids.po, level: 'county', year: 2025 } }],
  'modelSites.delete': () => [{ id: 999 }, { id: 'x' }],
  'massOrgs.set': () => [
    { orgId: ids.org, kind: 'party', present: true },
    { orgId: ids.org, kind: 'union', present: true, members: -3 },
    { orgId: ids.org, kind: 'union', present: true, foundedDate: '2025-02-30' },
    { orgId: 999, kind: 'union', present: true },
  ],
  'inspections.set': () => [
    { orgId: ids.org, year: 2025, result: 'pass', partyReview: 'pass' },
    { orgId: ids.org, year: 2025, result: 'excellent', partyReview: 'pass' },
    { orgId: 999, year: 2025, result: 'pass', partyReview: 'pass' },
  ],
  'inspections.delete': () => [{ id: 999 }],
  'instructors.endAssignment': () => [
    { assignmentId: 999, toDate: '2026-01-01' },
    { assignmentId: 1, toDate: '明天' },
  ],
};

let orderOf: Map<string, RawBuilder<unknown>> | undefined;
/**
 * Every row of every table. PostgreSQL keeps no insertion order (no rowid), so each table is sorted by
 * all its columns in the order they were declared: the primary key first where it is `id`, and two
 * rows that sort together are equal anyway.
 */
async function snapshot(): Promise<Record<string, unknown[]>> {
  if (!orderOf) {
    const tables = await t.ctx.ledger.db.introspection.getTables();
    orderOf = new Map(tables.map((table) => [table.name, sql.join(table.columns.map((c) => sql.ref(c.name)))]));
  }
  const order = orderOf;
  const all = await Promise.all(TABLES.map((table) => t.rows(sql`SELECT * FROM ${sql.table(table)} ORDER BY ${order.get(table)}`)));
  return Object.fromEntries(TABLES.map((table, i) => [table, all[i] ?? []]));
}
const counts = (snap: Record<string, unknown[]>) => Object.fromEntries(Object.entries(snap).map(([table, rows]) => [table, rows.length]));

describe('bad input to every write channel', () => {
  it('covers every write channel of the contract', () => {
    expect(channels.filter((c) => !READS.has(c)).sort()).toEqual(Object.keys(bad).sort());
  });

  for (const [channel, inputs] of Object.entries(bad)) {
    it(`${channel} answers a Chinese error and writes nothing`, async () => {
      for (const input of inputs()) {
        const before = await snapshot();
        const r = await t.raw(channel, input);
        expect(r.ok, JSON.stringify(input)).toBe(false);
        if (r.ok) continue;
        expect(['invalid_input', 'not_found', 'conflict']).toContain(r.error.code);
        expect(r.error.message).toMatch(/[\u4e00-\u9fff]/);
        expect(r.error.message).not.toMatch(/at .*\.ts|Error|undefined|\[object|Invalid|expected|received|string|number/i);
        const after = await snapshot();
        expect(counts(after)).toEqual(counts(before));
        expect(JSON.stringify(after)).toBe(JSON.stringify(before));
      }
    });
  }

  it('an unknown channel is refused in Chinese', async () => {
    expect(await t.raw('orgs.drop', {})).toEqual({ ok: false, error: { code: 'unknown_channel', message: '没有名为“orgs.drop”的接口' } });
  });
});

/** A refusal's message and its per-field details. */
async function refusal(channel: string, input: unknown) {
  const r = await t.raw(channel, input);
  expect(r.ok, `${channel} ${JSON.stringify(input).slice(0, 200)}`).toBe(false);
  if (r.ok) throw new Error('accepted');
  return r.error;
}

describe('9. refusals name the field at any depth and cut echoed input', () => {
  const org = { name: '丙公司', category: 'nonpublic', subtype: 'company' };
  it.each([
    ['orgs.update', () => ({ id: ids.org, fields: org }), '「所属属地」请选择'],
    [
      'orgs.update',
      () => ({ id: ids.org, fields: { ...org, regionId: ids.region, legalRepPhone: '123' } }),
      '「负责人电话」电话号码格式不正确',
    ],
    [
      'partyOrgs.update',
      () => ({ id: ids.po, fields: { name: '支部', type: 'branch', method: 'single', regionId: ids.region, coveredOrgIds: ['x'] } }),
      '「覆盖的两新组织」第1项请选择',
    ],
    ['instructors.update', () => ({ id: ids.instructor, fields: { name: '' } }), '「名称」必须填写'],
    ['orgs.update', () => ({ id: ids.org, version: 0, fields: { ...org, regionId: ids.region } }), '「版本号」应为正整数'],
    ['partyOrgs.update', () => ({ id: ids.po, version: 'x', fields: {} }), '「版本号」应为正整数'],
    ['settings.update', () => ({ situations: ['换届逾期', ''] }), '「认定情形」第2项情形不能为空'],
    [
      'cases.act',
      () => ({
        id: ids.caseId,
        action: 'plan',
        date: '2026-04-01',
        plan: { measures: '调整', goal: '达标', responsible: '张三', deadline: '明天', leaderCounty: '王' },
      }),
      '「整顿时限」日期格式应为',
    ],
    ['reports.rows', () => ({ report: 'orgs', filters: { regionId: 'x' } }), '「所属属地」请选择'],
    ['exchange.commit', () => ({ id: 'x', resolutions: { 'org:甲': 'both' } }), '「冲突处理」请选择保留本地或采用文件中的内容'],
  ])('%s names the nested field: %s', async (channel, input, expected) => {
    const e = await refusal(channel, input());
    expect(e.code).toBe('invalid_input');
    expect(e.message).toContain(expected);
  });

  it('a 1 MB unknown key comes back cut to a few dozen characters', async () => {
    const key = 'a'.repeat(1_000_000);
    const plan = { measures: '调整', goal: '达标', responsible: '张三', deadline: '2026-09-30', leaderCounty: '王', [key]: 1 };
    const e = await refusal('cases.act', { id: ids.caseId, action: 'plan', date: '2026-04-01', plan });
    expect(e.message).toMatch(/「整顿方案」不认识的字段：“a{30}…”$/);
    expect(JSON.stringify(e).length).toBeLessThan(300);
    const mapped = await refusal('import.preview', { kind: 'orgs', fileName: 'a.xlsx', base64: 'UEsDBA==', mapping: { [key]: 5 } });
    expect(JSON.stringify(mapped).length).toBeLessThan(300);
    expect(mapped.message).toBe('输入有误：「列对应」应为文字');
  });

  it('a list of 20,000 bad items is summed up, not recited', async () => {
    const e = await refusal('classes.set', { year: 2026, partyOrgIds: Array(20_000).fill('x'), class: 'standard' });
    expect(e.message).toMatch(/……共20000处错误$/);
    expect(e.message.length).toBeLessThan(200);
    expect(e.fields?.length).toBeLessThanOrEqual(100);
  });
});

describe('10. no English, errno text or paths reach the clerk', () => {
  const foreign = (m: string) => m.replace(/“[^”]{0,40}”/g, '').match(/[A-Za-z]{4,}|\/[a-z]+\/|[A-Z]:\\/g);
  it('a backup onto a folder', async () => {
    // A folder stands where the backup would go, in the backups folder itself.
    fs.mkdirSync(path.join(t.dir, 'backups', 'a-folder.sqlite', 'inside'), { recursive: true });
    const e = await refusal('backup.create', { name: 'a-folder.sqlite', overwrite: true });
    expect(e.message).toMatch(/[\u4e00-\u9fff]/);
    expect(foreign(e.message)).toBeNull();
    expect(e.message).not.toContain(t.dir);
  });
  it('a restore of a backup that does not exist', async () => {
    const e = await refusal('backup.restore', { name: 'nonexistent.sqlite' });
    expect(foreign(e.message)).toBeNull();
  });
  it.each([
    [new AppError('invalid_input', '无法读取：disk I/O error'), '无法读取：磁盘读写出错'],
    [new AppError('internal', "备份失败：ENOENT: no such file or directory, rename '/tmp/x.part'"), '备份失败：文件不存在或无法访问'],
    [Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }), '磁盘空间不足'],
    [new Error('SQLITE_BUSY: database is locked'), '数据库正忙'],
    [new Error("EACCES: permission denied, open 'C:\\Users\\x\\ledger.sqlite'"), '没有权限'],
    [new SyntaxError('Unexpected token } in JSON at position 3'), '内容格式不正确'],
    [new TypeError("Cannot read properties of undefined (reading 'x')"), '操作失败：程序内部错误'],
    [new AppError('not_found', '找不到备份文件：/home/clerk/备份/x.sqlite'), '找不到备份文件（详情已写入日志）'],
  ])('%s → %s', (error, expected) => {
    const m = clerkMessage(error);
    expect(m.startsWith(expected), m).toBe(true);
    expect(foreign(m)).toBeNull();
  });
  it('the app’s own Chinese messages pass unchanged', () => {
    for (const m of [
      '「名称」必须填写',
      '统一社会信用代码“91150499MA0000001X”已被“ABC Technology”使用',
      '无法读取该文件：请确认是 Excel（.xlsx）或 CSV 文件且未损坏',
      '该文件设有打开密码，请在 Excel/WPS 中取消密码后再导入',
    ]) {
      expect(clerkMessage(new AppError('conflict', m))).toBe(m);
    }
  });
});

describe('11. instructors are unique by 姓名 + 工作单位', () => {
  it('a second identical instructor is refused, and the county can still be exported', async () => {
    const first = await t.call('instructors.create', { name: '赵敏', unit: '县委组织部' });
    const before = t.count('audit_log');
    const e = await refusal('instructors.create', { name: '赵敏', unit: '县委组织部', phone: '13800000000' });
    expect(e.code).toBe('conflict');
    expect(e.message).toContain('赵敏');
    expect(t.count('audit_log')).toBe(before);
    await t.call('instructors.create', { name: '赵敏', unit: '乌兰镇' });
    await t.call('instructors.create', { name: '赵敏' });
    expect((await refusal('instructors.create', { name: '赵敏', unit: '' })).code).toBe('conflict');
    const other = await t.call('instructors.create', { name: '钱进', unit: '县委组织部' });
    expect((await refusal('instructors.update', { id: other.id, fields: { name: '赵敏', unit: '县委组织部' } })).code).toBe('conflict');
    await t.call('instructors.update', { id: first.id, fields: { name: '赵敏', unit: '县委组织部', post: '科长' } });
    const x = await t.call('exchange.export', {});
    expect(x.manifest).toBeDefined();
  });
});

describe('12. text fields refuse control characters and broken characters', () => {
  it.each([
    ['regions.create', () => ({ name: '\u0000', kind: 'township' }), '「名称」含有不可见的控制字符'],
    ['regions.create', () => ({ name: '乌兰\u0000镇', kind: 'township' }), '「名称」含有不可见的控制字符'],
    [
      'orgs.create',
      () => ({ name: '甲\u001b[31m公司', category: 'nonpublic', subtype: 'company', regionId: ids.region }),
      '「名称」含有不可见的控制字符',
    ],
    [
      'orgs.create',
      () => ({ name: '甲\n公司', category: 'nonpublic', subtype: 'company', regionId: ids.region }),
      '「名称」含有不可见的控制字符',
    ],
    ['instructors.create', () => ({ name: '\ud800' }), '「名称」含有无效的字符'],
    ['instructors.create', () => ({ name: '王五', remarks: '备注\u0007' }), '「备注」含有不可见的控制字符'],
    ['settings.update', () => ({ situations: ['换届\u007f逾期'] }), '「认定情形」第1项含有不可见的控制字符'],
    ['cases.act', () => ({ id: ids.caseId, action: 'progress', date: '2026-04-01', note: '进展\udc00' }), '「进展情况」含有无效的字符'],
  ])('%s: %s', async (channel, input, expected) => {
    const before = t.count('audit_log');
    const e = await refusal(channel, input());
    expect(e.message).toContain(expected);
    expect(t.count('audit_log')).toBe(before);
  });

  it('multi-line fields keep line breaks and tabs; a character outside the BMP is fine', async () => {
    const i = await t.call('instructors.create', { name: '孙𠀀', remarks: '第一行\n第二行\t备注' });
    expect(i.name).toBe('孙𠀀');
    expect(i.remarks).toBe('第一行\n第二行\t备注');
  });
});
