/** Opening the ledger for an app session (Electron or browser mode): migrate, then seed an empty ledger. */
import { createBackup } from './backup';
import { type Ctx, createContext } from './context';
import { type OpenOptions, openLedger } from './db';
import { seedIfEmpty } from './seed';

export interface StartOptions extends OpenOptions {
  file: string;
  /** Fixed "today" for demonstrations and tests. */
  today?: string | null;
  /** Load the demo county into an empty ledger. */
  seed?: boolean;
  /** Take the start-up backup (default true). */
  backup?: boolean;
}

export async function startLedger(o: StartOptions): Promise<{ ctx: Ctx; seeded: boolean }> {
  const ledger = await openLedger(o.file, { nativeBinding: o.nativeBinding });
  const today = o.today;
  const ctx = createContext(ledger, today ? { today: () => today } : undefined);
  const seeded = o.seed === false ? false : await seedIfEmpty(ctx);
  // A ledger with data gets its start-up backup before the clerk changes anything.
  const hasData = ctx.ledger.sqlite.prepare('SELECT 1 FROM orgs LIMIT 1').get();
  if (hasData && !seeded && o.backup !== false) await createBackup(ctx, 'startup');
  return { ctx, seeded };
}
