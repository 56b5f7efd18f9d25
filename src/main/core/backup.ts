/**
 * Backups with SQLite's online backup API (never a file copy of a live database), rotation, and
 * restore after a check: integrity, schema version, counts. The current ledger is backed up before
 * it is replaced, and the app goes on with the restored one, migrated if it is older.
 *
 * @example await createBackup(ctx, 'startup') // { file: '…/backups/ledger-20261125-090000-startup.sqlite', … }
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { backupsToKeep } from '../../shared/rules/backupRotation';
import type { BackupInfo, BackupInspection } from '../../shared/types';
import type { Ctx } from './context';
import { appliedMigrations, openLedger } from './db';
import { AppError } from './errors';
import { migrationProvider } from './migrations';
import { getSettings } from './services/settings';

export type BackupReason = 'startup' | 'exit' | 'manual' | 'before-restore';

const REASONS: Record<BackupReason, string> = {
  startup: '启动时自动备份',
  exit: '退出时自动备份',
  manual: '手动备份',
  'before-restore': '恢复前自动备份',
};

const NAME = /^ledger-(\d{8})-(\d{6})(\d{3})?-(startup|exit|manual|before-restore)\.sqlite$/;

export function backupDir(ctx: Ctx): string {
  return path.join(path.dirname(ctx.ledger.file), 'backups');
}

function stamp(iso: string): string {
  return iso.replace(/[-:]/g, '').replace('T', '-').replace(/\..*/, '') + iso.slice(20, 23).padEnd(3, '0');
}

function parseName(name: string): { at: string; reason: BackupReason } | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [d, t] = [m[1] as string, m[2] as string];
  return {
    at: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}`,
    reason: m[4] as BackupReason,
  };
}

function info(file: string): BackupInfo {
  const parsed = parseName(path.basename(file));
  const st = fs.statSync(file);
  return {
    file,
    name: path.basename(file),
    at: parsed?.at ?? st.mtime.toISOString().slice(0, 19),
    reason: parsed?.reason ?? 'manual',
    reasonLabel: REASONS[parsed?.reason ?? 'manual'],
    size: st.size,
  };
}

/** Writes a backup of the open ledger: into the backups folder, or to `target` (立即备份 to a chosen file). */
export async function createBackup(ctx: Ctx, reason: BackupReason, target?: string): Promise<BackupInfo> {
  const dir = backupDir(ctx);
  const file = target ? path.resolve(target) : path.join(dir, `ledger-${stamp(ctx.now())}-${reason}.sqlite`);
  if (path.resolve(file) === path.resolve(ctx.ledger.file)) throw new AppError('invalid_input', '不能把备份写到正在使用的数据文件上');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.part`;
  try {
    await ctx.ledger.sqlite.backup(tmp);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new AppError('internal', `备份失败：${e instanceof Error ? e.message : String(e)}`);
  }
  if (!target && reason !== 'manual' && reason !== 'before-restore') await rotateBackups(ctx);
  return info(file);
}

export function listBackups(ctx: Ctx): BackupInfo[] {
  const dir = backupDir(ctx);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((n) => NAME.test(n))
    .map((n) => info(path.join(dir, n)))
    .sort((a, b) => b.at.localeCompare(a.at) || b.name.localeCompare(a.name));
}

/** Deletes automatic backups beyond the last N days and M months kept (manual ones are never deleted). */
export async function rotateBackups(ctx: Ctx): Promise<string[]> {
  const s = await getSettings(ctx);
  const auto = listBackups(ctx).filter((b) => b.reason === 'startup' || b.reason === 'exit');
  const keep = backupsToKeep(auto, s.backupKeepDaily, s.backupKeepMonthly);
  const removed: string[] = [];
  for (const b of auto) {
    if (keep.has(b.name)) continue;
    fs.rmSync(b.file, { force: true });
    removed.push(b.name);
  }
  return removed;
}

const COUNTED = [
  ['regions', '属地'],
  ['orgs', '两新组织'],
  ['party_orgs', '党组织'],
  ['instructors', '指导员'],
  ['cases', '整顿对象'],
  ['audit_log', '操作记录'],
] as const;

/** Opens a backup read-only and says whether it can be restored, with its counts. */
export async function inspectBackup(file: string): Promise<BackupInspection> {
  const abs = path.resolve(file);
  if (!fs.existsSync(abs)) throw new AppError('not_found', `找不到备份文件：${abs}`);
  let db: SQLite.Database | null = null;
  const problems: string[] = [];
  const counts: Record<string, number> = {};
  let migrations: string[] = [];
  try {
    db = new SQLite(abs, { readonly: true, fileMustExist: true });
    const check = db.pragma('integrity_check') as { integrity_check: string }[];
    const bad = check.map((r) => r.integrity_check).filter((m) => m !== 'ok');
    if (bad.length) problems.push(`完整性检查未通过：${bad.slice(0, 3).join('；')}`);
    migrations = await appliedMigrations(db);
    if (migrations.length === 0) problems.push('不是本程序的数据文件（没有数据库版本信息）');
    const known = await migrationProvider.getMigrations();
    const unknown = migrations.filter((m) => !(m in known));
    if (unknown.length) problems.push(`由更新版本的程序创建（数据库版本 ${unknown.join('、')}），请先升级程序`);
    if (!problems.length) {
      for (const [table, label] of COUNTED) {
        const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
        const where = table === 'orgs' || table === 'party_orgs' || table === 'instructors' ? ' WHERE deleted_at IS NULL' : '';
        counts[label] = exists ? (db.prepare(`SELECT COUNT(*) AS n FROM ${table}${where}`).get() as { n: number }).n : 0;
      }
    }
  } catch (e) {
    problems.push(
      `无法读取：${e instanceof Error && /not a database|malformed/i.test(e.message) ? '文件已损坏或不是数据库文件' : e instanceof Error ? e.message : String(e)}`,
    );
  } finally {
    db?.close();
  }
  const latest = Object.keys(await migrationProvider.getMigrations()).sort();
  return {
    file: abs,
    ok: problems.length === 0,
    problems,
    schemaVersion: migrations.at(-1) ?? null,
    needsMigration: problems.length === 0 && migrations.length < latest.length,
    counts,
  };
}

/**
 * Replaces the open ledger with a backup: checked first, the current data backed up, then the file
 * swapped and reopened (older schemas are migrated). On any failure the current data stays.
 */
export async function restoreBackup(ctx: Ctx, file: string): Promise<{ inspection: BackupInspection; safetyBackup: BackupInfo }> {
  const inspection = await inspectBackup(file);
  if (!inspection.ok) throw new AppError('invalid_input', `不能恢复此备份：${inspection.problems.join('；')}`);
  if (path.resolve(file) === path.resolve(ctx.ledger.file)) throw new AppError('invalid_input', '所选文件就是正在使用的数据文件');
  const safetyBackup = await createBackup(ctx, 'before-restore');
  const live = ctx.ledger.file;
  const staged = `${live}.restore`;
  // Copy through the backup API too, so the staged file is a consistent database.
  const source = new SQLite(path.resolve(file), { readonly: true, fileMustExist: true });
  try {
    await source.backup(staged);
  } finally {
    source.close();
  }
  const options = ctx.ledger.options;
  await ctx.ledger.close();
  try {
    for (const ext of ['-wal', '-shm']) fs.rmSync(live + ext, { force: true });
    fs.renameSync(staged, live);
    ctx.ledger = await openLedger(live, options);
  } catch (e) {
    // Put the data as it was back in place and carry on with it.
    fs.rmSync(staged, { force: true });
    await new SQLite(safetyBackup.file, { readonly: true }).backup(live);
    ctx.ledger = await openLedger(live, options);
    throw new AppError('internal', `恢复失败，已保留原数据：${e instanceof Error ? e.message : String(e)}`);
  } finally {
    ctx.generation++;
    ctx.orgChanges = 'all';
    ctx.caches.clear();
  }
  return { inspection, safetyBackup };
}
