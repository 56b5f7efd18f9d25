/**
 * Rows written straight into a test ledger with kysely, on either engine: for tests of one query,
 * where going through the services would test them too.
 */
import { usccCheckChar } from '../../../src/shared/rules/uscc';
import type { TestLedger } from '../fixture';

export const AT = '2026-06-30T08:00:00.000Z';
export const uscc = (body: string) => body + (usccCheckChar(body) as string);

export type PlainRows = ReturnType<typeof plainRows>;

export function plainRows(t: TestLedger) {
  const db = t.ctx.ledger.db;
  async function region(name: string, sort: number) {
    const r = await db
      .insertInto('regions')
      .values({ name, kind: 'township', code: null, sort_order: sort, created_at: AT })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  }

  async function org(name: string, regionId: number, code: string | null = null) {
    const r = await db
      .insertInto('orgs')
      .values({
        name,
        name_initials: '',
        uscc: code,
        category: 'nonpublic',
        subtype: 'company',
        region_id: regionId,
        legal_rep_is_member: 0,
        investor_is_member: 0,
        employees: 10,
        formal_members: 3,
        probationary_members: 0,
        activists: 0,
        has_union: 0,
        has_youth_league: 0,
        has_women_federation: 0,
        status: 'normal',
        out_of_scope: 0,
        created_at: AT,
        updated_at: AT,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  }

  async function partyOrg(name: string, regionId: number, covers: number[] = [], deletedAt: string | null = null) {
    const r = await db
      .insertInto('party_orgs')
      .values({
        name,
        name_initials: '',
        type: 'branch',
        method: covers.length > 1 ? 'joint' : 'single',
        region_id: regionId,
        secretary_is_head: 0,
        party_workers: 0,
        formal_members: 3,
        probationary_members: 0,
        venue_checklist: '[]',
        funding_superior: 0,
        funding_dues_return: 0,
        funding_unit: 0,
        funding_fiscal: 0,
        deleted_at: deletedAt,
        created_at: AT,
        updated_at: AT,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const o of covers) await db.insertInto('coverage').values({ org_id: o, party_org_id: r.id }).execute();
    return r.id;
  }

  return { region, org, partyOrg };
}
