/**
 * A desktop ledger moved into the server edition: the demo county copied from its SQLite file into a new
 * PostgreSQL database arrives whole (the same rows and content per table), and the server goes on
 * numbering new records after the copied ones.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/main/core/context';
import { openLedger } from '../../src/main/core/db';
import { copySqliteToPostgres } from '../../src/main/core/engineCopy';
import { cheapHashesForTests } from '../../src/main/core/passwordHash';
import { seedIfEmpty } from '../../src/main/core/seed';
import { ENGINE, freshTarget } from './fixture';

describe.runIf(ENGINE === 'postgres')('copying a desktop ledger into PostgreSQL', () => {
  it('copies every table with equal counts and content hashes, and new ids follow the copied ones', async () => {
    cheapHashesForTests();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-copy-'));
    const file = path.join(dir, 'ledger.sqlite');
    const desktop = await openLedger(file);
    expect(await seedIfEmpty(createContext(desktop, { today: () => '2026-06-30' }))).toBe(true);
    await desktop.close();
    const { target, drop } = await freshTarget();
    try {
      const report = await copySqliteToPostgres(file, target);
      const byTable = new Map(report.map((r) => [r.table, r]));
      expect(byTable.get('orgs')?.sqliteRows).toBeGreaterThan(50);
      expect(byTable.get('users')?.sqliteRows).toBeGreaterThan(0);
      expect(byTable.get('audit_log')?.sqliteRows).toBeGreaterThan(0);
      for (const r of report) {
        expect(r.postgresRows, r.table).toBe(r.sqliteRows);
        expect(r.postgresHash, r.table).toBe(r.sqliteHash);
      }
      // Parents first: a region before the organizations in it.
      const order = report.map((r) => r.table);
      expect(order.indexOf('regions')).toBeLessThan(order.indexOf('orgs'));

      const server = await openLedger(target);
      try {
        const newest = await server.db
          .selectFrom('regions')
          .select((eb) => eb.fn.max('id').as('m'))
          .executeTakeFirstOrThrow();
        const { id } = await server.db
          .insertInto('regions')
          .values({ name: '新设街道', kind: 'subdistrict', sort_order: 99, created_at: '2026-06-30' })
          .returning('id')
          .executeTakeFirstOrThrow();
        expect(id).toBe(Number(newest.m) + 1);
      } finally {
        await server.close();
      }
      // A second import into a database that already holds a ledger is refused in Chinese.
      await expect(copySqliteToPostgres(file, target)).rejects.toThrow('目标数据库已有台账数据');
    } finally {
      await drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
