/** `npm run server` as a child process, run from source (the build is the same code bundled). */
import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import https from 'node:https';
import { fileURLToPath } from 'node:url';

export interface ServerProcess {
  child: ChildProcess;
  exited: Promise<number | null>;
  out(): string;
  err(): string;
  /** The port from the LISTENING line; rejects if the server exits first. */
  listening(): Promise<number>;
}

const running: ChildProcess[] = [];

/** Kills what startServer started and is still running (afterAll). */
export function killServers(): void {
  for (const c of running.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
}

export function startServer(argv: string[]): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/web/serverMain.ts', ...argv], {
    cwd: fileURLToPath(new URL('../../..', import.meta.url)),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c) => {
    stdout += c;
  });
  child.stderr?.on('data', (c) => {
    stderr += c;
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const listening = () =>
    new Promise<number>((resolve, reject) => {
      const timer = setInterval(() => {
        const m = /LISTENING https?:\/\/[^ ]+:(\d+)/.exec(stdout);
        if (m) {
          clearInterval(timer);
          resolve(Number(m[1]));
        } else if (child.exitCode !== null) {
          clearInterval(timer);
          reject(new Error(`server exited: ${stderr}`));
        }
      }, 50);
    });
  return { child, exited, out: () => stdout, err: () => stderr, listening };
}

/** POST /api/<channel> to 127.0.0.1; over HTTPS when the certificate to trust is given. */
export function callApi(
  port: number,
  channel: string,
  body: unknown = {},
  o: { ca?: Buffer; cookie?: string } = {},
): Promise<{ status: number; json: { ok: boolean; data?: unknown; error?: { code: string; message: string } }; setCookie: string | null }> {
  return new Promise((resolve, reject) => {
    const options: https.RequestOptions = {
      host: '127.0.0.1',
      port,
      path: `/api/${channel}`,
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(o.cookie ? { cookie: o.cookie } : {}) },
      ...(o.ca ? { ca: o.ca, servername: 'localhost' } : {}),
    };
    const req = (o.ca ? https : http).request(options, (res) => {
      let text = '';
      res.on('data', (c) => {
        text += c;
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, json: JSON.parse(text), setCookie: res.headers['set-cookie']?.[0] ?? null }),
      );
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}
