/**
 * Which automatic backups to keep: the newest of each of the last `daily` days that have one, and
 * the newest of each of the last `monthly` months that have one. Everything else may be deleted.
 */
export interface BackupStamp {
  name: string;
  /** ISO date-time the backup was taken. */
  at: string;
}

export function backupsToKeep(backups: BackupStamp[], daily: number, monthly: number): Set<string> {
  const newestFirst = [...backups].sort((a, b) => b.at.localeCompare(a.at));
  const keep = new Set<string>();
  const days = new Set<string>();
  const months = new Set<string>();
  for (const b of newestFirst) {
    const day = b.at.slice(0, 10);
    const month = b.at.slice(0, 7);
    if (!days.has(day) && days.size < daily) {
      days.add(day);
      keep.add(b.name);
    }
    if (!months.has(month) && months.size < monthly) {
      months.add(month);
      keep.add(b.name);
    }
  }
  return keep;
}
