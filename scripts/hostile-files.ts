/**
 * The hostile-file corpus against the real browser-mode server: for each file a fresh
 * `out/main/web.js` on an empty ledger is sent the file through `POST /api/import.preview` (the body
 * streamed, as a browser sends it), then asked whether it still answers. Prints per file the answer,
 * the seconds, the server's peak memory (VmHWM) and the organizations in the ledger afterwards.
 * Targets: each answered within 5 s under 500 MB, nothing written, the server still up. The last
 * line is a good 100,000-row sheet, previewed and committed. Not a test: read the figures.
 *
 *   npm run build && npm run hostile [-- folder-for-the-files]
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createContext } from '../src/main/core/context';
import { openLedger } from '../src/main/core/db';
import { spawnWebServer } from '../tests/helpers/webServer';
import { type HostileFile, writeCorpus, writeOrgSheet } from '../tests/hostile/corpus';
import { testSession } from '../tests/integration/helpers/sessions';

const WEB = path.resolve('out/main/web.js');
if (!fs.existsSync(WEB)) {
  console.error('请先运行 npm run build');
  process.exit(1);
}
const dir = process.argv[2] ?? path.join(os.tmpdir(), 'hostile-corpus');
const REGION = '红山街道';

/** The session cookie of the 县级经办 the files are sent as (created in the ledger before the server starts). */
let cookie = '';

async function start(data: string): Promise<{ server: ChildProcess; base: string }> {
  const ledger = await openLedger(data);
  cookie = `lx_session=${await testSession(createContext(ledger), 'county', [], 0)}`;
  await ledger.close();
  const { server, base } = await spawnWebServer(['--port', '0', '--data', data, '--no-seed'], { entry: [WEB] });
  return { server, base };
}

interface Answer {
  status: number;
  body: { ok: boolean; data?: unknown; error?: { message: string } } | null;
  failure?: string;
}

/** POSTs `{ ...fields, base64: <file> }` with the file's base64 streamed into the body. */
function post(base: string, channel: string, fields: Record<string, unknown>, file?: string): Promise<Answer> {
  return new Promise((resolve) => {
    const req = http.request(
      `${base}/api/${channel}`,
      { method: 'POST', headers: { 'content-type': 'application/json', cookie } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: Answer['body'] = null;
          try {
            body = JSON.parse(text);
          } catch {
            // A non-JSON answer is reported as its status alone.
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
      },
    );
    req.on('error', (e) => resolve({ status: 0, body: null, failure: `连接中断（${(e as NodeJS.ErrnoException).code ?? e.message}）` }));
    if (!file) {
      req.end(JSON.stringify(fields));
      return;
    }
    req.write(`${JSON.stringify(fields).slice(0, -1)},"base64":"`);
    const stream = fs.createReadStream(file, { highWaterMark: 3 * 256 * 1024 });
    stream.on('data', (c) => {
      if (!req.write((c as Buffer).toString('base64'))) {
        stream.pause();
        req.once('drain', () => stream.resume());
      }
    });
    stream.on('end', () => req.end('"}'));
    req.on('close', () => stream.destroy());
  });
}

/** CPU seconds the process has used: on a shared machine a fairer figure than the wall clock. */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function peakMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : Number.NaN;
}

async function run(f: HostileFile, commit: boolean) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-run-'));
  const data = path.join(work, 'ledger.sqlite');
  const { server, base } = await start(data);
  const pid = server.pid as number;
  await post(base, 'regions.create', { name: REGION, kind: 'subdistrict', code: null });
  const cpu0 = cpuSeconds(pid);
  const t0 = performance.now();
  const a = await post(base, 'import.preview', { kind: 'orgs', fileName: f.fileName }, f.file);
  let answer = a.failure ?? (a.body?.ok ? '' : `${a.status} ${a.body?.error?.message ?? '（无内容）'}`);
  if (a.body?.ok) {
    const p = a.body.data as { id: string; counts: { create: number; error: number } };
    answer = `预览：新增 ${p.counts.create}，错误 ${p.counts.error}`;
    if (commit) {
      const c = await post(base, 'import.commit', { id: p.id });
      answer += c.body?.ok ? `；写入：新增 ${(c.body.data as { created: number }).created}` : `；写入失败 ${c.body?.error?.message}`;
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = cpuSeconds(pid) - cpu0;
  const peak = peakMb(pid);
  const alive = (await post(base, 'settings.get', {})).body?.ok === true;
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  const db = new Database(data, { readonly: true });
  const orgs = (db.prepare('SELECT COUNT(*) AS n FROM orgs').get() as { n: number }).n;
  db.close();
  fs.rmSync(work, { recursive: true, force: true });
  return { answer, seconds, cpu, peak, alive, orgs };
}

/** A CSV of about 300 MB, written line by line: over the server's body limit. */
async function hugeCsv(file: string) {
  const out = fs.createWriteStream(file);
  out.write('单位名称,组织类型,所属属地,从业人员数\n');
  for (let i = 0; out.bytesWritten + out.writableLength < 300 * 1024 * 1024; i++) {
    if (!out.write(`超大文件测试公司${i},非公企业（公司）,${REGION},${i % 90}\n`))
      await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
}

fs.mkdirSync(dir, { recursive: true });
console.log(`生成文件到 ${dir} …`);
const files = await writeCorpus(dir, true);
await hugeCsv(path.join(dir, 'huge.csv'));
files.push({ label: '300 MB 的 CSV', file: path.join(dir, 'huge.csv'), fileName: 'huge.csv', expect: '文件过大' });
await writeOrgSheet(path.join(dir, 'good100k.xlsx'), 100_000, [REGION]);

const rows: string[][] = [];
async function measure(f: HostileFile, commit: boolean, label = f.label) {
  const r = await run(f, commit);
  const size = fs.statSync(f.file).size / 1024 / 1024;
  const line = [
    label,
    `${size.toFixed(1)} MB`,
    r.answer,
    r.seconds.toFixed(2),
    r.cpu.toFixed(2),
    String(r.peak),
    r.alive ? '是' : '否',
    String(r.orgs),
  ];
  rows.push(line);
  console.log(line.join(' | '));
}
for (const f of files) await measure(f, false);
await measure(
  { label: '', file: path.join(dir, 'good100k.xlsx'), fileName: 'good100k.xlsx', expect: '' },
  true,
  '正常的 10 万行表格（预览+写入）',
);

console.log('\n| 文件 | 大小 | 回答 | 秒 | 服务器 CPU 秒 | 服务器峰值内存 MB | 之后仍响应 | 台账中的组织 |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
const slow = rows.filter((r) => Number(r[3]) > 5 || Number(r[5]) >= 500);
console.log(slow.length ? `\n超出目标（5 秒、500 MB）：${slow.map((r) => r[0]).join('、')}` : '\n全部在 5 秒、500 MB 以内');
