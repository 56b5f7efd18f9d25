/**
 * Backups stay inside the ledger's backups folder (issue 11, items 2, 3 and 10): a name never reaches
 * outside it, an unrelated file is never replaced, inspect says nothing about other paths, restore
 * reads nothing from outside, and the live database's -wal is never a target — after such an attempt
 * a kill -9 loses no acknowledged write. Each request also carries the old `file` key, so that the
 * tests fail on the code that took paths.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createBackupAt } from '../../src/main/core/backup';
import { createContext } from '../../src/main/core/context';
import { openLedger } from '../../src/main/core/db';
import { createRegion } from '../../src/main/core/services/regions';
import { makeLedger, onlySqlite, type TestLedger } from './fixture';

let t: TestLedger;
let backups: string;
beforeEach(async () => {
  t = await makeLedger();
  backups = path.join(t.dir, 'backups');
  const regionId = (await t.call('regions.create', { name: '乌兰镇', kind: 'township' })).id;
  for (let i = 1; i <= 3; i++) await t.call('orgs.create', { name: `公司${i}`, category: 'nonpublic', subtype: 'company', regionId });
});
afterEach(() => t.close());

const orgCount = () => t.count('orgs');
/** Both spellings: today's `name`, and the `file` path the older contract took. */
const target = (p: string) => ({ name: p, file: p });
const message = (r: { ok: boolean; error?: { message: string } }) => (r.ok ? '' : (r.error?.message ?? ''));

onlySqlite('a backup is a copy of the SQLite file')('backups only inside the backups folder', () => {
  it('refuses a relative path that climbs out of the folder, and writes nothing there', async () => {
    const outside = path.join(t.dir, '..', `outside-${path.basename(t.dir)}`, 'x.sqlite');
    const relative = path.relative(process.cwd(), outside);
    expect(relative.startsWith('..')).toBe(true);
    for (const name of [relative, '../x.sqlite', '..\\x.sqlite', outside, 'sub/x.sqlite']) {
      const r = await t.raw('backup.create', target(name));
      expect(r.ok, name).toBe(false);
      expect(message(r)).toMatch(/^输入有误：.*备份文件名只能是文件名/);
      expect(message(r)).not.toContain(t.dir);
    }
    expect(fs.existsSync(outside)).toBe(false);
    expect(fs.existsSync(path.join(t.dir, 'x.sqlite'))).toBe(false);
    fs.rmSync(path.dirname(outside), { recursive: true, force: true });
  });

  it('never replaces an existing file that is not a backup, and a backup only when asked to', async () => {
    fs.mkdirSync(backups, { recursive: true });
    const notes = path.join(backups, '笔记.sqlite');
    fs.writeFileSync(notes, '不是数据库，是一份笔记');
    const unrelated = path.join(t.dir, '笔记.sqlite');
    fs.writeFileSync(unrelated, '别处的文件');

    const plain = await t.raw('backup.create', { name: '笔记.sqlite', file: unrelated });
    expect(plain).toMatchObject({ ok: false, error: { code: 'conflict', message: '已有同名文件“笔记.sqlite”，请换一个名称，或选择覆盖' } });
    const forced = await t.raw('backup.create', { name: '笔记.sqlite', file: unrelated, overwrite: true });
    expect(forced).toMatchObject({ ok: false, error: { message: '“笔记.sqlite”不是本程序的备份文件，不能覆盖' } });
    expect(fs.readFileSync(notes, 'utf8')).toBe('不是数据库，是一份笔记');
    expect(fs.readFileSync(unrelated, 'utf8')).toBe('别处的文件');

    // A backup of the same name is replaced with the flag, and only then.
    await t.call('backup.create', { name: '月底.sqlite' });
    expect(await t.raw('backup.create', { name: '月底.sqlite' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await t.call('orgs.delete', { id: 1 });
    await t.call('backup.create', { name: '月底.sqlite', overwrite: true });
    expect((await t.call('backup.inspect', { name: '月底.sqlite' })).counts.两新组织).toBe(2);
  });

  it('answers inspect of any path, existing or not, exactly as for a missing backup', async () => {
    const existing = path.join(t.dir, 'ledger.sqlite');
    const missing = path.join(t.dir, 'nothing-here.sqlite');
    const a = await t.raw('backup.inspect', target(existing));
    const b = await t.raw('backup.inspect', target(missing));
    expect(a.ok).toBe(false);
    expect(a).toEqual(b);
    expect(message(a)).not.toContain(t.dir);

    // Inside the folder: a missing name, a link to a file elsewhere and a folder all read 找不到该备份.
    fs.mkdirSync(path.join(backups, '文件夹.sqlite'), { recursive: true });
    fs.symlinkSync(existing, path.join(backups, '链接.sqlite'));
    for (const name of ['没有这个.sqlite', '链接.sqlite', '文件夹.sqlite']) {
      expect(await t.raw('backup.inspect', { name })).toEqual({ ok: false, error: { code: 'not_found', message: '找不到该备份' } });
    }
  });

  it('restores nothing from outside the folder', async () => {
    const outside = path.join(t.dir, '外来.sqlite');
    await createBackupAt(t.ctx, outside);
    await t.call('orgs.delete', { id: 1 });
    const r = await t.raw('backup.restore', target(outside));
    expect(r.ok).toBe(false);
    expect(message(r)).not.toContain(t.dir);
    expect(await t.raw('backup.restore', { name: '外来.sqlite' })).toEqual({
      ok: false,
      error: { code: 'not_found', message: '找不到该备份' },
    });
    expect(orgCount()).toBe(3);
    expect((await t.call('orgs.list', {})).total).toBe(2);
  });

  it('refuses the live database, its -wal and -shm, also through a link in the folder', async () => {
    const live = t.ctx.ledger.file;
    for (const f of [live, `${live}-wal`, `${live}-shm`]) {
      await expect(createBackupAt(t.ctx, f)).rejects.toThrow('不能把备份写到正在使用的数据文件上');
    }
    fs.mkdirSync(backups, { recursive: true });
    fs.symlinkSync(`${live}-wal`, path.join(backups, 'wal.sqlite'));
    fs.linkSync(`${live}-wal`, path.join(backups, 'hard.sqlite'));
    for (const name of ['wal.sqlite', 'hard.sqlite']) {
      const r = await t.raw('backup.create', { name, overwrite: true });
      expect(r.ok, name).toBe(false);
    }
    expect(await t.raw('backup.create', target(`${live}-wal`))).toMatchObject({ ok: false });
    expect((await t.call('orgs.list', {})).total).toBe(3);
  });

  it('says what went wrong in Chinese, without errno text or paths', async () => {
    // The backups "folder" is a file: nothing can be written into it.
    fs.writeFileSync(backups, '');
    const r = await t.raw('backup.create', {});
    expect(r).toEqual({ ok: false, error: { code: 'internal', message: '备份失败：无法写入备份文件' } });
  });
});

onlySqlite('the -wal file is SQLite-only')('a backup attempted onto the live -wal', () => {
  it('loses no acknowledged write when the process is then killed with SIGKILL', async () => {
    const file = path.join(t.dir, 'child.sqlite');
    const ledger = await openLedger(file);
    await createRegion(createContext(ledger), { name: '红山街道', kind: 'subdistrict', code: null });
    await ledger.close();

    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('tests/integration/helpers/backup-wal-child.ts'), file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    const acked = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const n = [...out.matchAll(/ACK (\d+)/g)].length;
        if (n >= 30 && !child.killed) child.kill('SIGKILL');
      });
      child.on('exit', (_code, signal) => {
        if (signal !== 'SIGKILL') reject(new Error(`child ended without being killed: ${err}`));
        else resolve(Math.max(0, ...[...out.matchAll(/ACK (\d+)/g)].map((m) => Number(m[1]))));
      });
    });
    expect(acked).toBeGreaterThanOrEqual(30);
    const db = new SQLite(file);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const kept = (db.prepare("SELECT COUNT(*) AS n FROM orgs WHERE name LIKE '确认写入%'").get() as { n: number }).n;
      expect(kept).toBeGreaterThanOrEqual(acked);
    } finally {
      db.close();
    }
    expect(out).toContain('BACKUP refused 不能把备份写到正在使用的数据文件上');
  });
});
