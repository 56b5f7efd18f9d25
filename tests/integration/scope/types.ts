/**
 * The 乡镇经办 scope cases of issue #14: one per channel a 乡镇经办 may call, each calling it aimed at
 * another region's records and checking that nothing of them comes back. township-scope.test.ts runs
 * them all on the demo county and checks that no write channel wrote anything.
 */
import type { Ctx } from '../../../src/main/core/context';
import type { Caller, TestLedger } from '../fixture';

export interface ScopeSetup {
  t: TestLedger;
  ctx: Ctx;
  /** The 乡镇经办's one region, and another region with records of every kind. */
  mine: number;
  other: number;
  /** Signed in as the 乡镇经办 of `mine`. */
  township: Caller;
  /** Signed in as the 县级经办 (sees everything): to find the other region's ids. */
  county: Caller;
}

/** Runs the channel as the 乡镇经办 against the other region and makes its own expectations. */
export type ScopeCase = (s: ScopeSetup) => Promise<void>;
