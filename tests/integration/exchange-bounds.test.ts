/**
 * Hostile exchange files (issue 11, items 5 and 6): scrypt parameters costlier than the app writes, a
 * gzip bomb of 500 MB of content, more records than any ledger holds, millions of empty values in a
 * small file, truncated and damaged files — each refused at once with a Chinese message and nothing
 * written. The crafted files are previewed in a child process, which reports seconds and peak memory;
 * the figures are printed, not asserted.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createGzip, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exportExchange, previewExchange } from '../../src/main/core/exchange';
import { type ExchangeManifest, readExchangeHeader } from '../../src/main/core/exchange/format';
import { makeLedger, type TestLedger } from './fixture';

let t: TestLedger;
let genuine: Buffer;
let manifest: ExchangeManifest;
const figures: string[] = [];

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest();

/** A file with the given manifest and payload and correct outer checksums, as a forger would write it. */
function craft(m: object, payload: Buffer): Buffer {
  const json = Buffer.from(JSON.stringify(m), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  const body = Buffer.concat([Buffer.from('LXDJEX01', 'ascii'), length, json, payload]);
  return Buffer.concat([body, sha256(body)]);
}

/** gzip of `megabytes` MB of spaces, streamed so the test itself stays small. */
async function gzipBomb(megabytes: number): Promise<Buffer> {
  const gz = createGzip({ level: 9 });
  const out: Buffer[] = [];
  gz.on('data', (d: Buffer) => out.push(d));
  const done = new Promise((resolve) => gz.on('end', resolve));
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  for (let i = 0; i < megabytes; i++) if (!gz.write(chunk)) await new Promise((r) => gz.once('drain', r));
  gz.end();
  await done;
  return Buffer.concat(out);
}

/** Previews the file in a child process; its answer and figures. */
function previewInChild(label: string, bytes: Buffer, password?: string): { message: string; seconds: number; peakMB: number } {
  const file = path.join(t.dir, `${label}.lxex`);
  fs.writeFileSync(file, bytes);
  const args = ['--import', 'tsx', path.resolve('tests/integration/helpers/exchange-child.ts'), file, ...(password ? [password] : [])];
  const r = JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8', timeout: 120_000 })) as {
    message: string;
    seconds: number;
    peakMB: number;
    fileKB: number;
  };
  figures.push(`${label.padEnd(22)} ${String(r.fileKB).padStart(6)} KB  ${r.seconds.toFixed(2).padStart(6)} s  peak ${r.peakMB} MB`);
  return r;
}

// Loading the demo county takes seconds, more on a busy machine: more than a hook's default 10 s.
const SEEDING_MS = 60_000;

beforeAll(async () => {
  t = await makeLedger();
  const regionId = (await t.call('regions.create', { name: '乌兰镇', kind: 'township' })).id;
  await t.call('orgs.create', { name: '乌兰公司', category: 'nonpublic', subtype: 'company', regionId });
  genuine = (await exportExchange(t.ctx, {})).bytes;
  manifest = readExchangeHeader(genuine).manifest;
  // The baseline: a genuine file in the same child.
  expect(previewInChild('genuine', genuine).message).toBe('accepted');
}, SEEDING_MS);

afterAll(async () => {
  console.log(`exchange files (child process: preview time, peak RSS incl. ~100 MB runtime)\n${figures.join('\n')}`);
  await t.close();
});

const encryption = (n: number, r: number, p: number) => ({
  cipher: 'aes-256-gcm',
  kdf: 'scrypt',
  salt: randomBytes(16).toString('base64'),
  iv: randomBytes(12).toString('base64'),
  n,
  r,
  p,
});

it('refuses scrypt parameters beyond the ones the app writes, before any key is derived', async () => {
  const refused = '交换文件的加密参数不是本程序使用的参数，文件可能被改动，不能导入。';
  const bomb = craft({ ...manifest, encryption: encryption(2 ** 20, 32, 16) }, randomBytes(64));
  expect(previewInChild('scrypt N=2^20 r=32 p=16', bomb, '123456').message).toBe(refused);
  for (const [n, r, p] of [
    [2 ** 16, 8, 1],
    [2 ** 15, 16, 1],
    [2 ** 15, 8, 2],
    [3000, 8, 1],
  ] as const) {
    const file = craft({ ...manifest, encryption: encryption(n, r, p) }, randomBytes(64));
    await expect(previewExchange(t.ctx, file, { password: '123456' }), `${n} ${r} ${p}`).rejects.toThrow(refused);
  }
});

it('stops inflating at the content cap: 500 MB of content in a small file is refused', async () => {
  const bomb = craft({ ...manifest, contentSha256: '0'.repeat(64) }, await gzipBomb(500));
  const r = previewInChild('gzip bomb 500 MB', bomb);
  expect(r.message).toBe('交换文件的内容过大（解压后超过 128 MB），不能导入。');
});

it('reads content just under the cap within bounds (one 120 MB text, refused by the field checks)', async () => {
  const json = `{"regions":[{"name":"${'乌'.repeat(40 * 1024 * 1024)}","kind":"township","code":null}],"orgs":[],"partyOrgs":[],"instructors":[]}`;
  const counts = { regions: 1, orgs: 0, partyOrgs: 0, instructors: 0, assignments: 0 };
  const file = craft({ ...manifest, counts, contentSha256: sha256(json).toString('hex') }, gzipSync(json, { level: 1 }));
  expect(previewInChild('120 MB of one text', file).message).toMatch(/^交换文件中第1个属地/);
});

it('refuses a manifest announcing more records than any ledger holds', async () => {
  const file = craft({ ...manifest, counts: { ...manifest.counts, orgs: 5_000_000 } }, gzipSync('{}'));
  expect(previewInChild('5,000,000 records', file).message).toBe('交换文件中的记录过多（每类最多 200,000 条），不能导入。');
});

it('refuses content whose structure is out of proportion to the records announced, before parsing it', async () => {
  const json = `{"regions":[],"orgs":[${'{},'.repeat(3_000_000)}{}],"partyOrgs":[],"instructors":[]}`;
  const file = craft({ ...manifest, contentSha256: sha256(json).toString('hex') }, gzipSync(json));
  expect(previewInChild('3,000,000 empty objects', file).message).toBe('交换文件的内容与清单中的记录数不相称，文件可能被改动，不能导入。');
});

it('answers truncated and damaged files in Chinese, and writes nothing', async () => {
  const before = t.count('audit_log');
  const half = genuine.subarray(0, Math.floor(genuine.length / 2));
  await expect(previewExchange(t.ctx, half)).rejects.toThrow('交换文件已损坏或被改动（整个文件的校验值不符）');
  await expect(previewExchange(t.ctx, genuine.subarray(0, 10))).rejects.toThrow('这不是两新党建台账交换文件');
  const { payload } = readExchangeHeader(genuine);
  const cut = craft(manifest, payload.subarray(0, Math.floor(payload.length / 2)));
  await expect(previewExchange(t.ctx, cut)).rejects.toThrow('交换文件已损坏或被改动（内容无法解压）');
  expect(t.count('audit_log')).toBe(before);
});
