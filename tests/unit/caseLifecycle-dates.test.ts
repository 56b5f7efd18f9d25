/** Issue #12: implausible dates and verdicts, as pure rules the core and the UI both apply. */
import { describe, expect, it } from 'vitest';
import { acceptProblem, dateProblem, sameDayAsIdentified } from '../../src/shared/rules/caseLifecycle';
import { splitLeaderText } from '../../src/shared/rules/leaderName';

const c = { identifiedDate: '2026-03-01', lastStepDate: '2026-04-01', today: '2026-06-30' };

describe('dateProblem', () => {
  it('refuses a date after today, naming today', () => {
    expect(dateProblem(c, '2026-07-01')).toBe('「日期」不能晚于今天（2026-06-30）');
  });
  it('refuses a date before 认定 and before the previous step', () => {
    expect(dateProblem(c, '2026-02-28')).toBe('「日期」不能早于认定日期（2026-03-01）');
    expect(dateProblem(c, '2026-03-31')).toBe('「日期」不能早于上一步的日期（2026-04-01）');
  });
  it('allows today, the previous step’s day, and (with no step yet) the day of 认定', () => {
    expect(dateProblem(c, '2026-06-30')).toBeNull();
    expect(dateProblem(c, '2026-04-01')).toBeNull();
    expect(dateProblem({ ...c, lastStepDate: null }, '2026-03-01')).toBeNull();
    expect(sameDayAsIdentified('2026-03-01', '2026-03-01')).toBe(true);
    expect(sameDayAsIdentified('2026-03-01', '2026-03-02')).toBe(false);
  });
});

describe('acceptProblem', () => {
  it('a pass below the line needs a reason; at the line, or failed, it does not', () => {
    expect(acceptProblem({ passed: true, score: 60 }, 70)).toBe('验收得分60分，低于合格线70分；如确需通过，请填写「低于合格线通过的理由」');
    expect(acceptProblem({ passed: true, score: 60, belowLineReason: '  ' }, 70)).not.toBeNull();
    expect(acceptProblem({ passed: true, score: 60, belowLineReason: '县委同意' }, 70)).toBeNull();
    expect(acceptProblem({ passed: true, score: 70 }, 70)).toBeNull();
    expect(acceptProblem({ passed: false, score: 40 }, 70)).toBeNull();
  });
});

describe('splitLeaderText', () => {
  it('reads a person’s name with or without a title in brackets', () => {
    expect(splitLeaderText('李红梅（旗委常委、组织部部长）')).toEqual({ name: '李红梅', title: '旗委常委、组织部部长' });
    expect(splitLeaderText(' 王建国 ')).toEqual({ name: '王建国', title: null });
    expect(splitLeaderText('赵志刚(副旗长)')).toEqual({ name: '赵志刚', title: '副旗长' });
  });
  it('leaves posts and bodies as text', () => {
    for (const s of ['属地党（工）委副书记', '第一书记 赵敏', '第一书记', '旗委组织部选派指导员', '张副旗长', '', null]) {
      expect(splitLeaderText(s), String(s)).toBeNull();
    }
  });
});
