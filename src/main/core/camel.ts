/**
 * The camel view of the ledger (issue #15 "Derive, don't repeat"): the same connection or transaction
 * through kysely's CamelCasePlugin, so columns are named `partyOrgId` in queries and results and a row
 * needs no field-by-field mapping. Raw `sql` fragments are not renamed: write snake column names inside
 * them, or `sql.ref('p.regionId')`, which is.
 */
import { CamelCasePlugin, type Kysely, type Transaction } from 'kysely';
import type { CamelDatabase, Database } from './schema';

// One plugin for every view: it memoizes its name conversions.
const plugin = new CamelCasePlugin();

const views = new WeakMap<Kysely<Database>, Kysely<CamelDatabase>>();

/** The camel view of a connection (kept, one per connection) or of a write's transaction. */
export function camelDb(db: Transaction<Database>): Transaction<CamelDatabase>;
export function camelDb(db: Kysely<Database>): Kysely<CamelDatabase>;
export function camelDb(db: Kysely<Database>): Kysely<CamelDatabase> {
  if (db.isTransaction) return db.withPlugin(plugin) as unknown as Kysely<CamelDatabase>;
  let view = views.get(db);
  if (!view) {
    view = db.withPlugin(plugin) as unknown as Kysely<CamelDatabase>;
    views.set(db, view);
  }
  return view;
}
