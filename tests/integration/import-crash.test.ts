/**
 * Killing the app in the middle of an import loses nothing: a child process importing 3,000 rows is
 * killed with SIGKILL at random moments, 20 times; each time the file passes integrity_check and
 * holds either the whole import or none of it.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createContext } from '../../src/main/core/context';
import { openLedger } from '../../src/main/core/db';
import { createRegion } from '../../src/main/core/services/regions';

const ROWS = 3000;
const CHILD = path.resolve('tests/integration/helpers/import-child.ts');
let dir: string;
let base: string;
let sheet: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-crash-'));
  base = path.join(dir, 'base.sqlite');
  const ledger = await openLedger(base);
  await createRegion(createContext(ledger), { name: '红山街道', kind: 'subdistrict', code: null });
  await ledger.close();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  ws.addRow(['单位名称', '组织类型', '所属属地', '从业人员数']);
  for (let i = 0; i < ROWS; i++) ws.addRow([`崩溃测试公司${i}`, '非公企业（公司）', '红山街道', i % 100]);
  sheet = path.join(dir, 'big.xlsx');
  await wb.xlsx.writeFile(sheet);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs the child; kills it `killAfterMs` after it has read the sheet (null: let it finish). */
function run(file: string, killAfterMs: number | null): Promise<{ done: boolean; ms: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file, sheet], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let previewedAt = 0;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!previewedAt && out.includes('PREVIEWED')) {
        previewedAt = Date.now();
        if (killAfterMs != null) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('exit', (code, signal) => {
      if (code !== 0 && signal !== 'SIGKILL') reject(new Error(`child failed (${code}): ${err}`));
      else resolve({ done: out.includes('DONE'), ms: previewedAt ? Date.now() - previewedAt : 0 });
    });
  });
}

function inspect(file: string): { integrity: string; orgs: number } {
  const db = new Database(file);
  try {
    const integrity = (db.pragma('integrity_check', { simple: true }) as string) ?? '';
    const orgs = (db.prepare("SELECT COUNT(*) AS n FROM orgs WHERE name LIKE '崩溃测试公司%'").get() as { n: number }).n;
    return { integrity, orgs };
  } finally {
    db.close();
  }
}

it('survives SIGKILL at 20 random moments with all of the import or none of it', async () => {
  // One undisturbed run tells how long the commit takes on this machine.
  const full = path.join(dir, 'full.sqlite');
  fs.copyFileSync(base, full);
  const { done, ms } = await run(full, null);
  expect(done).toBe(true);
  expect(inspect(full)).toEqual({ integrity: 'ok', orgs: ROWS });

  const outcomes: number[] = [];
  for (let i = 0; i < 20; i++) {
    const file = path.join(dir, `run-${i}.sqlite`);
    fs.copyFileSync(base, file);
    await run(file, Math.floor(Math.random() * ms * 1.2));
    const after = inspect(file);
    expect(after.integrity, `run ${i}`).toBe('ok');
    expect([0, ROWS], `run ${i}`).toContain(after.orgs);
    outcomes.push(after.orgs);
  }
  // Kills landed before the commit finished at least once (else the test proved nothing).
  expect(outcomes).toContain(0);
}, 900_000);
