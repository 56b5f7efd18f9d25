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
import { commitExchange, exportExchange, previewExchange } from '../../src/main/core/exchange';
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

it('an export time that cannot be believed makes every differing record a conflict, or the file is refused; nothing is overwritten', async () => {
  const { payload } = readExchangeHeader(genuine);
  // Another source (no history here): a first exchange. The organization is saved here after the export.
  const fromElsewhere = (exportedAt: unknown, drop = false) => {
    const m: Record<string, unknown> = { ...manifest, source: { ...manifest.source, countyCode: '150501' }, exportedAt };
    if (drop) delete m.exportedAt;
    return craft(m, payload);
  };
  const org = await t.ctx.ledger.db.selectFrom('orgs').select('id').where('name', '=', '乌兰公司').executeTakeFirstOrThrow();
  const detail = await t.call('orgs.get', { id: org.id });
  await t.call('orgs.update', { id: org.id, fields: { ...detail, employees: detail.employees + 5 } });
  const employees = async () =>
    (await t.ctx.ledger.db.selectFrom('orgs').select('employees').where('id', '=', org.id).executeTakeFirstOrThrow()).employees;
  const mine = await employees();

  // A believable time after that save (this ledger's clock reads 08:00): the file is newer.
  const believed = await previewExchange(t.ctx, fromElsewhere('2026-06-30T08:01:00.000Z'));
  expect(believed.changed.map((i) => i.name)).toEqual(['乌兰公司']);
  expect(believed.warnings).toEqual([]);

  const before = t.count('audit_log');
  const unbelievable: unknown[] = [
    '2999-01-01T00:00:00.000Z', // far future
    '2026-06-30T09:00:00.000Z', // an hour after this ledger's clock
    '+275760-09-13T00:00:00.000Z',
    '12345', // Date.parse reads a year
    '2026',
    '2026-02-30T08:01:00.000Z',
    '2026-06-30T24:01:00.000Z',
    '2026-06-30 08:01:00',
    '昨天',
    '',
  ];
  for (const exportedAt of unbelievable) {
    const p = await previewExchange(t.ctx, fromElsewhere(exportedAt));
    expect(p.firstExchange, String(exportedAt)).toBe(true);
    expect(
      p.conflicts.map((i) => i.name),
      String(exportedAt),
    ).toEqual(['乌兰公司']);
    expect(p.changed, String(exportedAt)).toEqual([]);
    expect(p.warnings.join(''), String(exportedAt)).toMatch(/导出时间无法识别或晚于本机当前时间.*都列为冲突/);
    await expect(commitExchange(t.ctx, p.id, {})).rejects.toThrow('还有1条冲突记录未选择处理方式');
  }
  const refusals: [string, Buffer][] = [
    ['missing', fromElsewhere(undefined, true)],
    ['null', fromElsewhere(null)],
    ['a number', fromElsewhere(Date.UTC(2999, 0, 1))],
    ['an object', fromElsewhere({ toString: '2026' })],
    ['100,000 characters', fromElsewhere('2026-06-30T08:01:00.000Z'.padEnd(100_000, '0'))],
    ['an exporter of 100,000 characters', craft({ ...manifest, exportedBy: '县'.repeat(100_000) }, payload)],
    [
      'a county name of 100,000 characters',
      craft({ ...manifest, source: { ...manifest.source, countyName: '县'.repeat(100_000) } }, payload),
    ],
    [
      'a region name of 100,000 characters',
      craft({ ...manifest, region: { name: '镇'.repeat(100_000), kind: 'township', code: null } }, payload),
    ],
  ];
  for (const [what, file] of refusals) {
    await expect(previewExchange(t.ctx, file), what).rejects.toThrow('交换文件已损坏或被改动（清单内容不完整），不能导入。');
  }
  expect(t.count('audit_log')).toBe(before);
  expect(await employees()).toBe(mine);
});
