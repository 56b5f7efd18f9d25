import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebServer } from '../../src/main/web/server';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/csp';
import { fakeRendererDir, makeLedger, type TestLedger } from './fixture';

let t: TestLedger;
let server: http.Server;
let base: string;
let cookie = '';

beforeAll(async () => {
  t = await makeLedger();
  const staticDir = fakeRendererDir(t);
  cookie = await t.cookie();
  server = createWebServer({ ctx: t.ctx, staticDir });
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
});
