/**
 * The demo county's 示范点与品牌 (2025 and 2026 designations: county ones for the best-rated party
 * organizations, two raised to 市级 in 2026 as new rows, one 摘牌), the details of every 工会 / 共青团 /
 * 妇联 already ticked on its organization, and the social organizations' 2025 and 2026 年检 (the latest
 * year's result equal to the organization's 年检 result, so nothing else in the demo changes).
 * Deterministic, with its own PRNG: the main generator's sequence is not touched.
 */
import type { SeedOrg, SeedPartyOrg } from '../src/main/core/seed';
import type { SeedInspection, SeedMassOrg, SeedModelSite } from '../src/main/core/services/sitesSeed';
import type { AnnualCheck } from '../src/shared/domain/codes';
import type { MassOrgKind, PartyReview } from '../src/shared/domain/siteCodes';

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

const rnd = mulberry32(0x5173_2026);
const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
const chance = (p: number) => rnd() < p;
const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)] as T;

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭田于董袁白包吕任姜崔范贾孟'.split('');
const GIVEN =
  '丽华 秀英 桂兰 玉梅 晓东 春燕 红梅 立新 淑芬 金花 静 敏 丹 霞 燕 颖 凤英 红霞 晓燕 玉华 婷婷 海军 建军 志刚 文博 宇航 思远 佳琪'.split(
    ' ',
  );
const person = () => pick(SURNAMES) + pick(GIVEN);

const BRANDS = [
  '红色引擎',
  '红心向党·服务为民',
  '党建+生产',
  '红色驿站',
  '先锋工匠',
  '匠心筑梦',
  '红帆领航',
  '党群连心桥',
  '初心课堂',
  '暖心家园',
  '草原红石榴',
  '红色物业',
  '流动党员之家',
  '商会红色联盟',
];

function modelSites(partyOrgs: SeedPartyOrg[]): SeedModelSite[] {
  const rated = partyOrgs.filter((p) => (p.starRating ?? 0) >= 4);
  const out: SeedModelSite[] = [];
  let doc2025 = 10;
  let doc2026 = 6;
  const first = rated.slice(0, 12);
  for (const [i, p] of first.entries()) {
    out.push({
      partyOrgName: p.name,
      level: 'county',
      year: 2025,
      brandName: chance(0.65) ? (BRANDS[i % BRANDS.length] as string) : null,
      fiveStar: p.starRating === 5,
      revokedYear: null,
      documentNo: `青组发〔2025〕${doc2025++}号`,
      remarks: null,
    });
  }
  // 2026: two of them named 市级 (new rows, the county designation kept), one 摘牌, new county ones.
  for (const p of first.filter((x) => x.starRating === 5).slice(0, 2)) {
    out.push({
      partyOrgName: p.name,
      level: 'city',
      year: 2026,
      brandName: out.find((m) => m.partyOrgName === p.name)?.brandName ?? '红色引擎',
      fiveStar: true,
      revokedYear: null,
      documentNo: '市组发〔2026〕8号',
      remarks: '由县级示范点推荐命名',
    });
  }
  const revoked = [...out].reverse().find((m) => m.level === 'county' && !m.fiveStar);
  if (revoked) {
    revoked.revokedYear = 2026;
    revoked.remarks = '2026年度星级复评未达标，予以摘牌';
  }
  for (const [i, p] of rated.slice(12, 18).entries()) {
    out.push({
      partyOrgName: p.name,
      level: 'county',
      year: 2026,
      brandName: chance(0.5) ? (BRANDS[(i + 12) % BRANDS.length] as string) : null,
      fiveStar: p.starRating === 5 || chance(0.3),
      revokedYear: null,
      documentNo: `青组发〔2026〕${doc2026++}号`,
      remarks: null,
    });
  }
  return out;
}

const SHARE: Record<MassOrgKind, [number, number]> = { union: [0.6, 0.95], youth: [0.12, 0.35], women: [0.2, 0.45] };

function massOrgs(orgs: SeedOrg[]): SeedMassOrg[] {
  const out: SeedMassOrg[] = [];
  for (const o of orgs) {
    const kinds: [MassOrgKind, boolean][] = [
      ['union', o.hasUnion],
      ['youth', o.hasYouthLeague],
      ['women', o.hasWomenFederation],
    ];
    for (const [kind, present] of kinds) {
      if (!present) continue;
      const [lo, hi] = SHARE[kind];
      const members = Math.max(3, Math.round(o.employees * (lo + rnd() * (hi - lo))));
      out.push({
        orgRef: o.ref,
        kind,
        foundedDate: `${int(2010, 2025)}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`,
        // A few founding records never gave a count.
        members: chance(0.08) ? null : members,
        chair: person(),
      });
    }
  }
  return out;
}

const RESULTS: [AnnualCheck, number][] = [
  ['pass', 74],
  ['basic', 14],
  ['fail', 4],
  ['absent', 5],
];
function weightedResult(): AnnualCheck {
  let r = rnd() * RESULTS.reduce((n, [, w]) => n + w, 0);
  for (const [code, w] of RESULTS) {
    r -= w;
    if (r < 0) return code;
  }
  return 'pass';
}
function review(result: AnnualCheck): PartyReview {
  if (result === 'absent') return 'na';
  if (result === 'fail' || (result === 'basic' && chance(0.5))) return 'rectify';
  return chance(0.06) ? 'na' : 'pass';
}

function inspections(orgs: SeedOrg[]): SeedInspection[] {
  const out: SeedInspection[] = [];
  for (const o of orgs) {
    if (o.category !== 'social' || o.annualCheck == null) continue;
    // About a quarter have no 2026 年检 yet: their 2025 result is the organization's current one.
    const has2026 = chance(0.75);
    const y2025 = has2026 ? weightedResult() : o.annualCheck;
    out.push({
      orgRef: o.ref,
      year: 2025,
      result: y2025,
      partyReview: review(y2025),
      remarks: y2025 === 'fail' ? '未按时报送年度工作报告' : null,
    });
    if (has2026) {
      out.push({
        orgRef: o.ref,
        year: 2026,
        result: o.annualCheck,
        partyReview: review(o.annualCheck),
        remarks: o.annualCheck === 'absent' ? '经催告仍未参加年检' : null,
      });
    }
  }
  return out;
}

export function buildSiteSeed(
  orgs: SeedOrg[],
  partyOrgs: SeedPartyOrg[],
): { modelSites: SeedModelSite[]; massOrgs: SeedMassOrg[]; inspections: SeedInspection[] } {
  return { modelSites: modelSites(partyOrgs), massOrgs: massOrgs(orgs), inspections: inspections(orgs) };
}
