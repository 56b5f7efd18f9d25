/**
 * Hostile import files (tests/hostile/corpus.ts): zip bombs that declare or hide their size, XML
 * nested thirty million deep, ten million shared strings, a 100 MB cell, a row 16,384 columns wide,
 * 300,000 rows, a million-line CSV, truncated and random bytes, a password-protected workbook and a
 * genuine .xls. Each is answered with its Chinese refusal, nothing is written, and the ledger
 * imports a good sheet afterwards. The million-row .xlsx is left to `npm run hostile` (slow to make).
 * Also: a preview reports how far it has got while it runs, and reads every name of a long sheet whole.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HostileFile, writeCorpus, writeOrgSheet } from '../hostile/corpus';
import { makeLedger, type TestLedger } from './fixture';

let t: TestLedger;
let dir: string;
let corpus: HostileFile[];
const TABLES = ['orgs', 'party_orgs', 'instructors', 'audit_log', 'settings'];
const counts = () => TABLES.map((table) => t.count(table));

beforeAll(async () => {
  t = await makeLedger();
  await t.call('regions.create', { name: '红山街道', kind: 'subdistrict', code: null });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-'));
  corpus = await writeCorpus(dir, false);
}, 300_000);

afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const preview = (fileName: string, bytes: Buffer, jobId?: string) =>
  t.raw('import.preview', { kind: 'orgs', fileName, base64: bytes.toString('base64'), jobId });

describe('hostile import files', () => {
  it('the corpus holds every kind of file, the encrypted workbook and the .xls included', () => {
    expect(corpus.map((f) => f.fileName)).toEqual(
      expect.arrayContaining(['bomb.xlsx', 'liar.xlsx', 'nested.xlsx', 'rows300k.xlsx', 'rows300k.csv', '加密名册.xlsx', '名册.xls']),
    );
  });

  it('each is refused in Chinese, within bounds, and nothing is written', async () => {
    const before = counts();
    for (const f of corpus) {
      const r = await preview(f.fileName, fs.readFileSync(f.file));
      expect(r.ok, f.label).toBe(false);
      const message = r.ok ? '' : r.error.message;
      expect(message, f.label).toContain(f.expect);
      // No English, errno text or paths: only the names of formats and programs are in Latin letters.
      expect(message.replace(/Excel\/WPS|Excel|WPS|CSV|\.xlsx|\.xls/g, ''), f.label).not.toMatch(/[A-Za-z/\\]/);
      expect(counts(), f.label).toEqual(before);
    }
  }, 300_000);

  it('a good sheet still imports after all of them', async () => {
    const file = path.join(dir, 'good.xlsx');
    await writeOrgSheet(file, 3, ['红山街道'], '善后公司');
    const p = await preview('good.xlsx', fs.readFileSync(file));
    expect(p).toMatchObject({ ok: true, data: { counts: { create: 3, error: 0 } } });
    const id = (p as { data: { id: string } }).data.id;
    expect(await t.call('import.commit', { id })).toMatchObject({ created: 3 });
  });
});

describe('progress of a preview', () => {
  it('moves through 读取 and 校验 while the preview runs, and ends at the row count', async () => {
    const file = path.join(dir, 'progress.xlsx');
    await writeOrgSheet(file, 20_000, ['红山街道'], '进度公司');
    const jobId = crypto.randomUUID();
    const seen: { phase: string; done: number; total: number }[] = [];
    let finished = false;
    const running = preview('progress.xlsx', fs.readFileSync(file), jobId).finally(() => {
      finished = true;
    });
    while (!finished) {
      const p = await t.call('import.progress', { jobId });
      if (p) seen.push(p);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const result = await running;
    expect(result.ok).toBe(true);
    // Every name whole: a character whose bytes straddle two inflated pieces is not garbled.
    const names = (result as { data: { rows: { name: string }[] } }).data.rows.map((r) => r.name);
    expect(names).toEqual(Array.from({ length: 20_000 }, (_, i) => `进度公司${i}`));
    const reading = seen.filter((p) => p.phase === '读取');
    const checking = seen.filter((p) => p.phase === '校验');
    expect(reading.some((p) => p.done > 0 && p.done < p.total)).toBe(true);
    expect(checking.some((p) => p.done > 0 && p.done < p.total)).toBe(true);
    // Never backwards within a phase.
    for (const list of [reading, checking])
      for (let i = 1; i < list.length; i++) expect(list[i]?.done).toBeGreaterThanOrEqual(list[i - 1]?.done ?? 0);
    expect(await t.call('import.progress', { jobId })).toEqual({ phase: '校验', done: 20_000, total: 20_000 });
    expect(await t.call('import.progress', { jobId: crypto.randomUUID() })).toBeNull();
  }, 120_000);
});
