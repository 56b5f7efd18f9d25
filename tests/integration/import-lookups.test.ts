/**
 * What an import reads of the ledger before it checks a row — the records a sheet names, the stored
 * records its rows match, the organizations already covered or in a grid — on either engine
 * (`LEDGER_TEST_ENGINE=postgres`). The ledger is filled with plain inserts so that only the import's
 * own queries are under test.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportField } from '../../src/main/core/import/fields';
import { gridsImport } from '../../src/main/core/import/kinds/grids';
import { orgsImport } from '../../src/main/core/import/kinds/orgs';
import { partyOrgsImport } from '../../src/main/core/import/kinds/partyOrgs';
import { modelSitesImport } from '../../src/main/core/import/kinds/sites';
import type { Match, Partial, RowRules } from '../../src/main/core/import/kinds/types';
import type { SheetRows } from '../../src/main/core/import/read';
import { referenceIndex } from '../../src/main/core/import/refs';
import { makeLedger, type TestLedger } from './fixture';
import { AT, type PlainRows, plainRows, uscc } from './helpers/plainRows';

let t: TestLedger;
beforeEach(async () => {
  t = await makeLedger();
});
afterEach(async () => {
  await t.close();
});

let region: PlainRows['region'];
let org: PlainRows['org'];
let partyOrg: PlainRows['partyOrg'];
beforeEach(() => {
  ({ region, org, partyOrg } = plainRows(t));
});

/** A sheet of one column per header, one row per list of cells. */
function sheet(headers: string[], rows: string[][]): { sheet: SheetRows; columnOf: Map<string, number> } {
  return {
    sheet: { sheetName: 'x', headerRow: 1, headers, rows: rows.map((cells, i) => ({ row: i + 2, cells })) },
    columnOf: new Map(headers.map((h, i) => [h, i])),
  };
}

/** Runs a row through the rules as the preview does; the errors it would show, by field. */
function check(rules: RowRules, p: Partial, row = 2): { match: Match | undefined; errors: string[] } {
  const match = rules.match(p);
  const errors: string[] = [];
  rules.complete?.(p, { row, matchId: match?.id ?? null, error: (field, message) => errors.push(`${field}: ${message}`) });
  return { match, errors };
}

describe('an import reads the ledger in SQL both engines share', () => {
  it('reads the party organizations and organizations a sheet names, one list parameter however long the sheet', async () => {
    const east = await region('东镇', 1);
    const west = await region('西镇', 2);
    const code = uscc('91150100MA0XY12AB');
    const o = await org('顺达物流有限公司', west, code);
    const poEast = await partyOrg('商会联合党支部', east);
    const poWest = await partyOrg('商会联合党支部', west);
    const partyOrgField: ImportField = { key: 'partyOrgId', label: '党组织名称', kind: 'partyOrg', synonyms: [], help: '' };
    const orgField: ImportField = { key: 'orgId', label: '单位名称', kind: 'org', synonyms: [], help: '' };
    // 70,000 names: a placeholder each would pass PostgreSQL's 65,535 and SQLite's 32,766.
    const filler = Array.from({ length: 70_000 }, (_, i) => [`第${i}号支部`, `第${i}号公司`]);
    const s = sheet(['partyOrgId', 'orgId'], [['商会联合党支部', code.toLowerCase()], ...filler]);
    const resolve = await referenceIndex(t.ctx, s.sheet, [partyOrgField, orgField], s.columnOf);

    expect(resolve(partyOrgField, '商会联合党支部', east)).toEqual({ ok: true, value: poEast });
    expect(resolve(partyOrgField, '商会联合党支部', west)).toEqual({ ok: true, value: poWest });
    expect(resolve(partyOrgField, '商会联合党支部', null)).toEqual({
      ok: false,
      message: '“商会联合党支部”对应多个党组织，请在“所属属地”列注明属地',
    });
    expect(resolve(orgField, code.toLowerCase(), null)).toEqual({ ok: true, value: o });
    expect(resolve(orgField, '第1号公司', null)).toEqual({
      ok: false,
      message: '找不到两新组织“第1号公司”，请先导入或新增该两新组织',
    });
  });

  it('matches organizations by code, else by name in their region', async () => {
    const east = await region('东镇', 1);
    const west = await region('西镇', 2);
    const code = uscc('91150100MA0XY34CD');
    const coded = await org('红山建材有限公司', east, code);
    const named = await org('晨光书店', west);
    await org('晨光书店', east);
    const s = sheet(
      ['uscc', 'name'],
      [
        [code, '改了名的建材公司'],
        ['', '晨光书店'],
      ],
    );
    const rules = await orgsImport.rules(t.ctx, s.sheet, s.columnOf);

    const byCode = check(rules, { uscc: code, name: '改了名的建材公司', regionId: west });
    expect(byCode.match).toMatchObject({ id: coded, by: '统一社会信用代码', fields: { name: '红山建材有限公司', employees: 10 } });
    expect(check(rules, { name: '晨光书店', regionId: west }).match).toMatchObject({ id: named, by: '属地内同名' });
    expect(check(rules, { name: '晨光书店', regionId: 999 }).match).toBeUndefined();
  });

  it('matches party organizations with the organizations they cover, and refuses one covered by another', async () => {
    const east = await region('东镇', 1);
    const a = await org('甲公司', east);
    const b = await org('乙公司', east);
    const c = await org('丙公司', east);
    const joint = await partyOrg('甲乙联合党支部', east, [b, a]);
    await partyOrg('丙公司党支部', east, [c]);
    const s = sheet(['name', 'coveredOrgIds'], [['甲乙联合党支部', '甲公司、乙公司、丙公司']]);
    const rules = await partyOrgsImport.rules(t.ctx, s.sheet, s.columnOf);

    const p: Partial = { name: '甲乙联合党支部', regionId: east, coveredOrgIds: ['乙公司', '甲公司', '丙公司'] };
    const { match, errors } = check(rules, p);
    expect(match).toMatchObject({ id: joint, by: '属地内同名', fields: { coveredOrgIds: [a, b] } });
    expect(errors).toEqual(['coveredOrgIds: “丙公司”已由“丙公司党支部”覆盖，一个组织只能由一个党组织覆盖']);
    expect(p.coveredOrgIds).toEqual([a, b]);
  });

  it('matches grids with their organizations and instructor, and refuses an organization in another live grid', async () => {
    const db = t.ctx.ledger.db;
    const east = await region('东镇', 1);
    const a = await org('甲公司', east);
    const b = await org('乙公司', east);
    const branch = await partyOrg('东镇区域党支部', east);
    const instructor = await db
      .insertInto('instructors')
      .values({ name: '王芳', unit: '东镇党委', full_time: 1, created_at: AT, updated_at: AT })
      .returning('id')
      .executeTakeFirstOrThrow();
    const grid = async (name: string, orgs: number[], deletedAt: string | null = null) => {
      const g = await db
        .insertInto('grids')
        .values({ party_org_id: branch, name, contact_cards: 1, deleted_at: deletedAt, created_at: AT, updated_at: AT })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const o of orgs) await db.insertInto('grid_orgs').values({ grid_id: g.id, org_id: o }).execute();
      return g.id;
    };
    const first = await grid('第一网格', [a]);
    await grid('第二网格', [b]);
    const s = sheet(['partyOrgId', 'name', 'instructorId', 'orgIds'], [['东镇区域党支部', '第一网格', '王芳', '甲公司、乙公司']]);
    const rules = await gridsImport.rules(t.ctx, s.sheet, s.columnOf);

    const p: Partial = { partyOrgId: branch, name: '第一网格', instructorId: '王芳（东镇党委）', orgIds: ['甲公司', '乙公司'] };
    const { match, errors } = check(rules, p);
    expect(match).toMatchObject({ id: first, fields: { contactCards: true, orgIds: [a] } });
    expect(p.instructorId).toBe(instructor.id);
    expect(errors).toEqual(['orgIds: “乙公司”已在“第二网格”网格，一个组织只能划入一个网格']);
  });

  it('names a 示范点 by the organization its live party organization covers', async () => {
    const east = await region('东镇', 1);
    const a = await org('红山建材有限公司', east);
    const b = await org('晨光书店', east);
    const own = await partyOrg('红山建材有限公司党支部', east, [a]);
    await partyOrg('书店党支部', east, [b], AT);
    const s = sheet(['partyOrgId', 'level', 'year'], [['红山建材有限公司'], ['晨光书店']]);
    const rules = await modelSitesImport.rules(t.ctx, s.sheet, s.columnOf);

    const ok: Partial = { partyOrgId: '红山建材有限公司', level: 'county', year: '2025' };
    expect(check(rules, ok).errors).toEqual([]);
    expect(ok.partyOrgId).toBe(own);
    const orphan: Partial = { partyOrgId: '晨光书店', level: 'county', year: '2025' };
    expect(check(rules, orphan, 3).errors).toEqual(['partyOrgId: “晨光书店”还没有党组织，示范点须命名在党组织名下']);
  });
});
