/**
 * Columns that name another record — the party organization a 经费 row belongs to, the organization
 * of a 年检 row — read as that record's id. Only the records the sheet names are read, once per
 * preview; a name used in two regions is taken in the row's own region (its 所属属地 column).
 */
import { normalizeUscc } from '../../../shared/rules/uscc';
import type { Ctx } from '../context';
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

export function referenceIndex(ctx: Ctx, sheet: SheetRows, fields: ImportField[], columnOf: Map<string, number>): ResolveReference {
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
  const poTexts = texts('partyOrg');
  const partyOrgs = byName(
    poTexts.length
      ? (ctx.ledger.sqlite
          .prepare(
            `SELECT id, name, NULL AS uscc, region_id AS regionId FROM party_orgs
              WHERE deleted_at IS NULL AND name IN (SELECT value FROM json_each(@names))`,
          )
          .all({ names: JSON.stringify(poTexts) }) as Named[])
      : [],
  );
  const orgTexts = texts('org');
  const orgRows = orgTexts.length
    ? (ctx.ledger.sqlite
        .prepare(
          `SELECT id, name, uscc, region_id AS regionId FROM orgs
            WHERE deleted_at IS NULL
              AND (uscc IN (SELECT value FROM json_each(@codes)) OR name IN (SELECT value FROM json_each(@names)))`,
        )
        .all({ codes: JSON.stringify(orgTexts.map(normalizeUscc)), names: JSON.stringify(orgTexts) }) as Named[])
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
