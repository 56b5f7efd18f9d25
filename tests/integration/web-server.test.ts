import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/main/core/passwordHash';
import { createWebServer } from '../../src/main/web/server';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/csp';
import { fakeRendererDir, makeLedger, type TestLedger } from './fixture';

let t: TestLedger;
let server: http.Server;
let base: string;
let cookie = '';
const logged: string[] = [];

beforeAll(async () => {
  t = await makeLedger();
  const staticDir = fakeRendererDir(t);
  cookie = await t.cookie();
  server = createWebServer({ ctx: t.ctx, staticDir, onError: (c, e) => logged.push(`${c} ${e instanceof Error ? e.stack : String(e)}`) });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await t.close();
});

const post = (channel: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, ...headers }, body });

describe('browser-mode server', () => {
  it('serves the renderer with the app’s Content-Security-Policy', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await res.text()).toContain('两新党建台账');
    expect((await fetch(`${base}/assets/app.js`)).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('never serves files outside the renderer folder', async () => {
    expect((await fetch(`${base}/..%2Fsecret.txt`)).status).toBe(403);
    expect((await fetch(`${base}/nothing.js`)).status).toBe(404);
  });

  it('answers channels as { ok, data } and errors as { ok: false, error } with HTTP statuses', async () => {
    const created = await post('regions.create', JSON.stringify({ name: '乌兰镇', kind: 'township' }));
    expect(created.status).toBe(200);
    expect(await created.json()).toMatchObject({ ok: true, data: { name: '乌兰镇', kind: 'township' } });

    const bad = await post('regions.create', JSON.stringify({ name: '' }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('「名称」必须填写') },
    });

    const unknown = await post('regions.drop', '{}');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });

    const notJson = await post('regions.list', '{oops');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ ok: false, error: { code: 'invalid_input', message: '请求内容不是有效的 JSON' } });

    expect((await post('regions.list', '')).status).toBe(200);
    expect((await fetch(`${base}/api/regions.list`)).status).toBe(405);
  });

  it('refuses requests a page of another origin sends through the clerk’s browser', async () => {
    const res = await post('regions.create', JSON.stringify({ name: '恶意', kind: 'township' }), { origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    expect((await t.call('regions.list', {})).map((r) => r.name)).not.toContain('恶意');
  });

  it('signs in with an HttpOnly, SameSite=Strict cookie and never shows a password or hash in an answer, the log or the logs', async () => {
    const password = 'Qingshan#2026';
    const hash = await hashPassword(password);
    await t.rows(
      sql`INSERT INTO users (user_name, name, role, enabled, password_hash, must_change, password_changed_at, failed_attempts, created_at, updated_at)
         VALUES ('wangwu', '王五', 'county', 1, ${hash}, 0, ${t.ctx.now()}, 0, ${t.ctx.now()}, ${t.ctx.now()})`,
    );
    const seen: string[] = [];
    const send = async (channel: string, body: unknown, jar = '') => {
      const res = await post(channel, JSON.stringify(body), { cookie: jar });
      seen.push(JSON.stringify([...res.headers]), await res.clone().text());
      return res;
    };
    expect((await send('orgs.list', {})).status).toBe(401);
    const wrong = await send('auth.login', { userName: 'wangwu', password: `${password}x` });
    expect(wrong.status).toBe(401);
    const ok = await send('auth.login', { userName: 'wangwu', password });
    const set = ok.headers.get('set-cookie') ?? '';
    expect(set).toMatch(/^lx_session=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Strict$/);
    const jar = set.split(';')[0] as string;
    expect(((await ok.json()) as { data: object }).data).not.toHaveProperty('sessionId');
    expect((await send('orgs.list', {}, jar)).status).toBe(200);
    await send('auth.changePassword', { oldPassword: 'nope', newPassword: password }, jar);
    await send('auth.changePassword', { oldPassword: password, newPassword: '{"x":' }, jar);
    const out = await send('auth.logout', {}, jar);
    expect(out.headers.get('set-cookie')).toMatch(/^lx_session=; Max-Age=0;/);
    // The session ended in the ledger too: the old cookie is refused.
    expect((await send('orgs.list', {}, jar)).status).toBe(401);

    const logs = await Promise.all(
      ['audit_log', 'login_log'].map(async (table) => JSON.stringify(await t.rows(sql`SELECT * FROM ${sql.table(table)} ORDER BY id`))),
    );
    expect(logs[1]).toContain('wangwu');
    const salt = hash.split('$').at(-2) as string;
    const key = hash.split('$').at(-1) as string;
    for (const text of [...seen, ...logs, ...logged]) {
      for (const secret of [password, `${password}x`, key, salt]) expect(text).not.toContain(secret);
    }
  });
});
