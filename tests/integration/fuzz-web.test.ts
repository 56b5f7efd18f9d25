/**
 * Issue #11: thousands of generated URLs, headers and bodies (fixed seed, so a failure can be
 * replayed) against a real server on a real ledger file. Afterwards the server still answers,
 * nothing was written, and every refusal it gave is Chinese: no English words, no errno names,
 * no paths, echoed input cut short.
 */
import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebServer } from '../../src/main/web/server';
import { channels } from '../../src/shared/contract';
import { FIELD_LABELS } from '../../src/shared/schemas';
import { fakeRendererDir, makeLedger, type TestLedger } from './fixture';
import { httpText, type RawResponse, rawRequest, useSessionCookie } from './helpers/raw-http';

const SEED = 20261128;
const REQUESTS = 3000;
const PARALLEL = 8;

/** mulberry32: small, fast, and the same sequence on every machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)] as T;
  return { next, int, pick, chance: (p: number) => next() < p };
}

/**
 * Channels a fuzzed body may reach. settings.update takes `{}`, backup.create writes a file and
 * exchange.export an audit row for any input without their keys: they are left to their own tests so
 * that “nothing was written” can be checked here. auth.logout takes any object too, and would sign the
 * fuzzing browser out.
 */
const VALID_FOR_ANY_OBJECT = new Set(['settings.update', 'backup.create', 'exchange.export', 'auth.logout']);
const FUZZ_CHANNELS = channels.filter((c) => !VALID_FOR_ANY_OBJECT.has(c));
const TABLES = ['settings', 'regions', 'orgs', 'party_orgs', 'coverage', 'instructors', 'assignments', 'audit_log', 'cases', 'case_events'];

let t: TestLedger;
let server: http.Server;
let port: number;
const logged: unknown[] = [];

let cookie = '';

beforeAll(async () => {
  t = await makeLedger();
  cookie = await t.cookie();
  useSessionCookie(cookie);
  const staticDir = fakeRendererDir(t);
  const region = await t.call('regions.create', { name: '乌兰镇', kind: 'township' });
  await t.call('orgs.create', { name: '甲公司', category: 'nonpublic', subtype: 'company', regionId: region.id });
  await t.call('instructors.create', { name: '李文' });
  server = createWebServer({ ctx: t.ctx, staticDir, onError: (c, e) => logged.push([c, e]) });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  useSessionCookie(null);
  await new Promise((r) => server.close(r));
  await t.close();
});

/** Generates one hostile request: a broken URL, odd headers or a body no form would send. */
function generator(seed: number) {
  const r = prng(seed);
  const keys = [...Object.keys(FIELD_LABELS), 'fields', 'plan', 'filters', '__proto__', 'constructor', '', 'a'.repeat(300)];
  const hostileString = (): string =>
    r.pick([
      () => '\u0000',
      () => `名称\u001b[31m`,
      () => '\ud800',
      () => 'x\udc00y',
      () => '\u007f',
      () => `${'长'.repeat(3000)}`,
      () => 'a'.repeat(r.int(2001, 5000)),
      () => '../../../etc/passwd\u0000',
      () => 'C:\\Windows\\system32\\\u0001',
      () => '%E0%A4%A\u0002',
      () => `<script>alert(1)</script>\u0003`,
      () => `'; DROP TABLE orgs; --\u0004`,
    ])();
  const value = (depth: number): unknown => {
    const k = r.int(0, depth > 3 ? 5 : 8);
    if (k === 0) return hostileString();
    if (k === 1) return r.pick([-1, 0, 0.5, -0.5, 999_999_999, 2 ** 53 + 2, 1e21, -1e21]);
    if (k === 2) return r.pick([null, true, false]);
    if (k === 3) return r.pick(['', ' ', '\t', '\n']);
    if (k === 4) return [];
    if (k === 5) return {};
    if (k === 6) return Array.from({ length: r.int(1, depth === 0 && r.chance(0.05) ? 3000 : 5) }, () => value(depth + 1));
    const o: Record<string, unknown> = {};
    for (let i = r.int(1, 6); i > 0; i--) o[r.pick(keys)] = value(depth + 1);
    return o;
  };
  const body = (): string | Buffer =>
    r.pick([
      () => JSON.stringify(value(0)),
      () => JSON.stringify(value(0)),
      () => JSON.stringify(value(0)),
      () => JSON.stringify(value(0)).slice(0, r.int(0, 20)),
      () => Buffer.from(Array.from({ length: r.int(1, 200) }, () => r.int(0, 255))),
      () => '['.repeat(r.int(1000, 100_000)),
      () => `{"${'k'.repeat(r.chance(0.1) ? 1_000_000 : 2_000)}": 1}`,
      () => `{"name": "\\ud800", "kind": "\\u0000"}`,
      () => 'null',
      () => '',
    ])();
  const segment = (): string =>
    r.pick([
      'api',
      'assets',
      'index.html',
      '..',
      '.',
      '%',
      '%2',
      '%zz',
      '%E0%A4%A',
      '%c0%af',
      '%00',
      '%2e%2e',
      '%2F',
      '%5c',
      '..%5c..%5csecret.txt',
      '%F0%9F%98%80',
      '%ED%A0%80',
      '中文',
      '~',
      ';',
      '?x=%',
      '#frag',
      'app.js',
      r.pick(FUZZ_CHANNELS),
      'a'.repeat(r.int(1, 3000)),
      '%u0000',
    ]);
  const target = (): string => {
    if (r.chance(0.03)) return r.pick(['*', 'http://rebind.test/', '', 'index.html', '//evil/x']);
    const parts = Array.from({ length: r.int(1, 5) }, segment);
    return `/${parts.join(r.pick(['/', '', '//']))}`;
  };
  const host = (): string | null =>
    r.chance(0.85)
      ? r.pick([`127.0.0.1:${port}`, `localhost:${port}`])
      : r.pick([
          null,
          '',
          `rebind.test:${port}`,
          'localhost',
          `127.0.0.1:${port}, evil`,
          `[::1]:${port}`,
          'a'.repeat(500),
          `LOCALHOST:${port}`,
        ]);
  const headers = (): Record<string, string> => {
    const h: Record<string, string> = {};
    if (r.chance(0.3))
      h.origin = r.pick(['null', 'http://evil.example', `http://127.0.0.1:${port}`, `http://rebind.test:${port}`, 'file://', '%%%']);
    if (r.chance(0.3)) h['content-type'] = r.pick(['application/json', 'text/plain', 'multipart/form-data; boundary=x', '\u00ff']);
    if (r.chance(0.03)) h['x-huge'] = 'h'.repeat(r.int(20_000, 90_000));
    if (r.chance(0.03)) h['content-length'] = r.pick(['abc', '-1', '1, 2']);
    if (r.chance(0.03)) h['transfer-encoding'] = r.pick(['chunked, gzip', 'identity', 'zz']);
    if (r.chance(0.02)) h['bad header'] = 'x';
    return h;
  };
  /** Valid inputs of write channels; one field at a time is replaced by a hostile value below. */
  const templates: [string, Record<string, unknown>, string[]][] = [
    ['regions.create', { name: '新镇', kind: 'township' }, ['name', 'kind', 'code']],
    ['regions.update', { id: 1, name: '乌兰镇', kind: 'township' }, ['id', 'name', 'kind']],
    [
      'orgs.create',
      { name: '丙公司', category: 'nonpublic', subtype: 'company', regionId: 1 },
      ['name', 'category', 'uscc', 'address', 'remarks', 'employees', 'legalRepPhone'],
    ],
    [
      'orgs.update',
      { id: 1, fields: { name: '甲公司', category: 'nonpublic', subtype: 'company', regionId: 1 } },
      ['fields.name', 'fields.regionId', 'fields.remarks', 'fields.hasUnion', 'fields.plannedBuildDate'],
    ],
    ['instructors.create', { name: '王五', unit: '组织部' }, ['name', 'unit', 'post', 'phone', 'grids', 'remarks', 'appointedDate']],
    ['instructors.update', { id: 1, fields: { name: '李文' } }, ['fields.name', 'fields.unit', 'fields.remarks']],
  ];
  /** A request whose refusal must name one field: a valid input with that field spoilt. */
  const spoilt = (): { bytes: Buffer; label: string } => {
    const [channel, template, fields] = r.pick(templates);
    const input = structuredClone(template);
    const target = r.pick(fields);
    const parts = target.split('.');
    const leaf = parts.pop() as string;
    let at: Record<string, unknown> = input;
    for (const p of parts) at = at[p] as Record<string, unknown>;
    at[leaf] = r.chance(0.8) ? hostileString() : r.pick([[], {}, -1, true]);
    return { bytes: httpText('POST', `/api/${channel}`, port, { body: JSON.stringify(input) }), label: FIELD_LABELS[leaf] as string };
  };
  return (): { bytes: Buffer; label?: string } => {
    const kind = r.int(0, 11);
    if (kind >= 10) return spoilt();
    const h = host();
    if (kind <= 3) {
      const method = r.pick(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE', 'FOO', 'get']);
      return { bytes: httpText(method, target(), port, { host: h, headers: headers(), body: method === 'POST' ? body() : undefined }) };
    }
    const channel = r.chance(0.9) ? r.pick(FUZZ_CHANNELS) : `${r.pick(FUZZ_CHANNELS)}${segment()}`;
    return { bytes: httpText(r.chance(0.95) ? 'POST' : 'GET', `/api/${channel}`, port, { host: h, headers: headers(), body: body() }) };
  };
}

/** Words the app's messages may contain; echoed input sits in “…” and is checked for length instead. */
const ALLOWED = /\b(?:Excel|WPS|PDF|CSV|JSON|POST|GET|Ctrl|USCC|MB|xlsx)\b/g;

function problemsOf(message: string, dir: string): string[] {
  const problems: string[] = [];
  if (!/[\u4e00-\u9fff]/.test(message)) problems.push('no Chinese');
  for (const echo of message.match(/“[^”]*”/g) ?? []) if (Array.from(echo).length > 33) problems.push(`long echo ${echo.slice(0, 40)}`);
  const rest = message.replace(/“[^”]*”/g, '').replace(ALLOWED, '');
  const english = rest.match(/[A-Za-z]{2,}/g);
  if (english) problems.push(`English: ${english.slice(0, 3).join(' ')}`);
  if (/(?:^|[^\w.])\/[\w.-]+\/|[A-Za-z]:\\|\\\\/.test(rest) || message.includes(dir)) problems.push('path');
  if (message.length > 1000) problems.push(`length ${message.length}`);
  return problems;
}

describe('fuzzing the browser-mode server', () => {
  it(`${REQUESTS} generated requests: still answering, nothing written, every refusal Chinese`, { timeout: 120_000 }, async () => {
    const countsBefore = TABLES.map((table) => t.count(table));
    const filesBefore = fs.readdirSync(t.dir).sort();
    const next = generator(SEED);
    const requests = Array.from({ length: REQUESTS }, next);
    const answers: { request: string; response: RawResponse; label?: string }[] = [];
    const unanswered: string[] = [];
    let i = 0;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        while (i < requests.length) {
          const { bytes: request, label } = requests[i++] as { bytes: Buffer; label?: string };
          const head = request.subarray(0, 200).toString('utf8');
          try {
            answers.push({ request: head, label, response: await rawRequest(port, request, 15_000) });
          } catch (e) {
            unanswered.push(`${head} → ${String(e)}`);
          }
        }
      }),
    );
    const seconds = (Date.now() - started) / 1000;

    expect(unanswered).toEqual([]);
    const statuses: Record<number, number> = {};
    for (const a of answers) statuses[a.response.status] = (statuses[a.response.status] ?? 0) + 1;
    console.log(`fuzz: ${answers.length} requests in ${seconds.toFixed(1)} s, statuses ${JSON.stringify(statuses)}`);
    expect(Object.keys(statuses).map(Number).sort()).toEqual(expect.arrayContaining([400, 403, 404, 405]));
    expect(statuses[500] ?? 0).toBe(0);
    expect(logged).toEqual([]);

    const bad: string[] = [];
    let named = 0;
    for (const { request, response, label } of answers) {
      // HEAD answers carry no body to read.
      if (response.status === 200 || request.startsWith('HEAD ')) continue;
      const messages: string[] = [];
      if ((response.headers['content-type'] ?? '').startsWith('application/json')) {
        const json = JSON.parse(response.body) as { ok: boolean; error: { message: string; fields?: { path: string; message: string }[] } };
        expect(json.ok).toBe(false);
        messages.push(json.error.message, ...(json.error.fields ?? []).map((f) => f.message));
        if (label) {
          named++;
          if (!json.error.message.includes(`「${label}」`)) bad.push(`field not named: 「${label}」 ← ${json.error.message.slice(0, 80)}`);
        }
        for (const f of json.error.fields ?? [])
          for (const seg of f.path.split('.')) if (Array.from(seg).length > 31) bad.push(`long path ${seg.slice(0, 40)}`);
      } else messages.push(response.body);
      for (const m of messages) for (const p of problemsOf(m, t.dir)) bad.push(`${p} ← ${request.slice(0, 120)} → ${m.slice(0, 80)}`);
    }
    expect(named).toBeGreaterThan(REQUESTS / 10);
    expect(bad.slice(0, 20)).toEqual([]);
    if (process.env.FUZZ_DUMP)
      fs.writeFileSync(
        process.env.FUZZ_DUMP,
        [...new Set(answers.map((a) => `${a.response.status} ${a.response.body.slice(0, 300)}`))].join('\n'),
      );

    // Still answering, and nothing reached the ledger or the folder.
    expect(TABLES.map((table) => t.count(table))).toEqual(countsBefore);
    expect(fs.readdirSync(t.dir).sort()).toEqual(filesBefore);
    const ok = await fetch(`http://127.0.0.1:${port}/api/regions.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ name: '青山镇', kind: 'township' }),
    });
    expect(ok.status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    expect(t.count('audit_log')).toBe((countsBefore[7] as number) + 1);
  });
});
