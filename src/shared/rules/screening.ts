/**
 * 排查: why the record says a party organization may be 软弱涣散 on a day, each reason weighted and
 * pointed at the county's situation, and whether the reasons together are enough to suggest it.
 *
 * A suggestion must be defensible in front of the party organization, so one weak signal never
 * suggests anyone: it takes one heavy reason (换届逾期, 书记空缺, 2星及以下) or all the weak ones together.
 */
import { addYears, isValidDate } from './dates';
import { matchesName } from './hanzi';
import { type PartyOrgFlagFacts, partyOrgFlags } from './partyOrgFlags';

export const SCREENING_REASONS = [
  'election_overdue',
  'secretary_vacant',
  'low_stars',
  'not_rated',
  'venue_below',
  'no_probationary',
] as const;
export type ScreeningReasonCode = (typeof SCREENING_REASONS)[number];

/**
 * 换届逾期 and 书记空缺 are the heaviest: either outweighs anything without them (2星及以下 with every weak
 * signal is 5), so they lead the list. 2星及以下 is heavy; the others are weak signals.
 */
export const REASON_WEIGHTS: Record<ScreeningReasonCode, number> = {
  election_overdue: 6,
  secretary_vacant: 6,
  low_stars: 3,
  not_rated: 1,
  venue_below: 1,
  no_probationary: 1,
};

/** A total from here on is suggested: one heavy reason alone, or the three weak ones together. */
export const SUGGEST_FROM = 3;
/** A total from here on is 重点: a heaviest reason, or 2星及以下 with two weak signals beside it. */
export const KEY_FROM = 5;

/** A reason's weight as the clerk reads it beside the reason. */
export function reasonWeightLabel(weight: number): string {
  return weight >= REASON_WEIGHTS.election_overdue ? '严重' : weight >= REASON_WEIGHTS.low_stars ? '较重' : '轻微';
}

export type ScreeningLevel = 'key' | 'normal';
export const SCREENING_LEVEL_LABELS: Record<ScreeningLevel, string> = { key: '重点', normal: '一般' };

/**
 * Months after founding before a reason counts. Why each:
 * - 换届, 星级未评定, 无预备党员 — a year (the rule): a new party organization has had no term
 *   to overrun, no annual 星级评定 to take part in, and no time to take in and train a 入党积极分子;
 * - 书记空缺 — 3 months: the first 党员大会 elects a 书记 soon after the 批复, but not on the day;
 * - 阵地 — 6 months: a room, a sign and the 制度 on the wall take a season to be set up;
 * - 2星及以下 — none: the rating is the county's own verdict on a year's work, whenever it was given.
 */
export const GRACE_MONTHS: Record<ScreeningReasonCode, number> = {
  election_overdue: 12,
  secretary_vacant: 3,
  low_stars: 0,
  not_rated: 12,
  venue_below: 6,
  no_probationary: 12,
};

/** The words that find the county's situation a reason points at, among 设置's 软弱涣散情形. */
const SITUATION_WORDS: Record<ScreeningReasonCode, string[]> = {
  election_overdue: ['换届'],
  secretary_vacant: ['书记空缺', '班子配备不齐', '缺职'],
  low_stars: ['党建工作不力'],
  not_rated: ['党建工作不力'],
  venue_below: ['活动开展不规范', '组织生活'],
  no_probationary: ['党员教育管理', '党员队伍'],
};

export interface ScreeningFacts extends PartyOrgFlagFacts {
  /** The year's 星级评定, else the party organization's current stars; null = not rated. */
  stars: number | null;
  venueItems: number;
}

export interface ScreeningReason {
  code: ScreeningReasonCode;
  /** One line a clerk can read out, with the figure from the record. */
  text: string;
  weight: number;
  /** The county's situation it points at, or null when the county's list has none like it. */
  situation: string | null;
}

export interface ScreeningContext {
  year: number;
  /** The day the record is read on: the end of the year, or today for the current year. */
  day: string;
  venueThreshold: number;
  situations: string[];
}

function addMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4)) + Math.floor((Number(date.slice(5, 7)) - 1 + months) / 12);
  const m = ((Number(date.slice(5, 7)) - 1 + months) % 12) + 1;
  const candidate = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${date.slice(8)}`;
  if (isValidDate(candidate)) return candidate;
  // 31 August + 6 months: the last day of February.
  return `${candidate.slice(0, 8)}${new Date(Date.UTC(y, m, 0)).getUTCDate()}`;
}

function inGrace(code: ScreeningReasonCode, founded: string | null, day: string): boolean {
  const months = GRACE_MONTHS[code];
  if (!founded || months === 0) return false;
  return (months % 12 === 0 ? addYears(founded, months / 12) : addMonths(founded, months)) > day;
}

/** The reasons, heaviest first; none for a party organization not yet founded on the day. */
export function screeningReasons(f: ScreeningFacts, c: ScreeningContext): ScreeningReason[] {
  if (f.foundedDate && f.foundedDate > c.day) return [];
  const out: ScreeningReason[] = [];
  const add = (code: ScreeningReasonCode, text: string) => {
    if (inGrace(code, f.foundedDate, c.day)) return;
    const words = SITUATION_WORDS[code];
    const situation = c.situations.find((s) => words.some((w) => s.includes(w))) ?? null;
    out.push({ code, text, weight: REASON_WEIGHTS[code], situation });
  };
  for (const flag of partyOrgFlags(f, c.day)) {
    if (flag.code === 'election_overdue') add('election_overdue', `换届逾期：${flag.reason}`);
    if (flag.code === 'secretary_vacant') add('secretary_vacant', '书记空缺：未配备党组织书记');
  }
  if (f.stars == null) add('not_rated', `${c.year}年度未评定星级`);
  else if (f.stars <= 2) add('low_stars', `星级评定为${f.stars}星（2星及以下）`);
  if (f.venueItems < c.venueThreshold) add('venue_below', `阵地建设达标${f.venueItems}项，低于${c.venueThreshold}项`);
  if (f.probationaryMembers === 0) add('no_probationary', `无预备党员（正式党员${f.formalMembers}名），近期未发展党员`);
  return out.sort((a, b) => b.weight - a.weight);
}

export function totalWeight(reasons: ScreeningReason[]): number {
  return reasons.reduce((n, r) => n + r.weight, 0);
}

export function isSuggested(reasons: ScreeningReason[]): boolean {
  return totalWeight(reasons) >= SUGGEST_FROM;
}

export function screeningLevel(score: number): ScreeningLevel {
  return score >= KEY_FROM ? 'key' : 'normal';
}

export interface Rankable {
  score: number;
  reasons: unknown[];
  regionOrder: number;
  partyOrgId: number;
}

/** Heaviest total first; at equal weight the one with more situations; then the county's region order. */
export function compareSuggestions(a: Rankable, b: Rankable): number {
  return b.score - a.score || b.reasons.length - a.reasons.length || a.regionOrder - b.regionOrder || a.partyOrgId - b.partyOrgId;
}

/** Name, pinyin initials (`qsny` finds 青山能源…) or 书记's name, 繁/简 alike. */
export function matchesScreeningQuery(p: { name: string; initials: string; secretaryName: string | null }, query: string): boolean {
  return matchesName(query, [p.name, p.secretaryName], p.initials);
}
