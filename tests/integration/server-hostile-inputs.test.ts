/**
 * The server's command line given hostile files (issue #15, "Moving in" and "Exposed safely"): each is
 * answered in Chinese before PostgreSQL is opened, so nothing is written there. The database address is
 * one nobody listens on: reaching it would answer with a connection error instead of these.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openLedger } from '../../src/main/core/db';
import { copySqliteToPostgres } from '../../src/main/core/engineCopy';
import { parseServerArgs } from '../../src/main/web/serverArgs';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'server-hostile-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const NOBODY = 'postgres://ledger@127.0.0.1:9/ledger';
const file = (name: string) => path.join(dir, name);

async function ledgerFile(name: string): Promise<string> {
  const f = file(name);
  const ledger = await openLedger(f);
  await ledger.close();
  return f;
}

describe('--import-sqlite', () => {
  it('a file that is not SQLite', async () => {
    fs.writeFileSync(file('notes.sqlite'), '这不是数据库'.repeat(1000));
    await expect(copySqliteToPostgres(file('notes.sqlite'), NOBODY)).rejects.toThrow(
      /^notes\.sqlite 不是台账数据文件（SQLite 数据库），不能导入$/,
    );
  });

  it('a truncated ledger', async () => {
    const f = await ledgerFile('cut.sqlite');
    fs.truncateSync(f, Math.floor(fs.statSync(f).size / 3));
    await expect(copySqliteToPostgres(f, NOBODY)).rejects.toThrow(/^cut\.sqlite (已损坏或不完整|无法作为台账数据文件读取)/);
  });

  it('a ledger from a newer program (a migration this one does not know)', async () => {
    const f = await ledgerFile('newer.sqlite');
    const db = new SQLite(f);
    db.prepare("INSERT INTO kysely_migration (name, timestamp) VALUES ('9999_future', '2030-01-01T00:00:00.000Z')").run();
    db.close();
    await expect(copySqliteToPostgres(f, NOBODY)).rejects.toThrow(
      /^newer\.sqlite：数据文件由更新版本的程序创建（含未知的数据库版本 9999_future）/,
    );
  });

  it('a path that does not exist, or is a folder', async () => {
    await expect(copySqliteToPostgres(file('none.sqlite'), NOBODY)).rejects.toThrow(/^找不到台账数据文件：none\.sqlite$/);
    fs.mkdirSync(file('folder.sqlite'));
    await expect(copySqliteToPostgres(file('folder.sqlite'), NOBODY)).rejects.toThrow(/^folder\.sqlite 不是文件（可能是文件夹）/);
  });
});

describe('--config', () => {
  const parse = (f: string) => () => parseServerArgs(['--config', f]);
  it('a 50 MB file is refused by its size, not read', () => {
    fs.writeFileSync(file('huge.json'), '');
    fs.truncateSync(file('huge.json'), 50 * 1024 * 1024);
    expect(parse(file('huge.json'))).toThrow(/过大（超过 64 KB）/);
  });
  it('a file that is not JSON, JSON that is not an object, a folder, a path that does not exist', () => {
    fs.writeFileSync(file('server.conf'), 'database = postgres://x/y\n');
    expect(parse(file('server.conf'))).toThrow(/不是有效的 JSON$/);
    for (const [name, json] of [
      ['array.json', '["--database"]'],
      ['string.json', '"postgres://x/y"'],
      ['null.json', 'null'],
    ]) {
      fs.writeFileSync(file(name as string), json as string);
      expect(parse(file(name as string))).toThrow(/应为一个 JSON 对象$/);
    }
    expect(parse(dir)).toThrow(/不是文件$/);
    expect(parse(file('absent.json'))).toThrow(/^找不到配置文件：/);
  });
});
