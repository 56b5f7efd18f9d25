/**
 * The camel view (core/camel.ts) reads and writes the very rows the snake view does, on either engine:
 * inserts with `returning`, joins with aliases, subqueries, `sql.ref`, updates inside a write's
 * transaction, and raw `sql` fragments that keep their snake names.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { camelDb } from '../../src/main/core/camel';
import { write } from '../../src/main/core/write';
import { makeLedger, type TestLedger } from './fixture';

let t: TestLedger;
let regionId = 0;
let partyOrgId = 0;

beforeEach(async () => {
  t = await makeLedger();
  regionId = (await t.call('regions.create', { name: '红山街道', kind: 'subdistrict' })).id;
  const org = await t.call('orgs.create', { name: '红山甲公司', category: 'nonpublic', subtype: 'company', regionId });
  partyOrgId = (
    await t.call('partyOrgs.create', { name: '红山甲公司党支部', type: 'branch', method: 'single', regionId, coveredOrgIds: [org.id] })
  ).id;
});

afterEach(async () => {
  await t.close();
});

const payment = {
  year: 2026,
  source: 'unit' as const,
  fundKind: 'startup' as const,
  amountFen: 123456,
  date: '2026-03-01',
  period: null,
  documentNo: '红组〔2026〕1号',
  remarks: null,
  createdAt: '2026-06-30T08:00:00.000Z',
  updatedAt: '2026-06-30T08:00:00.000Z',
};

describe('the camel view', () => {
  it('writes with returning what the snake view then reads', async () => {
    const db = camelDb(t.ctx.ledger.db);
    const made = await db
      .insertInto('funding')
      .values({ partyOrgId, ...payment })
      .returning(['id', 'partyOrgId', 'amountFen'])
      .executeTakeFirstOrThrow();
    expect(made).toEqual({ id: expect.any(Number), partyOrgId, amountFen: 123456 });
    const snake = await t.ctx.ledger.db.selectFrom('funding').selectAll().where('id', '=', made.id).executeTakeFirstOrThrow();
    expect(snake).toMatchObject({ party_org_id: partyOrgId, fund_kind: 'startup', amount_fen: 123456, document_no: '红组〔2026〕1号' });
  });

  it('reads with joins, aliases, subqueries and sql.ref the rows the snake view wrote', async () => {
    const snakeRow = {
      party_org_id: partyOrgId,
      year: 2026,
      source: 'unit' as const,
      fund_kind: 'startup' as const,
      amount_fen: 500,
      date: '2026-04-01',
      period: null,
      document_no: null,
      remarks: '补记',
      created_at: payment.createdAt,
      updated_at: payment.updatedAt,
    };
    await t.ctx.ledger.db
      .insertInto('funding')
      .values([snakeRow, { ...snakeRow, amount_fen: 700 }])
      .execute();
    const db = camelDb(t.ctx.ledger.db);
    const sums = db
      .selectFrom('funding as x')
      .select(['x.partyOrgId', sql<number>`sum(x.amount_fen)`.as('totalFen')])
      .groupBy('x.partyOrgId')
      .as('s');
    const rows = await db
      .selectFrom('funding as f')
      .innerJoin('party_orgs as p', 'p.id', 'f.partyOrgId')
      .innerJoin('regions as r', 'r.id', 'p.regionId')
      .innerJoin(sums, 's.partyOrgId', 'f.partyOrgId')
      .select(['f.id', 'f.fundKind', 'f.amountFen', 'p.name as partyOrgName', 'r.name as regionName', 's.totalFen'])
      .where(sql.ref('p.regionId'), '=', regionId)
      .where(sql<boolean>`f.amount_fen > ${600}`)
      .orderBy('f.id')
      .execute();
    expect(rows).toEqual([
      {
        id: expect.any(Number),
        fundKind: 'startup',
        amountFen: 700,
        partyOrgName: '红山甲公司党支部',
        regionName: '红山街道',
        totalFen: 1200,
      },
    ]);
    expect(Number(rows[0]?.totalFen)).toBe(1200);
  });

  it('updates and deletes inside a write, rolled back with it', async () => {
    const { id } = await camelDb(t.ctx.ledger.db)
      .insertInto('funding')
      .values({ partyOrgId, ...payment })
      .returning('id')
      .executeTakeFirstOrThrow();
    await write(t.ctx, async (w) => {
      const trx = camelDb(w.trx);
      await trx.updateTable('funding').set({ amountFen: 9, documentNo: null }).where('id', '=', id).execute();
    });
    const [after] = await t.rows<{ amount_fen: number; document_no: string | null }>(
      sql`SELECT amount_fen, document_no FROM funding WHERE id = ${id}`,
    );
    expect(Number(after?.amount_fen)).toBe(9);
    expect(after?.document_no).toBeNull();
    await expect(
      write(t.ctx, async (w) => {
        await camelDb(w.trx).deleteFrom('funding').where('partyOrgId', '=', partyOrgId).execute();
        throw new Error('中止');
      }),
    ).rejects.toThrow('中止');
    expect(t.count('funding')).toBe(1);
  });

  it('is one view per connection, and leaves the snake view as it was', async () => {
    expect(camelDb(t.ctx.ledger.db)).toBe(camelDb(t.ctx.ledger.db));
    const snake = await t.ctx.ledger.db
      .selectFrom('regions')
      .select(['id', 'sort_order'])
      .where('id', '=', regionId)
      .executeTakeFirstOrThrow();
    expect(Object.keys(snake).sort()).toEqual(['id', 'sort_order']);
  });
});
