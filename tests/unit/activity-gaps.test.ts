/** The 组织生活 gaps: a 1+N branch's quarterly 恳谈会 and every party organization's 主题党日 in three months. */
import { describe, expect, it } from 'vitest';
import { type ActivityGapFacts, activityGaps, lastCompleteQuarter } from '../../src/shared/rules/activityGaps';

const DAY = '2026-06-30';
const base: ActivityGapFacts = { method: 'single', foundedDate: '2020-01-01', forumDates: [], themeDayDates: ['2026-06-01'] };
const codes = (f: Partial<ActivityGapFacts>, day = DAY) => activityGaps({ ...base, ...f }, day).map((h) => h.code);

describe('lastCompleteQuarter', () => {
  it('is the quarter before the one the day is in, across the year end', () => {
    expect(lastCompleteQuarter('2026-06-30')).toEqual({ from: '2026-01-01', to: '2026-03-31', label: '2026年第一季度' });
    expect(lastCompleteQuarter('2026-07-01')).toEqual({ from: '2026-04-01', to: '2026-06-30', label: '2026年第二季度' });
    expect(lastCompleteQuarter('2026-02-10')).toEqual({ from: '2025-10-01', to: '2025-12-31', label: '2025年第四季度' });
    expect(lastCompleteQuarter('2026-10-01').to).toBe('2026-09-30');
  });
});

describe('activity gaps', () => {
  it('a 1+N branch without a 恳谈会 in the last complete quarter is flagged, with the quarter named', () => {
    expect(activityGaps({ ...base, method: 'regional' }, DAY)).toEqual([
      { code: 'no_forum', reason: '2026年第一季度（2026-01-01至2026-03-31）未召开恳谈会' },
    ]);
    expect(codes({ method: 'regional', forumDates: ['2026-03-31'] })).toEqual([]);
    expect(codes({ method: 'regional', forumDates: ['2026-01-01'] })).toEqual([]);
    // One in the running quarter or the quarter before does not count for the last complete one.
    expect(codes({ method: 'regional', forumDates: ['2026-04-15', '2025-12-31'] })).toEqual(['no_forum']);
  });

  it('only 1+N branches owe the quarterly 恳谈会, and one founded after the quarter began does not yet', () => {
    expect(codes({ method: 'joint' })).toEqual([]);
    expect(codes({ method: 'regional', foundedDate: '2026-01-02' })).toEqual([]);
    expect(codes({ method: 'regional', foundedDate: '2026-01-01' })).toEqual(['no_forum']);
    expect(codes({ method: 'regional', foundedDate: null })).toEqual(['no_forum']);
  });

  it('no 主题党日 in the last three months, or none ever, is flagged with the last date', () => {
    // Three months before 2026-06-30 is 2026-03-30: a 主题党日 on that day still counts.
    expect(codes({ themeDayDates: ['2026-03-29'] })).toEqual(['no_theme_day']);
    expect(codes({ themeDayDates: ['2026-03-29', '2026-03-30'] })).toEqual([]);
    expect(activityGaps({ ...base, themeDayDates: ['2026-01-05', '2026-03-01'] }, DAY)).toEqual([
      { code: 'no_theme_day', reason: '最近一次主题党日在2026-03-01，已超过三个月' },
    ]);
    expect(activityGaps({ ...base, themeDayDates: [] }, DAY)).toEqual([{ code: 'no_theme_day', reason: '未登记过主题党日活动' }]);
    // A date after the counting day is not yet held.
    expect(codes({ themeDayDates: ['2026-07-01'] })).toEqual(['no_theme_day']);
  });

  it('a party organization founded less than three months ago has its grace', () => {
    expect(codes({ foundedDate: '2026-03-31', themeDayDates: [] })).toEqual([]);
    expect(codes({ foundedDate: '2026-03-30', themeDayDates: [] })).toEqual(['no_theme_day']);
  });
});
