import { describe, expect, it } from 'vitest';
import { FORMATION_METHODS } from '../../src/shared/domain/codes';
import {
  addToCounts,
  type CoverageFacts,
  classifyCoverage,
  emptyCounts,
  figures,
  formatRatio,
  isActiveOn,
  isShouldBuildMissing,
  mustBuild,
  ratio,
} from '../../src/shared/rules/coverage';

const base: CoverageFacts = { status: 'normal', outOfScope: false, formalMembers: 0, coveringMethod: null, activeInstructors: 0 };
const org = (f: Partial<CoverageFacts>): CoverageFacts => ({ ...base, ...f });

describe('coverage of one organization', () => {
  it.each(FORMATION_METHODS.map((m) => [m.code, m.code === 'single' ? 'single' : 'shared'] as const))(
    'covered by a party organization formed by %s → %s, with or without instructors',
    (method, expected) => {
      expect(classifyCoverage(org({ coveringMethod: method }))).toBe(expected);
      expect(classifyCoverage(org({ coveringMethod: method, activeInstructors: 2 }))).toBe(expected);
    },
  );

  it('no party organization but an active instructor → 仅工作覆盖', () => {
    expect(classifyCoverage(org({ activeInstructors: 1 }))).toBe('work');
  });

  it('neither → 未覆盖', () => {
    expect(classifyCoverage(org({}))).toBe('none');
    expect(classifyCoverage(org({ formalMembers: 5 }))).toBe('none');
  });

  it.each(['cancelled', 'revoked', 'suspended'] as const)('status %s is out of scope whatever covers it', (status) => {
    expect(classifyCoverage(org({ status, coveringMethod: 'single' }))).toBe('out');
  });

  it('an organization the clerk marked out of scope (空壳, 重复) is not counted', () => {
    expect(classifyCoverage(org({ outOfScope: true, activeInstructors: 1 }))).toBe('out');
  });

  it('an assignment is active from its first day through its last', () => {
    expect(isActiveOn({ fromDate: '2025-01-01', toDate: null }, '2025-01-01')).toBe(true);
    expect(isActiveOn({ fromDate: '2025-01-01', toDate: '2025-06-30' }, '2025-06-30')).toBe(true);
    expect(isActiveOn({ fromDate: '2025-01-01', toDate: '2025-06-30' }, '2025-07-01')).toBe(false);
    expect(isActiveOn({ fromDate: '2025-01-02', toDate: null }, '2025-01-01')).toBe(false);
  });
});

describe('应建尽建: 3 or more formal members must form their own party organization', () => {
  it.each([
    [0, false],
    [1, false],
    [2, false],
    [3, true],
    [40, true],
  ])('%i formal members → 应建 %s', (n, expected) => {
    expect(mustBuild(org({ formalMembers: n }))).toBe(expected);
  });

  it('应建未建 until covered by a 单独组建 party organization; a joint one does not count', () => {
    expect(isShouldBuildMissing(org({ formalMembers: 3 }))).toBe(true);
    expect(isShouldBuildMissing(org({ formalMembers: 3, coveringMethod: 'joint' }))).toBe(true);
    expect(isShouldBuildMissing(org({ formalMembers: 3, coveringMethod: 'single' }))).toBe(false);
    expect(isShouldBuildMissing(org({ formalMembers: 2 }))).toBe(false);
    expect(isShouldBuildMissing(org({ formalMembers: 9, status: 'cancelled' }))).toBe(false);
  });
});

describe('rates, each with numerator and denominator', () => {
  it('counts a hand-made county exactly', () => {
    const c = emptyCounts();
    const orgs: CoverageFacts[] = [
      org({ formalMembers: 5, coveringMethod: 'single' }),
      org({ formalMembers: 3, coveringMethod: 'single' }),
      org({ formalMembers: 4, coveringMethod: 'joint' }), // 应建未建
      org({ formalMembers: 1, coveringMethod: 'joint' }),
      org({ formalMembers: 0, coveringMethod: 'regional' }),
      org({ formalMembers: 0, activeInstructors: 1 }),
      org({ formalMembers: 3 }), // 应建未建, 未覆盖
      org({ formalMembers: 0 }),
      org({ formalMembers: 6, status: 'cancelled' }), // out of scope
      org({ outOfScope: true }),
    ];
    for (const o of orgs) addToCounts(c, o);
    const f = figures(c);
    expect(f).toMatchObject({ total: 10, inScope: 8, single: 2, shared: 3, workOnly: 1, none: 2, mustBuild: 4, mustBuildDone: 2 });
    expect(formatRatio(f.orgCoverage)).toBe('5 / 8 = 62.50%');
    expect(formatRatio(f.workCoverage)).toBe('6 / 8 = 75.00%');
    expect(formatRatio(f.singleRate)).toBe('2 / 8 = 25.00%');
    expect(formatRatio(f.buildRate)).toBe('2 / 4 = 50.00%');
  });

  it('an empty denominator shows a dash, not NaN', () => {
    expect(ratio(0, 0)).toEqual({ numerator: 0, denominator: 0, rate: null });
    expect(formatRatio(ratio(0, 0))).toBe('0 / 0 = —');
    expect(formatRatio(ratio(1, 3))).toBe('1 / 3 = 33.33%');
  });
});
