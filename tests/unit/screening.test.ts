import { describe, expect, it } from 'vitest';
import {
  compareSuggestions,
  isSuggested,
  matchesScreeningQuery,
  reasonWeightLabel,
  type ScreeningContext,
  type ScreeningFacts,
  screeningLevel,
  screeningReasons,
  totalWeight,
} from '../../src/shared/rules/screening';

const DAY = '2026-06-30';
const c: ScreeningContext = {
  year: 2026,
  day: DAY,
  venueThreshold: 4,
  situations: ['班子配备不齐、书记空缺', '党建工作不力', '党员教育管理不严格', '活动开展不规范', '换届逾期'],
};
/** A sound branch founded long ago: nothing to say about it. */
const sound: ScreeningFacts = {
  type: 'branch',
  formalMembers: 5,
  probationaryMembers: 1,
  secretaryName: '张红',
  committeeMembers: null,
  foundedDate: '2018-03-01',
  lastElectionDate: '2025-01-01',
  termYears: 3,
  stars: 4,
  venueItems: 6,
};
const reasons = (over: Partial<ScreeningFacts>, ctx = c) => screeningReasons({ ...sound, ...over }, ctx);
const codes = (over: Partial<ScreeningFacts>, ctx = c) => reasons(over, ctx).map((r) => r.code);
/** All three weak signals at once. */
const weak: Partial<ScreeningFacts> = { stars: null, venueItems: 2, probationaryMembers: 0 };

describe('screening reasons', () => {
  it('a sound party organization has none', () => {
    expect(reasons({})).toEqual([]);
  });

  it('each reason says the figure from the record and points at the county’s situation', () => {
    expect(reasons({ lastElectionDate: '2022-01-01' })).toEqual([
      {
        code: 'election_overdue',
        text: '换届逾期：上次换届2022-01-01，任期3年，应于2025-01-01前换届',
        weight: 6,
        situation: '换届逾期',
      },
    ]);
    expect(reasons({ secretaryName: ' ' })[0]).toMatchObject({ text: '书记空缺：未配备党组织书记', situation: '班子配备不齐、书记空缺' });
    expect(reasons({ stars: 2 })[0]).toMatchObject({ text: '星级评定为2星（2星及以下）', weight: 3, situation: '党建工作不力' });
    expect(reasons({ venueItems: 3 })[0]).toMatchObject({ text: '阵地建设达标3项，低于4项', weight: 1, situation: '活动开展不规范' });
    expect(reasons({ probationaryMembers: 0 })[0]).toMatchObject({
      text: '无预备党员（正式党员5名），近期未发展党员',
      weight: 1,
      situation: '党员教育管理不严格',
    });
    expect(reasons({ stars: null })[0]).toMatchObject({ text: '2026年度未评定星级', weight: 1 });
  });

  it('a situation the county’s list lacks is null, not invented', () => {
    expect(reasons({ probationaryMembers: 0 }, { ...c, situations: ['换届逾期'] })[0]!.situation).toBeNull();
  });

  it('heaviest first', () => {
    expect(codes({ ...weak, stars: 1, secretaryName: null })).toEqual(['secretary_vacant', 'low_stars', 'venue_below', 'no_probationary']);
  });
});

describe('grace periods after founding', () => {
  it('a branch founded 8 days ago is suggested for nothing, however bare its record', () => {
    const young = { ...weak, foundedDate: '2026-06-22', lastElectionDate: null, secretaryName: null };
    expect(reasons(young)).toEqual([]);
  });

  it('发展党员, 星级未评定 and 换届 wait a year; 阵地 6 months; 书记空缺 3 months', () => {
    const at = (foundedDate: string) => codes({ ...weak, foundedDate, lastElectionDate: null, secretaryName: null, termYears: 1 });
    expect(at('2026-04-01')).toEqual([]);
    expect(at('2026-03-30')).toEqual(['secretary_vacant']);
    expect(at('2025-12-30')).toEqual(['secretary_vacant', 'venue_below']);
    expect(at('2025-07-01')).toEqual(['secretary_vacant', 'venue_below']);
    expect(at('2025-06-30')).toEqual(['secretary_vacant', 'not_rated', 'venue_below', 'no_probationary']);
    // A one-year term from 2025-06-29 fell due on 2026-06-29.
    expect(at('2025-06-29')).toEqual(['election_overdue', 'secretary_vacant', 'not_rated', 'venue_below', 'no_probationary']);
  });

  it('a low rating counts however young the party organization', () => {
    expect(codes({ stars: 2, foundedDate: '2026-06-01', lastElectionDate: null })).toEqual(['low_stars']);
  });

  it('a party organization founded after the day is not screened at all', () => {
    expect(reasons({ ...weak, foundedDate: '2026-07-01', secretaryName: null })).toEqual([]);
  });

  it('a founding on 31 August keeps its 6-month grace to the end of February', () => {
    const venue = (day: string) => codes({ venueItems: 1, foundedDate: '2025-08-31', lastElectionDate: null, stars: 3 }, { ...c, day });
    expect(venue('2026-02-27')).toEqual([]);
    expect(venue('2026-02-28')).toEqual(['venue_below']);
  });
});

describe('weights and the threshold', () => {
  const suggested = (over: Partial<ScreeningFacts>) => isSuggested(reasons(over));

  it('one weak signal, or two, is not enough', () => {
    expect(suggested({ probationaryMembers: 0 })).toBe(false);
    expect(suggested({ stars: null })).toBe(false);
    expect(suggested({ venueItems: 0, probationaryMembers: 0 })).toBe(false);
  });

  it('one heavy reason, or all the weak ones together, is', () => {
    expect(suggested({ lastElectionDate: '2022-01-01' })).toBe(true);
    expect(suggested({ secretaryName: null })).toBe(true);
    expect(suggested({ stars: 2 })).toBe(true);
    expect(suggested(weak)).toBe(true);
  });

  it('重点 from a heaviest reason or a heavy one with weak ones beside it; 一般 otherwise', () => {
    const level = (over: Partial<ScreeningFacts>) => screeningLevel(totalWeight(reasons(over)));
    expect(level({ secretaryName: null })).toBe('key');
    expect(level({ stars: 1, venueItems: 0, probationaryMembers: 0 })).toBe('key');
    expect(level({ stars: 2 })).toBe('normal');
    expect(level(weak)).toBe('normal');
  });

  it('a reason’s weight reads 严重, 较重 or 轻微', () => {
    expect(reasons({ ...weak, secretaryName: null, stars: 2 }).map((r) => reasonWeightLabel(r.weight))).toEqual([
      '严重',
      '较重',
      '轻微',
      '轻微',
    ]);
  });

  it('ranked by weight, then by how many situations, then by region order', () => {
    const rows = [
      { partyOrgId: 1, score: 3, reasons: [1, 2, 3], regionOrder: 1 },
      { partyOrgId: 2, score: 3, reasons: [1], regionOrder: 0 },
      { partyOrgId: 3, score: 10, reasons: [1, 2], regionOrder: 5 },
      { partyOrgId: 4, score: 3, reasons: [1], regionOrder: 2 },
      { partyOrgId: 5, score: 3, reasons: [1], regionOrder: 0 },
    ];
    expect(rows.sort(compareSuggestions).map((r) => r.partyOrgId)).toEqual([3, 1, 2, 5, 4]);
  });
});

describe('search', () => {
  const p = { name: '中共青山能源集团委员会', initials: 'zgqsnyjtwyh', secretaryName: '杨燕' };
  it('finds by name, pinyin initials and 书记', () => {
    expect(matchesScreeningQuery(p, '能源')).toBe(true);
    expect(matchesScreeningQuery(p, 'QSNY')).toBe(true);
    expect(matchesScreeningQuery(p, '杨燕')).toBe(true);
    expect(matchesScreeningQuery(p, '王强')).toBe(false);
    expect(matchesScreeningQuery({ ...p, secretaryName: null }, '杨')).toBe(false);
    expect(matchesScreeningQuery(p, '  ')).toBe(true);
  });
});
