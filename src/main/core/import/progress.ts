/**
 * How far a running preview has got, keyed by a job id the page makes up and polls with
 * `import.progress` while `import.preview` is still working.
 */
export type ImportPhase = '读取' | '校验';

export interface ImportProgress {
  phase: ImportPhase;
  done: number;
  total: number;
}

/** A page that never polls leaves at most this many finished jobs behind. */
const KEEP = 20;
const jobs = new Map<string, ImportProgress>();

export function reportProgress(jobId: string | undefined, p: ImportProgress): void {
  if (!jobId) return;
  jobs.delete(jobId);
  jobs.set(jobId, p);
  while (jobs.size > KEEP) jobs.delete(jobs.keys().next().value as string);
}

export function importProgress(jobId: string): ImportProgress | null {
  return jobs.get(jobId) ?? null;
}
