/** The password rule as the clerk reads it under a new-password box, and the form's check of two boxes. */
import { PASSWORD_MIN_LENGTH, passwordProblem } from '../../../shared/rules/password';

export const PASSWORD_RULE = `至少${PASSWORD_MIN_LENGTH}位，含大写字母、小写字母、数字、符号中的至少三类，不能包含用户名`;

/** Errors of a new password typed twice, per field (empty when both may be sent). */
export function newPasswordErrors(password: string, again: string, userName?: string): Record<string, string> {
  const problem = passwordProblem(password, userName);
  if (problem) return { password: problem };
  if (password !== again) return { again: '两次输入的密码不一致' };
  return {};
}
