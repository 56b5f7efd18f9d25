/**
 * 1+N 网格: a sheet of 区域党支部 / 网格名称 / 网格指导员 / 网格内组织 (names separated by 、). A grid is
 * matched by its branch and name; its instructor by name (with 工作单位 in brackets when two share it);
 * its organizations by name or 统一社会信用代码, refused when another grid already holds one.
 */
import { type GridFields, gridFieldsSchema } from '../../../../shared/records/grids';
import { normalizeUscc } from '../../../../shared/rules/uscc';
import { camelDb } from '../../camel';
import type { Ctx } from '../../context';
import { inList } from '../../dialect';
import { createGridIn, updateGridIn } from '../../services/grids';
import { bool, type ImportField } from '../fields';
import type { SheetRows } from '../read';
import type { KindAdapter, Match } from './types';

const fields: ImportField[] = [
  {
    key: 'partyOrgId',
    label: '区域党支部',
    required: true,
    kind: 'partyOrg',
    synonyms: ['区域党支部名称', '所属区域党支部', '所属党支部', '党支部', '党组织名称'],
    help: '区域化“1+N”党支部的全称',
  },
  {
    key: 'regionId',
    label: '所属属地',
    kind: 'region',
    synonyms: ['属地', '乡镇', '所属乡镇', '镇街', '所在镇街', '苏木乡镇', '乡镇（街道）'],
    help: '同名党组织时用来区分',
  },
  { key: 'name', label: '网格名称', required: true, kind: 'text', synonyms: ['网格', '网格名', '网格编号'], help: '如“第一网格”' },
  {
    key: 'instructorId',
    label: '网格指导员',
    kind: 'text',
    synonyms: ['指导员', '党建指导员', '党建工作指导员', '网格党建指导员', '指导员姓名'],
    help: '已登记的指导员姓名；同名时写“姓名（工作单位）”',
  },
  {
    key: 'orgIds',
    label: '网格内组织',
    kind: 'orgs',
    synonyms: ['网格内两新组织', '组织名单', '两新组织名单', '包含组织', '所辖组织', '网格内单位', '单位名称'],
    help: '单位名称或统一社会信用代码，多个用顿号“、”分隔',
  },
  bool('contactCards', '服务联系卡已发放', ['服务联系卡', '联系卡', '是否发放服务联系卡', '发放联系卡', '联系卡发放']),
  {
    key: 'contactCardsDate',
    label: '联系卡发放日期',
    kind: 'date',
    month: 'first',
    synonyms: ['发放日期', '发卡日期', '发放时间'],
    help: '如 2026-03-01',
  },
  { key: 'remarks', label: '备注', kind: 'text', synonyms: ['说明'], help: '' },
];

interface OrgCandidate {
  id: number;
  name: string;
  uscc: string | null;
  gridId: number | null;
  gridName: string | null;
}

/** The organizations the sheet's 网格内组织 cells name, with the live grid each is in. */
async function orgCandidates(ctx: Ctx, sheet: SheetRows, column: number | undefined) {
  const tokens = new Set<string>();
  if (column != null)
    for (const r of sheet.rows) for (const t of (r.cells[column] ?? '').split(/[、，,；;\n]+/)) if (t.trim()) tokens.add(t.trim());
  const list = [...tokens];
  const db = ctx.ledger.db;
  const rows: OrgCandidate[] = await db
    .selectFrom('orgs as o')
    .leftJoin('grid_orgs as x', 'x.org_id', 'o.id')
    .leftJoin('grids as g', (j) =>
      j
        .onRef('g.id', '=', 'x.grid_id')
        .on('g.deleted_at', 'is', null)
        .on('g.party_org_id', 'in', (eb) => eb.selectFrom('party_orgs').select('id').where('deleted_at', 'is', null)),
    )
    .select(['o.id', 'o.name', 'o.uscc', 'g.id as gridId', 'g.name as gridName'])
    .where('o.deleted_at', 'is', null)
    .where((eb) => eb.or([inList(db, 'o.uscc', list.map(normalizeUscc)), inList(db, 'o.name', list)]))
    .execute();
  const byUscc = new Map(rows.filter((o) => o.uscc).map((o) => [o.uscc as string, o]));
  const byName = new Map<string, OrgCandidate[]>();
  for (const o of rows) byName.set(o.name, [...(byName.get(o.name) ?? []), o]);
  return { byUscc, byName };
}

/** Live grids by branch and name, with their stored fields (a blank cell keeps what is stored). */
async function existingGrids(ctx: Ctx): Promise<Map<string, Omit<Match, 'by'>>> {
  const db = camelDb(ctx.ledger.db);
  const orgs = new Map<number, number[]>();
  for (const r of await db.selectFrom('grid_orgs').select(['gridId', 'orgId']).orderBy('orgId').execute()) {
    orgs.set(r.gridId, [...(orgs.get(r.gridId) ?? []), r.orgId]);
  }
  const out = new Map<string, Omit<Match, 'by'>>();
  const stored = await db
    .selectFrom('grids')
    .select(['id', 'partyOrgId', 'name', 'instructorId', 'contactCards', 'contactCardsDate', 'remarks'])
    .where('deletedAt', 'is', null)
    .execute();
  for (const { id, ...r } of stored) {
    const fields: GridFields = { ...r, contactCards: r.contactCards === 1, orgIds: orgs.get(id) ?? [] };
    out.set(`${fields.partyOrgId}|${fields.name}`, { id, fields: fields as unknown as Record<string, unknown> });
  }
  return out;
}

export const gridsImport: KindAdapter<GridFields> = {
  kind: 'grids',
  fields,
  matchRule: '按区域党支部和网格名称匹配已有网格；匹配到的更新（网格内组织整体替换），其余新增。',
  schema: gridFieldsSchema,
  async rules(ctx, sheet, columnOf) {
    const existing = await existingGrids(ctx);
    const candidates = await orgCandidates(ctx, sheet, columnOf.get('orgIds'));
    const instructors = await ctx.ledger.db
      .selectFrom('instructors')
      .select(['id', 'name', 'unit'])
      .where('deleted_at', 'is', null)
      .execute();
    /** Which row of this file already puts an organization in a grid. */
    const claimed = new Map<number, number>();
    return {
      duplicateKey: (p) =>
        p.partyOrgId && p.name ? { key: `${p.partyOrgId}|${p.name}`, field: 'name', what: '区域党支部和网格名称' } : null,
      match(p) {
        const hit = existing.get(`${p.partyOrgId}|${p.name}`);
        return hit && { ...hit, by: '区域党支部内同名网格' };
      },
      complete(p, cx) {
        if (typeof p.instructorId === 'string') {
          const text = p.instructorId;
          const [, name = text, unit] = /^(.+?)[（(](.+)[）)]$/.exec(text) ?? [];
          const named = instructors.filter((i) => i.name === name.trim() && (unit == null || i.unit === unit.trim()));
          if (named.length === 1) p.instructorId = named[0]?.id;
          else {
            cx.error(
              'instructorId',
              named.length > 1
                ? `有${named.length}名指导员叫“${name}”，请写成“姓名（工作单位）”`
                : `找不到指导员“${text}”，请先登记该指导员`,
            );
            p.instructorId = null;
          }
        }
        if (!Array.isArray(p.orgIds) || p.orgIds.every((x) => typeof x === 'number')) return;
        const ids: number[] = [];
        for (const token of p.orgIds as string[]) {
          const named = candidates.byName.get(token) ?? [];
          const org = candidates.byUscc.get(normalizeUscc(token)) ?? (named.length === 1 ? named[0] : undefined);
          if (!org) {
            cx.error(
              'orgIds',
              named.length > 1 ? `“${token}”对应多个组织，请改填其统一社会信用代码` : `找不到两新组织“${token}”，请先导入或新增该组织`,
            );
            continue;
          }
          if (org.gridId != null && org.gridId !== cx.matchId) {
            cx.error('orgIds', `“${org.name}”已在“${org.gridName}”网格，一个组织只能划入一个网格`);
            continue;
          }
          const other = claimed.get(org.id);
          if (other && other !== cx.row) {
            cx.error('orgIds', `“${org.name}”在第${other}行已划入网格`);
            continue;
          }
          claimed.set(org.id, cx.row);
          ids.push(org.id);
        }
        // In id order, as the ledger keeps them, so an unchanged list is not reported as a change.
        p.orgIds = ids.sort((a, b) => a - b);
      },
    };
  },
  create: (w, input, audit) => createGridIn(w, input, audit),
  update: (w, id, input, audit) => updateGridIn(w, id, input, audit),
  title: (_p, cell) => `${cell('partyOrgId')} ${cell('name')}`,
};
