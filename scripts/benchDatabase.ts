/** Opens the database a script names, as the app does: a SQLite file, or a postgres://… URL (server edition). */
import { type Ledger, openLedger } from '../src/main/core/db';
import type { Engine } from '../src/main/core/dialect';

export interface BenchLedger {
  engine: Engine;
  ledger: Ledger;
  /** Another connection to the same database, as a second process (or a restarted one) has. */
  reopen(): Promise<Ledger>;
  close(): Promise<void>;
}

export async function openBenchLedger(spec: string): Promise<BenchLedger> {
  const ledger = await openLedger(spec);
  return { engine: ledger.engine, ledger, reopen: () => openLedger(spec), close: () => ledger.close() };
}
