/**
 * The benchmarks' big ledger: the generator's (scripts/genLedger.ts), in 12 townships as the older
 * benchmarks' import sheets and printed ledgers expect (第1镇…第12镇).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../src/main/core/schema';
import { type GenCounts, generateLedger } from './genLedger';

/** Fills an empty ledger with `n` organizations; `regionOf(i)` picks the township (1–12) of the i-th. */
export function fillLedger(db: Kysely<Database>, n: number, regionOf: (i: number) => number = (i) => (i % 12) + 1): Promise<GenCounts> {
  return generateLedger(db, { orgs: n, regions: 12, regionOf, today: '2026-06-30' });
}
