/**
 * Opening a ledger on either engine: a database a newer program has migrated is refused in Chinese
 * (read through kysely on both), and on PostgreSQL a database that cannot be reached is named without
 * its password.
 */
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { openLedger } from '../../src/main/core/db';
import { ENGINE, freshTarget } from './fixture';

it('refuses a ledger that has a migration this program does not know', async () => {
  const { target, drop } = await freshTarget();
  try {
    const ledger = await openLedger(target);
    expect(ledger.engine).toBe(ENGINE);
    await sql`INSERT INTO kysely_migration (name, timestamp) VALUES ('9999_from_the_future', '2030-01-01T00:00:00.000Z')`.execute(
      ledger.db,
    );
    await ledger.close();
    await expect(openLedger(target)).rejects.toThrow('数据文件由更新版本的程序创建（含未知的数据库版本 9999_from_the_future）');
  } finally {
    await drop();
  }
});

it.runIf(ENGINE === 'postgres')('names a database it cannot reach in Chinese, without the password', async () => {
  const url = 'postgres://ledger:s3cret@localhost:1/ledger?host=/nonexistent-socket-dir';
  const error = await openLedger(url).catch((e: Error) => e);
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).message).toMatch(/^无法打开 PostgreSQL 数据库 .*（连接失败），请检查数据库地址、用户和密码$/);
  expect((error as Error).message).not.toContain('s3cret');
});
