/**
 * The demo county's 经费 for 2025 and 2026: each party organization's yearly amounts by source (drawn by
 * generate.ts where the old undated amounts were) made into dated payments the way counties pay them —
 * 党费返还 once a year, 上级补充 and 财政补贴 under a document number, 企业列支 in instalments, 启动经费
 * for a branch founded that year, and 书记补助 for the 1+N regional branches by the half-year. Its own
 * random sequence, so nothing else in the demo changes. 2026 stops at the tests' day (2026-06-30).
 */
import type { SeedFunding } from '../src/main/core/services/funding';
import type { FormationMethod } from '../src/shared/domain/codes';

/** A year's funding by source, in 分. */
export interface YearlyFunding {
  superior: number;
  duesReturn: number;
  unit: number;
  fiscal: number;
}

interface FundedPartyOrg {
  name: string;
  method: FormationMethod;
  foundedDate: string | null;
  funding: YearlyFunding;
}

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

const LAST_DAY = '2026-06-30';
/** 书记补助 of a 1+N regional branch's secretary, per month, in 元. */
const ALLOWANCE_PER_MONTH = 300;

export function buildFundingSeed(partyOrgs: FundedPartyOrg[]): SeedFunding[] {
  const rnd = mulberry32(0x4655_4e44);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const chance = (p: number) => rnd() < p;
  const day = (year: number, fromMonth: number, toMonth: number) => {
    const m = int(fromMonth, toMonth);
    return `${year}-${String(m).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`;
  };
  /** 2025 was a little leaner than 2026; amounts kept to whole 100元 as budgets are. */
  const ofYear = (fen: number, year: number) =>
    year === 2026 ? fen : Math.max(10_000, Math.round((fen * int(75, 100)) / 100 / 10_000) * 10_000);
  const yuan = (fen: number) => fen / 100;
  const docNo = { superior: 0, fiscal: 0 };
  const superiorDoc = (year: number) => `青组通〔${year}〕${(docNo.superior++ % 40) + 3}号`;
  const fiscalDoc = (year: number) => `青财行〔${year}〕${(docNo.fiscal++ % 30) + 11}号`;

  const out: SeedFunding[] = [];
  for (const p of partyOrgs) {
    const f = p.funding;
    for (const year of [2025, 2026]) {
      const add = (r: Omit<SeedFunding, 'partyOrgName'>) => {
        if (r.date <= LAST_DAY) out.push({ partyOrgName: p.name, ...r });
      };
      if (f.duesReturn > 0) {
        add({
          source: 'dues_return',
          fundKind: 'dues_return',
          amount: yuan(ofYear(f.duesReturn, year)),
          date: day(year, 3, 5),
          period: null,
          documentNo: null,
          remarks: `按${year - 1}年度党费收缴额返还`,
        });
      }
      if (f.superior > 0) {
        add({
          source: 'superior',
          fundKind: 'activity',
          amount: yuan(ofYear(f.superior, year)),
          date: day(year, 4, 6),
          period: null,
          documentNo: superiorDoc(year),
          remarks: null,
        });
      }
      if (p.foundedDate?.startsWith(String(year))) {
        const month = Math.min(12, Number(p.foundedDate.slice(5, 7)) + 1);
        add({
          source: 'superior',
          fundKind: 'startup',
          amount: chance(0.5) ? 5000 : 10_000,
          date: day(year, month, month),
          period: null,
          documentNo: superiorDoc(year),
          remarks: '新建党组织启动经费',
        });
      }
      if (f.unit > 0) {
        const fen = ofYear(f.unit, year);
        // Firms set aside their share twice a year; 2026's second half is still to come.
        const half = Math.round(fen / 2 / 100) * 100;
        add({
          source: 'unit',
          fundKind: 'activity',
          amount: yuan(half),
          date: day(year, 1, 3),
          period: null,
          documentNo: null,
          remarks: null,
        });
        add({
          source: 'unit',
          fundKind: chance(0.3) ? 'venue' : 'activity',
          amount: yuan(fen - half),
          date: day(year, 7, 9),
          period: null,
          documentNo: null,
          remarks: null,
        });
      }
      if (f.fiscal > 0) {
        add({
          source: 'fiscal',
          fundKind: p.method === 'regional' && year === 2025 ? 'venue' : 'activity',
          amount: yuan(ofYear(f.fiscal, year)),
          date: day(year, 5, 6),
          period: null,
          documentNo: fiscalDoc(year),
          remarks: p.method === 'regional' && year === 2025 ? '区域党支部阵地提档升级' : null,
        });
      }
      if (p.method === 'regional') {
        // Paid after each half-year: 2025's second half in January 2026.
        for (const [half, paid] of [
          ['1—6月', `${year}-07-10`],
          ['7—12月', `${year + 1}-01-12`],
        ] as const) {
          add({
            source: 'fiscal',
            fundKind: 'secretary_allowance',
            amount: ALLOWANCE_PER_MONTH * 6,
            date: paid,
            period: `${year}年${half}`,
            documentNo: null,
            remarks: `每月${ALLOWANCE_PER_MONTH}元`,
          });
        }
      }
      if (chance(0.04)) {
        add({
          source: 'other',
          fundKind: 'other',
          amount: int(5, 30) * 100,
          date: day(year, 2, 6),
          period: null,
          documentNo: null,
          remarks: '结对共建单位支持党员活动',
        });
      }
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.partyOrgName.localeCompare(b.partyOrgName));
}
