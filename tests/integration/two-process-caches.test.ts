/**
 * Two connections on one ledger behave as two processes do (a second browser-mode server, the desktop
 * app and a script, two server processes on one PostgreSQL database): each sees the other's writes at
 * once, an import previewed before the other's write is refused at commit, and a write transaction holds
 * the write lock from its start.
 */

import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type Ctx, catchUpWithOtherWriters, createContext } from '../../src/main/core/context';
import { type Ledger, openLedger } from '../../src/main/core/db';
import { write } from '../../src/main/core/write';
import { dispatch, type Transport } from '../../src/main/handlers';
import type { Channel, Input, Output } from '../../src/shared/contract';
import { ENGINE, freshTarget, onlySqlite } from './fixture';
import { testSession } from './helpers/sessions';

let target: string;
let drop: () => Promise<void>;
let ledgers: Ledger[];
let a: Ctx;
let b: Ctx;
let regionId: number;
/** Both sides' calls come from one signed-in 县级经办 (the session is in the shared ledger). */
let signed: Transport;

async function call<C extends Channel>(ctx: Ctx, channel: C, input: Input<C>): Promise<Output<C>> {
  const r = await dispatch(ctx, channel, input, undefined, signed);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.data as Output<C>;
}

const org = (name: string) => ({ name, category: 'nonpublic' as const, subtype: 'company' as const, regionId, formalMembers: 1 });

beforeEach(async () => {
  ({ target, drop } = await freshTarget());
  ledgers = [await openLedger(target), await openLedger(target)];
  a = createContext(ledgers[0] as Ledger);
  b = createContext(ledgers[1] as Ledger);
  signed = { sessionId: await testSession(a, 'county', [], 0) };
  regionId = (await call(a, 'regions.create', { name: '红山街道', kind: 'subdistrict' })).id;
  await call(a, 'orgs.create', org('甲公司'));
});

afterEach(async () => {
  for (const l of ledgers) await l.close();
  await drop();
});

it("each side's lists, totals and lookups include what the other just wrote", async () => {
  // Both have built their indexes before the other writes.
  expect((await call(a, 'orgs.list', {})).total).toBe(1);
  expect((await call(b, 'orgs.list', {})).total).toBe(1);
  expect((await call(b, 'stats.coverage', {})).county.total).toBe(1);

  const created = await call(a, 'orgs.create', org('乙贸易公司'));
  expect((await call(b, 'orgs.get', { id: created.id })).name).toBe('乙贸易公司');
  expect((await call(b, 'orgs.list', {})).total).toBe(2);
  expect((await call(b, 'orgs.list', { query: '乙贸易' })).rows.map((r) => r.id)).toEqual([created.id]);
  expect((await call(b, 'stats.coverage', {})).county.total).toBe(2);

  await call(b, 'orgs.update', { id: created.id, fields: org('乙商贸公司') });
  expect((await call(a, 'orgs.list', { query: '乙商贸' })).total).toBe(1);
  await call(b, 'orgs.delete', { id: created.id });
  expect((await call(a, 'orgs.list', {})).total).toBe(1);
});

it("patches just the organizations the other side's writes named (coverage, instructors), keeping the rest", async () => {
  const jia = (await call(a, 'orgs.list', { query: '甲公司' })).rows[0]?.id as number;
  expect((await call(a, 'orgs.get', { id: jia })).partyOrg).toBeNull();
  const po = await call(b, 'partyOrgs.create', { name: '甲公司党支部', type: 'branch', method: 'single', regionId, coveredOrgIds: [jia] });
  // Only 甲公司 is re-read, not the whole index.
  await catchUpWithOtherWriters(a);
  expect(a.orgChanges).toEqual(new Set([jia]));
  const row = () => call(a, 'orgs.list', { query: '甲公司' }).then((r) => r.rows[0]);
  expect((await row())?.partyOrg?.name).toBe('甲公司党支部');
  const teacher = await call(b, 'instructors.create', { name: '王指导', unit: '县委组织部' });
  await call(b, 'instructors.assign', { instructorId: teacher.id, orgId: jia, fromDate: '2026-01-01' });
  expect((await row())?.activeInstructors).toBe(1);
  await call(b, 'partyOrgs.delete', { id: po.id });
  expect((await row())?.partyOrg).toBeNull();
  // The same rows as an index built from scratch.
  const fresh = createContext(ledgers[1] as Ledger);
  expect((await call(a, 'orgs.list', {})).rows).toEqual((await call(fresh, 'orgs.list', {})).rows);
});

it('refuses to commit an import previewed before the other side wrote', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['单位名称', '组织类型', '所属属地', '从业人员数']);
  ws.addRow(['丙公司', '非公企业（公司）', '红山街道', 5]);
  const base64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
  const preview = await call(a, 'import.preview', { kind: 'orgs', fileName: '名册.xlsx', base64 });
  expect(preview.counts.create).toBe(1);

  await call(b, 'orgs.create', org('丙公司'));
  const r = await dispatch(a, 'import.commit', { id: preview.id }, undefined, signed);
  expect(r).toMatchObject({ ok: false, error: { code: 'conflict', message: '预览之后数据已有改动，请重新预览后再导入' } });
  expect((await call(a, 'orgs.list', { query: '丙公司' })).total).toBe(1);
});

onlySqlite('SQLITE_BUSY and busy_timeout')('on SQLite', () => {
  it('takes the write lock when a write begins, so the other side waits instead of failing midway', async () => {
    // With a deferred BEGIN the lock is taken only at the first write: the other connection could commit
    // in between, and this transaction's own write would then fail with SQLITE_BUSY without waiting.
    ledgers[1]?.sqlite.pragma('busy_timeout = 50');
    let otherWrite = '';
    await write(a, async (w) => {
      await w.trx.selectFrom('orgs').select('id').execute();
      try {
        ledgers[1]?.sqlite
          .prepare("INSERT INTO regions (name, kind, sort_order, created_at) VALUES ('新城街道', 'subdistrict', 3, '2026-06-30')")
          .run();
        otherWrite = 'committed';
      } catch (e) {
        otherWrite = (e as { code?: string }).code ?? String(e);
      }
      await w.trx.insertInto('regions').values({ name: '乌兰镇', kind: 'township', sort_order: 2, created_at: w.now }).execute();
    });
    expect(otherWrite).toBe('SQLITE_BUSY');
    expect((await call(b, 'regions.list', {})).map((r) => r.name)).toEqual(['红山街道', '乌兰镇']);
  });

  it('refuses to restore a backup while the other side has the ledger open, and loses none of its writes', async () => {
    // Backups are the administrator's.
    const admin: Transport = { sessionId: await testSession(a, 'admin', [], 1) };
    const clerk = signed;
    signed = admin;
    const backup = await call(a, 'backup.create', {});
    signed = clerk;
    await call(b, 'orgs.create', org('乙公司'));
    const r = await dispatch(a, 'backup.restore', { name: backup.name }, undefined, admin);
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: '另一个程序（或另一个浏览器模式的服务）正在使用这个数据文件，请先关闭它再恢复' },
    });
    await call(b, 'orgs.create', org('丙公司'));
    expect((await call(a, 'orgs.list', {})).total).toBe(3);
    await a.ledger.close(); // reopened after the refusal
    await ledgers[1]?.close();
    ledgers.length = 0;
    const reopened = await openLedger(target);
    ledgers.push(reopened);
    expect((reopened.sqlite.prepare('SELECT COUNT(*) AS n FROM orgs').get() as { n: number }).n).toBe(3);
  });
});

it.runIf(ENGINE === 'postgres')("holds the other side's write until this one commits, which then sees it as another's", async () => {
  let release = () => {};
  const held = new Promise<void>((r) => {
    release = r;
  });
  let inside = () => {};
  const started = new Promise<void>((r) => {
    inside = r;
  });
  const first = write(a, async (w) => {
    await w.trx.insertInto('regions').values({ name: '乌兰镇', kind: 'township', sort_order: 2, created_at: w.now }).execute();
    await w.audit('region', 0, 'create', null, { name: '乌兰镇' });
    inside();
    await held;
  });
  await started;
  let secondSaw: string[] | null = null;
  const second = write(b, async (w) => {
    secondSaw = (await w.trx.selectFrom('regions').select('name').orderBy('id').execute()).map((r) => r.name);
    await w.audit('region', 0, 'touch', null, null);
  });
  // The other side is waiting on the lock, not writing beside this one.
  await new Promise((r) => setTimeout(r, 300));
  expect(secondSaw).toBeNull();
  const generation = b.generation;
  release();
  await Promise.all([first, second]);
  expect(secondSaw).toEqual(['红山街道', '乌兰镇']);
  // b counted a's write as one from another process before its own.
  expect(b.generation).toBe(generation + 2);
  const [{ n }] = (await sql<{ n: number }>`SELECT max(id) AS n FROM audit_log`.execute(b.ledger.db)).rows as [{ n: number }];
  expect(b.auditSeen).toBe(n);
});
