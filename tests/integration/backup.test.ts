import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createBackup, createBackupAt, inspectBackupFile, listBackups, rotateBackups } from '../../src/main/core/backup';
import * as m0001 from '../../src/main/core/migrations/0001_ledger_core';
import { makeLedger, onlySqlite, type TestLedger } from './fixture';

let t: TestLedger;
beforeEach(async () => {
  t = await makeLedger();
  const region = (await t.call('regions.create', { name: '乌兰镇', kind: 'township' })).id;
  for (let i = 1; i <= 5; i++) {
    await t.call('orgs.create', { name: `公司${i}`, category: 'nonpublic', subtype: 'company', regionId: region, formalMembers: i });
  }
});
afterEach(() => t.close());

/** The records a restore brings back (the accounts and the logs stay as they are: restoreKeeps.ts). */
const TABLES = ['settings', 'regions', 'orgs', 'party_orgs', 'coverage', 'instructors', 'assignments', 'cases', 'case_events'];
/** Row count and a SHA-256 of every row, per table. */
function fingerprint(db: SQLite.Database): Record<string, string> {
  return Object.fromEntries(
    TABLES.map((table) => {
      const rows = db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all();
      return [table, `${rows.length}:${crypto.createHash('sha256').update(JSON.stringify(rows)).digest('hex')}`];
    }),
  );
}

onlySqlite('a backup is a copy of the SQLite file')('backup and restore', () => {
  it('round trip: the restored ledger has the same rows, table by table', async () => {
    const before = fingerprint(t.ctx.ledger.sqlite);
    const backup = await t.call('backup.create', {});
    expect(backup).toMatchObject({ reason: 'manual', reasonLabel: '手动备份' });
    expect(fs.existsSync(path.join(t.dir, 'backups', backup.name))).toBe(true);

    // Change the ledger after the backup, then restore it.
    const orgs = await t.call('orgs.list', {});
    await t.call('orgs.delete', { id: orgs.rows[0]?.id as number });
    await t.call('regions.create', { name: '新城街道', kind: 'subdistrict' });
    expect(fingerprint(t.ctx.ledger.sqlite)).not.toEqual(before);

    const inspected = await t.call('backup.inspect', { name: backup.name });
    expect(inspected).toMatchObject({ ok: true, problems: [], needsMigration: false, counts: { 两新组织: 5, 属地: 1 } });
    // Beside it what the restore would replace, so the clerk sees what goes.
    expect(inspected.current).toMatchObject({ 两新组织: 4, 属地: 2 });
    const restored = await t.call('backup.restore', { name: backup.name });
    expect(restored.safetyBackup.reason).toBe('before-restore');
    expect(fingerprint(t.ctx.ledger.sqlite)).toEqual(before);
    // The 操作日志 keeps what was done since the backup, and the signed-in clerk stays signed in.
    const trail = t.ctx.ledger.sqlite
      .prepare("SELECT entity, action FROM audit_log WHERE entity IN ('org', 'region') ORDER BY id DESC LIMIT 2")
      .all();
    expect(trail).toEqual([
      { entity: 'region', action: 'create' },
      { entity: 'org', action: 'delete' },
    ]);
    // The app goes on with the restored data (caches dropped).
    expect((await t.call('orgs.list', {})).total).toBe(5);
    expect((await t.call('regions.list', {})).map((r) => r.name)).toEqual(['乌兰镇']);

    // The data replaced was saved first and is itself restorable.
    const safety = new SQLite(path.join(t.dir, 'backups', restored.safetyBackup.name), { readonly: true });
    expect((safety.prepare('SELECT COUNT(*) AS n FROM regions').get() as { n: number }).n).toBe(2);
    safety.close();
  });

  it('refuses a corrupted backup and keeps the current data', async () => {
    const backup = await createBackup(t.ctx, 'manual');
    const bytes = fs.readFileSync(path.join(t.dir, 'backups', backup.name));
    // Scribble over the middle of the file, where the tables' pages are.
    bytes.fill(0x5a, 4096, Math.min(bytes.length, 4096 * 3));
    const broken = path.join(t.dir, 'backups', 'broken.sqlite');
    fs.writeFileSync(broken, bytes);
    const before = fingerprint(t.ctx.ledger.sqlite);

    const r = await t.raw('backup.restore', { name: 'broken.sqlite' });
    expect(r.ok).toBe(false);
    expect(r.ok === false && r.error.message).toMatch(/^不能恢复此备份：/);
    expect(fingerprint(t.ctx.ledger.sqlite)).toEqual(before);

    fs.writeFileSync(path.join(t.dir, 'backups', 'not-a-db.sqlite'), '这不是数据库');
    const r2 = await t.raw('backup.restore', { name: 'not-a-db.sqlite' });
    expect(r2.ok === false && r2.error.message).toContain('文件已损坏或不是数据库文件');
    expect(fingerprint(t.ctx.ledger.sqlite)).toEqual(before);
  });

  it('restores a backup of an older schema and migrates it', async () => {
    fs.mkdirSync(path.join(t.dir, 'backups'), { recursive: true });
    const old = path.join(t.dir, 'backups', 'old.sqlite');
    const sqlite = new SQLite(old);
    const db = new Kysely({ dialect: new SqliteDialect({ database: sqlite }) });
    await new Migrator({ db, provider: { getMigrations: async () => ({ '0001_ledger_core': m0001 }) } }).migrateToLatest();
    sqlite.prepare("INSERT INTO regions (name, kind, sort_order, created_at) VALUES ('旧属地', 'township', 1, '2024-01-01')").run();
    await db.destroy();

    const inspected = await t.call('backup.inspect', { name: 'old.sqlite' });
    expect(inspected).toMatchObject({ ok: true, schemaVersion: '0001_ledger_core', needsMigration: true });
    await t.call('backup.restore', { name: 'old.sqlite' });
    expect((await t.call('regions.list', {})).map((r) => r.name)).toEqual(['旧属地']);
    // The newer tables exist now.
    expect((await t.call('cases.list', {})).total).toBe(0);
  });

  it('rotates automatic backups and never deletes manual ones', async () => {
    await t.call('settings.update', { backupKeepDaily: 2, backupKeepMonthly: 1 });
    const dir = path.join(t.dir, 'backups');
    fs.mkdirSync(dir, { recursive: true });
    for (const name of [
      'ledger-20260601-090000000-startup.sqlite',
      'ledger-20260602-090000000-startup.sqlite',
      'ledger-20260603-090000000-exit.sqlite',
      'ledger-20260603-170000000-exit.sqlite',
      'ledger-20260101-090000000-manual.sqlite',
    ]) {
      fs.writeFileSync(path.join(dir, name), '');
    }
    const removed = await rotateBackups(t.ctx);
    expect(removed.sort()).toEqual(['ledger-20260601-090000000-startup.sqlite', 'ledger-20260603-090000000-exit.sqlite']);
    expect(listBackups(t.ctx).map((b) => b.name)).toEqual([
      'ledger-20260603-170000000-exit.sqlite',
      'ledger-20260602-090000000-startup.sqlite',
      'ledger-20260101-090000000-manual.sqlite',
    ]);
  });

  it('writes 立即备份 under a chosen name in the folder, or (desktop) to the file picked in the save dialog', async () => {
    const b = await t.call('backup.create', { name: '2026年11月 台账备份.sqlite' });
    expect(b).toMatchObject({ name: '2026年11月 台账备份.sqlite', reason: 'manual' });
    expect((await t.call('backup.inspect', { name: b.name })).ok).toBe(true);
    expect((await t.call('backup.list', {})).map((x) => x.name)).toContain(b.name);

    const picked = path.join(t.dir, 'U盘', '台账备份.sqlite');
    fs.mkdirSync(path.dirname(picked));
    expect((await createBackupAt(t.ctx, picked)).name).toBe('台账备份.sqlite');
    expect((await inspectBackupFile(picked)).ok).toBe(true);
  });
});
