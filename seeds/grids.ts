/**
 * The demo county's 1+N 网格: each 区域党支部 divides the organizations it covers and its region's
 * organizations with no party organization into 2–4 grids. Most grids have an instructor from among
 * those already sent to the region and have handed out the 服务联系卡 (in 2025 or 2026); some have not,
 * so the “四个一” check shows gaps. Its own random sequence: the rest of the demo does not move.
 */
import type { SeedInstructor, SeedOrg, SeedPartyOrg } from '../src/main/core/seed';
import type { SeedGrid } from '../src/main/core/services/grids';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NUMBERED = ['第一网格', '第二网格', '第三网格', '第四网格'];
const QUARTERS = ['东片网格', '西片网格', '南片网格', '北片网格'];

export function buildGridSeed(orgs: SeedOrg[], partyOrgs: SeedPartyOrg[], instructors: SeedInstructor[]): SeedGrid[] {
  const rnd = mulberry32(0x1a9e1d);
  const chance = (p: number) => rnd() < p;
  const shuffle = <T>(a: T[]): T[] => {
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [a[i], a[j]] = [a[j] as T, a[i] as T];
    }
    return a;
  };
  const day = (from: string, to: string) => {
    const a = Date.parse(from);
    return new Date(a + Math.floor(rnd() * ((Date.parse(to) - a) / 86_400_000 + 1)) * 86_400_000).toISOString().slice(0, 10);
  };
  const covered = new Set(partyOrgs.flatMap((p) => p.coveredOrgRefs));
  const grids: SeedGrid[] = [];
  const branches = partyOrgs.filter((p) => p.method === 'regional');
  branches.forEach((branch, bi) => {
    const pool = shuffle(
      orgs.filter(
        (o) =>
          o.regionName === branch.regionName && (branch.coveredOrgRefs.includes(o.ref) || (!covered.has(o.ref) && o.status === 'normal')),
      ),
    );
    const refsHere = new Set(pool.map((o) => o.ref));
    // Instructors already sent to the region's organizations know them best.
    const local = instructors.filter((t) => t.assignments.some((a) => a.toDate == null && refsHere.has(a.orgRef)));
    const county = instructors.filter((t) => t.unit === '青山旗委组织部');
    const k = pool.length <= 6 ? 2 : pool.length <= 15 ? 3 : 4;
    const names = bi % 2 === 0 ? NUMBERED : QUARTERS;
    for (let g = 0; g < k; g++) {
      const members = pool.filter((_, i) => i % k === g);
      // The first branch meets every grid check; the third and the sixth lack an instructor or cards in places.
      const complete = bi === 0 || (bi % 3 !== 2 && chance(0.75));
      const from = local.length && chance(0.7) ? local : county;
      const instructor = complete || chance(0.5) ? (from[Math.floor(rnd() * from.length)] ?? null) : null;
      const cards = complete || (instructor != null && chance(0.4));
      grids.push({
        partyOrgName: branch.name,
        name: names[g] as string,
        instructor: instructor && { name: instructor.name, unit: instructor.unit },
        contactCards: cards,
        contactCardsDate: cards ? day('2025-03-01', '2026-05-31') : null,
        remarks: members.length === 0 ? '网格内暂无两新组织，待新设立组织划入' : null,
        orgRefs: members.map((o) => o.ref),
      });
    }
  });
  return grids;
}
