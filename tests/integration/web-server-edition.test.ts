/**
 * Issue #15 "Exposed safely": the server edition's security headers, HTTPS with a Secure session
 * cookie, and the login rate limit (per client address and per user name, bounded memory, X-Forwarded-For
 * trusted only behind a named proxy).
 */
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoginLimiter, type LoginLimiter } from '../../src/main/web/loginLimit';
import { createWebServer } from '../../src/main/web/server';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/csp';
import { fakeRendererDir, makeLedger, type TestLedger } from './fixture';
import { rawRequest } from './helpers/raw-http';
import { selfSignedCert } from './helpers/selfSigned';
import { TEST_PASSWORD } from './helpers/sessions';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

type Listening = http.Server | https.Server;

/** One request; `from` picks the loopback address it comes from (127.x.y.z are all this machine). */
function request(
  port: number,
  o: { path?: string; method?: string; body?: unknown; headers?: Record<string, string>; from?: string; tls?: Buffer },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = o.body === undefined ? undefined : JSON.stringify(o.body);
    const options: https.RequestOptions = {
      host: '127.0.0.1',
      port,
      path: o.path ?? '/',
      method: o.method ?? (body === undefined ? 'GET' : 'POST'),
      headers: { 'content-type': 'application/json', ...(o.headers ?? {}) },
      localAddress: o.from,
      agent: false,
      ...(o.tls ? { ca: o.tls, servername: 'localhost' } : {}),
    };
    const req = (o.tls ? https : http).request(options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const login = (port: number, userName: string, o: { from?: string; headers?: Record<string, string>; password?: string } = {}) =>
  request(port, { path: '/api/auth.login', body: { userName, password: o.password ?? 'Wrong#2026x' }, from: o.from, headers: o.headers });

async function listen(s: Listening): Promise<number> {
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return (s.address() as AddressInfo).port;
}
const close = (s: Listening) => new Promise((r) => s.close(r));

let t: TestLedger;
let staticDir: string;
let userName: string;
const servers: Listening[] = [];

beforeAll(async () => {
  t = await makeLedger();
  staticDir = fakeRendererDir(t);
  await t.cookie('county');
  // The first test account (see helpers/sessions.ts), whose password the tests know.
  userName = (await t.ctx.ledger.db.selectFrom('users').select('user_name').orderBy('id').limit(1).executeTakeFirstOrThrow()).user_name;
});
afterAll(async () => {
  for (const s of servers) await close(s);
  await t.close();
});

async function serve(o: Partial<Parameters<typeof createWebServer>[0]> = {}): Promise<number> {
  const server = createWebServer({ ctx: t.ctx, staticDir, ...o });
  servers.push(server);
  return listen(server);
}

const SECURITY = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

describe('security headers', () => {
  it('every answer carries them: the page, the API, a refusal, a 404 and a request Node cannot parse', async () => {
    const port = await serve();
    const answers = [
      await request(port, { path: '/' }),
      await request(port, { path: '/api/auth.me', body: {} }),
      await request(port, { path: '/api/regions.list', body: {} }),
      await request(port, { path: '/nothing.js' }),
      await request(port, { path: '/', headers: { host: 'evil.example' } }),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 401, 404, 403]);
    for (const a of answers) {
      expect(a.headers).toMatchObject(SECURITY);
      expect(a.headers['cache-control']).toBe('no-store');
      expect(a.headers['strict-transport-security']).toBeUndefined();
    }
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    const broken = await rawRequest(port, Buffer.from('GET / HTTP/1.1\r\nhost: x\r\nbad header line\r\n\r\n'));
    expect(broken.status).toBe(400);
    expect(broken.headers).toMatchObject(SECURITY);
  });
});

describe('HTTPS', () => {
  it('serves the app and the API over TLS, tells the browser to keep to HTTPS and sends the session cookie Secure', async () => {
    const files = selfSignedCert(t.dir);
    const ca = fs.readFileSync(files.cert);
    const server = createWebServer({
      ctx: t.ctx,
      staticDir,
      tls: { cert: ca, key: fs.readFileSync(files.key) },
      loginLimiter: createLoginLimiter(),
    });
    servers.push(server);
    const port = await listen(server);
    const page = await request(port, { path: '/', tls: ca });
    expect(page.status).toBe(200);
    expect(page.body).toContain('两新党建台账');
    expect(page.headers).toMatchObject({ ...SECURITY, 'strict-transport-security': 'max-age=31536000' });

    const ok = await request(port, {
      path: '/api/auth.login',
      body: { userName, password: TEST_PASSWORD },
      tls: ca,
      headers: { origin: `https://127.0.0.1:${port}` },
    });
    expect(ok.status).toBe(200);
    const cookie = ok.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(/^lx_session=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Strict; Secure$/);
    const jar = cookie.split(';')[0] as string;
    const me = await request(port, { path: '/api/auth.me', body: {}, tls: ca, headers: { cookie: jar } });
    expect(JSON.parse(me.body)).toMatchObject({ ok: true, data: { user: { userName }, engine: t.ctx.ledger.engine } });
    // A page of the plain-HTTP origin is another origin: it may not drive the HTTPS server.
    const cross = await request(port, {
      path: '/api/auth.me',
      body: {},
      tls: ca,
      headers: { cookie: jar, origin: `http://127.0.0.1:${port}` },
    });
    expect(cross.status).toBe(403);
    const out = await request(port, { path: '/api/auth.logout', body: {}, tls: ca, headers: { cookie: jar } });
    expect(out.headers['set-cookie']?.[0]).toMatch(/^lx_session=; Max-Age=0; .*; Secure$/);

    // Nothing answers plain HTTP on the HTTPS port with the app.
    const plain = await rawRequest(port, Buffer.from(`GET / HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\nconnection: close\r\n\r\n`)).catch(
      () => null,
    );
    expect(plain?.body ?? '').not.toContain('两新党建台账');
  });
});

describe('login rate limit', () => {
  let clock = Date.parse('2026-06-30T08:00:00Z');
  let limiter: LoginLimiter;
  let port: number;
  beforeAll(async () => {
    limiter = createLoginLimiter({ limit: 10, windowMs: 60_000, now: () => clock });
    port = await serve({ loginLimiter: limiter });
  });

  it('answers the 11th attempt in a minute from one address with 429 in Chinese naming the seconds, then lets it in after the window', async () => {
    for (let i = 0; i < 10; i++) expect((await login(port, `nobody${i}`, { from: '127.0.0.1' })).status).toBe(401);
    clock += 15_000;
    const refused = await login(port, userName, { from: '127.0.0.1', password: TEST_PASSWORD });
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('45');
    expect(refused.headers).toMatchObject(SECURITY);
    expect(JSON.parse(refused.body)).toEqual({ ok: false, error: { code: 'rate_limited', message: '登录尝试过于频繁，请 45 秒后再试' } });
    // Another machine is not held up by this one.
    expect((await login(port, userName, { from: '127.0.0.2', password: TEST_PASSWORD })).status).toBe(200);
    // Other channels are not limited.
    expect((await request(port, { path: '/api/auth.me', body: {}, from: '127.0.0.1' })).status).toBe(200);

    clock += 44_000;
    expect((await login(port, userName, { from: '127.0.0.1' })).status).toBe(429);
    clock += 1_000;
    const again = await login(port, userName, { from: '127.0.0.1', password: TEST_PASSWORD });
    expect(again.status).toBe(200);
    clock += 120_000;
  });

  it('limits attempts on one user name from many addresses too', async () => {
    for (let i = 0; i < 10; i++) expect((await login(port, 'zhangsan', { from: `127.0.1.${i + 1}` })).status).toBe(401);
    const refused = await login(port, 'ZhangSan', { from: '127.0.1.99' });
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body).error.message).toMatch(/^登录尝试过于频繁，请 \d+ 秒后再试$/);
    // The address itself is not blamed for the name: another name from it goes through.
    expect((await login(port, 'lisi', { from: '127.0.1.99' })).status).toBe(401);
    clock += 120_000;
  });

  it('10,000 spoofed X-Forwarded-For values (and user names) do not get past the limit, and tracking stays small', async () => {
    const answers: number[] = [];
    const spoof = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    // Keep-alive sockets from 127.0.2.1, a few at a time, as a flooding script would send them.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 8, localAddress: '127.0.2.1' });
    try {
      const send = (i: number) =>
        new Promise<number>((resolve, reject) => {
          const body = JSON.stringify({ userName: `user${i}`, password: 'Wrong#2026x' });
          const req = http.request(
            {
              host: '127.0.0.1',
              port,
              path: '/api/auth.login',
              method: 'POST',
              agent,
              headers: { 'content-type': 'application/json', 'x-forwarded-for': spoof(i), 'x-real-ip': spoof(i) },
            },
            (res) => {
              res.resume();
              res.on('end', () => resolve(res.statusCode ?? 0));
            },
          );
          req.on('error', reject);
          req.end(body);
        });
      for (let start = 0; start < 10_000; start += 50) {
        answers.push(...(await Promise.all(Array.from({ length: 50 }, (_, j) => send(start + j)))));
      }
    } finally {
      agent.destroy();
    }
    // Sent fifty at a time, any ten may be the ones let through.
    expect(answers.length).toBe(10_000);
    expect(answers.filter((s) => s !== 429)).toEqual(Array(10).fill(401));
    // The flooding address and the ten names that went through; the earlier tests' keys have expired.
    expect(limiter.size()).toBe(11);
  }, 120_000);

  it('behind a named proxy (--trust-proxy) counts the address the proxy forwards, and tracks at most maxKeys of them', async () => {
    const bounded = createLoginLimiter({ limit: 3, maxKeys: 500, now: () => clock });
    const proxied = await serve({ loginLimiter: bounded, trustProxy: true });
    const from = (ip: string) => ({ headers: { 'x-forwarded-for': `203.0.113.9, ${ip}` } });
    for (let i = 0; i < 3; i++) expect((await login(proxied, 'wangwu', from('192.168.1.10'))).status).toBe(401);
    expect((await login(proxied, 'zhaoliu', from('192.168.1.10'))).status).toBe(429);
    // The proxy's other clients are other people.
    expect((await login(proxied, 'zhaoliu', from('192.168.1.11'))).status).toBe(401);
    // A header that is not an address falls back to the proxy's own.
    expect((await login(proxied, 'zhaoliu', { headers: { 'x-forwarded-for': 'garbage' } })).status).toBe(401);

    // A flood of distinct addresses through the proxy: each is new, none is remembered past the cap.
    for (let i = 0; i < 2_000; i++) expect(bounded.attempt(`172.16.${i >> 8}.${i & 255}`)).toBe(0);
    expect(bounded.size()).toBeLessThanOrEqual(500);
    const wide = createLoginLimiter({ maxKeys: 1_000, now: () => clock });
    for (let i = 0; i < 100_000; i++) wide.attempt(`2001:db8:${(i >> 16).toString(16)}:${(i & 0xffff).toString(16)}::1`);
    expect(wide.size()).toBeLessThanOrEqual(1_000);
  });

  it('counts one IPv6 /64 as one client and an IPv4-mapped address as the IPv4 one', () => {
    const limiter6 = createLoginLimiter({ limit: 2, now: () => clock });
    expect(limiter6.attempt('2001:db8:1:2::1')).toBe(0);
    expect(limiter6.attempt('2001:db8:1:2:ffff::9')).toBe(0);
    expect(limiter6.attempt('2001:0db8:0001:0002:0:0:0:7')).toBe(60);
    expect(limiter6.attempt('2001:db8:1:3::1')).toBe(0);
    expect(limiter6.attempt('::ffff:10.0.0.1')).toBe(0);
    expect(limiter6.attempt('10.0.0.1')).toBe(0);
    expect(limiter6.attempt('::ffff:10.0.0.1')).toBe(60);
  });
});

describe('the login limit counts every channel that tries a password', () => {
  const clock = Date.parse('2026-06-30T09:00:00Z');
  let port: number;
  beforeAll(async () => {
    port = await serve({ loginLimiter: createLoginLimiter({ limit: 3, windowMs: 60_000, now: () => clock }) });
  });
  const changePassword = async (from: string) =>
    request(port, {
      path: '/api/auth.changePassword',
      body: { oldPassword: 'Wrong#2026x', newPassword: 'Xin#Mima2026' },
      headers: { cookie: await t.cookie('township') },
      from,
    });
  const setup = (from: string) =>
    request(port, { path: '/api/auth.setup', body: { userName: 'guesser', name: '某人', password: 'Xin#Mima2026' }, from });

  it('guessing the current password in 修改密码 is refused with 429 past the limit, in Chinese', async () => {
    for (let i = 0; i < 3; i++) expect((await changePassword('127.0.3.1')).status).not.toBe(429);
    const refused = await changePassword('127.0.3.1');
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body)).toEqual({
      ok: false,
      error: { code: 'rate_limited', message: '修改密码尝试过于频繁，请 60 秒后再试' },
    });
  });

  it('auth.setup is limited too, and the channels share one budget', async () => {
    for (let i = 0; i < 3; i++) expect((await setup('127.0.3.2')).status).not.toBe(429);
    expect(JSON.parse((await setup('127.0.3.2')).body).error).toEqual({
      code: 'rate_limited',
      message: '设置尝试过于频繁，请 60 秒后再试',
    });

    expect((await setup('127.0.3.3')).status).not.toBe(429);
    expect((await changePassword('127.0.3.3')).status).not.toBe(429);
    expect((await login(port, 'nobody', { from: '127.0.3.3' })).status).toBe(401);
    expect((await login(port, 'nobody2', { from: '127.0.3.3' })).status).toBe(429);
    // Other channels are not counted.
    expect((await request(port, { path: '/api/auth.me', body: {}, from: '127.0.3.2' })).status).toBe(200);
  });
});
