/** Opening the ledger for an app session (Electron or browser mode): migrate, seed an empty ledger, warm the caches. */
import { createBackup } from './backup';
import { type Ctx, createContext } from './context';
import { type OpenOptions, openLedger } from './db';
import { seedIfEmpty } from './seed';
import { warmOrgIndex } from './services/orgIndex';

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
  // While the window or browser loads the page, the organization index its first list needs is built.
  warmOrgIndex(ctx).catch((e) => console.error('预先整理组织索引失败：', e));
  return { ctx, seeded };
}
