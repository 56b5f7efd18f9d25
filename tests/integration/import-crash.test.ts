/**
 * Killing the app in the middle of an import loses nothing: a child process importing 3,000 rows is
 * killed with SIGKILL at random moments; each time the ledger holds either the whole import or none of
 * it, and a SQLite file passes integrity_check.
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
import { ENGINE, freshTarget } from './fixture';

const ROWS = 3000;
/**
 * A SQLite file can be torn by a kill at an unlucky moment, so it is killed often. PostgreSQL's server
 * outlives the child and rolls back the dropped connection's transaction: a few kills prove the import
 * is one transaction there.
 */
const KILLS = ENGINE === 'postgres' ? 5 : 20;
const CHILD = path.resolve('tests/integration/helpers/import-child.ts');
let dir: string;
let sheet: string;
const made: { drop(): Promise<void> }[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-crash-'));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  ws.addRow(['单位名称', '组织类型', '所属属地', '从业人员数']);
  for (let i = 0; i < ROWS; i++) ws.addRow([`崩溃测试公司${i}`, '非公企业（公司）', '红山街道', i % 100]);
  sheet = path.join(dir, 'big.xlsx');
  await wb.xlsx.writeFile(sheet);
});

afterAll(async () => {
  for (const m of made) await m.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A new ledger with the region the sheet names. */
async function freshLedger(): Promise<string> {
  const fresh = await freshTarget();
  made.push(fresh);
  const ledger = await openLedger(fresh.target);
  await createRegion(createContext(ledger), { name: '红山街道', kind: 'subdistrict', code: null });
  await ledger.close();
  return fresh.target;
}

/** Runs the child; kills it `killAfterMs` after it has read the sheet (null: let it finish). */
function run(target: string, killAfterMs: number | null): Promise<{ done: boolean; ms: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, target, sheet], { stdio: ['ignore', 'pipe', 'pipe'] });
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

/** SQLite only: whether the file the killed child left is whole (PostgreSQL's files are the server's). */
function integrityOf(file: string): string {
  const db = new Database(file);
  try {
    return (db.pragma('integrity_check', { simple: true }) as string) ?? '';
  } finally {
    db.close();
  }
}

/** How many of the sheet's organizations the ledger holds. */
async function importedOrgs(target: string): Promise<number> {
  if (ENGINE === 'sqlite') expect(integrityOf(target)).toBe('ok');
  const ledger = await openLedger(target);
  try {
    const row = await ledger.db
      .selectFrom('orgs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('name', 'like', '崩溃测试公司%')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await ledger.close();
  }
}

it(`survives SIGKILL at ${KILLS} random moments with all of the import or none of it`, async () => {
  // One undisturbed run tells how long the commit takes on this machine.
  const full = await freshLedger();
  const { done, ms } = await run(full, null);
  expect(done).toBe(true);
  expect(await importedOrgs(full)).toBe(ROWS);

  const outcomes: number[] = [];
  for (let i = 0; i < KILLS; i++) {
    const target = await freshLedger();
    await run(target, Math.floor(Math.random() * ms * 1.2));
    const orgs = await importedOrgs(target);
    expect([0, ROWS], `run ${i}`).toContain(orgs);
    outcomes.push(orgs);
  }
  // Kills landed before the commit finished at least once (else the test proved nothing).
  expect(outcomes).toContain(0);
}, 900_000);
