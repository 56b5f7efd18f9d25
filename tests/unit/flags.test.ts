import { describe, expect, it } from 'vitest';
import { type OrgFlagFacts, orgFlags, usccKindWarning } from '../../src/shared/rules/orgFlags';
import { electionDue, type PartyOrgFlagFacts, partyOrgFlags } from '../../src/shared/rules/partyOrgFlags';
import { usccCheckChar } from '../../src/shared/rules/uscc';

const TODAY = '2026-06-30';
const code = (first17: string) => first17 + usccCheckChar(first17);
const COMPANY = code('91150499MA0000001');
const INDIVIDUAL = code('92150499MA0000002');

const orgBase: OrgFlagFacts = {
  status: 'normal',
  outOfScope: false,
  formalMembers: 0,
  coveringMethod: null,
  activeInstructors: 0,
  category: 'nonpublic',
  subtype: 'company',
  uscc: COMPANY,
  noPartyReason: '无党员',
  plannedBuildDate: null,
};
const codes = (f: Partial<OrgFlagFacts>) => orgFlags({ ...orgBase, ...f }, TODAY).map((h) => h.code);

describe('organization flags', () => {
  it('a covered organization with a good code has none', () => {
    expect(codes({ coveringMethod: 'joint', formalMembers: 1 })).toEqual([]);
  });

  it('应建未建 with the reason naming the member count', () => {
    const hits = orgFlags({ ...orgBase, formalMembers: 4, coveringMethod: 'joint' }, TODAY);
    expect(hits).toEqual([{ code: 'should_build', reason: '有正式党员4名（3名以上应单独组建），尚未单独组建党组织' }]);
  });

  it('未覆盖 when neither a party organization nor an instructor', () => {
    expect(codes({})).toEqual(['uncovered']);
    expect(codes({ activeInstructors: 1 })).toEqual([]);
  });

  it('1–2 members outside any party organization', () => {
    expect(codes({ formalMembers: 2, activeInstructors: 1 })).toEqual(['members_unorganized']);
  });

  it('拟建时间 passed and 未建原因 missing', () => {
    expect(codes({ activeInstructors: 1, plannedBuildDate: '2026-06-29' })).toEqual(['planned_overdue']);
    expect(codes({ activeInstructors: 1, plannedBuildDate: '2026-06-30' })).toEqual([]);
    expect(codes({ activeInstructors: 1, noPartyReason: ' ' })).toEqual(['no_reason']);
  });

  it('a bad code is flagged; a code of another kind is a warning flag', () => {
    expect(codes({ coveringMethod: 'joint', uscc: `${COMPANY.slice(0, 17)}${COMPANY[17] === '0' ? '1' : '0'}` })).toEqual(['uscc_invalid']);
    expect(codes({ coveringMethod: 'joint', uscc: INDIVIDUAL })).toEqual(['uscc_kind_mismatch']);
  });

  it('out-of-scope organizations raise no coverage flags', () => {
    expect(codes({ status: 'cancelled', formalMembers: 5 })).toEqual([]);
  });
});

describe('USCC kind against the chosen sub-type', () => {
  it('warns in Chinese when they disagree, says nothing when they agree', () => {
    expect(usccKindWarning(INDIVIDUAL, 'company')).toBe('代码前两位“92”表示个体工商户，与所选类型“非公企业（公司）”不一致，请核实');
    expect(usccKindWarning(COMPANY, 'company')).toBeNull();
    expect(usccKindWarning(INDIVIDUAL, 'individual')).toBeNull();
    expect(usccKindWarning(code('52150499MJ0000003'), 'private_school')).toBeNull();
    expect(usccKindWarning(code('52150499MJ0000003'), 'company')).not.toBeNull();
    expect(usccKindWarning(COMPANY, 'foundation')).not.toBeNull();
  });
});

const poBase: PartyOrgFlagFacts = {
  type: 'branch',
  formalMembers: 5,
  probationaryMembers: 0,
  secretaryName: '张红',
  committeeMembers: null,
  foundedDate: '2020-01-01',
  lastElectionDate: '2024-05-01',
  termYears: 3,
};
const poCodes = (f: Partial<PartyOrgFlagFacts>) => partyOrgFlags({ ...poBase, ...f }, TODAY).map((h) => h.code);

describe('party organization flags', () => {
  it('a sound branch has none', () => {
    expect(poCodes({})).toEqual([]);
  });

  it('换届逾期: last election plus term in the past; the default term is 3 years, 5 for a 党委', () => {
    expect(poCodes({ lastElectionDate: '2023-06-29' })).toEqual(['election_overdue']);
    expect(poCodes({ lastElectionDate: '2023-06-30' })).toEqual(['election_due3']);
    expect(poCodes({ lastElectionDate: '2023-06-29', termYears: null })).toEqual(['election_overdue']);
    expect(poCodes({ type: 'committee', lastElectionDate: '2022-01-01', termYears: null })).toEqual([]);
    expect(electionDue({ ...poBase, type: 'committee', lastElectionDate: '2022-01-01', termYears: null })).toBe('2027-01-01');
    expect(poCodes({ lastElectionDate: null, foundedDate: '2021-01-01' })).toEqual(['election_overdue']);
  });

  it('换届 ahead of time: due within 3 months, or within 6 months but not 3', () => {
    expect(poCodes({ lastElectionDate: '2023-09-30' })).toEqual(['election_due3']);
    expect(poCodes({ lastElectionDate: '2023-10-01' })).toEqual(['election_due6']);
    expect(poCodes({ lastElectionDate: '2023-12-30' })).toEqual(['election_due6']);
    expect(poCodes({ lastElectionDate: '2023-12-31' })).toEqual([]);
    expect(partyOrgFlags({ ...poBase, lastElectionDate: '2023-08-09' }, TODAY)).toEqual([
      { code: 'election_due3', reason: '应于2026-08-09前换届，还有40天' },
    ]);
    expect(partyOrgFlags({ ...poBase, lastElectionDate: '2023-06-30' }, TODAY)[0]?.reason).toBe('应于2026-06-30前换届，今天到期');
  });

  it('支部 over 50 members → 总支, over 100 → 党委, counting 预备党员', () => {
    expect(poCodes({ formalMembers: 50, committeeMembers: '李明、王芳' })).toEqual([]);
    expect(poCodes({ formalMembers: 48, probationaryMembers: 3 })).toEqual(['should_be_general_branch']);
    expect(poCodes({ formalMembers: 101 })).toEqual(['should_be_committee']);
    expect(poCodes({ type: 'general_branch', formalMembers: 101 })).toEqual(['should_be_committee']);
    expect(poCodes({ type: 'committee', formalMembers: 300 })).toEqual([]);
  });

  it('书记空缺 and a 支部 of 7+ members without a 支委会', () => {
    expect(poCodes({ secretaryName: null })).toEqual(['secretary_vacant']);
    expect(poCodes({ formalMembers: 7 })).toEqual(['needs_branch_committee']);
    expect(poCodes({ formalMembers: 7, committeeMembers: '李明、王芳' })).toEqual([]);
  });

  it('each flag comes with a Chinese reason', () => {
    const hits = partyOrgFlags({ ...poBase, secretaryName: '', lastElectionDate: '2020-03-01', formalMembers: 120 }, TODAY);
    expect(hits.map((h) => h.reason)).toEqual([
      '上次换届2020-03-01，任期3年，应于2023-03-01前换届',
      '党员120名，超过100名，应设立党委',
      '未配备党组织书记',
    ]);
  });
});
