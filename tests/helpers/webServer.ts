/**
 * A browser-mode server in a child process on a free port, for e2e tests, the two-process test and
 * the scripts that time the server: resolves once it prints its address.
 */
import { type ChildProcess, spawn } from 'node:child_process';

export interface WebServer {
  server: ChildProcess;
  base: string;
  /** What the server wrote to stderr, when it is not passed through. */
  log: string[];
}

export function spawnWebServer(
  args: string[],
  { entry = ['out/main/web.js'], stderr = 'pipe' }: { entry?: string[]; stderr?: 'pipe' | 'inherit' } = {},
): Promise<WebServer> {
  const server = spawn(process.execPath, [...entry, ...args], { stdio: ['ignore', 'pipe', stderr] });
  const log: string[] = [];
  server.stderr?.on('data', (d: Buffer) => log.push(d.toString()));
  return new Promise((resolve, reject) => {
    let buf = '';
    server.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /LISTENING (http:\/\/127\.0\.0\.1:\d+)/.exec(buf);
      if (m) resolve({ server, base: m[1] as string, log });
    });
    server.on('exit', (code) => reject(new Error(`浏览器模式服务退出（${code}）：${log.join('').slice(-2000)}`)));
  });
}
