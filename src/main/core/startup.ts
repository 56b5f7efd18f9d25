/** Opening the ledger for an app session (Electron or browser mode): migrate, then seed an empty ledger. */
import { createBackup } from './backup';
import { type Ctx, createContext } from './context';
import { type OpenOptions, openLedger } from './db';
import { seedIfEmpty } from './seed';

export interface StartOptions extends OpenOptions {
  /** The SQLite file, or a `postgres://` URL (the server edition). */
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
  // The server edition's database is backed up by its administrator (pg_dump), not here.
  const hasData = await ctx.ledger.db.selectFrom('orgs').select('id').limit(1).executeTakeFirst();
  if (hasData && !seeded && o.backup !== false && ctx.ledger.engine === 'sqlite') await createBackup(ctx, 'startup');
  return { ctx, seeded };
}
