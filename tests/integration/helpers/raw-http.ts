/**
 * Sends bytes exactly as given over a socket: fetch and http.request normalize or refuse the broken
 * URLs and headers a hostile page or tool can send, so the server tests speak HTTP by hand.
 */
import net from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One request on its own connection; rejects if no complete answer arrives within `timeoutMs`. */
export function rawRequest(port: number, request: string | Buffer, timeoutMs = 5_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('data', (c) => chunks.push(c));
    // The server may close before reading all we sent; what it answered still counts.
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks);
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) {
        reject(new Error(`connection closed without an answer (${text.length} bytes)`));
        return;
      }
      const [statusLine = '', ...lines] = text.subarray(0, end).toString('latin1').split('\r\n');
      const headers: Record<string, string> = {};
      for (const l of lines) {
        const i = l.indexOf(':');
        if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: text.subarray(end + 4).toString('utf8') });
    });
    // No half-close: Node's server drops answers still under way when the client sends FIN, and
    // browsers keep their side open; `connection: close` makes the server close after answering.
    socket.write(request);
  });
}

let signedIn: string | null = null;

/** Requests built by httpText carry this session cookie (a signed-in browser), unless they set their own. */
export function useSessionCookie(cookie: string | null): void {
  signedIn = cookie;
}

/** A request with `Connection: close`, the given Host unless `host` is null, and a body if given. */
export function httpText(
  method: string,
  target: string,
  port: number,
  opts: { host?: string | null; headers?: Record<string, string>; body?: string | Buffer } = {},
): Buffer {
  const host = opts.host === undefined ? `127.0.0.1:${port}` : opts.host;
  const body = typeof opts.body === 'string' ? Buffer.from(opts.body) : opts.body;
  const lines = [`${method} ${target} HTTP/1.1`, 'connection: close'];
  if (host !== null) lines.push(`host: ${host}`);
  const headers = opts.headers ?? {};
  if (signedIn && !Object.keys(headers).some((k) => k.toLowerCase() === 'cookie')) lines.push(`cookie: ${signedIn}`);
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  if (body) lines.push(`content-length: ${body.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8'), body ?? Buffer.alloc(0)]);
}

/** The message a refusal carries: the JSON error's message, or the text body. */
export function messageOf(r: RawResponse): string {
  if ((r.headers['content-type'] ?? '').startsWith('application/json')) {
    try {
      return (JSON.parse(r.body) as { error?: { message?: string } }).error?.message ?? '';
    } catch {
      return r.body;
    }
  }
  return r.body;
}
