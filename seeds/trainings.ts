/**
 * The demo county's 培训班 for 2025 and 2026 (2026 up to the end of June, the tests' clock): the
 * 旗委组织部's own classes — 业主培训班 (2025: 4期、220人次, as the county reports quote), 书记 and
 * 党务工作者 示范培训, 入党积极分子 and 指导员 classes — and each region's classes for its 书记, 党员 and
 * 积极分子. Some classes name attendees: the 书记 of the region's party organizations, instructors,
 * and owners by name and company. Its own PRNG, so the rest of the demo is drawn as before.
 */
import type { SeedInstructor, SeedPartyOrg, SeedRegion } from '../src/main/core/seed';
import type { SeedTraining } from '../src/main/core/services/trainings';
import type { TrainingTarget } from '../src/shared/domain/trainingCodes';

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

const rnd = mulberry32(0x7a1a);
const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
const p2 = (n: number) => String(n).padStart(2, '0');

interface Plan {
  month: number;
  days: number;
  topic: string;
  target: TrainingTarget;
  sessions: number;
  attendances: number;
  place: string;
}

/** The county's own classes; the 2026 list stops at June. */
const COUNTY: Record<number, Plan[]> = {
  2025: [
    { month: 3, days: 3, topic: '非公企业业主（出资人）培训班', target: 'owner', sessions: 2, attendances: 112, place: '旗委党校' },
    { month: 4, days: 2, topic: '两新组织党组织书记示范培训班', target: 'secretary', sessions: 1, attendances: 86, place: '旗委党校' },
    { month: 5, days: 2, topic: '两新组织党务工作者示范培训班', target: 'party_worker', sessions: 1, attendances: 64, place: '旗委党校' },
    { month: 6, days: 1, topic: '党建工作指导员业务培训', target: 'instructor', sessions: 1, attendances: 28, place: '旗委组织部会议室' },
    {
      month: 9,
      days: 3,
      topic: '非公企业业主（出资人）培训班',
      target: 'owner',
      sessions: 2,
      attendances: 108,
      place: '青山经济技术开发区党群服务中心',
    },
    { month: 10, days: 3, topic: '两新组织入党积极分子培训班', target: 'activist', sessions: 1, attendances: 72, place: '旗委党校' },
    {
      month: 11,
      days: 1,
      topic: '学习贯彻党的二十届四中全会精神专题培训',
      target: 'member',
      sessions: 1,
      attendances: 150,
      place: '旗会展中心',
    },
  ],
  2026: [
    { month: 3, days: 3, topic: '非公企业业主（出资人）培训班', target: 'owner', sessions: 1, attendances: 58, place: '旗委党校' },
    { month: 4, days: 2, topic: '两新组织党组织书记示范培训班', target: 'secretary', sessions: 1, attendances: 90, place: '旗委党校' },
    { month: 5, days: 2, topic: '两新组织党务工作者示范培训班', target: 'party_worker', sessions: 1, attendances: 60, place: '旗委党校' },
    { month: 6, days: 1, topic: '党建工作指导员业务培训', target: 'instructor', sessions: 1, attendances: 28, place: '旗委组织部会议室' },
  ],
};

/** What a region holds for its own people, by the kind of region. */
const LOCAL: { topic: string; target: TrainingTarget; months: number[] }[] = [
  { topic: '党组织书记轮训', target: 'secretary', months: [3, 8] },
  { topic: '党员集中培训', target: 'member', months: [5, 11] },
  { topic: '入党积极分子培训', target: 'activist', months: [6] },
];

const OWNERS = ['王志强', '刘建军', '张丽华', '李春生', '赵玉梅', '陈国栋', '孙海涛', '周桂兰'];

export function buildTrainingSeed(regions: SeedRegion[], partyOrgs: SeedPartyOrg[], instructors: SeedInstructor[]): SeedTraining[] {
  const out: SeedTraining[] = [];
  const secretariesIn = (region: string | null) =>
    partyOrgs.filter((p) => p.secretaryName && (region == null || p.regionName === region)).map((p) => p.name);
  for (const year of [2025, 2026]) {
    for (const c of COUNTY[year] ?? []) {
      const start = `${year}-${p2(c.month)}-${p2(int(8, 20))}`;
      const end = `${start.slice(0, 8)}${p2(Number(start.slice(8)) + c.days - 1)}`;
      const attendees: SeedTraining['attendees'] = [];
      if (c.target === 'secretary' || c.target === 'party_worker') {
        const names = secretariesIn(null);
        const from = int(0, Math.max(0, names.length - 6));
        for (const n of names.slice(from, from + int(3, 5))) attendees.push({ partyOrgName: n });
      }
      if (c.target === 'instructor') {
        for (const t of instructors.slice(int(0, 4), int(8, 12))) attendees.push({ instructorName: t.name });
      }
      if (c.target === 'owner') {
        const companies = partyOrgs.flatMap((p) => /^中共(.+公司)/.exec(p.name)?.[1] ?? []);
        const first = int(0, companies.length - 3);
        for (const [i, unit] of companies.slice(first, first + 3).entries()) {
          attendees.push({ name: OWNERS[(first + i) % OWNERS.length] as string, unit });
        }
      }
      out.push({
        startDate: start,
        endDate: end,
        topic: `${year}年${c.topic}`,
        target: c.target,
        organizer: '中共青山旗委组织部',
        regionName: null,
        place: c.place,
        sessions: c.sessions,
        attendances: c.attendances,
        remarks: null,
        attendees,
      });
    }
    for (const r of regions) {
      const kind = r.kind === 'subdistrict' ? '党工委' : r.kind === 'park' ? '党工委' : '党委';
      for (const l of LOCAL) {
        for (const month of l.months) {
          if (year === 2026 && month > 6) continue;
          // Not every region holds every class every year.
          if (rnd() < 0.3) continue;
          const day = int(5, 25);
          const start = `${year}-${p2(month)}-${p2(day)}`;
          const names = secretariesIn(r.name);
          const attendees: SeedTraining['attendees'] =
            l.target === 'secretary' ? names.slice(0, int(2, Math.min(6, names.length))).map((n) => ({ partyOrgName: n })) : [];
          out.push({
            startDate: start,
            endDate: l.target === 'secretary' ? `${start.slice(0, 8)}${p2(day + 1)}` : start,
            topic: `${r.name}${year}年${l.topic}`,
            target: l.target,
            organizer: `${r.name}${kind}`,
            regionName: r.name,
            place: `${r.name}党群服务中心`,
            sessions: 1,
            attendances: Math.max(attendees.length, int(l.target === 'member' ? 40 : 12, l.target === 'member' ? 120 : 45)),
            remarks: null,
            attendees,
          });
        }
      }
    }
  }
  return out.sort((a, b) => a.startDate.localeCompare(b.startDate));
}
