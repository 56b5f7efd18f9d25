/**
 * Backups with SQLite's online backup API (never a file copy of a live database), rotation, and
 * restore after a check: integrity, schema version, counts. The current ledger is backed up before
 * it is replaced, and the app goes on with the restored one, migrated if it is older.
 *
 * Through the contract only names travel: backups live in the ledger's `backups/` folder, and a name
 * never reaches outside it. A path anywhere else comes only from the desktop app's own save/open
 * dialog (`createBackupAt`, `inspectBackupFile`, `restoreBackupFile`, called by the main process).
 * Never written over: the live database, its -wal and -shm (a WAL replaced under an open connection
 * loses committed writes at the next crash), or an existing file that is not itself a backup.
 *
 * @example await createBackup(ctx, 'startup') // { name: 'ledger-20261125-090000123-startup.sqlite', … }
 */

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { backupsToKeep } from '../../shared/rules/backupRotation';
import type { BackupInfo, BackupInspection } from '../../shared/types';
import type { Ctx } from './context';
import { appliedMigrations, openLedger } from './db';
import { AppError } from './errors';
import { migrationProvider } from './migrations';
import { latestAuditIdSqlite } from './orgsTouched';
import { keepAcrossRestore } from './restoreKeeps';
import { getSettings } from './services/settings';

export type BackupReason = 'startup' | 'exit' | 'manual' | 'before-restore';

const REASONS: Record<BackupReason, string> = {
  startup: '启动时自动备份',
  exit: '退出时自动备份',
  manual: '手动备份',
  'before-restore': '恢复前自动备份',
};

const NAME = /^ledger-(\d{8})-(\d{6})(\d{3})?-(startup|exit|manual|before-restore)\.sqlite$/;
const NOT_FOUND = '找不到该备份';

/**
 * The server edition's data is in PostgreSQL, backed up by the database's own tools (pg_dump /
 * pg_restore, README); backing up or restoring through the app is a desktop feature.
 */
function refuseOnServer(ctx: Ctx): void {
  if (ctx.ledger.engine !== 'sqlite') {
    throw new AppError('invalid_input', '服务器版的数据保存在 PostgreSQL 数据库中，请由数据库管理员用 pg_dump / pg_restore 备份和恢复');
  }
}

export function backupDir(ctx: Ctx): string {
  refuseOnServer(ctx);
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
    name: path.basename(file),
    at: parsed?.at ?? st.mtime.toISOString().slice(0, 19),
    reason: parsed?.reason ?? 'manual',
    reasonLabel: REASONS[parsed?.reason ?? 'manual'],
    size: st.size,
  };
}

/** lstat that answers null for anything it cannot look at (missing, or a parent that is not a folder). */
function lstatOrNull(file: string): fs.Stats | null {
  try {
    return fs.lstatSync(file);
  } catch {
    return null;
  }
}

/** A plain file name (the contract checks the charset too); anything with a folder in it is not a backup's name. */
function isPlainName(name: string): boolean {
  return name.length > 0 && name.length <= 255 && path.basename(name) === name && !/[\\/\0]/.test(name) && !name.startsWith('.');
}

/** The live database and its -wal and -shm, by real path and by file identity (a hard or symbolic link counts). */
function isLiveFile(ctx: Ctx, file: string): boolean {
  const live = ctx.ledger.file;
  const real = (p: string) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.join(fs.realpathSync(path.dirname(p)), path.basename(p));
    }
  };
  const norm = (p: string) => (process.platform === 'linux' ? p : p.toLowerCase());
  const liveReal = real(live);
  const lives = ['', '-wal', '-shm'].flatMap((ext) => [live + ext, liveReal + ext]);
  let target: string;
  try {
    target = real(file);
  } catch {
    return false; // its folder does not exist, so it is none of these
  }
  if (lives.some((l) => norm(path.resolve(l)) === norm(target))) return true;
  const stat = (p: string) => {
    try {
      return fs.statSync(p);
    } catch {
      return null;
    }
  };
  const st = stat(file);
  // Some file systems (FAT on a USB stick) report no file ids; the path comparison above still holds there.
  if (!st || st.ino === 0) return false;
  return lives.some((l) => {
    const s = stat(l);
    return s != null && s.ino === st.ino && s.dev === st.dev;
  });
}

/** Whether an existing file is a ledger database (a backup), and so may be replaced when asked to. */
function isLedgerFile(file: string): boolean {
  if (!lstatOrNull(file)?.isFile()) return false;
  let db: SQLite.Database | null = null;
  try {
    const head = Buffer.alloc(16);
    const fd = fs.openSync(file, 'r');
    try {
      fs.readSync(fd, head, 0, 16, 0);
    } finally {
      fs.closeSync(fd);
    }
    if (head.toString('latin1') !== 'SQLite format 3\0') return false;
    db = new SQLite(file, { readonly: true, fileMustExist: true });
    return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'").get() != null;
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

function fsProblem(e: unknown): string {
  const code = (e as { code?: string } | null)?.code;
  if (code === 'ENOSPC') return '磁盘空间不足';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return '没有写入该位置的权限';
  return '无法写入备份文件';
}

/** The online backup into a temporary file beside the target, then renamed over it in one step. */
async function writeBackup(ctx: Ctx, file: string, overwrite: boolean): Promise<BackupInfo> {
  refuseOnServer(ctx);
  if (isLiveFile(ctx, file)) throw new AppError('invalid_input', '不能把备份写到正在使用的数据文件上');
  if (lstatOrNull(file)) {
    if (!overwrite) throw new AppError('conflict', `已有同名文件“${path.basename(file)}”，请换一个名称，或选择覆盖`);
    if (!isLedgerFile(file)) throw new AppError('invalid_input', `“${path.basename(file)}”不是本程序的备份文件，不能覆盖`);
  }
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.part`);
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await ctx.ledger.sqlite.backup(tmp);
    fs.renameSync(tmp, file);
  } catch (e) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // nothing was written there
    }
    throw new AppError('internal', `备份失败：${fsProblem(e)}`);
  }
  return info(file);
}

/**
 * Writes a backup of the open ledger into the backups folder: a generated name, or `name` (立即备份 with
 * a name the clerk typed). An existing backup of that name is replaced only with `overwrite`.
 */
export async function createBackup(ctx: Ctx, reason: BackupReason, opts: { name?: string; overwrite?: boolean } = {}): Promise<BackupInfo> {
  refuseOnServer(ctx);
  if (opts.name !== undefined && !isPlainName(opts.name))
    throw new AppError('invalid_input', '备份文件名无效：只能是文件名，不能含有文件夹');
  const name = opts.name ?? `ledger-${stamp(ctx.now())}-${reason}.sqlite`;
  const b = await writeBackup(ctx, path.join(backupDir(ctx), name), opts.overwrite === true);
  if (!opts.name && reason !== 'manual' && reason !== 'before-restore') await rotateBackups(ctx);
  return b;
}

/** Desktop only: a backup to the file the clerk picked in the save dialog (which already asked about replacing it). */
export function createBackupAt(ctx: Ctx, file: string): Promise<BackupInfo> {
  return writeBackup(ctx, path.resolve(file), true);
}

export function listBackups(ctx: Ctx): BackupInfo[] {
  refuseOnServer(ctx);
  const dir = backupDir(ctx);
  if (!lstatOrNull(dir)?.isDirectory()) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.sqlite') && isPlainName(d.name))
    .flatMap((d) => {
      try {
        return [info(path.join(dir, d.name))];
      } catch {
        return []; // removed meanwhile (rotation in another process)
      }
    })
    .sort((a, b) => b.at.localeCompare(a.at) || b.name.localeCompare(a.name));
}

/** Deletes automatic backups beyond the last N days and M months kept (manual ones are never deleted). */
export async function rotateBackups(ctx: Ctx): Promise<string[]> {
  refuseOnServer(ctx);
  const s = await getSettings(ctx);
  const auto = listBackups(ctx).filter((b) => b.reason === 'startup' || b.reason === 'exit');
  const keep = backupsToKeep(auto, s.backupKeepDaily, s.backupKeepMonthly);
  const removed: string[] = [];
  for (const b of auto) {
    if (keep.has(b.name)) continue;
    fs.rmSync(path.join(backupDir(ctx), b.name), { force: true });
    removed.push(b.name);
  }
  return removed;
}

/**
 * The file of a backup in the folder. Whatever is not a regular `.sqlite` file directly in it (a
 * folder, a link, another name) gets the same answer, so the answer says nothing about other paths.
 */
function backupFile(ctx: Ctx, name: string): string {
  if (!isPlainName(name) || !name.endsWith('.sqlite')) throw new AppError('not_found', NOT_FOUND);
  const file = path.join(backupDir(ctx), name);
  if (!lstatOrNull(file)?.isFile() || isLiveFile(ctx, file)) throw new AppError('not_found', NOT_FOUND);
  return file;
}

const COUNTED = [
  ['regions', '属地'],
  ['orgs', '两新组织'],
  ['party_orgs', '党组织'],
  ['instructors', '指导员'],
  ['cases', '整顿对象'],
  ['audit_log', '操作记录'],
] as const;

/** Live records by Chinese label, of a backup or of the open ledger. */
function countRecords(db: SQLite.Database): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [table, label] of COUNTED) {
    const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
    const where = table === 'orgs' || table === 'party_orgs' || table === 'instructors' ? ' WHERE deleted_at IS NULL' : '';
    counts[label] = exists ? (db.prepare(`SELECT COUNT(*) AS n FROM ${table}${where}`).get() as { n: number }).n : 0;
  }
  return counts;
}

/** Opens a backup in the folder read-only and says whether it can be restored, with its counts beside the ledger's. */
export function inspectBackup(ctx: Ctx, name: string): Promise<BackupInspection> {
  return inspectBackupFile(backupFile(ctx, name), ctx);
}

/**
 * The same check for a file the main process picked (the desktop open dialog). With the open ledger
 * its counts come too, so the clerk sees what a restore would take away.
 */
export async function inspectBackupFile(file: string, ctx?: Ctx): Promise<BackupInspection> {
  if (ctx) refuseOnServer(ctx);
  let db: SQLite.Database | null = null;
  const problems: string[] = [];
  const counts: Record<string, number> = {};
  let migrations: string[] = [];
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
    const check = db.pragma('integrity_check') as { integrity_check: string }[];
    const bad = check.map((r) => r.integrity_check).filter((m) => m !== 'ok');
    if (bad.length) problems.push('完整性检查未通过：文件已损坏');
    migrations = await appliedMigrations(db);
    if (migrations.length === 0) problems.push('不是本程序的数据文件（没有数据库版本信息）');
    const known = await migrationProvider.getMigrations();
    const unknown = migrations.filter((m) => !(m in known));
    if (unknown.length) problems.push(`由更新版本的程序创建（数据库版本 ${unknown.join('、')}），请先升级程序`);
    if (!problems.length) Object.assign(counts, countRecords(db));
  } catch (e) {
    const damaged = e instanceof Error && /not a database|malformed|corrupt/i.test(e.message);
    problems.push(`无法读取：${damaged ? '文件已损坏或不是数据库文件' : '无法打开该备份文件'}`);
  } finally {
    db?.close();
  }
  const latest = Object.keys(await migrationProvider.getMigrations()).sort();
  return {
    name: path.basename(file),
    ok: problems.length === 0,
    problems,
    schemaVersion: migrations.at(-1) ?? null,
    needsMigration: problems.length === 0 && migrations.length < latest.length,
    counts,
    current: ctx ? countRecords(ctx.ledger.sqlite) : null,
  };
}

/** Replaces the open ledger with a backup from the folder. */
export function restoreBackup(ctx: Ctx, name: string): Promise<{ inspection: BackupInspection; safetyBackup: BackupInfo }> {
  return restoreBackupFile(ctx, backupFile(ctx, name));
}

/**
 * Replaces the open ledger with a backup file: checked first, the current data backed up, then the
 * file swapped and reopened (older schemas are migrated). On any failure the current data stays.
 */
export async function restoreBackupFile(ctx: Ctx, file: string): Promise<{ inspection: BackupInspection; safetyBackup: BackupInfo }> {
  refuseOnServer(ctx);
  if (isLiveFile(ctx, file)) throw new AppError('invalid_input', '所选文件就是正在使用的数据文件');
  const inspection = await inspectBackupFile(file);
  if (!inspection.ok) throw new AppError('invalid_input', `不能恢复此备份：${inspection.problems.join('；')}`);
  const safetyBackup = await createBackup(ctx, 'before-restore');
  const safetyFile = path.join(backupDir(ctx), safetyBackup.name);
  const live = ctx.ledger.file;
  const staged = `${live}.restore`;
  // Copy through the backup API too, so the staged file is a consistent database.
  try {
    const source = new SQLite(file, { readonly: true, fileMustExist: true });
    try {
      await source.backup(staged);
    } finally {
      source.close();
    }
  } catch {
    fs.rmSync(staged, { force: true });
    throw new AppError('internal', '恢复失败，已保留原数据：无法复制该备份');
  }
  const options = ctx.ledger.options;
  await ctx.ledger.close();
  // The last connection to close checkpoints and deletes the -wal. If it is still there, another process
  // (a second server, a script) has the ledger open, and swapping the file under it would lose its writes.
  if (fs.existsSync(`${live}-wal`)) {
    fs.rmSync(staged, { force: true });
    ctx.ledger = await openLedger(live, options);
    ctx.dataVersion = ctx.ledger.sqlite.pragma('data_version', { simple: true }) as number;
    throw new AppError('conflict', '另一个程序（或另一个浏览器模式的服务）正在使用这个数据文件，请先关闭它再恢复');
  }
  try {
    for (const ext of ['-wal', '-shm']) fs.rmSync(live + ext, { force: true });
    fs.renameSync(staged, live);
    ctx.ledger = await openLedger(live, options);
    keepAcrossRestore(ctx.ledger.sqlite, safetyFile);
  } catch {
    // Put the data as it was back in place and carry on with it.
    fs.rmSync(staged, { force: true });
    await new SQLite(safetyFile, { readonly: true }).backup(live);
    ctx.ledger = await openLedger(live, options);
    throw new AppError('internal', '恢复失败，已保留原数据');
  } finally {
    ctx.generation++;
    ctx.orgChanges = 'all';
    ctx.caches.clear();
    ctx.dataVersion = ctx.ledger.sqlite.pragma('data_version', { simple: true }) as number;
    ctx.auditSeen = latestAuditIdSqlite(ctx.ledger.sqlite);
  }
  return { inspection, safetyBackup };
}
