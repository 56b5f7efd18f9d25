/** The permission table covers every channel of the contract, and each role gets what issue #14 gives it. */
import { describe, expect, it } from 'vitest';
import { type Channel, channels } from '../../src/shared/contract';
import { mayCall, PERMISSION_EXCEPTIONS, PERMISSIONS, ROLE_CODES, rolesFor } from '../../src/shared/domain/roles';
import { WRITE_CHANNELS } from '../../src/shared/writeChannels';

const namespace = (c: Channel) => c.split('.')[0] as string;
const allowed = (role: (typeof ROLE_CODES)[number]) => channels.filter((c) => mayCall(role, c));

describe('PERMISSIONS', () => {
  it('names every channel of the contract, by its namespace or on its own', () => {
    for (const c of channels) {
      expect(Object.hasOwn(PERMISSIONS, namespace(c)) || Object.hasOwn(PERMISSION_EXCEPTIONS, c), c).toBe(true);
      expect(rolesFor(c).length, c).toBeGreaterThan(0);
      for (const r of rolesFor(c)) expect(ROLE_CODES, c).toContain(r);
    }
  });

  it('lists no namespace or channel the contract does not have', () => {
    const names = new Set(channels.map(namespace));
    expect(Object.keys(PERMISSIONS).filter((n) => !names.has(n))).toEqual([]);
    expect(Object.keys(PERMISSION_EXCEPTIONS).filter((c) => !channels.includes(c as Channel))).toEqual([]);
  });

  it('refuses an unknown namespace to everyone', () => {
    expect(rolesFor('secrets.list' as Channel)).toEqual([]);
  });

  it('lets 领导查看 read and print every record and write nothing', () => {
    for (const c of channels) if (WRITE_CHANNELS.has(c)) expect(mayCall('viewer', c) && !c.startsWith('auth.'), c).toBe(false);
    for (const c of ['orgs.list', 'partyOrgs.get', 'stats.coverage', 'reports.rows', 'reports.xlsx', 'funding.totals'] as Channel[]) {
      expect(mayCall('viewer', c), c).toBe(true);
    }
    expect(mayCall('viewer', 'audit.list')).toBe(false);
  });

  it('gives 审计员 the two logs and nothing else besides signing in and the county name', () => {
    expect(allowed('auditor').filter((c) => !c.startsWith('auth.'))).toEqual(['settings.get', 'audit.list', 'loginLog.list']);
  });

  it('gives 系统管理员 accounts, 设置 and backups but no data entry', () => {
    for (const c of [
      'users.create',
      'users.update',
      'users.resetPassword',
      'settings.update',
      'backup.restore',
      'loginLog.list',
    ] as Channel[]) {
      expect(mayCall('admin', c), c).toBe(true);
    }
    const recordWrites = channels.filter((c) => WRITE_CHANNELS.has(c) && !['settings', 'backup', 'auth', 'users'].includes(namespace(c)));
    expect(recordWrites.length).toBeGreaterThan(30);
    expect(recordWrites.filter((c) => mayCall('admin', c))).toEqual([]);
    expect(mayCall('admin', 'orgs.list')).toBe(false);
  });

  it('keeps import, exchange merges, backups and accounts from 乡镇经办, who still writes records and sends an exchange file', () => {
    for (const c of ['import.commit', 'exchange.commit', 'backup.restore', 'users.list', 'regions.create', 'audit.list'] as Channel[]) {
      expect(mayCall('township', c), c).toBe(false);
    }
    for (const c of ['orgs.create', 'cases.act', 'funding.update', 'exchange.export', 'reports.xlsx'] as Channel[]) {
      expect(mayCall('township', c), c).toBe(true);
    }
  });

  it('lets 县级经办 import and merge but not touch accounts, backups or the logs', () => {
    for (const c of ['import.commit', 'exchange.commit', 'orgs.delete', 'regions.create'] as Channel[])
      expect(mayCall('county', c), c).toBe(true);
    for (const c of ['users.list', 'backup.restore', 'settings.update', 'audit.list', 'loginLog.list'] as Channel[]) {
      expect(mayCall('county', c), c).toBe(false);
    }
  });

  it('has no channel that edits or deletes the logs', () => {
    expect(channels.filter((c) => ['audit', 'loginLog'].includes(namespace(c)) && WRITE_CHANNELS.has(c))).toEqual([]);
  });
});
