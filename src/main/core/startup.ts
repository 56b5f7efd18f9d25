/** Opening the ledger for an app session (Electron or browser mode): migrate, then seed an empty ledger. */
import { type Ctx, createContext } from './context';
import { type OpenOptions, openLedger } from './db';
import { seedIfEmpty } from './seed';

export interface StartOptions extends OpenOptions {
  file: string;
  /** Fixed "today" for demonstrations and tests. */
  today?: string | null;
  /** Load the demo county into an empty ledger. */
  seed?: boolean;
}

export async function startLedger(o: StartOptions): Promise<{ ctx: Ctx; seeded: boolean }> {
  const ledger = await openLedger(o.file, { nativeBinding: o.nativeBinding });
  const today = o.today;
  const ctx = createContext(ledger, today ? { today: () => today } : undefined);
  const seeded = o.seed === false ? false : await seedIfEmpty(ctx);
  return { ctx, seeded };
}
