/** 繁/简-tolerant search on every list that searches names: 黨 finds 党, and a 繁体 name is found by 简体 input. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLedger, type TestLedger } from './fixture';
import { caseMaker } from './helpers/caseLedger';

let t: TestLedger;
let region = 0;

beforeAll(async () => {
  t = await makeLedger();
  region = (await t.call('regions.create', { name: '乌兰镇', kind: 'township' })).id;
  const org = (name: string) => t.call('orgs.create', { name, category: 'social', subtype: 'association', regionId: region });
  await org('克什克腾旗党建服务中心');
  await org('香港聯合會計師事務所');
  await org('乌兰镇餐饮协会');
  const cases = caseMaker(t, () => region);
  await cases.caseWith(2026, '2026-03-01', [], '中共乌兰镇党建联合支部委员会');
  await cases.caseWith(2026, '2026-03-01', [], '中共華興經濟發展協會支部委员会');
  await cases.caseWith(2026, '2026-03-01', [], '中共乌兰镇餐饮协会支部委员会');
  await t.call('instructors.create', { name: '張偉', unit: '旗委組織部' });
  await t.call('instructors.create', { name: '李文', unit: '乌兰镇党委' });
});
afterAll(() => t.close());

describe('繁/简-tolerant search', () => {
  it('organizations: 黨建 finds 党建, 联合会 finds 聯合會, initials still work', async () => {
    const names = async (query: string) => (await t.call('orgs.list', { query })).rows.map((r) => r.name);
    expect(await names('黨建')).toEqual(['克什克腾旗党建服务中心']);
    expect(await names('联合会计')).toEqual(['香港聯合會計師事務所']);
    expect(await names('聯合會')).toEqual(['香港聯合會計師事務所']);
    expect(await names('cyxh')).toEqual(['乌兰镇餐饮协会']);
  });

  it('party organizations, their cases and their classes alike', async () => {
    const partyOrgs = async (query: string) => (await t.call('partyOrgs.list', { query })).rows.map((r) => r.name);
    expect(await partyOrgs('黨建')).toEqual(['中共乌兰镇党建联合支部委员会']);
    expect(await partyOrgs('华兴经济发展协会')).toEqual(['中共華興經濟發展協會支部委员会']);
    const cases = async (query: string) => (await t.call('cases.list', { query })).rows.map((r) => r.partyOrgName);
    expect(await cases('黨建聯合')).toEqual(['中共乌兰镇党建联合支部委员会']);
    expect(await cases('华兴')).toEqual(['中共華興經濟發展協會支部委员会']);
    const classes = async (query: string) => (await t.call('classes.list', { year: 2026, query })).map((r) => r.partyOrgName);
    expect(await classes('華興')).toEqual(['中共華興經濟發展協會支部委员会']);
  });

  it('instructors by name or unit', async () => {
    const names = async (query: string) => (await t.call('instructors.list', { query })).map((r) => r.name);
    expect(await names('张伟')).toEqual(['張偉']);
    expect(await names('组织部')).toEqual(['張偉']);
    expect(await names('黨委')).toEqual(['李文']);
    expect(await names('')).toEqual(['張偉', '李文']);
  });
});

describe('繁/简-tolerant search on the 党建工作 lists', () => {
  it('培训班 by topic or organizer, 组织生活 by topic, 经费 by party organization', async () => {
    await t.call('trainings.create', {
      startDate: '2026-03-12',
      endDate: '2026-03-14',
      topic: '两新组织黨務工作者培训班',
      target: 'party_worker',
      organizer: '旗委組織部',
      attendances: 40,
      regionId: region,
    });
    const topics = async (query: string) => (await t.call('trainings.list', { query })).rows.map((r) => r.topic);
    expect(await topics('党务工作者')).toEqual(['两新组织黨務工作者培训班']);
    expect(await topics('组织部')).toEqual(['两新组织黨務工作者培训班']);

    const partyOrg = (await t.call('partyOrgs.list', { query: '党建联合' })).rows[0]?.id as number;
    await t.call('activities.create', { partyOrgId: partyOrg, kind: 'theme_day', date: '2026-05-01', topic: '學習黨章主題黨日' });
    const acts = async (query: string) => (await t.call('activities.list', { query })).rows.map((r) => r.topic);
    expect(await acts('学习党章')).toEqual(['學習黨章主題黨日']);

    await t.call('funding.create', { partyOrgId: partyOrg, source: 'superior', fundKind: 'activity', amount: 500, date: '2026-03-01' });
    const paid = async (query: string) => (await t.call('funding.list', { query })).rows.map((r) => r.partyOrgName);
    expect(await paid('黨建聯合')).toEqual(['中共乌兰镇党建联合支部委员会']);
  });
});
