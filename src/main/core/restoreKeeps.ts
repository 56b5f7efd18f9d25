/**
 * What a restore does not take from the backup (issue #14): the accounts, their sessions, the login log
 * and the 操作日志. A restore brings the records back to an earlier day; it must not bring back an old
 * password or a removed account, nor erase the trail of what was done since — nobody can delete audit
 * rows through the app, the administrator included.
 */
import type SQLite from 'better-sqlite3';

/** Parents first: user_regions and sessions refer to users. */
const KEPT = ['users', 'user_regions', 'sessions', 'login_log', 'audit_log'] as const;

function columns(db: SQLite.Database, schema: string, table: string): string[] {
  return (db.prepare(`PRAGMA ${schema}.table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
}

/** Replaces the kept tables of the restored ledger with those of the ledger as it was before the restore. */
export function keepAcrossRestore(db: SQLite.Database, before: string): void {
  db.prepare('ATTACH DATABASE ? AS kept').run(before);
  try {
    db.transaction(() => {
      for (const table of [...KEPT].reverse()) db.prepare(`DELETE FROM main.${table}`).run();
      for (const table of KEPT) {
        // Only the columns both sides have: the backup went through the same migrations just now.
        const theirs = new Set(columns(db, 'kept', table));
        const cols = columns(db, 'main', table).filter((c) => theirs.has(c));
        if (cols.length === 0) continue;
        const list = cols.map((c) => `"${c}"`).join(', ');
        // A 乡镇经办's region the backup does not have is dropped from their regions, not the restore.
        const where = table === 'user_regions' ? ' WHERE region_id IN (SELECT id FROM main.regions)' : '';
        db.prepare(`INSERT INTO main.${table} (${list}) SELECT ${list} FROM kept.${table}${where}`).run();
      }
    })();
  } finally {
    db.prepare('DETACH DATABASE kept').run();
  }
}
