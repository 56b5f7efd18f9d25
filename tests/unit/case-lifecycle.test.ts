import { describe, expect, it } from 'vitest';
import { CASE_ACTIONS, CASE_STATES, type CaseAction, type CaseState } from '../../src/shared/domain/codes';
import { allowedActions, isOverdue, transition } from '../../src/shared/rules/caseLifecycle';

const D = '2026-06-30';

/** Every state × action, with the expected outcome: the next state, or the Chinese refusal. */
const TABLE: Record<CaseState, Record<CaseAction, CaseState | string>> = {
  identified: {
    plan: 'rectifying',
    progress: '请先制定整顿方案，再记录进展',
    accept: '尚未制定整顿方案，不能验收',
    delist: '验收通过后才能销号',
    reopen: '只有已销号的整顿对象才能“回头看”重新整顿',
  },
  rectifying: {
    plan: 'rectifying',
    progress: 'rectifying',
    accept: 'accepted',
    delist: '验收通过后才能销号',
    reopen: '只有已销号的整顿对象才能“回头看”重新整顿',
  },
  accepted: {
    plan: '已通过验收，不能再修改整顿方案',
    progress: '不在整顿中，不能记录进展',
    accept: '不在整顿中，不能验收',
    delist: 'delisted',
    reopen: '只有已销号的整顿对象才能“回头看”重新整顿',
  },
  delisted: {
    plan: '已销号，需“回头看”重新整顿后才能制定方案',
    progress: '不在整顿中，不能记录进展',
    accept: '不在整顿中，不能验收',
    delist: '已经销号',
    reopen: 'rectifying',
  },
};

describe('case life cycle: every state × action', () => {
  it('the table covers every state and action of the code tables', () => {
    expect(Object.keys(TABLE).sort()).toEqual(CASE_STATES.map((s) => s.code).sort());
    for (const row of Object.values(TABLE)) expect(Object.keys(row).sort()).toEqual(CASE_ACTIONS.map((a) => a.code).sort());
  });

  for (const [state, row] of Object.entries(TABLE) as [CaseState, Record<CaseAction, string>][]) {
    for (const [action, expected] of Object.entries(row) as [CaseAction, string][]) {
      const allowed = CASE_STATES.some((s) => s.code === expected);
      it(`${state} × ${action} → ${allowed ? expected : `refused: ${expected}`}`, () => {
        const r = transition({ state, delistedDate: state === 'delisted' ? '2026-03-01' : null }, { action, date: D, passed: true });
        expect(r).toEqual(allowed ? { ok: true, next: expected } : { ok: false, reason: expected });
      });
    }
  }

  it('a failed acceptance returns the case to 整顿', () => {
    expect(transition({ state: 'rectifying', delistedDate: null }, { action: 'accept', date: D, passed: false })).toEqual({
      ok: true,
      next: 'rectifying',
    });
  });

  it('回头看 may reopen only within a year of delisting', () => {
    const c = { state: 'delisted' as const, delistedDate: '2025-07-01' };
    expect(transition(c, { action: 'reopen', date: '2026-07-01' })).toEqual({ ok: true, next: 'rectifying' });
    expect(transition(c, { action: 'reopen', date: '2026-07-02' })).toEqual({
      ok: false,
      reason: '销号已超过一年（2025-07-01 销号），请重新排查认定',
    });
    expect(transition(c, { action: 'reopen', date: '2025-06-30' })).toEqual({ ok: false, reason: '回头看日期不能早于销号日期' });
  });

  it('offers only the allowed actions', () => {
    expect(allowedActions({ state: 'identified', delistedDate: null }, D)).toEqual(['plan']);
    expect(allowedActions({ state: 'rectifying', delistedDate: null }, D)).toEqual(['plan', 'progress', 'accept']);
    expect(allowedActions({ state: 'accepted', delistedDate: null }, D)).toEqual(['delist']);
    expect(allowedActions({ state: 'delisted', delistedDate: '2026-03-01' }, D)).toEqual(['reopen']);
    expect(allowedActions({ state: 'delisted', delistedDate: '2024-03-01' }, D)).toEqual([]);
  });

  it('overdue: deadline passed and not yet accepted', () => {
    expect(isOverdue({ state: 'rectifying', deadline: '2026-06-29' }, D)).toBe(true);
    expect(isOverdue({ state: 'rectifying', deadline: '2026-06-30' }, D)).toBe(false);
    expect(isOverdue({ state: 'identified', deadline: '2026-01-01' }, D)).toBe(true);
    expect(isOverdue({ state: 'accepted', deadline: '2026-01-01' }, D)).toBe(false);
    expect(isOverdue({ state: 'rectifying', deadline: null }, D)).toBe(false);
  });
});
