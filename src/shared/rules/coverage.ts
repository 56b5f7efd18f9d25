/**
 * 两个覆盖 and 应建尽建: how one organization is classified and how a set of them is counted.
 * The overview's figures and an organization's badge both come from here, so they cannot disagree.
 */
import type { CoverageStatus, FormationMethod, OrgStatus } from '../domain/codes';

/** An organization with this many 正式党员 or more must form its own party organization. */
export const SHOULD_BUILD_MIN_MEMBERS = 3;

export interface CoverageFacts {
  status: OrgStatus;
  outOfScope: boolean;
  formalMembers: number;
  /** 组建方式 of the party organization that covers it, or null. */
  coveringMethod: FormationMethod | null;
  /** Instructor assignments active on the day of counting. */
  activeInstructors: number;
}

export function isInScope(f: Pick<CoverageFacts, 'status' | 'outOfScope'>): boolean {
  return f.status === 'normal' && !f.outOfScope;
}

export function classifyCoverage(f: CoverageFacts): CoverageStatus {
  if (!isInScope(f)) return 'out';
  if (f.coveringMethod === 'single') return 'single';
  if (f.coveringMethod) return 'shared';
  if (f.activeInstructors > 0) return 'work';
  return 'none';
}

/** 应建: in scope with 3+ formal members. 应建未建: that, and no 单独组建 party organization. */
export function mustBuild(f: CoverageFacts): boolean {
  return isInScope(f) && f.formalMembers >= SHOULD_BUILD_MIN_MEMBERS;
}

export function isShouldBuildMissing(f: CoverageFacts): boolean {
  return mustBuild(f) && f.coveringMethod !== 'single';
}

export function isActiveOn(a: { fromDate: string; toDate: string | null }, day: string): boolean {
  return a.fromDate <= day && (a.toDate == null || a.toDate >= day);
}

export interface Ratio {
  numerator: number;
  denominator: number;
  /** Percentage with two decimals, or null when the denominator is 0. */
  rate: number | null;
}

export function ratio(numerator: number, denominator: number): Ratio {
  return {
    numerator,
    denominator,
    rate: denominator === 0 ? null : Math.round((numerator / denominator) * 10000) / 100,
  };
}

/** `12 / 40 = 30.00%` — how every rate is shown. */
export function formatRatio(r: Ratio): string {
  return `${r.numerator} / ${r.denominator} = ${r.rate == null ? '—' : `${r.rate.toFixed(2)}%`}`;
}

export interface CoverageCounts {
  /** All organizations, including those out of scope. */
  total: number;
  inScope: number;
  single: number;
  shared: number;
  workOnly: number;
  none: number;
  mustBuild: number;
  mustBuildDone: number;
}

export interface CoverageFigures extends CoverageCounts {
  orgCoverage: Ratio;
  singleRate: Ratio;
  workCoverage: Ratio;
  buildRate: Ratio;
}

export function emptyCounts(): CoverageCounts {
  return { total: 0, inScope: 0, single: 0, shared: 0, workOnly: 0, none: 0, mustBuild: 0, mustBuildDone: 0 };
}

export function addToCounts(c: CoverageCounts, f: CoverageFacts): void {
  c.total++;
  const status = classifyCoverage(f);
  if (status === 'out') return;
  c.inScope++;
  if (status === 'single') c.single++;
  else if (status === 'shared') c.shared++;
  else if (status === 'work') c.workOnly++;
  else c.none++;
  if (mustBuild(f)) {
    c.mustBuild++;
    if (status === 'single') c.mustBuildDone++;
  }
}

/**
 * The four rates of DOMAIN.md: 组织覆盖率, 单独组建率, 工作覆盖率, 应建尽建率.
 *
 * @example figures({ inScope: 10, single: 4, shared: 3, workOnly: 2, none: 1, … }).orgCoverage // 7 / 10 = 70.00%
 */
export function figures(c: CoverageCounts): CoverageFigures {
  const orgCovered = c.single + c.shared;
  return {
    ...c,
    orgCoverage: ratio(orgCovered, c.inScope),
    singleRate: ratio(c.single, c.inScope),
    workCoverage: ratio(orgCovered + c.workOnly, c.inScope),
    buildRate: ratio(c.mustBuildDone, c.mustBuild),
  };
}
