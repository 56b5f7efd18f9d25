/**
 * Browser mode: a loopback-only HTTP server that serves the renderer build and the same handlers
 * the Electron shell binds (`POST /api/<channel>` → `{ ok, data }` or `{ ok: false, error }`).
 *
 * Any web page the clerk opens can send requests here (an `<img src>` needs no permission), so no
 * URL, header or body may end the process: every failure becomes a Chinese answer.
 */
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { type ApiError, MAX_BODY_BYTES, MAX_FILE_MB } from '../../shared/contract';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { hasControlChars } from '../../shared/text';
import type { Ctx } from '../core/context';
import { dispatch, type ErrorSink, type Transport } from '../handlers';
import { sessionCookie, sessionFromCookie } from './cookie';
import type { LoginLimiter } from './loginLimit';

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
const JSON_TYPE = 'application/json; charset=utf-8';
const TEXT_TYPE = 'text/plain; charset=utf-8';

/** The names the server answers to on its port, whatever `--allow-host` adds. */
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

/** A body this far past the limit is no longer read to the end: the sender is not a browser. */
const MAX_DRAIN_BYTES = 8 * MAX_BODY_BYTES;

const TOO_LARGE = `文件过大：请求内容超过${MAX_BODY_BYTES / 1024 / 1024}MB（文件不能超过${MAX_FILE_MB}MB）`;

/**
 * Headers every answer carries, the refusals included. Nothing is cached (a shared intranet PC must not
 * keep one clerk's answers for the next), no page may frame the app (clickjacking), no address leaks
 * to another site in Referer; under HTTPS the browser is told to keep to HTTPS.
 */
export function securityHeaders(secure: boolean): http.OutgoingHttpHeaders {
  return {
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    ...(secure ? { 'strict-transport-security': 'max-age=31536000' } : {}),
  };
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer, extra: http.OutgoingHttpHeaders = {}) {
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    ...extra,
  });
  res.end(body);
}

/** A request refused with an HTTP status and a Chinese message. */
class Refusal {
  constructor(
    readonly status: number,
    readonly message: string,
    readonly headers: http.OutgoingHttpHeaders = {},
  ) {}
}

/** HTTP statuses of the API's error codes (the body says the rest in Chinese). */
const STATUS: Partial<Record<ApiError['code'], number>> = { unknown_channel: 404, internal: 500, unauthenticated: 401, forbidden: 403 };

/**
 * Channels that try a password, counted together by the login limit (one budget, so switching channels
 * gains no guesses): logging in, the first administrator's setup, and a changed password's current one.
 */
const PASSWORD_CHANNELS = new Map([
  ['auth.login', '登录'],
  ['auth.setup', '设置'],
  ['auth.changePassword', '修改密码'],
]);

const CODES: Record<number, ApiError['code']> = { 404: 'unknown_channel', 403: 'internal', 429: 'rate_limited', 500: 'internal' };

function answer(res: http.ServerResponse, api: boolean, status: number, message: string, headers: http.OutgoingHttpHeaders = {}) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  // After a body too large to keep, the connection is not offered for another request.
  const extra = status === 413 ? { connection: 'close' } : {};
  if (api) {
    const error = { code: CODES[status] ?? 'invalid_input', message };
    send(res, status, JSON_TYPE, JSON.stringify({ ok: false, error }), { ...extra, ...headers });
  } else send(res, status, TEXT_TYPE, message, { ...extra, ...headers });
}

/**
 * Reads the body into one buffer sized from Content-Length (grown by doubling when none is sent).
 * Past the limit the rest is read and dropped, so the client is still listening when the 413 comes.
 */
async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  const known = Number.isSafeInteger(declared) && declared >= 0;
  let over = known && declared > MAX_BODY_BYTES;
  let buf = Buffer.allocUnsafe(known && !over ? declared : 64 * 1024);
  let size = 0;
  let seen = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    seen += chunk.length;
    if (seen > MAX_DRAIN_BYTES) {
      req.destroy();
      break;
    }
    if (over) continue;
    if (size + chunk.length > MAX_BODY_BYTES) {
      over = true;
      continue;
    }
    if (size + chunk.length > buf.length) {
      const next = Buffer.allocUnsafe(Math.min(MAX_BODY_BYTES, Math.max(buf.length * 2, size + chunk.length)));
      buf.copy(next, 0, 0, size);
      buf = next;
    }
    chunk.copy(buf, size);
    size += chunk.length;
  }
  if (over) throw new Refusal(413, TOO_LARGE);
  return buf.subarray(0, size);
}

export interface WebServerOptions {
  ctx: Ctx;
  /** Folder with the renderer build (index.html and assets). */
  staticDir: string;
  onError?: ErrorSink;
  /** Host names besides 127.0.0.1 / localhost / [::1] the server answers to (`--allow-host`). */
  allowHosts?: string[];
  /** Certificate and key (PEM): the server speaks HTTPS only. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Limits auth.login attempts per client address and user name (the server edition). */
  loginLimiter?: LoginLimiter;
  /**
   * Behind a reverse proxy (`--trust-proxy`): the client address is the last one in X-Forwarded-For,
   * the one the proxy itself added. Without it the header is ignored, since any client can send it.
   */
  trustProxy?: boolean;
}

/** `host:port` values a request may name in Host, for the port it came in on. */
export function allowedHosts(port: number, extra: readonly string[] = [], defaultPort = 80): Set<string> {
  const names = [...LOOPBACK_HOSTS, ...extra].map((h) => h.toLowerCase());
  // Browsers leave the port out of Host (and Origin) when it is the scheme's default.
  return new Set(names.flatMap((h) => (port === defaultPort ? [`${h}:${port}`, h] : [`${h}:${port}`])));
}

/** The address a request is counted and logged under. */
function clientAddress(req: http.IncomingMessage, trustProxy: boolean): string {
  const direct = req.socket.remoteAddress ?? '';
  if (!trustProxy) return direct;
  const forwarded = req.headers['x-forwarded-for'];
  const last = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',').at(-1)?.trim() ?? '';
  return net.isIP(last) ? last : direct;
}

export function createWebServer(o: WebServerOptions & { tls: NonNullable<WebServerOptions['tls']> }): https.Server;
export function createWebServer(o: WebServerOptions): http.Server;
export function createWebServer({
  ctx,
  staticDir,
  onError,
  allowHosts = [],
  tls,
  loginLimiter,
  trustProxy = false,
}: WebServerOptions): http.Server | https.Server {
  const secure = tls !== undefined;
  const scheme = secure ? 'https://' : 'http://';
  const baseHeaders = securityHeaders(secure);
  const root = path.resolve(staticDir);
  /** The renderer's files (a few MB, fixed while the server runs). */
  const files = new Map<string, Buffer>();

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    // DNS rebinding: a page on rebind.test resolved to 127.0.0.1 sends `Host: rebind.test:PORT`.
    const hosts = allowedHosts(req.socket.localPort ?? 0, allowHosts, secure ? 443 : 80);
    const host = (req.headers.host ?? '').toLowerCase();
    if (!hosts.has(host))
      throw new Refusal(
        403,
        allowHosts.length > 0
          ? '拒绝访问：网址中的主机名不被允许，请用系统管理员告知的网址打开本系统'
          : '拒绝访问：网址中的主机名不被允许，请用本机地址 127.0.0.1 打开本程序',
      );
    // A page from another origin must not drive the ledger through the clerk's browser.
    const origin = req.headers.origin;
    if (origin !== undefined && (!origin.startsWith(scheme) || !hosts.has(origin.toLowerCase().slice(scheme.length)))) {
      throw new Refusal(403, '拒绝来自其他来源的请求');
    }

    const target = req.url ?? '/';
    if (!target.startsWith('/')) throw new Refusal(400, '网址格式不正确');
    let pathname: string;
    try {
      pathname = decodeURIComponent(target.split(/[?#]/, 1)[0] ?? '/');
    } catch {
      throw new Refusal(400, '网址格式不正确：含有无效的百分号编码');
    }
    if (hasControlChars(pathname)) throw new Refusal(400, '网址含有不允许的控制字符');

    if (pathname.startsWith('/api/')) {
      if (req.method !== 'POST') throw new Refusal(405, '接口只接受 POST 请求');
      const body = (await readBody(req)).toString('utf8');
      let input: unknown;
      try {
        input = body.trim() === '' ? undefined : JSON.parse(body);
      } catch {
        throw new Refusal(400, '请求内容不是有效的 JSON');
      }
      const channel = pathname.slice(5);
      const address = clientAddress(req, trustProxy);
      const limited = PASSWORD_CHANNELS.get(channel);
      if (loginLimiter && limited) {
        const userName = typeof input === 'object' && input !== null ? (input as { userName?: unknown }).userName : undefined;
        const wait = loginLimiter.attempt(address, channel === 'auth.login' && typeof userName === 'string' ? userName : undefined);
        if (wait > 0) throw new Refusal(429, `${limited}尝试过于频繁，请 ${wait} 秒后再试`, { 'retry-after': String(wait) });
      }
      // The session lives in an HttpOnly cookie: no script of the page (nor a stray extension) reads it.
      let cookie: string | undefined;
      const transport: Transport = {
        sessionId: sessionFromCookie(req.headers.cookie),
        origin: { address: address || null, agent: req.headers['user-agent'] ?? null },
        keepSession: (id) => {
          cookie = sessionCookie(id, secure);
        },
      };
      const result = await dispatch(ctx, channel, input, onError, transport);
      // A session the core no longer knows (timed out, signed out elsewhere) is dropped from the browser too.
      if (!result.ok && result.error.code === 'unauthenticated' && transport.sessionId && cookie === undefined)
        cookie = sessionCookie(null, secure);
      const status = result.ok ? 200 : (STATUS[result.error.code] ?? 400);
      send(res, status, JSON_TYPE, JSON.stringify(result), cookie ? { 'set-cookie': cookie } : {});
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') throw new Refusal(405, '不支持的请求方法');
    const rel = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep)) throw new Refusal(403, '禁止访问');
    let data = files.get(file);
    if (!data) {
      try {
        // Read in one go and kept: right after start the organization index is built in slices, and an
        // asynchronous read (open, stat, read, close) waited behind a slice at each step.
        data = fs.readFileSync(file);
      } catch {
        throw new Refusal(404, '未找到');
      }
      files.set(file, data);
    }
    send(res, 200, TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream', data);
  }

  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    for (const [name, value] of Object.entries(baseHeaders)) if (value !== undefined) res.setHeader(name, value);
    const api = (req.url ?? '').startsWith('/api/');
    handle(req, res).catch((e: unknown) => {
      try {
        if (e instanceof Refusal) answer(res, api, e.status, e.message, e.headers);
        else {
          // A client that hung up mid-body is not a fault of ours.
          if (!req.destroyed) onError?.('web', e);
          answer(res, api, 500, '操作失败：程序内部错误，详情已写入日志');
        }
      } catch (again) {
        onError?.('web', again);
        res.destroy();
      }
    });
  };
  // Node would answer a request without Host itself, in English and with no body: leave it to handle().
  const server = tls
    ? https.createServer({ requireHostHeader: false, cert: tls.cert, key: tls.key }, listener)
    : http.createServer({ requireHostHeader: false }, listener);
  // Node closes a kept-alive connection after 5 s idle; a clerk's next click often comes later, and a
  // POST sent on a connection the server is closing just then fails (a 50-clerk load test lost one so).
  server.keepAliveTimeout = 65_000;

  // Requests Node's parser refuses (broken request line, oversized headers) still get an answer.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const message = Buffer.from(err.code === 'HPE_HEADER_OVERFLOW' ? '请求头过大' : '请求格式不正确');
    const security = Object.entries(baseHeaders).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.end(
      `HTTP/1.1 400 Bad Request\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${message.length}\r\n${security.join('')}connection: close\r\n\r\n${message}`,
    );
  });
  return server;
}
