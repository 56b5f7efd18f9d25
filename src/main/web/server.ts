/**
 * Browser mode: a loopback-only HTTP server that serves the renderer build and the same handlers
 * the Electron shell binds (`POST /api/<channel>` → `{ ok, data }` or `{ ok: false, error }`).
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import type { Ctx } from '../core/context';
import { dispatch, type ErrorSink } from '../handlers';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

const MAX_BODY = 64 * 1024 * 1024;

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer) {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': CONTENT_SECURITY_POLICY,
  });
  res.end(body);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export interface WebServerOptions {
  ctx: Ctx;
  /** Folder with the renderer build (index.html and assets). */
  staticDir: string;
  onError?: ErrorSink;
}

export function createWebServer({ ctx, staticDir, onError }: WebServerOptions): http.Server {
  const root = path.resolve(staticDir);
  return http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // A page from another origin must not drive the ledger through the clerk's browser.
    const origin = req.headers.origin;
    if (origin && origin !== `http://${req.headers.host}`) {
      send(
        res,
        403,
        'application/json; charset=utf-8',
        JSON.stringify({ ok: false, error: { code: 'internal', message: '拒绝来自其他来源的请求' } }),
      );
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') {
        send(
          res,
          405,
          'application/json; charset=utf-8',
          JSON.stringify({ ok: false, error: { code: 'invalid_input', message: '接口只接受 POST 请求' } }),
        );
        return;
      }
      let input: unknown;
      try {
        const body = await readBody(req);
        input = body.trim() === '' ? undefined : JSON.parse(body);
      } catch {
        send(
          res,
          400,
          'application/json; charset=utf-8',
          JSON.stringify({ ok: false, error: { code: 'invalid_input', message: '请求内容不是有效的 JSON' } }),
        );
        return;
      }
      const result = await dispatch(ctx, decodeURIComponent(url.pathname.slice(5)), input, onError);
      const status = result.ok ? 200 : result.error.code === 'unknown_channel' ? 404 : result.error.code === 'internal' ? 500 : 400;
      send(res, status, 'application/json; charset=utf-8', JSON.stringify(result));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'text/plain; charset=utf-8', '不支持的请求方法');
      return;
    }
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep)) {
      send(res, 403, 'text/plain; charset=utf-8', '禁止访问');
      return;
    }
    fs.readFile(file, (err, data) => {
      if (err) send(res, 404, 'text/plain; charset=utf-8', '未找到');
      else send(res, 200, TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream', data);
    });
  });
}
