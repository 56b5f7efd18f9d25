/** Party organizations and cases for the case tests, every field sound unless overridden. */
import type { Input } from '../../../src/shared/contract';
import type { TestLedger } from '../fixture';

export const PLAN = {
  measures: '调整配强班子，规范三会一课',
  goal: '年底前达到规范化标准',
  responsible: '乌兰镇党委组织委员 刘洋',
  deadline: '2026-05-31',
  leaderCounty: '王建国',
  leaderTownship: '第一书记 赵敏',
  instructorName: '李文',
  pairingDept: '旗财政局',
  listedDate: null,
};

export function caseMaker(t: TestLedger, regionId: () => number) {
  let serial = 0;
  const partyOrg = async (over: Partial<Input<'partyOrgs.create'>> = {}) => {
    serial++;
    const org = await t.call('orgs.create', {
      name: `组织${serial}`,
      category: 'nonpublic',
      subtype: 'company',
      regionId: regionId(),
      formalMembers: 5,
    });
    return t.call('partyOrgs.create', {
      name: `党支部${serial}`,
      type: 'branch',
      method: 'single',
      regionId: regionId(),
      secretaryName: '张红',
      formalMembers: 5,
      probationaryMembers: 1,
      foundedDate: '2020-01-01',
      lastElectionDate: '2025-01-01',
      starRating: 4,
      venueChecklist: ['有场所', '有设施', '有标志', '有党旗', '有书报', '有制度'],
      coveredOrgIds: [org.id],
      ...over,
    });
  };
  /** A case of `year` identified on `date`, with its steps taken in order. */
  const caseWith = async (year: number, date: string, steps: Record<string, unknown>[] = [], name?: string) => {
    const po = await partyOrg(name ? { name } : {});
    const c = await t.call('cases.create', { partyOrgId: po.id, year, date, situations: ['党建工作不力'], problems: '工作不力' });
    for (const s of steps) await t.call('cases.act', { id: c.id, ...s } as Input<'cases.act'>);
    return { po, id: c.id };
  };
  const act = (id: number, input: Record<string, unknown>) => t.raw('cases.act', { id, ...input });
  return { partyOrg, caseWith, act };
}
