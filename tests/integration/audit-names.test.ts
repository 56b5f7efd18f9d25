/**
 * 操作日志 in Chinese: on the demo county, after a clerk's week of writes (edits, deletes, a case's steps,
 * 分类定级, 星级, 设置, an import and a township's exchange file), every row names its record, its actor,
 * its kind and action and each field in Chinese; and the day filter follows the clerk's clock.
 */
import { type RawBuilder, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonField } from '../../src/main/core/dialect';
import type { AuditEntry } from '../../src/shared/types';
import { makeLedger, type TestLedger } from './fixture';

/** Latin words a clerk may see: file kinds, keys, and codes such as 统一社会信用代码 (18 letters and digits). */
const ALLOWED = /\b(Excel|WPS|PDF|CSV|Ctrl)\b|\.(xlsx|csv|lxex)\b|[0-9A-Z]{18}/g;
const latinWords = (text: string) => text.replace(ALLOWED, '').match(/[A-Za-z]{2,}/g) ?? [];

let county: TestLedger;
let township: TestLedger;

async function allRows(t: TestLedger): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await t.call('audit.list', { offset, limit: 1000, utcOffset: 480 });
    out.push(...page.rows);
    if (out.length >= page.total) return out;
  }
}

const one = async <T>(t: TestLedger, query: RawBuilder<unknown>) => (await t.rows<T>(query))[0] as T;

beforeAll(async () => {
  county = await makeLedger({ demo: 'loaded' });
  township = await makeLedger();
  const c = county;

  // Edits and deletes of each kind of record.
  const org = await one<{ id: number }>(c, sql`SELECT id FROM orgs WHERE name = '青山旗乌兰镇商会'`);
  const orgDetail = await c.call('orgs.get', { id: org.id });
  await c.call('orgs.update', { id: org.id, fields: { ...orgDetail, employees: orgDetail.employees + 5, status: 'suspended' } });
  // Party organizations with no case at all, so 分类定级 and 认定 are allowed.
  const po = await c.rows<{ id: number }>(
    sql`SELECT id FROM party_orgs WHERE id NOT IN (SELECT party_org_id FROM cases) AND deleted_at IS NULL ORDER BY id LIMIT 24`,
  );
  const poDetail = await c.call('partyOrgs.get', { id: po[0]?.id as number });
  await c.call('partyOrgs.update', {
    id: poDetail.id,
    fields: { ...poDetail, coveredOrgIds: poDetail.coveredOrgs.map((o) => o.id), secretaryName: '王强', type: 'general_branch' },
  });
  await c.call('partyOrgs.delete', { id: po[1]?.id as number });
  const orphan = await one<{ id: number }>(
    c,
    sql`SELECT o.id FROM orgs o LEFT JOIN coverage v ON v.org_id = o.id WHERE v.org_id IS NULL ORDER BY o.id LIMIT 1`,
  );
  await c.call('orgs.delete', { id: orphan.id });
  const instructor = await c.call('instructors.create', { name: '赵志刚', unit: '青山旗委组织部', fullTime: true });
  await c.call('instructors.update', { id: instructor.id, fields: { name: '赵志刚', unit: '青山旗委组织部', post: '组织员' } });
  const assigned = await c.call('instructors.assign', { instructorId: instructor.id, orgId: org.id, fromDate: '2026-01-05' });
  await c.call('instructors.endAssignment', { assignmentId: assigned.assignments[0]?.id as number, toDate: '2026-06-01' });
  const region = await c.call('regions.create', { name: '新区街道', kind: 'subdistrict' });
  await c.call('regions.update', { id: region.id, name: '新区街道', kind: 'subdistrict', code: '150102001' });
  const regions = await c.call('regions.list', {});
  await c.call('regions.reorder', { ids: regions.map((r) => r.id).reverse() });
  const settings = await c.call('settings.get', {});
  await c.call('settings.update', { ...settings, venueStandard: 'bayou', venueThreshold: 6 });

  // A case through every step, then 分类定级 and 星级.
  const target = po[2]?.id as number;
  const kase = await c.call('cases.create', {
    partyOrgId: target,
    year: 2026,
    date: '2026-03-02',
    situations: ['组织生活不健全'],
    problems: '“三会一课”不经常',
  });
  const act = (input: Record<string, unknown>) => c.call('cases.act', { id: kase.id, ...input } as never);
  // 包联领导 kept in 设置 and picked in the plan.
  const leader = await c.call('leaders.create', { name: '白玉山', title: '旗委副书记', level: 'county' });
  const other = await c.call('leaders.create', { name: '张建军', title: '副旗长', level: 'county' });
  await c.call('leaders.update', { id: other.id, name: '张建军', title: '旗政府副旗长', level: 'county', active: false });
  await c.call('leaders.reorder', { ids: (await c.call('leaders.list', {})).map((l) => l.id).reverse() });
  await c.call('leaders.delete', { id: other.id });
  await act({
    action: 'plan',
    date: '2026-03-10',
    plan: {
      measures: '整改措施：补开组织生活会',
      goal: '组织生活正常',
      responsible: '李书记',
      deadline: '2026-06-30',
      leaderCountyId: leader.id,
      instructorId: instructor.id,
    },
  });
  await act({ action: 'progress', date: '2026-04-10', note: '已召开组织生活会' });
  await act({ action: 'accept', date: '2026-05-10', score: 60, passed: false, opinion: '仍需整改', newDeadline: '2026-06-20' });
  await act({
    action: 'accept',
    date: '2026-06-10',
    score: 66,
    passed: true,
    satisfaction: 95,
    opinion: '整改到位',
    belowLineReason: '扣分项为客观原因，经会议研究同意通过',
  });
  await act({ action: 'delist', date: '2026-06-15' });
  await act({ action: 'reopen', date: '2026-06-20', reason: '回头看发现问题反弹' });
  await c.call('classes.set', { year: 2026, partyOrgIds: [po[0]?.id as number], class: 'brand' });
  const some = po.slice(4).map((r) => r.id);
  await c.call('classes.set', { year: 2026, partyOrgIds: some, class: 'standard' });
  await c.call('screening.defer', { partyOrgId: po[3]?.id as number, year: 2026, reason: '新任书记到岗不足三个月' });
  await c.call('screening.undefer', { partyOrgId: po[3]?.id as number, year: 2026 });
  await c.call('ratings.set', { partyOrgId: po[0]?.id as number, year: 2026, stars: 5, assessedDate: '2026-06-01' });

  // An import of two organizations from a CSV file.
  const csv =
    '\uFEFF单位名称,组织类型,所属属地\r\n青山旗新区甲商贸有限公司,非公企业（公司）,新区街道\r\n青山旗新区乙物流有限公司,非公企业（公司）,新区街道\r\n';
  const preview = await c.call('import.preview', {
    kind: 'orgs',
    fileName: '新区企业名册.csv',
    base64: Buffer.from(csv).toString('base64'),
  });
  await c.call('import.commit', { id: preview.id });

  // A township's file taken in by an empty ledger, then a conflict kept local.
  const red = regions.find((r) => r.name === '红山街道')?.id as number;
  const file = await c.call('exchange.export', { regionId: red });
  const p1 = await township.call('exchange.preview', { fileName: file.fileName, base64: file.base64 });
  await township.call('exchange.commit', { id: p1.id });
});

afterAll(async () => {
  await county.close();
  await township.close();
});

function problems(rows: AuditEntry[]): string[] {
  const out: string[] = [];
  for (const r of rows) {
    const where = `#${r.id} ${r.entity}/${r.action}`;
    if (!r.name) out.push(`${where}: 没有名称`);
    if (/（编号\d+）/.test(r.name)) out.push(`${where}: 名称“${r.name}”`);
    const texts = [
      r.name,
      r.actorLabel,
      r.entityLabel,
      r.actionLabel,
      ...r.fields.flatMap((f) => [f.label, f.before ?? '', f.after ?? '']),
    ];
    for (const text of texts) for (const w of latinWords(text)) out.push(`${where}: “${w}” in “${text.slice(0, 80)}”`);
  }
  return out;
}

describe('操作日志 on the demo county', () => {
  it('names each record, actor, field and value in Chinese, with no Latin word outside the allowed ones', async () => {
    const rows = [...(await allRows(county)), ...(await allRows(township))];
    expect(new Set(rows.map((r) => r.entity))).toEqual(
      new Set([
        'org',
        'partyOrg',
        'instructor',
        'assignment',
        'region',
        'settings',
        'case',
        'class',
        'rating',
        'exchange',
        'ledger',
        'leader',
        'screening_deferral',
        'funding',
        'training',
        'grid',
        // The township's file brings organizations with 工会 ticked: their 群团 rows follow.
        'mass_org',
        // …and its 组织生活, 年检, 党员发展 and 示范点 records, written by their services.
        'activity',
        'inspection',
        'member_year',
        'model_site',
      ]),
    );
    expect(problems(rows)).toEqual([]);
  });

  it('names cases and 分类定级 by party organization and year, deleted records too, and the actor of each write', async () => {
    const rows = await allRows(county);
    const kase = rows.filter((r) => r.entity === 'case' && r.actorLabel.startsWith('测试县级经办'));
    expect(kase).toHaveLength(7);
    for (const r of kase) expect(r.name).toMatch(/^中共.+ 2026年度整顿$/);
    const plan = kase.find((r) => r.action === 'plan') as AuditEntry;
    expect(plan.fields[0]).toMatchObject({ label: '本次操作', changed: true });
    expect(plan.fields[0]?.after).toMatch(/^制定整顿方案：整顿措施 整改措施：补开组织生活会，.*整顿时限 2026-06-30/);
    // The picked leader and instructor by name, once each.
    expect(plan.fields[0]?.after?.match(/白玉山/g)).toHaveLength(1);
    expect(plan.fields[0]?.after).toContain('赵志刚');
    const below = kase.find((r) => r.action === 'accept' && r.fields[0]?.after?.startsWith('验收通过'));
    expect(below?.fields[0]?.after).toContain('扣分项为客观原因');
    expect(rows.find((r) => r.entity === 'leader' && r.action === 'delete')?.name).toBe('张建军');
    expect(rows.find((r) => r.entity === 'leader' && r.action === 'reorder')).toMatchObject({
      name: '全部包联领导',
      actionLabel: '调整顺序',
    });
    expect(rows.filter((r) => r.entity === 'screening_deferral').map((r) => r.actionLabel)).toEqual(['恢复排查建议', '暂不认定']);
    expect(rows.find((r) => r.entity === 'screening_deferral')?.name).toMatch(/^中共.+ 2026年度$/);
    expect(plan.fields.find((f) => f.key === 'state')).toMatchObject({ label: '状态', before: '已认定', after: '整顿中', changed: true });
    const failed = kase.find((r) => r.action === 'accept' && r.fields.some((f) => f.after?.startsWith('验收未通过')));
    expect(failed?.fields[0]?.after).toContain('新的整顿时限 2026-06-20');

    const classes = rows.filter((r) => r.entity === 'class' && r.actorLabel.startsWith('测试县级经办'));
    expect(classes.map((r) => r.name)).toEqual([
      expect.stringMatching(/^中共.+等20个党组织 2026年度$/),
      expect.stringMatching(/^中共.+ 2026年度$/),
    ]);
    expect(classes[1]?.fields.find((f) => f.key === 'class')).toMatchObject({ label: '管理类别', after: '品牌创建' });

    const deleted = rows.find((r) => r.entity === 'partyOrg' && r.action === 'delete') as AuditEntry;
    expect(deleted.name).toMatch(/^中共/);
    expect(rows.find((r) => r.entity === 'settings')).toMatchObject({ name: '系统设置', entityLabel: '系统设置' });
    expect(rows.find((r) => r.entity === 'settings')?.fields.find((f) => f.key === 'venueStandard')).toMatchObject({
      before: '“六有”标准',
      after: '“八有”标准',
      changed: true,
    });
    expect(rows.find((r) => r.entity === 'ledger')).toMatchObject({
      actorLabel: '演示数据',
      name: '全部台账',
      actionLabel: '载入演示数据',
    });
    expect(rows.filter((r) => r.entity === 'case' && r.actorLabel === '演示数据').length).toBeGreaterThan(5);
    expect(rows.filter((r) => r.actorLabel.endsWith(' 导入（新区企业名册.csv）')).map((r) => r.name)).toEqual([
      '青山旗新区乙物流有限公司',
      '青山旗新区甲商贸有限公司',
    ]);
    const assignment = rows.find((r) => r.entity === 'assignment' && r.action === 'end');
    expect(assignment?.name).toBe('赵志刚 选派至 青山旗乌兰镇商会');
  });

  it('names the exchange file as the actor of what it brought in', async () => {
    const rows = await allRows(township);
    const org = rows.find((r) => r.entity === 'org');
    expect(org?.actorLabel).toMatch(/^测试县级经办（测试账号\d+） 数据交换（两新台账交换-.+\.lxex）$/);
    expect(org?.entityLabel).toBe('两新组织');
  });
});

describe('操作日志 by the clerk’s local day', () => {
  let t: TestLedger;
  beforeAll(async () => {
    t = await makeLedger();
    await t.call('regions.create', { name: '甲街道', kind: 'subdistrict' });
    await t.call('regions.create', { name: '乙街道', kind: 'subdistrict' });
    await t.call('regions.create', { name: '丙街道', kind: 'subdistrict' });
    const at = (name: string, stamp: string) =>
      t.rows(
        sql`UPDATE audit_log SET at = ${stamp} WHERE entity = 'region' AND ${jsonField(t.ctx.ledger.db, sql`after`, 'name')} = ${name}`,
      );
    await at('甲街道', '2026-06-30T15:59:00.000Z'); // 30 June 23:59 in Beijing
    await at('乙街道', '2026-06-30T23:30:00.000Z'); // 1 July 07:30 in Beijing
    await at('丙街道', '2026-07-01T16:00:00.000Z'); // 2 July 00:00 in Beijing
  });
  afterAll(async () => {
    await t.close();
  });

  const names = async (input: { from?: string; to?: string; utcOffset?: number }) =>
    (await t.call('audit.list', input)).rows.map((r) => r.name);

  it('a 07:30 write on 1 July in Beijing is listed under 1 July, not 30 June', async () => {
    expect(await names({ from: '2026-07-01', to: '2026-07-01', utcOffset: 480 })).toEqual(['乙街道']);
    expect(await names({ from: '2026-06-30', to: '2026-06-30', utcOffset: 480 })).toEqual(['甲街道']);
    expect(await names({ from: '2026-07-02', utcOffset: 480 })).toEqual(['丙街道']);
    expect(await names({ to: '2026-07-01', utcOffset: 480 })).toEqual(['乙街道', '甲街道']);
  });

  it('another clock gives other days; none given is UTC', async () => {
    expect(await names({ from: '2026-06-30', to: '2026-06-30', utcOffset: -300 })).toEqual(['乙街道', '甲街道']);
    expect(await names({ from: '2026-06-30', to: '2026-06-30' })).toEqual(['乙街道', '甲街道']);
    expect(await t.raw('audit.list', { utcOffset: 5000 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
