/**
 * Columns that name another record — the party organization a 经费 row belongs to, the organization
 * of a 年检 row — read as that record's id. Only the records the sheet names are read, once per
 * preview; a name used in two regions is taken in the row's own region (its 所属属地 column).
 */
import { sql } from 'kysely';
import { normalizeUscc } from '../../../shared/rules/uscc';
import type { Ctx } from '../context';
import { inList } from '../dialect';
import type { Converted } from './convert';
import type { ImportField } from './fields';
import type { SheetRows } from './read';

interface Named {
  id: number;
  name: string;
  uscc: string | null;
  regionId: number;
}

export type ResolveReference = (field: ImportField, text: string, regionId: unknown) => Converted;

export async function referenceIndex(
  ctx: Ctx,
  sheet: SheetRows,
  fields: ImportField[],
  columnOf: Map<string, number>,
): Promise<ResolveReference> {
  const texts = (kind: 'partyOrg' | 'org') => {
    const out = new Set<string>();
    for (const f of fields) {
      const i = f.kind === kind ? columnOf.get(f.key) : undefined;
      if (i != null) for (const r of sheet.rows) if (r.cells[i]) out.add((r.cells[i] as string).trim());
    }
    return [...out];
  };
  const byName = (rows: Named[]) => {
    const m = new Map<string, Named[]>();
    for (const r of rows) m.set(r.name, [...(m.get(r.name) ?? []), r]);
    return m;
  };
  const db = ctx.ledger.db;
  const poTexts = texts('partyOrg');
  const partyOrgs = byName(
    poTexts.length
      ? await db
          .selectFrom('party_orgs')
          .select(['id', 'name', sql<null>`null`.as('uscc'), 'region_id as regionId'])
          .where('deleted_at', 'is', null)
          .where(inList(db, 'name', poTexts))
          .execute()
      : [],
  );
  const orgTexts = texts('org');
  const orgRows: Named[] = orgTexts.length
    ? await db
        .selectFrom('orgs')
        .select(['id', 'name', 'uscc', 'region_id as regionId'])
        .where('deleted_at', 'is', null)
        .where((eb) => eb.or([inList(db, 'uscc', orgTexts.map(normalizeUscc)), inList(db, 'name', orgTexts)]))
        .execute()
    : [];
  const orgs = byName(orgRows);
  const orgsByUscc = new Map(orgRows.filter((o) => o.uscc).map((o) => [o.uscc as string, o]));

  return (field, text, regionId) => {
    const isOrg = field.kind === 'org';
    const what = isOrg ? '两新组织' : '党组织';
    const byCode = isOrg ? orgsByUscc.get(normalizeUscc(text)) : undefined;
    if (byCode) return { ok: true, value: byCode.id };
    const named = (isOrg ? orgs : partyOrgs).get(text) ?? [];
    const inRegion = named.filter((r) => r.regionId === regionId);
    const hit = named.length === 1 ? named[0] : inRegion.length === 1 ? inRegion[0] : undefined;
    if (hit) return { ok: true, value: hit.id };
    if (named.length > 1)
      return {
        ok: false,
        message: isOrg
          ? `“${text}”对应多个两新组织，请改填其统一社会信用代码，或在“所属属地”列注明属地`
          : `“${text}”对应多个党组织，请在“所属属地”列注明属地`,
      };
    return { ok: false, message: `找不到${what}“${text}”，请先导入或新增该${what}` };
  };
}
