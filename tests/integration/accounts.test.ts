/**
 * Accounts, logins and sessions against a real ledger with a clock the test moves (issue #14).
 * Everything goes through the channels, as the login page and 账号管理 will call them.
 */
import { sql } from 'kysely';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hasForeignText } from '../../src/main/core/errors';
import { cheapHashesForTests, DEFAULT_COST, hashPassword, verifyPassword } from '../../src/main/core/passwordHash';
import type { Session as LoginResult } from '../../src/main/core/services/accounts';
import { requireCaller } from '../../src/main/core/services/accounts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoAccounts } from '../../src/main/core/services/demoAccounts';
import { createRegion } from '../../src/main/core/services/regions';
import { type ApiResult, channels } from '../../src/shared/contract';
import { mayCall, PUBLIC_CHANNELS } from '../../src/shared/domain/roles';
import { makeLedger, type TestLedger } from './fixture';

const START = Date.parse('2026-06-30T08:00:00.000Z');
const MINUTE = 60_000;
const ADMIN_PASSWORD = 'Zuzhibu#2026';
const CLERK_PASSWORD = 'Qingshan#01';

let t: TestLedger;
let clock = START;
let admin: LoginResult;
const responses: unknown[] = [];

/** Moves the ledger's clock to `minutes` after the start. */
const at = (minutes: number) => {
  clock = START + minutes * MINUTE;
};

async function raw(channel: string, input: unknown): Promise<ApiResult<unknown>> {
  const r = await t.raw(channel, input);
  responses.push(r);
  return r;
}

async function ok<T>(channel: string, input: unknown): Promise<T> {
  const r = await raw(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.data as T;
}

async function refused(channel: string, input: unknown): Promise<{ code: string; message: string; fields?: unknown }> {
  const r = await raw(channel, input);
  if (r.ok) throw new Error(`${channel} should have been refused`);
  expect(hasForeignText(r.error.message), r.error.message).toBe(false);
  return r.error;
}

const login = (userName: string, password: string) => ok<LoginResult>('auth.login', { userName, password });

function loginLog(userName: string) {
  return t.rows<{ event: string; detail: string | null; at: string }>(
    sql`SELECT event, detail, at FROM login_log WHERE user_name = ${userName} ORDER BY id`,
  );
}

async function createClerk(userName = 'lisi', role = 'county', regionIds: number[] = []) {
  return ok<{ id: number }>('users.create', {
    sessionId: admin.sessionId,
    userName,
    name: '李四',
    role,
    regionIds,
    password: CLERK_PASSWORD,
  });
}

/** A clerk who has already changed the first password. */
async function activeClerk(userName = 'lisi', password = 'Qing#2026ok'): Promise<LoginResult> {
  await createClerk(userName);
  const first = await login(userName, CLERK_PASSWORD);
  await ok('auth.changePassword', { sessionId: first.sessionId, oldPassword: CLERK_PASSWORD, newPassword: password });
  return login(userName, password);
}

beforeAll(() => {
  // The one hash at the real cost is in “keeps only salted hashes”.
  cheapHashesForTests();
});

beforeEach(async () => {
  t = await makeLedger();
  clock = START;
  t.ctx.now = () => new Date(clock).toISOString();
  responses.length = 0;
  admin = await ok<LoginResult>('auth.setup', { userName: 'admin', name: '张三', password: ADMIN_PASSWORD });
});

afterEach(async () => {
  await t.close();
});

describe('first start', () => {
  it('has no account and no default password until the administrator is set, then refuses a second setup', async () => {
    const fresh = await makeLedger();
    try {
      expect(await fresh.call('auth.me', {})).toMatchObject({ needsSetup: true, user: null });
      for (const password of ['admin', '123456', 'Admin@123', ADMIN_PASSWORD]) {
        const r = await fresh.raw('auth.login', { userName: 'admin', password });
        expect(r.ok ? 'ok' : r.error.code).toBe('unauthenticated');
      }
    } finally {
      await fresh.close();
    }
    expect(admin.user.role).toBe('admin');
    expect(admin.mustChangePassword).toBe(false);
    expect((await ok<{ needsSetup: boolean }>('auth.me', { sessionId: admin.sessionId })).needsSetup).toBe(false);
    const again = await refused('auth.setup', { userName: 'other', name: '王五', password: 'Wangwu#2026' });
    expect(again.code).toBe('conflict');
    expect(t.count('users')).toBe(1);
  });

  it('names the new administrator in its own audit row', async () => {
    const [row] = await t.rows(sql`SELECT actor, actor_user_id FROM audit_log WHERE entity = 'user'`);
    expect(row).toEqual({ actor: '张三（admin）', actor_user_id: admin.user.id });
  });
});

describe('lockout', () => {
  it('locks after 5 wrong passwords for 15 minutes, refusing even the right one, then lets the user in', async () => {
    const clerk = await activeClerk();
    const messages: string[] = [];
    for (let i = 0; i < 5; i++) messages.push((await refused('auth.login', { userName: 'lisi', password: 'Wrong#pass1' })).message);
    expect(messages[0]).toBe('用户名或密码错误，还可尝试4次');
    expect(messages[3]).toBe('用户名或密码错误，还可尝试1次');
    expect(messages[4]).toBe('密码连续错误5次，账号已锁定，请15分钟后再试');
    at(10);
    expect((await refused('auth.login', { userName: 'lisi', password: 'Qing#2026ok' })).message).toBe(
      '密码错误次数过多，账号已锁定，请5分钟后再试',
    );
    at(14.9);
    expect((await refused('auth.login', { userName: 'LISI', password: 'Qing#2026ok' })).code).toBe('unauthenticated');
    at(15);
    const back = await login('lisi', 'Qing#2026ok');
    expect(back.user.failedAttempts).toBe(0);
    expect(back.user.lockedUntil).toBeNull();
    // The count starts again after the lock ran out.
    expect((await refused('auth.login', { userName: 'lisi', password: 'Wrong#pass1' })).message).toBe('用户名或密码错误，还可尝试4次');
    const events = (await loginLog('lisi')).map((e) => e.event);
    expect(events.filter((e) => e === 'failed')).toHaveLength(8);
    expect(events.filter((e) => e === 'locked')).toHaveLength(1);
    expect((await loginLog('lisi')).find((e) => e.event === 'locked')?.detail).toBe('锁定15分钟');
    expect((await loginLog('lisi')).map((e) => e.detail)).toContain('账号锁定中');
    expect(clerk.sessionId).not.toBe(back.sessionId);
  });

  it('takes the number of failures and the lock time from 设置', async () => {
    await activeClerk();
    await t.rows(sql`INSERT INTO settings (key, value) VALUES ('loginMaxFailures', '3'), ('loginLockMinutes', '60')`);
    for (let i = 0; i < 2; i++) await refused('auth.login', { userName: 'lisi', password: 'Wrong#pass1' });
    expect((await refused('auth.login', { userName: 'lisi', password: 'Wrong#pass1' })).message).toBe(
      '密码连续错误3次，账号已锁定，请60分钟后再试',
    );
    at(59);
    await refused('auth.login', { userName: 'lisi', password: 'Qing#2026ok' });
    at(60);
    await login('lisi', 'Qing#2026ok');
  });

  it('answers an unknown user name as a wrong password and logs it under the name typed', async () => {
    const e = await refused('auth.login', { userName: 'nobody', password: 'Wrong#pass1' });
    expect(e).toMatchObject({ code: 'unauthenticated', message: '用户名或密码错误' });
    expect(await loginLog('nobody')).toEqual([{ event: 'failed', detail: '用户名不存在', at: new Date(START).toISOString() }]);
  });

  it('lets the administrator lift a lock by resetting the password', async () => {
    const { id } = await createClerk();
    for (let i = 0; i < 5; i++) await refused('auth.login', { userName: 'lisi', password: 'Wrong#pass1' });
    await ok('users.resetPassword', { sessionId: admin.sessionId, id, password: 'Linshi#2026' });
    expect((await login('lisi', 'Linshi#2026')).mustChangePassword).toBe(true);
  });
});

describe('sessions', () => {
  it('ends a session idle for 30 minutes and keeps one that is used', async () => {
    const clerk = await activeClerk();
    at(29);
    expect((await ok<{ user: unknown }>('auth.me', { sessionId: clerk.sessionId })).user).not.toBeNull();
    at(58);
    expect(await requireCaller(t.ctx, clerk.sessionId, 'orgs.list')).toMatchObject({ userName: 'lisi', role: 'county' });
    at(88);
    expect((await ok<{ user: unknown }>('auth.me', { sessionId: clerk.sessionId })).user).toBeNull();
    await expect(requireCaller(t.ctx, clerk.sessionId, 'orgs.list')).rejects.toThrow('请先登录');
    expect((await loginLog('lisi')).at(-1)).toMatchObject({ event: 'timeout', detail: '30分钟未操作' });
  });

  it('tells the caller that an idle session ended, and takes the idle time from 设置', async () => {
    await t.rows(sql`INSERT INTO settings (key, value) VALUES ('sessionIdleMinutes', '10')`);
    const clerk = await activeClerk();
    at(10);
    await expect(requireCaller(t.ctx, clerk.sessionId, 'orgs.list')).rejects.toThrow('长时间未操作，已自动退出，请重新登录');
  });

  it('ends the session at logout and logs it', async () => {
    const clerk = await activeClerk();
    await ok('auth.logout', { sessionId: clerk.sessionId });
    expect((await ok<{ user: unknown }>('auth.me', { sessionId: clerk.sessionId })).user).toBeNull();
    expect((await loginLog('lisi')).at(-1)?.event).toBe('logout');
    expect(await t.rows(sql`SELECT COUNT(*) AS n FROM sessions WHERE id = ${clerk.sessionId}`)).toEqual([{ n: 0 }]);
  });

  it('refuses a channel to a role that may not call it', async () => {
    const clerk = await activeClerk();
    const e = await refused('users.list', { sessionId: clerk.sessionId });
    expect(e).toMatchObject({ code: 'forbidden', message: '“县级经办”角色无权使用此功能' });
    await expect(requireCaller(t.ctx, admin.sessionId, 'orgs.create')).rejects.toThrow('“系统管理员”角色无权使用此功能');
    expect((await refused('users.list', { sessionId: 'f'.repeat(64) })).code).toBe('unauthenticated');
  });
});

describe('passwords', () => {
  it('makes a new account and a reset one change the password before anything else', async () => {
    const { id } = await createClerk();
    const first = await login('lisi', CLERK_PASSWORD);
    expect(first.mustChangePassword).toBe(true);
    await expect(requireCaller(t.ctx, first.sessionId, 'orgs.list')).rejects.toThrow('请先修改密码后再继续使用');
    await requireCaller(t.ctx, first.sessionId, 'auth.me');
    const same = await refused('auth.changePassword', {
      sessionId: first.sessionId,
      oldPassword: CLERK_PASSWORD,
      newPassword: CLERK_PASSWORD,
    });
    expect(same.message).toBe('输入有误：「新密码」不能与原密码相同');
    const wrongOld = await refused('auth.changePassword', {
      sessionId: first.sessionId,
      oldPassword: 'Wrong#pass1',
      newPassword: 'Qing#2026ok',
    });
    expect(wrongOld.message).toBe('输入有误：「原密码」不正确');
    const changed = await ok<{ mustChangePassword: boolean }>('auth.changePassword', {
      sessionId: first.sessionId,
      oldPassword: CLERK_PASSWORD,
      newPassword: 'Qing#2026ok',
    });
    expect(changed.mustChangePassword).toBe(false);
    expect((await requireCaller(t.ctx, first.sessionId, 'orgs.list')).userName).toBe('lisi');

    await ok('users.resetPassword', { sessionId: admin.sessionId, id, password: 'Linshi#2026' });
    // The reset ends the sessions the user had.
    await expect(requireCaller(t.ctx, first.sessionId, 'orgs.list')).rejects.toThrow('请先登录');
    await refused('auth.login', { userName: 'lisi', password: 'Qing#2026ok' });
    const afterReset = await login('lisi', 'Linshi#2026');
    expect(afterReset.mustChangePassword).toBe(true);
    await expect(requireCaller(t.ctx, afterReset.sessionId, 'orgs.list')).rejects.toThrow('请先修改密码');
    const events = (await loginLog('lisi')).map((e) => e.event);
    expect(events).toEqual(['login', 'failed', 'password_changed', 'password_reset', 'failed', 'login']);
  });

  it('asks for a new password after 90 days, or as 设置 says, and never when set to 0', async () => {
    await activeClerk();
    at(89 * 24 * 60);
    expect((await login('lisi', 'Qing#2026ok')).mustChangePassword).toBe(false);
    at(90 * 24 * 60);
    const expired = await login('lisi', 'Qing#2026ok');
    expect(expired.mustChangePassword).toBe(true);
    expect((await loginLog('lisi')).at(-1)?.detail).toBe('密码已超过90天未修改，须修改密码');
    await ok('auth.changePassword', { sessionId: expired.sessionId, oldPassword: 'Qing#2026ok', newPassword: 'Qing#2026new' });
    await t.rows(sql`INSERT INTO settings (key, value) VALUES ('passwordMaxAgeDays', '0')`);
    at(900 * 24 * 60);
    expect((await login('lisi', 'Qing#2026new')).mustChangePassword).toBe(false);
  });

  it('refuses weak passwords in Chinese, wherever a password is set', async () => {
    const weak: [string, string][] = [
      ['Ab#1', '输入有误：密码至少8位'],
      ['qingshanzhen', '输入有误：密码应包含大写字母、小写字母、数字、符号中的至少三类'],
      ['Wangwu#2026', '输入有误：密码不能包含用户名'],
    ];
    for (const [password, message] of weak) {
      const e = await refused('users.create', { sessionId: admin.sessionId, userName: 'wangwu', name: '王五', role: 'viewer', password });
      expect(e).toMatchObject({ code: 'invalid_input', message });
    }
    expect(t.count('users')).toBe(1);
    expect((await refused('auth.setup', { userName: 'x1', name: '某', password: 'short' })).code).toBe('conflict');
    const clerk = await activeClerk();
    const e = await refused('auth.changePassword', { sessionId: clerk.sessionId, oldPassword: 'Qing#2026ok', newPassword: 'qing2026ok' });
    expect(e.message).toBe('输入有误：密码应包含大写字母、小写字母、数字、符号中的至少三类');
    const { id } = await createClerk('zhaoliu');
    expect((await refused('users.resetPassword', { sessionId: admin.sessionId, id, password: '12345678' })).code).toBe('invalid_input');
  });

  it('keeps only salted hashes: not the password, different for the same password', async () => {
    await createClerk('lisi');
    await createClerk('zhaoliu');
    const rows = await t.rows<{ h: string }>(sql`SELECT password_hash AS h FROM users WHERE user_name IN ('lisi', 'zhaoliu')`);
    expect(rows).toHaveLength(2);
    const [a, b] = rows.map((r) => r.h) as [string, string];
    expect(a).not.toBe(b);
    for (const h of [a, b]) {
      expect(h).toMatch(/^scrypt\$\d+\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
      expect(h).not.toContain(CLERK_PASSWORD);
    }
  });

  it('hashes at the real cost by default and refuses a wrong password or a tampered hash', async () => {
    const h = await hashPassword('Qing#2026ok', DEFAULT_COST);
    expect(h.startsWith('scrypt$65536$8$2$')).toBe(true);
    expect(await verifyPassword('Qing#2026ok', h)).toBe(true);
    expect(await verifyPassword('Qing#2026oK', h)).toBe(false);
    const parts = h.split('$');
    expect(await verifyPassword('Qing#2026ok', ['scrypt', 2 ** 30, ...parts.slice(2)].join('$'))).toBe(false);
    expect(await verifyPassword('Qing#2026ok', ['scrypt', 1024, ...parts.slice(2)].join('$'))).toBe(false);
    expect(await verifyPassword('Qing#2026ok', 'Qing#2026ok')).toBe(false);
  });

  it('never shows a password or a hash in an answer, the audit log or the login log', async () => {
    const { id } = await createClerk();
    const first = await login('lisi', CLERK_PASSWORD);
    await ok('auth.changePassword', { sessionId: first.sessionId, oldPassword: CLERK_PASSWORD, newPassword: 'Qing#2026ok' });
    await ok('users.update', { sessionId: admin.sessionId, id, role: 'viewer' });
    await ok('users.resetPassword', { sessionId: admin.sessionId, id, password: 'Linshi#2026' });
    await refused('auth.login', { userName: 'lisi', password: 'Wrong#pass1' });
    await ok('users.list', { sessionId: admin.sessionId });
    await ok('loginLog.list', { sessionId: admin.sessionId });
    await ok('auth.me', { sessionId: admin.sessionId });
    const hashes = (await t.rows<{ h: string }>(sql`SELECT password_hash AS h FROM users`)).map((r) => r.h);
    const texts = [
      JSON.stringify(responses),
      JSON.stringify(await t.rows(sql`SELECT * FROM audit_log`)),
      JSON.stringify(await t.rows(sql`SELECT * FROM login_log`)),
    ];
    for (const text of texts) {
      for (const secret of [
        ADMIN_PASSWORD,
        CLERK_PASSWORD,
        'Qing#2026ok',
        'Linshi#2026',
        'Wrong#pass1',
        ...hashes,
        ...hashes.map((h) => h.split('$')[5]),
      ]) {
        expect(text).not.toContain(secret);
      }
      expect(text).not.toMatch(/scrypt\$/);
    }
  });
});

describe('accounts', () => {
  it('keeps a disabled account out and ends its sessions', async () => {
    const clerk = await activeClerk();
    await ok('users.update', { sessionId: admin.sessionId, id: clerk.user.id, enabled: false });
    await expect(requireCaller(t.ctx, clerk.sessionId, 'orgs.list')).rejects.toThrow('请先登录');
    const e = await refused('auth.login', { userName: 'lisi', password: 'Qing#2026ok' });
    expect(e).toMatchObject({ code: 'unauthenticated', message: '该账号已停用，请联系系统管理员' });
    expect((await loginLog('lisi')).at(-1)).toMatchObject({ event: 'failed', detail: '账号已停用' });
    await ok('users.update', { sessionId: admin.sessionId, id: clerk.user.id, enabled: true });
    await login('lisi', 'Qing#2026ok');
  });

  it('records a role change in both logs, naming the administrator', async () => {
    const region = await t.call('regions.create', { name: '青山镇', kind: 'township' });
    const { id } = await createClerk();
    const noRegion = await refused('users.update', { sessionId: admin.sessionId, id, role: 'township' });
    expect(noRegion.message).toBe('输入有误：「负责属地」乡镇经办请至少选择一个属地');
    const updated = await ok<{ role: string; regionIds: number[] }>('users.update', {
      sessionId: admin.sessionId,
      id,
      role: 'township',
      regionIds: [region.id],
    });
    expect(updated).toMatchObject({ role: 'township', regionIds: [region.id] });
    expect((await loginLog('lisi')).at(-1)).toMatchObject({ event: 'role_changed', detail: '县级经办 → 乡镇经办（由张三变更）' });
    const audit = await t.rows<{ actor: string; actor_user_id: number; action: string; before: string | null; after: string }>(
      sql`SELECT actor, actor_user_id, action, before, after FROM audit_log WHERE entity = 'user' AND entity_id = ${id} ORDER BY id`,
    );
    expect(audit.map((a) => [a.action, a.actor, a.actor_user_id])).toEqual([
      ['create', '张三（admin）', admin.user.id],
      ['update', '张三（admin）', admin.user.id],
    ]);
    expect(JSON.parse(audit[1]?.after ?? '{}')).toMatchObject({ role: 'township', regionIds: [region.id] });
    // A record written through a channel names the account that called it.
    expect((await t.rows(sql`SELECT actor, actor_user_id FROM audit_log WHERE entity = 'region'`))[0]).toEqual({
      actor: expect.stringMatching(/^测试县级经办（测试账号\d+）$/),
      actor_user_id: expect.any(Number),
    });
  });

  it('keeps one enabled administrator and refuses a taken user name', async () => {
    expect((await refused('users.update', { sessionId: admin.sessionId, id: admin.user.id, role: 'county' })).message).toBe(
      '至少要保留一个启用的系统管理员账号',
    );
    expect((await refused('users.update', { sessionId: admin.sessionId, id: admin.user.id, enabled: false })).message).toBe(
      '不能停用自己正在使用的账号',
    );
    await createClerk('lisi');
    const taken = await refused('users.create', {
      sessionId: admin.sessionId,
      userName: 'LiSi',
      name: '李四',
      role: 'county',
      password: CLERK_PASSWORD,
    });
    expect(taken).toMatchObject({ code: 'conflict', message: '用户名“LiSi”已被使用' });
  });

  it('lists the login log for the auditor and the administrator only', async () => {
    await refused('auth.login', { userName: 'nobody', password: 'Wrong#pass1' });
    const page = await ok<{ total: number; rows: { event: string; userName: string }[] }>('loginLog.list', {
      sessionId: admin.sessionId,
      event: 'failed',
    });
    expect(page.total).toBe(1);
    expect(page.rows[0]).toMatchObject({ event: 'failed', userName: 'nobody' });
    const clerk = await activeClerk();
    expect((await refused('loginLog.list', { sessionId: clerk.sessionId })).code).toBe('forbidden');
  });
});

/** Through the ledger's own connection: `count` asks psql on PostgreSQL, too slow for a thousand checks. */
const auditRows = async (t: TestLedger) => Number((await t.rows<{ n: number }>(sql`SELECT count(*) AS n FROM audit_log`))[0]?.n);

describe('the gate over the whole contract', () => {
  it('lets each role through to exactly the channels PERMISSIONS gives it and answers forbidden to the rest', async () => {
    const demo = await makeLedger();
    try {
      // Before any account exists: the demo accounts are only seeded into a ledger without one.
      await createRegion(demo.ctx, { name: '青山镇', kind: 'township', code: null });
      await seedDemoAccounts(demo.ctx);
      for (const a of DEMO_ACCOUNTS) {
        const { sessionId } = (await demo.call('auth.login', { userName: a.userName, password: DEMO_PASSWORD })) as LoginResult;
        const through: string[] = [];
        for (const c of channels) {
          if (mayCall(a.role, c)) {
            await requireCaller(demo.ctx, sessionId, c);
            through.push(c);
            continue;
          }
          // Refused by the real dispatch, whatever the input, before anything is read or written.
          const audit = await auditRows(demo);
          const r = await demo.raw(c, { sessionId, id: 1, name: '越权', regionId: 1 });
          expect(r.ok ? 'ok' : r.error.code, `${a.role} ${c}`).toBe('forbidden');
          if (!r.ok) expect(r.error.message).toMatch(/^“.+”角色无权使用此功能$/);
          expect(await auditRows(demo), `${a.role} ${c}`).toBe(audit);
        }
        expect(through, a.role).toEqual(channels.filter((c) => mayCall(a.role, c)));
        expect(through.length, a.role).toBeGreaterThan(3);
      }
      // Without a session only the login page's channels are open; the gate refuses everything else.
      for (const c of channels) {
        if (PUBLIC_CHANNELS.has(c)) continue;
        const r = await demo.raw(c, { sessionId: undefined, id: 1 });
        expect(r.ok ? 'ok' : r.error, c).toEqual({ code: 'unauthenticated', message: '请先登录' });
      }
    } finally {
      await demo.close();
    }
  });
});

describe('demo accounts', () => {
  it('gives the demo ledger one account per role with the documented password, once', async () => {
    const demo = await makeLedger();
    try {
      const region = await createRegion(demo.ctx, { name: '青山镇', kind: 'township', code: null });
      expect(await seedDemoAccounts(demo.ctx)).toBe(true);
      expect(await seedDemoAccounts(demo.ctx)).toBe(false);
      for (const a of DEMO_ACCOUNTS) {
        const r = await demo.call('auth.login', { userName: a.userName, password: DEMO_PASSWORD });
        expect(r.user.role).toBe(a.role);
        expect(r.mustChangePassword).toBe(false);
        expect(r.user.regionIds).toEqual(a.role === 'township' ? [region.id] : []);
      }
      expect(new Set(DEMO_ACCOUNTS.map((a) => a.role)).size).toBe(5);
      expect(await demo.call('auth.me', {})).toMatchObject({ needsSetup: false, user: null });
    } finally {
      await demo.close();
    }
  });
});
