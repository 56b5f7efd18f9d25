/**
 * A record saved by someone else since you opened it is a conflict, never a silent overwrite (issue #15):
 * two clerks open the same record, both save; the second is told who saved it, when, and for each field
 * both changed, her value and theirs — and nothing of hers is written.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiResult, Input } from '../../src/shared/contract';
import type { OrgDetail, PartyOrgDetail } from '../../src/shared/types';
import { makeLedger, type TestLedger, TODAY } from './fixture';
import { caseMaker, PLAN } from './helpers/caseLedger';

let t: TestLedger;
let region: number;
let make: ReturnType<typeof caseMaker>;

beforeEach(async () => {
  t = await makeLedger();
  region = (await t.call('regions.create', { name: '乌兰镇', kind: 'township' })).id;
  make = caseMaker(t, () => region);
});
afterEach(() => t.close());

const county = () => t.as('county');
const township = () => t.as('township', [region]);

async function newOrg(): Promise<OrgDetail> {
  return t.call('orgs.create', {
    name: '乌兰镇甲公司',
    category: 'nonpublic',
    subtype: 'company',
    regionId: region,
    legalRep: '张三',
    legalRepPhone: '13800000001',
    employees: 20,
    address: '乌兰镇一街',
  });
}

const auditRows = (entity: string, id: number, action = 'update') =>
  t.rows<{ actor: string }>(
    sql`SELECT actor, action FROM audit_log WHERE entity = ${entity} AND entity_id = ${id} AND action = ${action} ORDER BY id`,
  );

/** A party organization's form as its screen sends it back, with some fields changed. */
function partyOrgForm(po: PartyOrgDetail, over: object): Input<'partyOrgs.update'>['fields'] {
  const { id: _id, ...fields } = po;
  return { ...fields, coveredOrgIds: po.coveredOrgs.map((o) => o.id), ...over };
}

function conflictOf(r: ApiResult<unknown>) {
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('saved');
  expect(r.error.code).toBe('conflict');
  return r.error;
}

describe('两新组织: two clerks save the same record', () => {
  it('the second save is a conflict naming who saved, when, and both values; the row keeps the first save', async () => {
    const org = await newOrg();
    expect(org.version).toBe(1);
    const seenByCounty = await county().call('orgs.get', { id: org.id });
    const seenByTownship = await township().call('orgs.get', { id: org.id });

    const first = await county().call('orgs.update', {
      id: org.id,
      version: seenByCounty.version,
      fields: { ...seenByCounty, legalRepPhone: '13800000002', employees: 25 },
    });
    expect(first.version).toBe(2);

    const second = await township().raw('orgs.update', {
      id: org.id,
      version: seenByTownship.version,
      fields: { ...seenByTownship, legalRepPhone: '13900000003', address: '乌兰镇二街' },
    });
    const error = conflictOf(second);
    expect(error.message).toContain('该记录已被 测试县级经办（测试账号');
    expect(error.message).toMatch(/于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 修改。/);
    expect(error.message).toContain('负责人电话：您填写「13900000003」，对方已保存为「13800000002」。');
    // A field only they changed is named, not offered as a choice; one only she changed is not in it.
    expect(error.message).toContain('对方还修改了：从业人员数。');
    expect(error.message).not.toContain('地址');
    expect(error.message.endsWith('请核对后重新保存。')).toBe(true);
    expect(error.fields).toContainEqual({ path: 'legalRepPhone', message: '对方已保存为「13800000002」' });
    expect(error.fields?.[0]?.path).toBe('version');

    const now = await t.call('orgs.get', { id: org.id });
    expect(now).toMatchObject({ legalRepPhone: '13800000002', address: '乌兰镇一街', employees: 25, version: 2 });
    expect(await auditRows('org', org.id)).toHaveLength(1);

    // Reloaded, her save goes through.
    const again = await township().call('orgs.update', {
      id: org.id,
      version: now.version,
      fields: { ...now, legalRepPhone: '13900000003', address: '乌兰镇二街' },
    });
    expect(again).toMatchObject({ legalRepPhone: '13900000003', address: '乌兰镇二街', employees: 25, version: 3 });
    expect(await auditRows('org', org.id)).toHaveLength(2);
  });

  it('names every clerk who saved since: the newest one, and values against what the screen showed', async () => {
    const org = await newOrg();
    const stale = await township().call('orgs.get', { id: org.id });
    const a = await county().call('orgs.update', { id: org.id, version: 1, fields: { ...stale, legalRepPhone: '13800000002' } });
    await township().call('orgs.update', { id: org.id, version: a.version, fields: { ...a, regionId: region, employees: 30 } });
    const error = conflictOf(await township().raw('orgs.update', { id: org.id, version: 1, fields: { ...stale, employees: 40 } }));
    expect(error.message).toContain('该记录已被 测试乡镇经办（');
    expect(error.message).toContain('从业人员数：您填写「40」，对方已保存为「30」。');
    expect(error.message).toContain('对方还修改了：负责人电话。');
  });

  it('a version ahead of the record is a conflict too; a save without one (imports, exchange) still wins', async () => {
    const org = await newOrg();
    const ahead = conflictOf(await t.raw('orgs.update', { id: org.id, version: 7, fields: { ...org, employees: 1 } }));
    expect(ahead.message).toBe('版本号（7）与记录当前的版本（1）不符，请重新打开该记录后再保存。');

    await t.call('orgs.update', { id: org.id, version: 1, fields: { ...org, employees: 2 } });
    const blind = await t.call('orgs.update', { id: org.id, fields: { ...org, employees: 3 } });
    expect(blind).toMatchObject({ employees: 3, version: 3 });
  });

  it('quotes the clerks’ own Latin text (a user name, a typed value) rather than hiding the message', async () => {
    const org = await newOrg();
    await county().call('orgs.update', { id: org.id, version: 1, fields: { ...org, address: 'Wulan Tower' } });
    const error = conflictOf(
      await township().raw('orgs.update', { id: org.id, version: 1, fields: { ...org, address: 'Hongshan Plaza' } }),
    );
    expect(error.message).toContain('地址：您填写「Hongshan Plaza」，对方已保存为「Wulan Tower」。');
  });

  it('refuses a version that is no version, in Chinese', async () => {
    const org = await newOrg();
    for (const version of [0, -1, 1.5, '1', null]) {
      const r = await t.raw('orgs.update', { id: org.id, version, fields: { ...org } });
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      if (!r.ok) expect(r.error.message).toContain('版本号');
    }
    expect((await t.call('orgs.get', { id: org.id })).version).toBe(1);
  });
});

describe('党组织 and 指导员 keep their versions the same way', () => {
  it('党组织: the second save of 书记电话 is a conflict with both numbers', async () => {
    const po = await make.partyOrg({ secretaryPhone: '13800000001' });
    expect(po.version).toBe(1);
    const saved = await county().call('partyOrgs.update', {
      id: po.id,
      version: 1,
      fields: partyOrgForm(po, { secretaryPhone: '13800000002' }),
    });
    expect(saved.version).toBe(2);
    const error = conflictOf(
      await township().raw('partyOrgs.update', { id: po.id, version: 1, fields: partyOrgForm(po, { secretaryPhone: '13900000003' }) }),
    );
    expect(error.message).toContain('书记电话：您填写「13900000003」，对方已保存为「13800000002」。');
    expect((await t.call('partyOrgs.get', { id: po.id })).secretaryPhone).toBe('13800000002');
    expect(await auditRows('partyOrg', po.id)).toHaveLength(1);
  });

  it('指导员: the second save of 联系电话 is a conflict with both numbers', async () => {
    const ins = await t.call('instructors.create', { name: '李文', phone: '13800000001', fullTime: true });
    expect(ins.version).toBe(1);
    const fields = {
      name: ins.name,
      unit: ins.unit,
      post: ins.post,
      fullTime: ins.fullTime,
      appointedDate: null,
      grids: null,
      remarks: null,
    };
    await county().call('instructors.update', { id: ins.id, version: 1, fields: { ...fields, phone: '13800000002' } });
    const error = conflictOf(
      await township().raw('instructors.update', { id: ins.id, version: 1, fields: { ...fields, phone: '13900000003' } }),
    );
    expect(error.message).toContain('联系电话：您填写「13900000003」，对方已保存为「13800000002」。');
    const listed = (await t.call('instructors.list', {})).find((i) => i.id === ins.id);
    expect(listed).toMatchObject({ phone: '13800000002', version: 2 });
    expect(await auditRows('instructor', ins.id)).toHaveLength(1);
  });
});

describe('a side write (群团, 党员发展, 年检, 星级) by another clerk after an ordinary save', () => {
  const them = '测试乡镇经办';
  /** A's ordinary save, then the form A opens after it; the side write comes next. */
  async function savedThenOpened(): Promise<OrgDetail> {
    const org = await newOrg();
    const seen = await county().call('orgs.get', { id: org.id });
    await county().call('orgs.update', { id: org.id, version: seen.version, fields: { ...seen, legalRepPhone: '13800000002' } });
    return county().call('orgs.get', { id: org.id });
  }
  const staleSave = async (stale: OrgDetail) =>
    conflictOf(await county().raw('orgs.update', { id: stale.id, version: stale.version, fields: { ...stale, employees: 30 } }));

  it('群团: the stale form is told who ticked it, not the last ordinary save', async () => {
    const stale = await savedThenOpened();
    await township().call('massOrgs.set', { orgId: stale.id, kind: 'union', present: true, foundedDate: null, members: null, chair: null });
    const error = await staleSave(stale);
    expect(error.message).toMatch(
      new RegExp(`^该记录已被 ${them}（测试账号\\d+）于 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} 修改（群团组织）。`),
    );
    expect(error.message).not.toContain('县级经办');
    // The screen's snapshot is before the side write: both differing boxes are offered, nothing written.
    expect(error.message).toContain('已建工会：您填写「否」，对方已保存为「是」。');
    expect((await t.call('orgs.get', { id: stale.id })).employees).toBe(20);
  });

  it('党员发展: this year’s counts set by another clerk are named as theirs', async () => {
    const stale = await savedThenOpened();
    const year = Number(TODAY.slice(0, 4));
    await township().call('memberYears.set', {
      orgId: stale.id,
      year,
      formal: 7,
      probationary: 1,
      activists: 2,
      candidates: 0,
      newMembers: 0,
    });
    const error = await staleSave(stale);
    expect(error.message).toMatch(new RegExp(`^该记录已被 ${them}（测试账号\\d+）于 .* 修改（党员发展）。`));
    expect(error.message).not.toContain('县级经办');
  });

  it('星级: a party organization’s form is told who rated it', async () => {
    const po = await make.partyOrg({ secretaryPhone: '13800000001' });
    const saved = await county().call('partyOrgs.update', {
      id: po.id,
      version: 1,
      fields: partyOrgForm(po, { secretaryPhone: '13800000002' }),
    });
    const year = Number(TODAY.slice(0, 4));
    expect(po.starRating).not.toBe(2);
    await township().call('ratings.set', { partyOrgId: po.id, year, stars: 2, assessedDate: TODAY });
    const error = conflictOf(
      await county().raw('partyOrgs.update', {
        id: po.id,
        version: saved.version,
        fields: partyOrgForm(po, { secretaryPhone: '13800000002', remarks: '补充' }),
      }),
    );
    expect(error.message).toMatch(new RegExp(`^该记录已被 ${them}（测试账号\\d+）于 .* 修改（星级评定）。`));
    expect(error.message).not.toContain('县级经办');
  });

  it('an ordinary save after a side write is named as before', async () => {
    const stale = await savedThenOpened();
    await township().call('massOrgs.set', { orgId: stale.id, kind: 'union', present: true, foundedDate: null, members: null, chair: null });
    const fresh = await county().call('orgs.get', { id: stale.id });
    await county().call('orgs.update', { id: fresh.id, version: fresh.version, fields: { ...fresh, address: '乌兰镇三街' } });
    const error = await staleSave(fresh);
    expect(error.message).toMatch(/^该记录已被 测试县级经办（测试账号\d+）于 .* 修改。/);
    // One ordinary save since the screen's read: its snapshot tells which fields only they changed.
    expect(error.message).toContain('对方还修改了：地址。');
  });
});

describe('整顿对象: a step recorded by someone else since the case was opened', () => {
  it('is told (who, when, which step) and the second step is not recorded', async () => {
    const { id } = await make.caseWith(2026, '2026-03-01');
    const opened = await t.call('cases.get', { id });
    expect(opened.version).toBe(1);
    const planned = await county().call('cases.act', { id, version: 1, action: 'plan', date: '2026-03-05', plan: PLAN });
    expect(planned.version).toBe(2);
    const error = conflictOf(
      await township().raw('cases.act', { id, version: 1, action: 'plan', date: '2026-03-06', plan: { ...PLAN, goal: '另一目标' } }),
    );
    expect(error.message).toMatch(/^该记录已被 测试县级经办（测试账号\d+）于 .* 修改（制定整顿方案）。请核对后重新保存。$/);
    const now = await t.call('cases.get', { id });
    expect(now.events.filter((e) => e.kind === 'plan')).toHaveLength(1);
    expect(now.version).toBe(2);
  });
});
