/**
 * Accounts, logins and sessions (issue #14). Every login event goes to login_log; account changes also
 * go to the audit log, naming the account that made them. Times come from `ctx.now()`, so tests fix them.
 * No function here returns or logs a password or its hash.
 */
import { createHash, randomBytes } from 'node:crypto';
import { type InferResult, type Kysely, sql } from 'kysely';
import type { Channel } from '../../../shared/contract';
import { labelOf } from '../../../shared/domain/codes';
import { mayCall, PASSWORD_CHANGE_CHANNELS, ROLES, type RoleCode, roleHasRegions } from '../../../shared/domain/roles';
import type { Account, LoginEvent, LoginLogEntry, LoginResult, Me, UserCreate, UserUpdate } from '../../../shared/records/accounts';
import { passwordProblem } from '../../../shared/rules/password';
import type { Page } from '../../../shared/types';
import { actorName, type Caller } from '../caller';
import { camelDb } from '../camel';
import type { Ctx } from '../context';

export type { Caller };

import { AppError, notFound } from '../errors';
import { decoyHash, hashPassword, verifyPassword } from '../passwordHash';
import type { Database } from '../schema';
import { type WriteActor, write } from '../write';

/** 设置 keys of the account rules, with the defaults of issue #14 (0 days = passwords never expire). */
export const ACCOUNT_DEFAULTS = {
  loginMaxFailures: 5,
  loginLockMinutes: 15,
  passwordMaxAgeDays: 90,
  sessionIdleMinutes: 30,
};
export type AccountRules = typeof ACCOUNT_DEFAULTS;

/** What login answers inside the core: the session id goes to the transport, never to the renderer. */
export type Session = LoginResult & { sessionId: string };

/** Where a login comes from, as the transport knows it (browser mode: the peer address and User-Agent). */
export interface Origin {
  address?: string | null;
  agent?: string | null;
}

const MINUTE = 60_000;
const at = (iso: string) => Date.parse(iso);
const plusMinutes = (iso: string, minutes: number) => new Date(at(iso) + minutes * MINUTE).toISOString();
const hashSession = (id: string) => createHash('sha256').update(id).digest('hex');
const actorOf = (c: { name: string; userName: string; userId: number }): WriteActor => ({ name: actorName(c), userId: c.userId });

export async function accountRules(ctx: Ctx): Promise<AccountRules> {
  const rows = await ctx.ledger.db.selectFrom('settings').selectAll().where('key', 'in', Object.keys(ACCOUNT_DEFAULTS)).execute();
  const rules = { ...ACCOUNT_DEFAULTS };
  for (const r of rows) {
    const v = JSON.parse(r.value) as unknown;
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0) rules[r.key as keyof AccountRules] = v;
  }
  return rules;
}

/** Whom a login_log line names: an account's row (user, session) as selected, or an unknown name as typed. */
type Who = { userName: string; userId: number | null };

async function logEvent(db: Kysely<Database>, now: string, who: Who, event: LoginEvent, detail: string | null = null, from: Origin = {}) {
  // Only these two are taken: a user row passed as `who` carries the password hash, which never reaches the log.
  const { userName, userId } = who;
  await camelDb(db)
    .insertInto('login_log')
    .values({ at: now, userName, userId, event, detail, address: from.address ?? null, agent: from.agent?.slice(0, 300) ?? null })
    .execute();
}

/** What login and a password change read of an account: its id as `userId`, so the row names itself in the log. */
function users(db: Kysely<Database>) {
  return camelDb(db)
    .selectFrom('users')
    .select(['id as userId', 'userName', 'enabled', 'passwordHash', 'passwordChangedAt', 'failedAttempts', 'lockedUntil']);
}
type UserRow = InferResult<ReturnType<typeof users>>[number];

function findUser(db: Kysely<Database>, userName: string): Promise<UserRow | undefined> {
  return users(db).where(sql<boolean>`lower(user_name) = lower(${userName.trim()})`).executeTakeFirst();
}

/** A session with its account's user name, as its log lines name it. */
function sessions(db: Kysely<Database>) {
  return camelDb(db).selectFrom('sessions as s').innerJoin('users as u', 'u.id', 's.userId').select(['s.id', 's.userId', 'u.userName']);
}

async function regionsOf(db: Kysely<Database>, userId: number): Promise<number[]> {
  const rows = await camelDb(db).selectFrom('user_regions').select('regionId').where('userId', '=', userId).orderBy('regionId').execute();
  return rows.map((r) => r.regionId);
}

/** An account's columns as the screens see it: never the hash. */
function accounts(db: Kysely<Database>) {
  return camelDb(db)
    .selectFrom('users')
    .select([
      'id',
      'userName',
      'name',
      'role',
      'enabled',
      'mustChange',
      'passwordChangedAt',
      'lastLoginAt',
      'failedAttempts',
      'lockedUntil',
      'createdAt',
      'updatedAt',
    ]);
}

/** 0/1 flags as booleans, with the account's regions. */
function toAccount({ enabled, mustChange, ...u }: InferResult<ReturnType<typeof accounts>>[number], regionIds: number[]): Account {
  return { ...u, regionIds, enabled: enabled === 1, mustChangePassword: mustChange === 1 };
}

/** What the audit log keeps of an account: never the hash. */
const auditView = (a: Account) => ({ userName: a.userName, name: a.name, role: a.role, regionIds: a.regionIds, enabled: a.enabled });

function refusePassword(password: string, userName: string, field = 'password'): void {
  const problem = passwordProblem(password, userName);
  if (problem) throw new AppError('invalid_input', `输入有误：${problem}`, [{ path: field, message: problem }]);
}

async function checkRegions(db: Kysely<Database>, role: RoleCode, regionIds: number[]): Promise<number[]> {
  if (!roleHasRegions(role)) return [];
  const ids = [...new Set(regionIds)];
  if (ids.length === 0) {
    throw new AppError('invalid_input', '输入有误：「负责属地」乡镇经办请至少选择一个属地', [
      { path: 'regionIds', message: '请至少选择一个属地' },
    ]);
  }
  const found = await db.selectFrom('regions').select('id').where('id', 'in', ids).execute();
  if (found.length !== ids.length)
    throw new AppError('invalid_input', '所选属地不存在或已删除', [{ path: 'regionIds', message: '属地不存在' }]);
  return ids.sort((a, b) => a - b);
}

export async function getAccount(ctx: Ctx, id: number): Promise<Account> {
  const u = await accounts(ctx.ledger.db).where('id', '=', id).executeTakeFirst();
  if (!u) throw notFound('账号', id);
  return toAccount(u, await regionsOf(ctx.ledger.db, id));
}

export async function listUsers(ctx: Ctx): Promise<Account[]> {
  const users = await accounts(ctx.ledger.db).orderBy('id').execute();
  const regions = await camelDb(ctx.ledger.db).selectFrom('user_regions').selectAll().orderBy('regionId').execute();
  return users.map((u) =>
    toAccount(
      u,
      regions.filter((r) => r.userId === u.id).map((r) => r.regionId),
    ),
  );
}

interface NewUser extends UserCreate {
  mustChange: boolean;
  /** The first administrator: refused once any account exists (checked inside the write, so two first starts cannot both win). */
  first?: boolean;
}

async function insertUser(ctx: Ctx, input: NewUser, by: WriteActor): Promise<Account> {
  refusePassword(input.password, input.userName);
  const hash = await hashPassword(input.password);
  const id = await write(
    ctx,
    async (w) => {
      if (input.first && (await w.trx.selectFrom('users').select('id').limit(1).executeTakeFirst())) {
        throw new AppError('conflict', '系统管理员已经设置，请用已有账号登录');
      }
      if (await findUser(w.trx, input.userName)) throw new AppError('conflict', `用户名“${input.userName}”已被使用`);
      const regionIds = await checkRegions(w.trx, input.role, input.regionIds);
      const id = await insertAccountRow(w.trx, {
        userName: input.userName,
        name: input.name,
        role: input.role,
        passwordHash: hash,
        mustChange: input.mustChange,
        regionIds,
        now: w.now,
      });
      // A first administrator creates itself: its id is known only now, and audit() reads `by` when called.
      if (input.first) by.userId = id;
      await w.audit('user', id, 'create', null, {
        userName: input.userName,
        name: input.name,
        role: input.role,
        regionIds,
        enabled: true,
      });
      w.touchOrgs([]);
      return id;
    },
    by,
  );
  return getAccount(ctx, id);
}

/** An account's row and its regions as the users table keeps them. */
export interface AccountRow {
  userName: string;
  name: string;
  role: RoleCode;
  passwordHash: string;
  mustChange: boolean;
  regionIds: readonly number[];
  /** The stamps' time (created, updated, password changed). */
  now: string;
}

/**
 * Writes an enabled account and its regions; returns its id. The caller checks and audits: the
 * administrator's form, the demo seed and the test harness each do so their own way.
 */
export async function insertAccountRow(db: Kysely<Database>, a: AccountRow): Promise<number> {
  const trx = camelDb(db);
  const { id } = await trx
    .insertInto('users')
    .values({
      userName: a.userName,
      name: a.name,
      role: a.role,
      enabled: 1,
      passwordHash: a.passwordHash,
      mustChange: a.mustChange ? 1 : 0,
      passwordChangedAt: a.now,
      failedAttempts: 0,
      createdAt: a.now,
      updatedAt: a.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const regionId of a.regionIds) await trx.insertInto('user_regions').values({ userId: id, regionId }).execute();
  return id;
}

/** The administrator creates an account; the new user changes the password at the first login. */
export async function createUser(ctx: Ctx, caller: Caller, input: UserCreate): Promise<Account> {
  return insertUser(ctx, { ...input, mustChange: true }, actorOf(caller));
}

/** Role, regions, 姓名, enabled. At least one enabled administrator always remains. */
export async function updateUser(ctx: Ctx, caller: Caller, input: UserUpdate): Promise<Account> {
  const before = await getAccount(ctx, input.id);
  const role = input.role ?? before.role;
  const enabled = input.enabled ?? before.enabled;
  if (input.id === caller.userId && !enabled) throw new AppError('conflict', '不能停用自己正在使用的账号');
  await write(
    ctx,
    async (w) => {
      const regionIds = await checkRegions(w.trx, role, input.regionIds ?? before.regionIds);
      if (before.role === 'admin' && before.enabled && (role !== 'admin' || !enabled)) {
        const others = await w.trx
          .selectFrom('users')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('role', '=', 'admin')
          .where('enabled', '=', 1)
          .where('id', '!=', input.id)
          .executeTakeFirstOrThrow();
        if (Number(others.n) === 0) throw new AppError('conflict', '至少要保留一个启用的系统管理员账号');
      }
      const trx = camelDb(w.trx);
      await trx
        .updateTable('users')
        .set({ name: input.name ?? before.name, role, enabled: enabled ? 1 : 0, updatedAt: w.now })
        .where('id', '=', input.id)
        .execute();
      await trx.deleteFrom('user_regions').where('userId', '=', input.id).execute();
      for (const regionId of regionIds) await trx.insertInto('user_regions').values({ userId: input.id, regionId }).execute();
      // A disabled account's open sessions end now, not at their next idle timeout.
      if (!enabled) await trx.deleteFrom('sessions').where('userId', '=', input.id).execute();
      const after = { ...before, name: input.name ?? before.name, role, enabled, regionIds };
      await w.audit('user', input.id, 'update', auditView(before), auditView(after));
      if (role !== before.role) {
        const detail = `${labelOf(ROLES, before.role)} → ${labelOf(ROLES, role)}（由${caller.name}变更）`;
        await logEvent(w.trx, w.now, { userName: before.userName, userId: input.id }, 'role_changed', detail);
      }
      w.touchOrgs([]);
    },
    actorOf(caller),
  );
  return getAccount(ctx, input.id);
}

/** The administrator sets a temporary password: the lock is lifted and the user must change it at login. */
export async function resetPassword(ctx: Ctx, caller: Caller, input: { id: number; password: string }): Promise<Account> {
  const before = await getAccount(ctx, input.id);
  refusePassword(input.password, before.userName);
  const hash = await hashPassword(input.password);
  await write(
    ctx,
    async (w) => {
      const trx = camelDb(w.trx);
      await trx
        .updateTable('users')
        .set({ passwordHash: hash, mustChange: 1, passwordChangedAt: w.now, failedAttempts: 0, lockedUntil: null, updatedAt: w.now })
        .where('id', '=', input.id)
        .execute();
      await trx.deleteFrom('sessions').where('userId', '=', input.id).execute();
      await w.audit('user', input.id, 'reset_password', null, { userName: before.userName, mustChangePassword: true });
      await logEvent(w.trx, w.now, { userName: before.userName, userId: input.id }, 'password_reset', `由${caller.name}重置`);
      w.touchOrgs([]);
    },
    actorOf(caller),
  );
  return getAccount(ctx, input.id);
}

async function startSession(ctx: Ctx, u: UserRow, from: Origin, detail: string | null): Promise<Session> {
  const sessionId = randomBytes(32).toString('hex');
  const now = ctx.now();
  const rules = await accountRules(ctx);
  const expired = rules.passwordMaxAgeDays > 0 && at(now) - at(u.passwordChangedAt) >= rules.passwordMaxAgeDays * 24 * 60 * MINUTE;
  await ctx.ledger.db.transaction().execute(async (trx) => {
    await endIdleSessions(trx, now, rules.sessionIdleMinutes);
    const camel = camelDb(trx);
    await camel
      .updateTable('users')
      .set({ failedAttempts: 0, lockedUntil: null, lastLoginAt: now, ...(expired ? { mustChange: 1 } : {}) })
      .where('id', '=', u.userId)
      .execute();
    await camel
      .insertInto('sessions')
      .values({ id: hashSession(sessionId), userId: u.userId, createdAt: now, lastSeen: now })
      .execute();
    const why = expired ? `密码已超过${rules.passwordMaxAgeDays}天未修改，须修改密码` : detail;
    await logEvent(trx, now, u, 'login', why, from);
  });
  const user = await getAccount(ctx, u.userId);
  return { sessionId, user, mustChangePassword: user.mustChangePassword };
}

/** Sessions nobody used for the idle time end, each with a `timeout` line in the login log. */
async function endIdleSessions(db: Kysely<Database>, now: string, idleMinutes: number): Promise<void> {
  const cutoff = plusMinutes(now, -idleMinutes);
  const idle = await sessions(db).where('s.lastSeen', '<=', cutoff).execute();
  for (const s of idle) {
    await db.deleteFrom('sessions').where('id', '=', s.id).execute();
    await logEvent(db, now, s, 'timeout', `${idleMinutes}分钟未操作`);
  }
}

const minutesLeft = (now: string, until: string) => Math.max(1, Math.ceil((at(until) - at(now)) / MINUTE));

/**
 * Checks the password. Too many wrong ones in a row lock the account for a while (设置); while locked,
 * even the right password is refused, so guessing cannot go on. An unknown user name is told apart
 * from a wrong password neither by the message nor by the time taken.
 */
export async function login(ctx: Ctx, input: { userName: string; password: string }, from: Origin = {}): Promise<Session> {
  const rules = await accountRules(ctx);
  const db = ctx.ledger.db;
  const u = await findUser(db, input.userName);
  const now = ctx.now();
  const typed = input.userName.trim();
  if (!u) {
    await verifyPassword(input.password, await decoyHash());
    await logEvent(db, now, { userName: typed, userId: null }, 'failed', '用户名不存在', from);
    throw new AppError('unauthenticated', '用户名或密码错误');
  }
  const lockedUntil = u.lockedUntil && at(u.lockedUntil) > at(now) ? u.lockedUntil : null;
  if (lockedUntil) {
    await logEvent(db, now, u, 'failed', '账号锁定中', from);
    throw new AppError('unauthenticated', `密码错误次数过多，账号已锁定，请${minutesLeft(now, lockedUntil)}分钟后再试`);
  }
  if (!(await verifyPassword(input.password, u.passwordHash))) {
    let failures = 0;
    let lock = false;
    await db.transaction().execute(async (trx) => {
      // Read again inside the transaction: guesses sent side by side must each count.
      const cur = await users(trx).where('id', '=', u.userId).executeTakeFirstOrThrow();
      // A lock that has run out starts the count again.
      failures = (cur.lockedUntil ? 0 : cur.failedAttempts) + 1;
      lock = rules.loginMaxFailures > 0 && failures >= rules.loginMaxFailures;
      const until = lock ? plusMinutes(now, rules.loginLockMinutes) : null;
      await camelDb(trx)
        .updateTable('users')
        .set({ failedAttempts: lock ? 0 : failures, lockedUntil: until })
        .where('id', '=', u.userId)
        .execute();
      await logEvent(trx, now, u, 'failed', `密码错误（第${failures}次）`, from);
      if (lock) await logEvent(trx, now, u, 'locked', `锁定${rules.loginLockMinutes}分钟`, from);
    });
    if (lock) throw new AppError('unauthenticated', `密码连续错误${failures}次，账号已锁定，请${rules.loginLockMinutes}分钟后再试`);
    const left = rules.loginMaxFailures - failures;
    throw new AppError(
      'unauthenticated',
      left > 0 && rules.loginMaxFailures > 0 ? `用户名或密码错误，还可尝试${left}次` : '用户名或密码错误',
    );
  }
  if (u.enabled !== 1) {
    await logEvent(db, now, u, 'failed', '账号已停用', from);
    throw new AppError('unauthenticated', '该账号已停用，请联系系统管理员');
  }
  return startSession(ctx, u, from, null);
}

export async function logout(ctx: Ctx, sessionId: string, from: Origin = {}): Promise<{ ok: true }> {
  const s = await sessions(ctx.ledger.db).where('s.id', '=', hashSession(sessionId)).executeTakeFirst();
  if (s) {
    await ctx.ledger.db.deleteFrom('sessions').where('id', '=', s.id).execute();
    await logEvent(ctx.ledger.db, ctx.now(), s, 'logout', null, from);
  }
  return { ok: true };
}

export type SessionLookup = { caller: Caller } | { ended: 'missing' | 'timeout' };

/**
 * The account behind a session id, keeping the session alive; a session idle for longer than 设置
 * allows (default 30 minutes) ends here, and so does one whose account was disabled.
 */
export async function lookupSession(ctx: Ctx, sessionId: string | undefined): Promise<SessionLookup> {
  if (!sessionId) return { ended: 'missing' };
  const db = ctx.ledger.db;
  const row = await camelDb(db)
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.userId')
    .select(['s.id as sid', 's.lastSeen', 'u.id as userId', 'u.userName', 'u.name', 'u.role', 'u.enabled', 'u.mustChange'])
    .where('s.id', '=', hashSession(sessionId))
    .executeTakeFirst();
  if (!row) return { ended: 'missing' };
  const { sid, lastSeen, enabled, mustChange, ...who } = row;
  const now = ctx.now();
  const { sessionIdleMinutes } = await accountRules(ctx);
  if (enabled !== 1) {
    await db.deleteFrom('sessions').where('id', '=', sid).execute();
    return { ended: 'missing' };
  }
  if (at(now) - at(lastSeen) >= sessionIdleMinutes * MINUTE) {
    await db.deleteFrom('sessions').where('id', '=', sid).execute();
    await logEvent(db, now, who, 'timeout', `${sessionIdleMinutes}分钟未操作`);
    return { ended: 'timeout' };
  }
  // Once a minute is enough for a 30-minute rule, and spares every read a write.
  if (at(now) - at(lastSeen) >= MINUTE) await camelDb(db).updateTable('sessions').set({ lastSeen: now }).where('id', '=', sid).execute();
  return { caller: { ...who, regionIds: await regionsOf(db, who.userId), mustChangePassword: mustChange === 1 } satisfies Caller };
}

/**
 * The gate every channel will pass (the lead wires it into dispatch): a live session, a changed
 * password when one is due, and a role that may call the channel.
 */
export async function requireCaller(ctx: Ctx, sessionId: string | undefined, channel: Channel): Promise<Caller> {
  const found = await lookupSession(ctx, sessionId);
  if ('ended' in found) {
    throw new AppError('unauthenticated', found.ended === 'timeout' ? '长时间未操作，已自动退出，请重新登录' : '请先登录');
  }
  const { caller } = found;
  if (caller.mustChangePassword && !PASSWORD_CHANGE_CHANNELS.has(channel)) {
    throw new AppError('forbidden', '请先修改密码后再继续使用');
  }
  if (!mayCall(caller.role, channel)) throw new AppError('forbidden', `“${labelOf(ROLES, caller.role)}”角色无权使用此功能`);
  return caller;
}

export async function me(ctx: Ctx, sessionId: string | undefined): Promise<Me> {
  if (await needsSetup(ctx)) return { needsSetup: true, user: null };
  const found = await lookupSession(ctx, sessionId);
  return { needsSetup: false, user: 'caller' in found ? await getAccount(ctx, found.caller.userId) : null };
}

/** The signed-in user's own change: the old password, then a new one that passes the rule and differs from it. */
export async function changePassword(
  ctx: Ctx,
  input: { sessionId: string; oldPassword: string; newPassword: string },
  from: Origin = {},
): Promise<Account> {
  const caller = await requireCaller(ctx, input.sessionId, 'auth.changePassword');
  const u = await users(ctx.ledger.db).where('id', '=', caller.userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(input.oldPassword, u.passwordHash))) {
    await logEvent(ctx.ledger.db, ctx.now(), u, 'failed', '修改密码时原密码错误', from);
    throw new AppError('invalid_input', '输入有误：「原密码」不正确', [{ path: 'oldPassword', message: '原密码不正确' }]);
  }
  refusePassword(input.newPassword, u.userName, 'newPassword');
  if (input.newPassword === input.oldPassword) {
    throw new AppError('invalid_input', '输入有误：「新密码」不能与原密码相同', [{ path: 'newPassword', message: '不能与原密码相同' }]);
  }
  const hash = await hashPassword(input.newPassword);
  const keep = hashSession(input.sessionId);
  await write(
    ctx,
    async (w) => {
      const trx = camelDb(w.trx);
      await trx
        .updateTable('users')
        .set({ passwordHash: hash, mustChange: 0, passwordChangedAt: w.now, updatedAt: w.now })
        .where('id', '=', u.userId)
        .execute();
      // Anyone else still signed in with the old password is signed out.
      await trx.deleteFrom('sessions').where('userId', '=', u.userId).where('id', '!=', keep).execute();
      await w.audit('user', u.userId, 'change_password', null, { userName: u.userName });
      await logEvent(w.trx, w.now, u, 'password_changed', null, from);
      w.touchOrgs([]);
    },
    actorOf(caller),
  );
  return getAccount(ctx, u.userId);
}

export async function needsSetup(ctx: Ctx): Promise<boolean> {
  const row = await ctx.ledger.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

/**
 * The first start of a new ledger: there is no default password; whoever installs the ledger names the
 * administrator. Refused as soon as any account exists.
 */
export async function setupAdmin(
  ctx: Ctx,
  input: { userName: string; name: string; password: string },
  from: Origin = {},
): Promise<Session> {
  if (!(await needsSetup(ctx))) throw new AppError('conflict', '系统管理员已经设置，请用已有账号登录');
  const self: WriteActor = { name: `${input.name}（${input.userName}）`, userId: null };
  await insertUser(ctx, { ...input, role: 'admin', regionIds: [], mustChange: false, first: true }, self);
  return login(ctx, input, from);
}

export async function listLoginLog(
  ctx: Ctx,
  input: { userName?: string; event?: LoginEvent; offset: number; limit: number },
): Promise<Page<LoginLogEntry>> {
  let q = camelDb(ctx.ledger.db).selectFrom('login_log');
  if (input.userName) q = q.where(sql<boolean>`lower(user_name) = lower(${input.userName})`);
  if (input.event) q = q.where('event', '=', input.event);
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.selectAll().orderBy('id', 'desc').offset(input.offset).limit(input.limit).execute();
  return { total: Number(n), rows: rows satisfies LoginLogEntry[] };
}
