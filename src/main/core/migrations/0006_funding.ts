import { type Kysely, sql } from 'kysely';
import { todayIso } from '../../../shared/rules/dates';
import { engineOf, idColumn } from '../dialect';

/** The four undated amounts party_orgs kept until now, and the source each one was. */
const OLD_COLUMNS = [
  ['funding_unit', 'unit'],
  ['funding_superior', 'superior'],
  ['funding_dues_return', 'dues_return'],
  ['funding_fiscal', 'fiscal'],
] as const;

export const MIGRATED_REMARK = '由原党组织经费栏迁入';

/**
 * 经费 as dated payments per party organization. The old undated amounts on party_orgs said neither when
 * nor what for, so no year could be counted from them; each non-zero one becomes a record of the day this
 * migration runs (the clerk's ledger had them by then), kind 其他, with a remark saying where it came from
 * so the clerk can re-date or split it. The old columns stay (dropping a SQLite column rebuilds the table)
 * but nothing reads or writes them any more.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('funding')
    .addColumn('id', 'integer', (c) => idColumn(db, c))
    .addColumn('party_org_id', 'integer', (c) => c.notNull().references('party_orgs.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('fund_kind', 'text', (c) => c.notNull())
    // Up to 1亿元 is 10^10 fen: SQLite's integer holds it, PostgreSQL's integer stops at 2^31.
    .addColumn('amount_fen', engineOf(db) === 'postgres' ? 'bigint' : 'integer', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('period', 'text')
    .addColumn('document_no', 'text')
    .addColumn('remarks', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await sql`CREATE INDEX funding_year ON funding(year, party_org_id)`.execute(db);
  await sql`CREATE INDEX funding_party_org ON funding(party_org_id)`.execute(db);

  const now = new Date().toISOString();
  const date = todayIso();
  const year = Number(date.slice(0, 4));
  const rows = (
    await sql<Record<string, number>>`SELECT id, funding_unit, funding_superior, funding_dues_return, funding_fiscal
      FROM party_orgs WHERE deleted_at IS NULL ORDER BY id`.execute(db)
  ).rows;
  for (const p of rows) {
    for (const [column, source] of OLD_COLUMNS) {
      const fen = Number(p[column] ?? 0);
      if (!(fen > 0)) continue;
      const r = await sql<{ id: number }>`INSERT INTO funding
          (party_org_id, year, source, fund_kind, amount_fen, date, remarks, created_at, updated_at)
        VALUES (${p.id}, ${year}, ${source}, 'other', ${fen}, ${date}, ${MIGRATED_REMARK}, ${now}, ${now}) RETURNING id`.execute(db);
      const after = {
        partyOrgId: p.id,
        source,
        fundKind: 'other',
        amount: (fen / 100).toFixed(2),
        date,
        remarks: MIGRATED_REMARK,
      };
      await sql`INSERT INTO audit_log (at, actor, entity, entity_id, action, before, after)
        VALUES (${now}, '系统升级', 'funding', ${r.rows[0]?.id as number}, 'create', NULL, ${JSON.stringify(after)})`.execute(db);
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('funding').execute();
}
