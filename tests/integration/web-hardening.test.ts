/**
 * Issue #11, items 1, 4 and 7: requests a stranger can send (any page the clerk opens can point an
 * `<img src>` or a form at the server) neither end the server nor reach the ledger, and each is
 * answered in Chinese.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWebArgs } from '../../src/main/web/args';
import { createWebServer } from '../../src/main/web/server';
import { MAX_BODY_BYTES } from '../../src/shared/contract';
import { makeLedger, type TestLedger } from './fixture';
import { httpText, messageOf, rawRequest, useSessionCookie } from './helpers/raw-http';

let t: TestLedger;
let server: http.Server;
let port: number;
const logged: unknown[] = [];

async function listen(s: http.Server): Promise<number> {
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return (s.address() as AddressInfo).port;
}

let cookie = '';

beforeAll(async () => {
  t = await makeLedger();
  cookie = await t.cookie();
  useSessionCookie(cookie);
  const staticDir = path.join(t.dir, 'renderer');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>两新党建台账</title>');
  server = createWebServer({ ctx: t.ctx, staticDir, onError: (_c, e) => logged.push(e) });
  port = await listen(server);
});
afterAll(async () => {
  useSessionCookie(null);
  await new Promise((r) => server.close(r));
  await t.close();
});

const still = async () => {
  const r = await rawRequest(port, httpText('POST', '/api/regions.list', port, { body: '{}' }));
  expect(r.status).toBe(200);
};

describe('1. a URL the decoder or the file system chokes on', () => {
  it.each([
    ['POST', '/api/%E0%A4%A'],
    ['GET', '/%'],
    ['GET', '/assets/%c0%af'],
    ['GET', '/index.html%00'],
    ['GET', '/assets/%00../../x'],
    ['POST', '/api/regions.list%00'],
    ['GET', '/%E0%A4%A'],
  ])('%s %s gets a Chinese 400 and the server keeps answering', async (method, target) => {
    const r = await rawRequest(port, httpText(method, target, port, { body: method === 'POST' ? '{}' : undefined }));
    expect(r.status).toBe(400);
    expect(messageOf(r)).toMatch(/^网址/);
    if (target.startsWith('/api/')) expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await still();
  });

  it('a request line or headers Node cannot parse get a Chinese 400', async () => {
    const broken = await rawRequest(port, Buffer.from('GET / HTTP/1.1\r\nhost: x\r\nbad header line\r\n\r\n'));
    expect(broken.status).toBe(400);
    expect(broken.body).toBe('请求格式不正确');
    const huge = await rawRequest(port, httpText('GET', '/', port, { headers: { 'x-big': 'a'.repeat(100_000) } }));
    expect(huge.status).toBe(400);
    expect(huge.body).toBe('请求头过大');
    await still();
  });

  it('bodies that are not JSON objects and methods the API does not take are refused in Chinese', async () => {
    for (const body of ['{oops', '\u0000', '[', '"abc', Buffer.from([0xff, 0xfe, 0x00])]) {
      const r = await rawRequest(port, httpText('POST', '/api/regions.create', port, { body }));
      expect(r.status).toBe(400);
      expect(messageOf(r)).toBe('请求内容不是有效的 JSON');
    }
    for (const body of ['123', '"text"', '[1,2]', 'true']) {
      const r = await rawRequest(port, httpText('POST', '/api/regions.create', port, { body }));
      expect(r.status).toBe(400);
      expect(messageOf(r)).toMatch(/^输入有误：/);
    }
    for (const method of ['PUT', 'DELETE', 'OPTIONS', 'PATCH']) {
      const r = await rawRequest(port, httpText(method, '/api/regions.list', port));
      expect(r.status).toBe(405);
      expect(messageOf(r)).toBe('接口只接受 POST 请求');
    }
    expect(logged).toEqual([]);
    await still();
  });
});

describe('4. DNS rebinding: only the allowed Host names, only their Origin', () => {
  it.each(['/api/settings.get', '/index.html', '/'])('Host rebind.test → 403 on %s', async (target) => {
    const method = target.startsWith('/api/') ? 'POST' : 'GET';
    const r = await rawRequest(
      port,
      httpText(method, target, port, { host: `rebind.test:${port}`, body: method === 'POST' ? '{}' : undefined }),
    );
    expect(r.status).toBe(403);
    expect(messageOf(r)).toMatch(/^拒绝访问：网址中的主机名不被允许/);
  });

  it.each(['rebind.test', '127.0.0.1', '127.0.0.1:1', 'localhost.rebind.test', ''])('Host %j → 403', async (host) => {
    const r = await rawRequest(port, httpText('GET', '/index.html', port, { host }));
    expect(r.status).toBe(403);
  });

  it('a missing Host is refused too', async () => {
    const r = await rawRequest(port, Buffer.from('GET /index.html HTTP/1.0\r\n\r\n'));
    expect(r.status).toBe(403);
  });

  it('Origin of another site → 403 on /api and static files, even with the right Host', async () => {
    for (const origin of [
      'http://rebind.test',
      `http://rebind.test:${port}`,
      'null',
      `https://127.0.0.1:${port}`,
      `http://127.0.0.1:${port}.evil`,
    ]) {
      const api = await rawRequest(
        port,
        httpText('POST', '/api/regions.create', port, { headers: { origin }, body: '{"name":"恶意","kind":"township"}' }),
      );
      expect(api.status, origin).toBe(403);
      expect(messageOf(api)).toBe('拒绝来自其他来源的请求');
      expect((await rawRequest(port, httpText('GET', '/index.html', port, { headers: { origin } }))).status).toBe(403);
    }
    expect(t.count('regions')).toBe(0);
  });

  it('the loopback names and their own Origin are served', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`]) {
      const r = await rawRequest(
        port,
        httpText('POST', '/api/settings.get', port, { host, headers: { origin: `http://${host}` }, body: '{}' }),
      );
      expect(r.status, host).toBe(200);
    }
  });

  it('--allow-host takes names and addresses without scheme or port, and can be repeated', () => {
    expect(parseWebArgs(['--allow-host', 'TaiZhang.local', '--allow-host', '10.0.0.8', '--allow-host', '[::1]']).allowHosts).toEqual([
      'taizhang.local',
      '10.0.0.8',
      '[::1]',
    ]);
    expect(parseWebArgs([]).allowHosts).toEqual([]);
    for (const bad of ['http://x', 'x:80', '', '*', 'a b', '-x']) {
      expect(() => parseWebArgs(['--allow-host', bad]), bad).toThrow(/--allow-host 应为主机名/);
    }
  });

  it('--allow-host adds a name; others stay refused', async () => {
    const staticDir = path.join(t.dir, 'renderer');
    const named = createWebServer({ ctx: t.ctx, staticDir, allowHosts: ['taizhang.local'] });
    const p = await listen(named);
    try {
      const ok = await rawRequest(
        p,
        httpText('GET', '/', p, { host: `taizhang.local:${p}`, headers: { origin: `http://taizhang.local:${p}` } }),
      );
      expect(ok.status).toBe(200);
      expect((await rawRequest(p, httpText('GET', '/', p, { host: `rebind.test:${p}` }))).status).toBe(403);
    } finally {
      await new Promise((r) => named.close(r));
    }
  });
});

describe('7. a body over the limit', () => {
  it('a 70 MB body gets the JSON 413 “文件过大”, not a reset connection', async () => {
    const body = Buffer.alloc(70 * 1024 * 1024, 0x61);
    const res = await fetch(`http://127.0.0.1:${port}/api/import.preview`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body,
    });
    expect(res.status).toBe(413);
    expect(res.headers.get('connection')).toBe('close');
    const json = (await res.json()) as { ok: boolean; error: { code: string; message: string } };
    expect(json).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(json.error.message).toMatch(/^文件过大：/);
    await still();
  });

  it('so does a chunked body without Content-Length', async () => {
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({ port, host: '127.0.0.1', method: 'POST', path: '/api/exchange.inspect' }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      const chunk = Buffer.alloc(4 * 1024 * 1024, 0x61);
      let sent = 0;
      const more = () => {
        while (sent < MAX_BODY_BYTES + 8 * 1024 * 1024) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', more);
        }
        req.end();
      };
      more();
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error.message).toMatch(/^文件过大：/);
    await still();
  });

  it('a file over the contract’s limit inside an accepted body is refused by name', async () => {
    const base64 = 'A'.repeat(47_600_000);
    const res = await fetch(`http://127.0.0.1:${port}/api/exchange.inspect`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ base64 }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe('输入有误：「文件内容」文件过大：不能超过34MB');
  });
});
