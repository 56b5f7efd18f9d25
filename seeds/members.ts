/**
 * The demo county's 党员发展 by year: 2026 is each organization's counts (with 发展对象 and 新发展党员 added),
 * 2025 is derived from it — last year's 预备党员 are this year's new 正式党员, a member now and then moved
 * away, 入党积极分子 drift by one or two. 新发展党员 come a few a year county-wide, more in the larger
 * organizations. Its own PRNG, so the rest of the demo county is drawn exactly as before.
 */
import type { SeedOrg } from '../src/main/core/seed';
import type { SeedMemberYear } from '../src/main/core/services/memberYears';

/** xorshift32: small, deterministic, and not the generator's sequence. */
function xorshift(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

export function buildMemberSeed(orgs: readonly SeedOrg[]): SeedMemberYear[] {
  const rnd = xorshift(0x2025_0611);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const out: SeedMemberYear[] = [];
  for (const o of orgs) {
    if (o.formalMembers + o.probationaryMembers + o.activists === 0) continue;
    // This year's 预备党员 were mostly developed this year; the rest are last year's, not yet due.
    const new26 = o.probationaryMembers > 0 ? int(Math.ceil(o.probationaryMembers / 2), o.probationaryMembers) : 0;
    const candidates26 = Math.min(o.activists, int(0, 1 + Math.floor(o.formalMembers / 15)));
    out.push({
      orgName: o.name,
      year: 2026,
      formal: o.formalMembers,
      probationary: o.probationaryMembers,
      activists: o.activists,
      candidates: candidates26,
      newMembers: new26,
    });
    // Last year's new members: about one in twenty-five 正式党员, so a large organization develops some
    // every year and a small one now and then.
    const new25 = Math.min(o.formalMembers, Math.round((o.formalMembers * rnd() * 2) / 25 + (rnd() < 0.08 ? 1 : 0)));
    const movedAway = o.formalMembers > 5 && rnd() < 0.15 ? 1 : 0;
    const activists25 = o.activists > 0 ? Math.max(0, o.activists + int(-1, 1)) : rnd() < 0.1 ? 1 : 0;
    out.push({
      orgName: o.name,
      year: 2025,
      formal: Math.max(0, o.formalMembers - new25 + movedAway),
      probationary: new25,
      activists: activists25,
      candidates: Math.min(activists25, int(0, 1 + Math.floor(o.formalMembers / 15))),
      newMembers: new25,
    });
  }
  return out;
}
