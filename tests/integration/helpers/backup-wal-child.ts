/**
 * Child process of the backup-onto-WAL test: tries to back the ledger up onto its own -wal file (which
 * must be refused), then creates organizations one by one, printing `ACK n` after each commit, until
 * it is killed.
 */
import * as backup from '../../../src/main/core/backup';
import { createContext } from '../../../src/main/core/context';
import { openLedger } from '../../../src/main/core/db';
import { dispatch } from '../../../src/main/handlers';
import { testSession } from './sessions';

const [file] = process.argv.slice(2) as [string];
const ledger = await openLedger(file);
const ctx = createContext(ledger);
// The desktop save-dialog path (a path the clerk picked); older code took any path through createBackup.
const api = backup as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
const backupTo = api.createBackupAt ?? ((c: unknown, f: unknown) => api.createBackup?.(c, 'manual', f));
try {
  await backupTo(ctx, `${file}-wal`);
  process.stdout.write('BACKUP accepted\n');
} catch (e) {
  process.stdout.write(`BACKUP refused ${e instanceof Error ? e.message : String(e)}\n`);
}
const regionId = (ledger.sqlite.prepare('SELECT id FROM regions LIMIT 1').get() as { id: number }).id;
const signed = { sessionId: await testSession(ctx, 'county', [], 90) };
for (let n = 1; ; n++) {
  const r = await dispatch(
    ctx,
    'orgs.create',
    { name: `确认写入${n}`, category: 'nonpublic', subtype: 'company', regionId },
    undefined,
    signed,
  );
  if (!r.ok) throw new Error(r.error.message);
  process.stdout.write(`ACK ${n}\n`);
}
