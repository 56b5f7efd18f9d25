/**
 * The “四个一” of a 1+N 区域党支部 (reference 002): one 党建工作阵地 per branch, one 恳谈会 each quarter,
 * one 指导员 per grid, the 服务联系卡 handed out. Pure: the core gathers the facts, this judges them.
 */

export interface Quarter {
  from: string;
  to: string;
  /** “2026年第一季度”. */
  label: string;
}

const QUARTER_NAMES = ['一', '二', '三', '四'];

/** The last quarter that ended before `day` (on 2026-06-30 that is 2026年第一季度: the second is not over yet). */
export function lastCompleteQuarter(day: string): Quarter {
  const y = Number(day.slice(0, 4));
  const q = Math.floor((Number(day.slice(5, 7)) - 1) / 3);
  const [year, index] = q === 0 ? [y - 1, 3] : [y, q - 1];
  const first = index * 3 + 1;
  const lastDay = new Date(Date.UTC(year, first + 2, 0)).getUTCDate();
  const p = (n: number) => String(n).padStart(2, '0');
  return {
    from: `${year}-${p(first)}-01`,
    to: `${year}-${p(first + 2)}-${p(lastDay)}`,
    label: `${year}年第${QUARTER_NAMES[index]}季度`,
  };
}

export interface FourCheckFacts {
  /** Items of the county's venue standard the branch meets, and how many the county asks for. */
  venueItems: number;
  venueThreshold: number;
  venueStandardLabel: string;
  /** Dates of the branch's 恳谈会 held in the quarter judged. */
  forumDates: string[];
  quarter: Quarter;
  grids: { name: string; hasInstructor: boolean; contactCards: boolean }[];
}

export interface CheckResult {
  met: boolean;
  reason: string;
}

export interface FourChecks {
  venue: CheckResult;
  forum: CheckResult;
  instructors: CheckResult;
  contactCards: CheckResult;
  /** All four met. */
  allMet: boolean;
}

/** Names of the grids missing something, the first few spelt out. */
function gridNames(names: string[]): string {
  const shown = names.slice(0, 3).map((n) => `“${n}”`);
  return names.length > 3 ? `${shown.join('、')}等${names.length}个网格` : shown.join('、');
}

export function judgeFourChecks(f: FourCheckFacts): FourChecks {
  // A threshold of 0 in 设置 still asks for a venue of some kind.
  const need = Math.max(f.venueThreshold, 1);
  const venue: CheckResult =
    f.venueItems >= need
      ? { met: true, reason: `阵地建设达到${f.venueStandardLabel}${f.venueItems}项` }
      : { met: false, reason: `阵地建设仅达到${f.venueStandardLabel}${f.venueItems}项，不足${need}项` };
  const held = [...f.forumDates].sort();
  const forum: CheckResult = held.length
    ? { met: true, reason: `${f.quarter.label}召开恳谈会${held.length}次（${held.join('、')}）` }
    : { met: false, reason: `${f.quarter.label}（${f.quarter.from}至${f.quarter.to}）未召开恳谈会` };
  const noGrids = f.grids.length === 0;
  const withoutInstructor = f.grids.filter((g) => !g.hasInstructor).map((g) => g.name);
  const withoutCards = f.grids.filter((g) => !g.contactCards).map((g) => g.name);
  const instructors: CheckResult = noGrids
    ? { met: false, reason: '尚未划分网格' }
    : withoutInstructor.length
      ? { met: false, reason: `${gridNames(withoutInstructor)}未配备指导员` }
      : { met: true, reason: `${f.grids.length}个网格均已配备指导员` };
  const contactCards: CheckResult = noGrids
    ? { met: false, reason: '尚未划分网格' }
    : withoutCards.length
      ? { met: false, reason: `${gridNames(withoutCards)}未发放服务联系卡` }
      : { met: true, reason: `${f.grids.length}个网格均已发放服务联系卡` };
  return { venue, forum, instructors, contactCards, allMet: venue.met && forum.met && instructors.met && contactCards.met };
}
