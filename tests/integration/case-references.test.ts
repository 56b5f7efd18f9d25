/**
 * Issue #12: 包联领导 and 指导员 in a plan are references, not free text. Leaders are kept in 设置 and
 * picked by id; text only through 其他, and text naming a listed leader counts as that leader, so
 * “李红梅” and “李红梅（旗委常委、组织部部长）” are one row on 包联领导督办. Old ledgers are migrated.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createContext } from '../../src/main/core/context';
import { openLedger } from '../../src/main/core/db';
import { demoSeedPath, loadSeed, readSeedFile } from '../../src/main/core/seed';
import { caseLeaders, listCases } from '../../src/main/core/services/cases';
import { listLeaders } from '../../src/main/core/services/leaders';
import { makeLedger, type TestLedger } from './fixture';
import { caseMaker, PLAN } from './helpers/caseLedger';
import { oldLedger } from './helpers/oldLedger';

let t: TestLedger;
let region = 0;
let make: ReturnType<typeof caseMaker>;

beforeEach(async () => {
  t = await makeLedger();
  region = (await t.call('regions.create', { name: '乌兰镇', kind: 'township' })).id;
  make = caseMaker(t, () => region);
});
afterEach(() => t.close());

const planWith = (over: Record<string, unknown>) => ({
  action: 'plan',
  date: '2026-03-05',
  plan: { ...PLAN, deadline: '2026-12-31', leaderCounty: null, leaderTownship: null, instructorName: null, ...over },
});

describe('包联领导 in 设置', () => {
  it('are listed, edited, reordered; one in use is deactivated, not deleted', async () => {
    const li = await t.call('leaders.create', { name: '李红梅', title: '旗委常委、组织部部长', level: 'county' });
    const wang = await t.call('leaders.create', { name: '王建国', title: '旗委副书记', unit: '旗委', level: 'county' });
    const zhao = await t.call('leaders.create', { name: '赵敏', title: '第一书记', level: 'township' });
    expect(await t.raw('leaders.create', { name: '李红梅', level: 'county' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: '包联领导“李红梅”已在名单中，请直接修改原记录' },
    });
    expect((await t.call('leaders.reorder', { ids: [wang.id, li.id, zhao.id] })).map((l) => l.name)).toEqual(['王建国', '李红梅', '赵敏']);

    await make.caseWith(2026, '2026-03-01', [planWith({ leaderCountyId: li.id })]);
    expect(await t.raw('leaders.delete', { id: li.id })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: '“李红梅”包联着1个整顿对象，不能删除；不再包联时请改为“停用”' },
    });
    expect(await t.call('leaders.delete', { id: zhao.id })).toEqual({ id: zhao.id });
    const off = await t.call('leaders.update', {
      id: li.id,
      name: '李红梅',
      title: '旗委常委、组织部部长',
      level: 'county',
      active: false,
    });
    expect(off).toMatchObject({ active: false, caseCount: 1 });

    // A deactivated leader cannot be picked for another case, but the case that has him keeps him.
    const { id: other } = await make.caseWith(2026, '2026-03-01');
    expect(await make.act(other, planWith({ leaderCountyId: li.id }))).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: '「包联县级领导」李红梅已停用，请另选' },
    });
    const none = await make.act(other, planWith({}));
    expect(none).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(none.ok === false && none.error.message).toContain('「包联县级领导」请选择包联县级领导，或选“其他”后填写姓名');
    const audit = await t.call('audit.list', { entity: 'leader' });
    expect(audit.rows.map((r) => r.action).sort()).toEqual(['create', 'create', 'create', 'delete', 'reorder', 'update']);
  });
});

describe('a plan names its leaders and 指导员 by reference', () => {
  it('“李红梅” picked and “李红梅（旗委常委、组织部部长）” typed under 其他 are one leader on 包联领导督办', async () => {
    const li = await t.call('leaders.create', { name: '李红梅', title: '旗委常委、组织部部长', level: 'county' });
    const town = await t.call('leaders.create', { name: '赵敏', level: 'township' });
    const wen = await t.call('instructors.create', { name: '李文', unit: '旗委组织部' });

    const a = await make.caseWith(2026, '2026-03-01', [
      planWith({ leaderCountyId: li.id, leaderTownshipId: town.id, instructorId: wen.id }),
    ]);
    const b = await make.caseWith(2026, '2026-03-01', [
      planWith({ leaderCounty: '李红梅（旗委常委、组织部部长）', instructorName: '李文' }),
    ]);
    const c = await make.caseWith(2026, '2026-03-01', [planWith({ leaderCounty: '张副旗长', instructorName: '外聘专家' })]);

    expect(await t.call('cases.get', { id: a.id })).toMatchObject({
      leaderCountyId: li.id,
      leaderCounty: '李红梅',
      leaderCountyTitle: '旗委常委、组织部部长',
      leaderTownshipId: town.id,
      leaderTownship: '赵敏',
      instructorId: wen.id,
      instructorName: '李文',
    });
    expect(await t.call('cases.get', { id: b.id })).toMatchObject({ leaderCountyId: li.id, leaderCounty: '李红梅', instructorId: wen.id });
    const typed = await t.call('cases.get', { id: c.id });
    expect(typed).toMatchObject({ leaderCountyId: null, leaderCounty: '张副旗长', instructorId: null, instructorName: '外聘专家' });
    // The timeline reads names, not ids.
    expect(typed.events[1]?.data).toMatchObject({ plan: { leaderCounty: '张副旗长' } });
    expect((await t.call('cases.get', { id: a.id })).events[1]?.data).toMatchObject({
      plan: { leaderCountyId: li.id, leaderCounty: '李红梅' },
    });

    expect(await t.call('cases.leaders', {})).toEqual([
      { leaderId: li.id, leader: '李红梅', title: '旗委常委、组织部部长', total: 2, open: 2, overdue: 0 },
      { leaderId: null, leader: '张副旗长', title: null, total: 1, open: 1, overdue: 0 },
    ]);
    expect((await t.call('cases.list', { leaderId: li.id })).total).toBe(2);

    // Renaming the leader in 设置 renames him on every case and ledger.
    await t.call('leaders.update', { id: li.id, name: '李红梅', title: '旗委副书记', level: 'county' });
    const ledger = await t.call('reports.rows', { report: 'cases', filters: { year: 2026 } });
    expect(ledger.rows.map((r) => r.leader)).toEqual(['李红梅（旗委副书记）', '李红梅（旗委副书记）', '张副旗长']);
  });

  it('an unknown or deleted reference is refused in Chinese', async () => {
    const { id } = await make.caseWith(2026, '2026-03-01');
    expect(await make.act(id, planWith({ leaderCountyId: 999 }))).toMatchObject({
      ok: false,
      error: { message: '「包联县级领导」所选领导不存在，请重新选择' },
    });
    expect(await make.act(id, planWith({ leaderCounty: '王建国', instructorId: 999 }))).toMatchObject({
      ok: false,
      error: { message: '「指导员」所选指导员不存在或已删除，请重新选择' },
    });
  });
});

describe('old ledgers and the demo county', () => {
  it('migration 0005 turns typed leaders into one leader each and links 指导员 named once', async () => {
    const old = await oldLedger('0003_exchange');
    const now = '2025-01-01T00:00:00.000Z';
    await sql`INSERT INTO regions (id, name, kind, created_at) VALUES (1, '乌兰镇', 'township', ${now})`.execute(old.db);
    await sql`INSERT INTO instructors (id, name, created_at, updated_at)
      VALUES (1, '李文', ${now}, ${now}), (2, '张明', ${now}, ${now}), (3, '张明', ${now}, ${now})`.execute(old.db);
    const texts = [
      ['李红梅（旗委常委、组织部部长）', '属地党（工）委副书记', '李文'],
      ['李红梅', '赵敏（第一书记）', '张明'],
      ['王建国(旗委副书记)', null, '旗委组织部选派指导员'],
    ];
    for (const [i, [county, township, instructor]] of texts.entries()) {
      await sql`INSERT INTO party_orgs (id, name, type, method, region_id, created_at, updated_at)
        VALUES (${i + 1}, ${`党支部${i + 1}`}, 'branch', 'single', 1, ${now}, ${now})`.execute(old.db);
      await sql`INSERT INTO cases (party_org_id, year, state, problems, identified_date, leader_county, leader_township, instructor_name, created_at, updated_at)
        VALUES (${i + 1}, 2025, 'rectifying', '问题', '2025-03-01', ${county}, ${township}, ${instructor}, ${now}, ${now})`.execute(old.db);
    }
    await old.release();

    const ledger = await openLedger(old.target);
    const ctx = createContext(ledger, { today: () => '2026-06-30' });
    expect((await listLeaders(ctx)).map((l) => [l.name, l.title, l.level, l.caseCount])).toEqual([
      ['李红梅', '旗委常委、组织部部长', 'county', 2],
      ['赵敏', '第一书记', 'township', 1],
      ['王建国', '旗委副书记', 'county', 1],
    ]);
    const rows = (await listCases(ctx, { offset: 0, limit: 10 })).rows.sort((a, b) => a.id - b.id);
    expect(rows.map((r) => [r.leaderCounty, r.leaderTownship, r.instructorId, r.instructorName])).toEqual([
      ['李红梅', '属地党（工）委副书记', 1, '李文'],
      ['李红梅', '赵敏', null, '张明'],
      ['王建国', null, null, '旗委组织部选派指导员'],
    ]);
    expect((await caseLeaders(ctx)).map((l) => [l.leader, l.total])).toEqual([
      ['李红梅', 2],
      ['王建国', 1],
    ]);
    await ledger.close();
    await old.drop();
  });

  it('the demo county’s plans refer to its three 包联领导, one row each on 督办, in 设置’s order', async () => {
    const demo = await makeLedger();
    await loadSeed(demo.ctx, readSeedFile(demoSeedPath()));
    expect((await listLeaders(demo.ctx)).map((l) => l.name)).toEqual(['王建国', '李红梅', '赵志刚']);
    const rows = await demo.call('cases.leaders', {});
    await demo.close();
    // In 设置's order, as the clerk arranged them.
    expect(rows.map((r) => r.leader)).toEqual(['王建国', '李红梅', '赵志刚']);
    expect(rows.every((r) => r.leaderId != null && r.title)).toBe(true);
  });
});
