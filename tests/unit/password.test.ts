import { describe, expect, it } from 'vitest';
import { passwordProblem } from '../../src/shared/rules/password';

describe('passwordProblem', () => {
  it('accepts 8 characters of three classes', () => {
    expect(passwordProblem('Qingshan1', 'lisi')).toBeNull();
    expect(passwordProblem('qingshan#1', 'lisi')).toBeNull();
    expect(passwordProblem('QINGSHAN#1')).toBeNull();
  });

  it('refuses short, two-class, spaced passwords and ones holding the user name, in Chinese', () => {
    expect(passwordProblem('Qs#1abc', 'lisi')).toBe('密码至少8位');
    expect(passwordProblem('qingshanzhen', 'lisi')).toBe('密码应包含大写字母、小写字母、数字、符号中的至少三类');
    expect(passwordProblem('qingshan2026', 'lisi')).toBe('密码应包含大写字母、小写字母、数字、符号中的至少三类');
    expect(passwordProblem('Qing shan#1', 'lisi')).toBe('密码不能含有空格或换行');
    expect(passwordProblem('Qingshan#1', 'qingshan')).toBe('密码不能包含用户名');
    expect(passwordProblem(`${'x'.repeat(60)}A#1bcd`)).toBe('密码不能超过64位');
  });

  it('does not refuse a password for holding a one- or two-letter user name', () => {
    expect(passwordProblem('Lianzheng#1', 'li')).toBeNull();
  });
});
