/**
 * The life cycle of a 软弱涣散 case as a pure function: state × action → next state, or a refusal
 * with a Chinese reason. The service refuses what this refuses; the UI enables only what it allows.
 *
 *   identified ─plan→ rectifying ─accept(passed)→ accepted ─delist→ delisted ─reopen (within a year)→ rectifying
 *                     rectifying ─plan (new deadline) / progress / accept(failed)→ rectifying
 *
 * @example transition({ state: 'identified', delistedDate: null }, { action: 'plan', date: '2026-03-01' })
 *          // { ok: true, next: 'rectifying' }
 */
import type { CaseAction, CaseState } from '../domain/codes';
import { addYears } from './dates';

export interface CaseSnapshot {
  state: CaseState;
  delistedDate: string | null;
}

export interface ActionFacts {
  action: CaseAction;
  /** The date the action happens on. */
  date: string;
  /** For `accept`: whether the acceptance passed. */
  passed?: boolean;
}

export type Transition = { ok: true; next: CaseState } | { ok: false; reason: string };

const refuse = (reason: string): Transition => ({ ok: false, reason });

export function transition(c: CaseSnapshot, a: ActionFacts): Transition {
  switch (a.action) {
    case 'plan':
      if (c.state === 'identified' || c.state === 'rectifying') return { ok: true, next: 'rectifying' };
      return refuse(c.state === 'accepted' ? '已通过验收，不能再修改整顿方案' : '已销号，需“回头看”重新整顿后才能制定方案');
    case 'progress':
      if (c.state === 'rectifying') return { ok: true, next: 'rectifying' };
      return refuse(c.state === 'identified' ? '请先制定整顿方案，再记录进展' : '不在整顿中，不能记录进展');
    case 'accept':
      if (c.state === 'rectifying') return { ok: true, next: a.passed ? 'accepted' : 'rectifying' };
      return refuse(c.state === 'identified' ? '尚未制定整顿方案，不能验收' : '不在整顿中，不能验收');
    case 'delist':
      if (c.state === 'accepted') return { ok: true, next: 'delisted' };
      return refuse(c.state === 'delisted' ? '已经销号' : '验收通过后才能销号');
    case 'reopen': {
      if (c.state !== 'delisted' || !c.delistedDate) return refuse('只有已销号的整顿对象才能“回头看”重新整顿');
      if (a.date < c.delistedDate) return refuse('回头看日期不能早于销号日期');
      const limit = addYears(c.delistedDate, 1);
      if (a.date > limit) return refuse(`销号已超过一年（${c.delistedDate} 销号），请重新排查认定`);
      return { ok: true, next: 'rectifying' };
    }
  }
}

/** Which actions a case allows on a date (for enabling buttons). `accept` is allowed if either verdict is. */
export function allowedActions(c: CaseSnapshot, date: string): CaseAction[] {
  const all: CaseAction[] = ['plan', 'progress', 'accept', 'delist', 'reopen'];
  return all.filter((action) => transition(c, { action, date, passed: true }).ok);
}

/** Overdue: a deadline that has passed while the case is still open (not accepted or delisted). */
export function isOverdue(c: { state: CaseState; deadline: string | null }, day: string): boolean {
  return (c.state === 'identified' || c.state === 'rectifying') && c.deadline != null && c.deadline < day;
}

/** A case is open (its party organization is 集中整顿) until it is delisted. */
export function isOpen(state: CaseState): boolean {
  return state !== 'delisted';
}

/** What an action's date is weighed against: today, the 认定 date and the case's latest dated step. */
export interface CaseDates {
  identifiedDate: string;
  /** The latest date on the case's timeline (the previous step), if any besides 认定. */
  lastStepDate: string | null;
  today: string;
}

/**
 * Why a case action's date is implausible, or null: nothing is dated after today, before the case's
 * 认定 or before its previous step. A step on the very day of 认定 is allowed (the UI asks first).
 *
 * @example dateProblem({ identifiedDate: '2026-03-01', lastStepDate: null, today: '2026-06-30' }, '2026-07-01')
 *          // '「日期」不能晚于今天（2026-06-30）'
 */
export function dateProblem(c: CaseDates, date: string): string | null {
  if (date > c.today) return `「日期」不能晚于今天（${c.today}）`;
  if (date < c.identifiedDate) return `「日期」不能早于认定日期（${c.identifiedDate}）`;
  if (c.lastStepDate && date < c.lastStepDate) return `「日期」不能早于上一步的日期（${c.lastStepDate}）`;
  return null;
}

/** A step on the same day as 认定 is possible but unusual: the UI confirms it before sending. */
export function sameDayAsIdentified(identifiedDate: string, date: string): boolean {
  return date === identifiedDate;
}

/**
 * A pass below the pass line needs a reason written down; null when the verdict stands as given.
 *
 * @example acceptProblem({ passed: true, score: 60, belowLineReason: null }, 70) // '验收得分60分，低于合格线70分…'
 */
export function acceptProblem(a: { passed: boolean; score: number; belowLineReason?: string | null }, passLine: number): string | null {
  if (a.passed && a.score < passLine && !a.belowLineReason?.trim()) {
    return `验收得分${a.score}分，低于合格线${passLine}分；如确需通过，请填写「低于合格线通过的理由」`;
  }
  return null;
}
