/**
 * Accounts (issue #14): what the 账号管理 form sends and what the auth and users channels answer.
 * No answer ever carries a password or its hash.
 */
import { z } from 'zod';
import { ROLE_CODES } from '../domain/roles';
import { PASSWORD_MAX_LENGTH } from '../rules/password';
import { id, reqText, visibleText } from '../schemas';

export const userName = z
  .string({ error: '请填写用户名' })
  .trim()
  .min(2, '用户名至少2个字符')
  .max(32, '用户名不能超过32个字符')
  .regex(/^[A-Za-z0-9_.\-\p{Script=Han}]+$/u, '用户名只能含汉字、字母、数字和 _ . -');

/** A password as typed; the strength rule runs in the core, which knows the user name. */
export const password = z
  .string({ error: '请填写密码' })
  .min(1, '请填写密码')
  .max(PASSWORD_MAX_LENGTH, `密码不能超过${PASSWORD_MAX_LENGTH}位`)
  .superRefine(visibleText());

const role = z.enum(ROLE_CODES, { error: '请选择角色' });
const regionId = z.number({ error: '请选择属地' }).int('属地编号无效').positive('属地编号无效');
const regionIds = z.array(regionId).max(1000, '属地过多').default([]);

export const loginSchema = z.object({ userName, password });
export const setupSchema = z.object({ userName, name: reqText(30), password });
export const changePasswordSchema = z.object({ oldPassword: password, newPassword: password });

export const userCreateSchema = z.object({ userName, name: reqText(30), role, regionIds, password });
export const userUpdateSchema = z.object({
  id,
  name: reqText(30).optional(),
  role: role.optional(),
  regionIds: z.array(regionId).max(1000, '属地过多').optional(),
  enabled: z.boolean().optional(),
});

export type UserCreate = z.output<typeof userCreateSchema>;
export type UserUpdate = z.output<typeof userUpdateSchema>;

/** An account as the channels show it. */
/** An account as the screens see it: the fields it was created with (never the password), and its state. */
export interface Account extends Omit<UserCreate, 'password'> {
  id: number;
  enabled: boolean;
  mustChangePassword: boolean;
  passwordChangedAt: string;
  lastLoginAt: string | null;
  failedAttempts: number;
  /** Set while the account is locked after too many wrong passwords. */
  lockedUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface LoginResult {
  user: Account;
  /** First login, after a reset, or the password expired: only 修改密码 is open until it is changed. */
  mustChangePassword: boolean;
}

export interface Me {
  /** A new ledger without any account: the first start asks for the administrator. */
  needsSetup: boolean;
  user: Account | null;
  /** The database behind the app: 'postgres' is the server edition, whose backups IT takes with pg_dump. */
  engine?: 'sqlite' | 'postgres';
}

export const LOGIN_EVENTS = [
  { code: 'login', label: '登录' },
  { code: 'failed', label: '登录失败' },
  { code: 'locked', label: '账号锁定' },
  { code: 'logout', label: '退出' },
  { code: 'timeout', label: '超时退出' },
  { code: 'password_changed', label: '修改密码' },
  { code: 'password_reset', label: '重置密码' },
  { code: 'role_changed', label: '变更角色' },
] as const;
export type LoginEvent = (typeof LOGIN_EVENTS)[number]['code'];

export interface LoginLogEntry {
  id: number;
  at: string;
  userName: string;
  userId: number | null;
  event: LoginEvent;
  detail: string | null;
  address: string | null;
  agent: string | null;
}
