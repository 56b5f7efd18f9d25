import { describe, expect, it } from 'vitest';
import { countFourHundred, type FourHundredOrgFacts, orgMiss, orgTarget, partyOrgMiss } from '../../src/shared/rules/fourHundred';

const org = (over: Partial<FourHundredOrgFacts>): FourHundredOrgFacts => ({
  status: 'normal',
  outOfScope: false,
  formalMembers: 0,
  coveringMethod: null,
  activeInstructors: 0,
  inGrid: false,
  ...over,
});

describe('四个100% rule', () => {
  it('puts each organization in scope under one target by its 正式党员', () => {
    expect(orgTarget(org({ formalMembers: 3 }))).toBe('build');
    expect(orgTarget(org({ formalMembers: 2 }))).toBe('joint');
    expect(orgTarget(org({ formalMembers: 1 }))).toBe('joint');
    expect(orgTarget(org({ formalMembers: 0 }))).toBe('work');
    expect(orgTarget(org({ formalMembers: 9, status: 'suspended' }))).toBeNull();
    expect(orgTarget(org({ outOfScope: true }))).toBeNull();
  });

  it('meets build only by 单独组建, joint only by 联合组建, work by any party work', () => {
    expect(orgMiss(org({ formalMembers: 3, coveringMethod: 'single' }))).toBeNull();
    expect(orgMiss(org({ formalMembers: 3, coveringMethod: 'regional' }))).toBe('有3名正式党员，现由区域化“1+N”党组织覆盖，未单独组建');
    expect(orgMiss(org({ formalMembers: 2, coveringMethod: 'joint' }))).toBeNull();
    expect(orgMiss(org({ formalMembers: 2, activeInstructors: 1 }))).toBe('有2名正式党员，未纳入联合党组织');
    expect(orgMiss(org({ inGrid: true }))).toBeNull();
    expect(orgMiss(org({ activeInstructors: 1 }))).toBeNull();
    expect(orgMiss(org({ coveringMethod: 'attached' }))).toBeNull();
    expect(orgMiss(org({}))).toBe('无正式党员，未选派指导员，也未纳入1+N网格');
  });

  it('counts 星级管理 over the 单独组建 party organizations only', () => {
    expect(partyOrgMiss({ method: 'single', rated: false }, 2026)).toBe('单独组建，2026年度未评定星级');
    expect(partyOrgMiss({ method: 'joint', rated: false }, 2026)).toBeNull();
    const r = countFourHundred(
      [
        org({ formalMembers: 4, coveringMethod: 'single' }),
        org({ formalMembers: 5 }),
        org({ formalMembers: 1 }),
        org({ outOfScope: true }),
      ],
      [
        { method: 'single', rated: true },
        { method: 'single', rated: false },
        { method: 'single', rated: true },
        { method: 'joint', rated: false },
      ],
      2026,
    );
    expect(r).toEqual({
      build: { n: 1, d: 2, rate: 50 },
      rated: { n: 2, d: 3, rate: 66.67 },
      joint: { n: 0, d: 1, rate: 0 },
      work: { n: 0, d: 0, rate: null },
    });
  });
});
