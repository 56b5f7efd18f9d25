/**
 * The password rule of 等保 2.0 level 2: at least 8 characters of at least three of the four classes
 * (大写字母, 小写字母, 数字, 符号), and not the user name. The same rule runs in the form and in the core.
 */

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 64;

const CLASSES: [RegExp, string][] = [
  [/[A-Z]/, '大写字母'],
  [/[a-z]/, '小写字母'],
  [/[0-9]/, '数字'],
  [/[^A-Za-z0-9]/, '符号'],
];

/** What is wrong with a new password, in one Chinese sentence; null when it may be used. */
export function passwordProblem(password: string, userName?: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `密码至少${PASSWORD_MIN_LENGTH}位`;
  if (password.length > PASSWORD_MAX_LENGTH) return `密码不能超过${PASSWORD_MAX_LENGTH}位`;
  if (/\s/.test(password)) return '密码不能含有空格或换行';
  const classes = CLASSES.filter(([re]) => re.test(password)).length;
  if (classes < 3) return '密码应包含大写字母、小写字母、数字、符号中的至少三类';
  const name = userName?.trim().toLowerCase();
  if (name && name.length >= 3 && password.toLowerCase().includes(name)) return '密码不能包含用户名';
  return null;
}
