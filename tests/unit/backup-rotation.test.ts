import { describe, expect, it } from 'vitest';
import { backupsToKeep } from '../../src/shared/rules/backupRotation';

const b = (at: string) => ({ name: at, at });

describe('backup rotation', () => {
  it('keeps the newest of each of the last N days and M months', () => {
    const all = [
      b('2026-11-25T09:00:00'),
      b('2026-11-25T17:00:00'),
      b('2026-11-24T09:00:00'),
      b('2026-11-20T09:00:00'),
      b('2026-10-31T17:00:00'),
      b('2026-10-01T09:00:00'),
      b('2026-09-15T09:00:00'),
      b('2026-08-15T09:00:00'),
    ];
    expect([...backupsToKeep(all, 2, 3)].sort()).toEqual([
      '2026-09-15T09:00:00',
      '2026-10-31T17:00:00',
      '2026-11-24T09:00:00',
      '2026-11-25T17:00:00',
    ]);
  });

  it('keeps everything when there are fewer than the limits, nothing when both are 0', () => {
    const all = [b('2026-11-25T09:00:00'), b('2026-11-24T09:00:00')];
    expect(backupsToKeep(all, 7, 12).size).toBe(2);
    expect(backupsToKeep(all, 0, 0).size).toBe(0);
  });
});
