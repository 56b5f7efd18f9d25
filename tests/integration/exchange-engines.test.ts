/**
 * A township's file from the desktop app (a SQLite ledger) merges into the ledger under test: with
 * LEDGER_TEST_ENGINE=postgres that is the county's server on PostgreSQL (issue #15, "Moving in").
 * The file's records go in through the screens' services, so each new 选派 is in the 操作日志 as the
 * 选派 screen writes it, naming the file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type Ctx, createContext } from '../../src/main/core/context';
import { type Ledger, openLedger } from '../../src/main/core/db';
import { commitExchange, exportExchange, previewExchange } from '../../src/main/core/exchange';
import { demoSeedPath, loadSeed, readSeedFile } from '../../src/main/core/seed';
import { updateSettings } from '../../src/main/core/services/settings';
import { makeLedger, type TestLedger, TODAY } from './fixture';

let dir: string;
let desktop: Ledger; // the township's desktop ledger: always SQLite
let township: Ctx;
let county: TestLedger; // the engine under test

// Loading the demo county takes seconds, more on a busy machine: more than a hook's default 10 s.
const SEEDING_MS = 60_000;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-exchange-engines-'));
  desktop = await openLedger(path.join(dir, 'township.sqlite'));
  township = createContext(desktop, { today: () => TODAY, now: () => `${TODAY}T07:00:00.000Z` });
  await loadSeed(township, readSeedFile(demoSeedPath()));
  county = await makeLedger();
  await updateSettings(county.ctx, { countyName: '青山旗', countyCode: '150499' });
}, SEEDING_MS);
afterEach(async () => {
  await desktop.close();
  await county.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The names of a region's live organizations and party organizations, and who covers whom, in byte order. */
async function regionView(db: Ledger['db'], region: string) {
  const orgs = await db
    .selectFrom('orgs as o')
    .innerJoin('regions as r', 'r.id', 'o.region_id')
    .select(['o.name', 'o.uscc', 'o.employees', 'o.formal_members'])
    .where('r.name', '=', region)
    .where('o.deleted_at', 'is', null)
    .orderBy('o.name')
    .orderBy('o.uscc')
    .execute();
  const coverage = await db
    .selectFrom('coverage as c')
    .innerJoin('party_orgs as p', 'p.id', 'c.party_org_id')
    .innerJoin('orgs as o', 'o.id', 'c.org_id')
    .innerJoin('regions as r', 'r.id', 'p.region_id')
    .select(['p.name as partyOrg', 'o.name as org'])
    .where('r.name', '=', region)
    .orderBy('p.name')
    .orderBy('o.name')
    .execute();
  return { orgs, coverage };
}

it('a desktop ledger’s file merges into this ledger exactly, each record written as its screen writes it', async () => {
  const wulan = await desktop.db.selectFrom('regions').select('id').where('name', '=', '乌兰镇').executeTakeFirstOrThrow();
  const file = await exportExchange(township, { regionId: wulan.id, fileName: 'wulan.lxex' });
  const preview = await previewExchange(county.ctx, file.bytes, { fileName: 'wulan.lxex' });
  const result = await commitExchange(county.ctx, preview.id);
  expect(result.created).toMatchObject({
    org: file.manifest.counts.orgs,
    partyOrg: file.manifest.counts.partyOrgs,
    instructor: file.manifest.counts.instructors,
  });
  expect(result.skipped).toEqual([]);
  expect(await regionView(county.ctx.ledger.db, '乌兰镇')).toEqual(await regionView(desktop.db, '乌兰镇'));
  expect(county.count('assignments')).toBe(file.manifest.counts.assignments);

  // Every 选派 audited by the 选派 service, tagged with the file; the records themselves as the exchange's.
  const assignmentRows = await county.ctx.ledger.db
    .selectFrom('audit_log')
    .select(['action', 'after'])
    .where('entity', '=', 'assignment')
    .orderBy('id')
    .execute();
  expect(file.manifest.counts.assignments).toBeGreaterThan(0);
  expect(assignmentRows).toHaveLength(file.manifest.counts.assignments);
  for (const row of assignmentRows) {
    expect(row.action).toBe('create');
    expect(JSON.parse(row.after ?? 'null')).toMatchObject({ exchangeFile: 'wulan.lxex' });
  }
  const exchanged = await county.ctx.ledger.db
    .selectFrom('audit_log')
    .select(['entity', (eb) => eb.fn.countAll<number>().as('n')])
    .where('action', '=', 'exchange')
    .groupBy('entity')
    .orderBy('entity')
    .execute();
  expect(Object.fromEntries(exchanged.map((r) => [r.entity, Number(r.n)]))).toMatchObject({
    exchange: 1,
    org: file.manifest.counts.orgs,
    partyOrg: file.manifest.counts.partyOrgs,
    instructor: file.manifest.counts.instructors,
    region: file.manifest.counts.regions,
  });

  // Read back on this engine, every record hashes as written on the desktop: nothing to do the second time.
  const again = await previewExchange(county.ctx, file.bytes, { fileName: 'wulan.lxex' });
  expect(again.counts).toMatchObject({ new: 0, changed: 0, conflict: 0, localChanged: 0 });
});
