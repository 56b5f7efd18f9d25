/**
 * Gaps in a party organization's 组织生活: a 1+N 区域党支部 holds a 恳谈会 every quarter (the “四个一”),
 * and every party organization holds a 主题党日 at least once in three months.
 */
import type { ActivityGap } from '../domain/activityCodes';
import type { FormationMethod } from '../domain/codes';
import { addMonths } from './dates';
import type { FlagHit } from './orgFlags';

export const THEME_DAY_MONTHS = 3;

export interface ActivityGapFacts {
  method: FormationMethod;
  foundedDate: string | null;
  /** Dates of its 恳谈会 and of its 主题党日, any order. */
  forumDates: readonly string[];
  themeDayDates: readonly string[];
}

export interface Quarter {
  from: string;
  to: string;
  label: string;
}

const QUARTER_NAMES = ['一', '二', '三', '四'];

/** The last quarter that ended before `day`: on 2026-06-30 that is 2026年第一季度 (the second is not over yet). */
export function lastCompleteQuarter(day: string): Quarter {
  const y = Number(day.slice(0, 4));
  const q = Math.floor((Number(day.slice(5, 7)) - 1) / 3); // 0-based quarter `day` is in
  const [year, index] = q === 0 ? [y - 1, 3] : [y, q - 1];
  const p = (n: number) => String(n).padStart(2, '0');
  const lastDay = new Date(Date.UTC(year, index * 3 + 3, 0)).getUTCDate();
  return {
    from: `${year}-${p(index * 3 + 1)}-01`,
    to: `${year}-${p(index * 3 + 3)}-${p(lastDay)}`,
    label: `${year}年第${QUARTER_NAMES[index]}季度`,
  };
}

function latest(dates: readonly string[], day: string): string | null {
  let out: string | null = null;
  for (const d of dates) if (d <= day && (out == null || d > out)) out = d;
  return out;
}

export function activityGaps(f: ActivityGapFacts, day: string): FlagHit<ActivityGap>[] {
  const hits: FlagHit<ActivityGap>[] = [];
  if (f.method === 'regional') {
    const q = lastCompleteQuarter(day);
    // A branch founded after the quarter began was not there for all of it.
    const existed = f.foundedDate == null || f.foundedDate <= q.from;
    if (existed && !f.forumDates.some((d) => d >= q.from && d <= q.to)) {
      hits.push({ code: 'no_forum', reason: `${q.label}（${q.from}至${q.to}）未召开恳谈会` });
    }
  }
  const since = addMonths(day, -THEME_DAY_MONTHS);
  // Grace for a party organization founded less than three months ago.
  if (f.foundedDate == null || f.foundedDate <= since) {
    const last = latest(f.themeDayDates, day);
    if (last == null || last < since) {
      hits.push({
        code: 'no_theme_day',
        reason: last ? `最近一次主题党日在${last}，已超过三个月` : '未登记过主题党日活动',
      });
    }
  }
  return hits;
}
