/**
 * 四个100% (克什克腾旗's targets), over the organizations in scope:
 * - build: every organization with 3+ 正式党员 has its own (单独组建) party organization;
 * - rated: every 单独组建 party organization is under 星级管理 (rated in the year counted);
 * - joint: every organization with one or two 正式党员 is in a 联合 party organization;
 * - work: every organization with no 正式党员 is covered by party work — a party organization covering it,
 *   an instructor assigned on the day, or a 1+N grid.
 * Each target has its own denominator; the overview and the miss lists both come from here.
 */

import type { OrgStatus } from '../domain/codes';
import { FORMATION_METHODS, type FormationMethod, labelOf } from '../domain/codes';
import type { FourHundredKey } from '../domain/fourHundredCodes';
import { isInScope, SHOULD_BUILD_MIN_MEMBERS } from './coverage';

export interface FourHundredOrgFacts {
  status: OrgStatus;
  outOfScope: boolean;
  formalMembers: number;
  /** 组建方式 of the party organization that covers it, or null. */
  coveringMethod: FormationMethod | null;
  activeInstructors: number;
  /** In a live 1+N grid. */
  inGrid: boolean;
}

export interface FourHundredPartyOrgFacts {
  method: FormationMethod;
  /** Has a star rating for the year counted. */
  rated: boolean;
}

export interface FourHundredRate {
  n: number;
  d: number;
  /** Percentage with two decimals; null when nothing is to be counted (d = 0). */
  rate: number | null;
}

export type FourHundred = Record<FourHundredKey, FourHundredRate>;

/** Which of the organization targets counts this organization (by its 正式党员), or null when out of scope. */
export function orgTarget(o: FourHundredOrgFacts): Exclude<FourHundredKey, 'rated'> | null {
  if (!isInScope(o)) return null;
  if (o.formalMembers >= SHOULD_BUILD_MIN_MEMBERS) return 'build';
  if (o.formalMembers > 0) return 'joint';
  return 'work';
}

/** Why an organization misses its target, in the clerk's words; null when it meets it or is not counted. */
export function orgMiss(o: FourHundredOrgFacts): string | null {
  const method = o.coveringMethod ? labelOf(FORMATION_METHODS, o.coveringMethod) : null;
  switch (orgTarget(o)) {
    case 'build':
      if (o.coveringMethod === 'single') return null;
      return method
        ? `有${o.formalMembers}名正式党员，现由${method}党组织覆盖，未单独组建`
        : `有${o.formalMembers}名正式党员，尚未建立党组织`;
    case 'joint':
      if (o.coveringMethod === 'joint') return null;
      return method
        ? `有${o.formalMembers}名正式党员，现由${method}党组织覆盖，未纳入联合党组织`
        : `有${o.formalMembers}名正式党员，未纳入联合党组织`;
    case 'work':
      if (o.coveringMethod || o.activeInstructors > 0 || o.inGrid) return null;
      return '无正式党员，未选派指导员，也未纳入1+N网格';
    default:
      return null;
  }
}

/** Why a party organization misses 星级管理; null when it is rated or not 单独组建. */
export function partyOrgMiss(p: FourHundredPartyOrgFacts, year: number): string | null {
  if (p.method !== 'single' || p.rated) return null;
  return `单独组建，${year}年度未评定星级`;
}

function rate(n: number, d: number): FourHundredRate {
  return { n, d, rate: d === 0 ? null : Math.round((n / d) * 10000) / 100 };
}

/**
 * @example countFourHundred([{ status: 'normal', outOfScope: false, formalMembers: 4, coveringMethod: 'single', … }], [], 2026).build
 *   // { n: 1, d: 1, rate: 100 }
 */
export function countFourHundred(
  orgs: Iterable<FourHundredOrgFacts>,
  partyOrgs: Iterable<FourHundredPartyOrgFacts>,
  year: number,
): FourHundred {
  const n = { build: 0, rated: 0, joint: 0, work: 0 };
  const d = { build: 0, rated: 0, joint: 0, work: 0 };
  for (const o of orgs) {
    const target = orgTarget(o);
    if (!target) continue;
    d[target]++;
    if (orgMiss(o) == null) n[target]++;
  }
  for (const p of partyOrgs) {
    if (p.method !== 'single') continue;
    d.rated++;
    if (partyOrgMiss(p, year) == null) n.rated++;
  }
  return { build: rate(n.build, d.build), rated: rate(n.rated, d.rated), joint: rate(n.joint, d.joint), work: rate(n.work, d.work) };
}
