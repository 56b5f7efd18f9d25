/**
 * 示范点（品牌）: one designation per row, as a township lists them — the owner by the party
 * organization's name or by the name of the organization it sits in (红山建材有限公司 for its 党支部),
 * the level in the clerk's words (县级示范点, 市级, 省级党建示范点, 旗级), “2025年” or “2023年6月” for the
 * year, the brand, 五星创建 and the 摘牌 year. Party organization, level and year find the stored
 * designation; a row whose period overlaps another designation at the same level is an error here,
 * not a refused transaction at commit.
 */
import { MODEL_SITE_LEVELS } from '../../../../shared/domain/siteCodes';
import { type ModelSiteFields, modelSiteFieldsSchema } from '../../../../shared/records/modelSites';
import { normalizeUscc } from '../../../../shared/rules/uscc';
import { camelDb } from '../../camel';
import type { Ctx } from '../../context';
import { inList } from '../../dialect';
import { asSiteFields, createModelSiteIn, modelSiteRows, updateModelSiteIn } from '../../services/modelSites';
import type { ImportField } from '../fields';
import type { SheetRows } from '../read';
import type { KindAdapter, Match, Partial } from './types';

const fields: ImportField[] = [
  {
    key: 'partyOrgId',
    label: '党组织名称',
    required: true,
    // Read here, not by the preview: the cell may name the organization instead of its party organization.
    kind: 'text',
    synonyms: ['党组织', '支部名称', '党支部名称', '党组织全称', '示范点名称', '示范点', '单位名称', '所在单位', '命名单位', '创建单位'],
    help: '党组织全称；也可填其所在两新组织的名称或统一社会信用代码（该组织只有一个党组织时）',
  },
  {
    key: 'regionId',
    label: '所属属地',
    kind: 'region',
    synonyms: ['属地', '乡镇', '所属乡镇', '所在乡镇', '镇街', '所在镇街', '乡镇（街道）', '苏木乡镇'],
    help: '同名党组织时用来区分；可空',
  },
  {
    key: 'level',
    label: '命名级别',
    required: true,
    kind: 'code',
    codes: MODEL_SITE_LEVELS,
    synonyms: ['级别', '示范点级别', '命名层级', '层级', '类别', '示范等级', '等级'],
    help: '“县级示范点”“省级党建示范点”“旗级”等写法也认',
  },
  {
    key: 'year',
    label: '命名年度',
    required: true,
    kind: 'text',
    synonyms: ['年度', '命名年份', '命名时间', '授牌时间', '授牌年度', '挂牌时间', '命名日期', '年份'],
    help: '如 2025、2025年 或 2025年6月（只取年份）',
  },
  { key: 'brandName', label: '党建品牌名称', kind: 'text', synonyms: ['品牌名称', '党建品牌', '品牌', '品牌名'], help: '可空' },
  {
    key: 'fiveStar',
    label: '五星创建',
    kind: 'bool',
    synonyms: ['是否五星创建', '五星创建单位', '五星', '五星级创建', '是否开展五星创建'],
    help: '填“是”或“否”，空白为否',
  },
  {
    key: 'revokedYear',
    label: '撤销（摘牌）年度',
    kind: 'text',
    synonyms: ['摘牌年度', '摘牌时间', '撤销年度', '撤销时间', '摘牌年份', '撤牌时间'],
    help: '已摘牌的填摘牌年份，如 2026；仍在有效期的空白',
  },
  { key: 'documentNo', label: '文号', kind: 'text', synonyms: ['命名文号', '文件号', '依据文号', '发文文号'], help: '' },
  { key: 'remarks', label: '备注', kind: 'text', synonyms: ['说明'], help: '' },
];

/** “2025”, “2025年”, “2025年度”, or a date whose year counts (2023年6月, 2023.06.01); null otherwise. */
function yearOf(v: unknown): number | null {
  if (typeof v === 'number') return Number.isInteger(v) ? v : null;
  if (typeof v !== 'string') return null;
  const t = v.normalize('NFKC').replace(/\s/g, '');
  const m = /^(\d{4})(?:年度?|年?[./-]?\d{1,2}月?(?:[./-]?\d{1,2}日?)?)?$/.exec(t);
  return m ? Number(m[1]) : null;
}

interface Owner {
  id: number;
  name: string;
  regionId: number;
}

/**
 * The party organization a cell names: a party organization of that name (in the row's region when
 * two share it), else the only party organization covering the organization of that name or 统一社会信用代码.
 */
async function ownerIndex(ctx: Ctx, sheet: SheetRows, column: number | undefined) {
  const texts = [...new Set(sheet.rows.map((r) => (column == null ? '' : (r.cells[column] ?? '').trim())).filter(Boolean))];
  const db = ctx.ledger.db;
  const partyOrgs: Owner[] = await db
    .selectFrom('party_orgs')
    .select(['id', 'name', 'region_id as regionId'])
    .where('deleted_at', 'is', null)
    .where(inList(db, 'name', texts))
    .execute();
  const orgs = await db
    .selectFrom('orgs')
    .select(['id', 'name', 'uscc', 'region_id as regionId'])
    .where('deleted_at', 'is', null)
    .where((eb) => eb.or([inList(db, 'name', texts), inList(db, 'uscc', texts.map(normalizeUscc))]))
    .execute();
  /** The live party organizations covering each of those organizations, in id order for a stable message. */
  const covering = new Map<number, Owner[]>();
  for (const c of await db
    .selectFrom('coverage as c')
    .innerJoin('party_orgs as p', (j) => j.onRef('p.id', '=', 'c.party_org_id').on('p.deleted_at', 'is', null))
    .select(['c.org_id as orgId', 'p.id', 'p.name', 'p.region_id as regionId'])
    .where(
      inList(
        db,
        'c.org_id',
        orgs.map((o) => o.id),
      ),
    )
    .orderBy('p.id')
    .execute()) {
    covering.set(c.orgId, [...(covering.get(c.orgId) ?? []), { id: c.id, name: c.name, regionId: c.regionId }]);
  }
  const pick = <T extends { regionId: number }>(all: T[], regionId: unknown): T | 'many' | undefined => {
    if (all.length <= 1) return all[0];
    const here = all.filter((r) => r.regionId === regionId);
    return here.length === 1 ? here[0] : 'many';
  };

  return (text: string, regionId: unknown): { id: number } | { problem: string } => {
    const po = pick(
      partyOrgs.filter((p) => p.name === text),
      regionId,
    );
    if (po === 'many') return { problem: `“${text}”对应多个党组织，请在“所属属地”列注明属地` };
    if (po) return { id: po.id };
    const byCode = orgs.filter((o) => o.uscc != null && o.uscc === normalizeUscc(text));
    const org = pick(byCode.length ? byCode : orgs.filter((o) => o.name === text), regionId);
    if (org === 'many') return { problem: `“${text}”对应多个两新组织，请改填其党组织名称，或在“所属属地”列注明属地` };
    if (!org) return { problem: `找不到党组织“${text}”，请先导入或新增该党组织` };
    const by = covering.get(org.id) ?? [];
    if (by.length === 1) return { id: (by[0] as Owner).id };
    if (by.length === 0) return { problem: `“${org.name}”还没有党组织，示范点须命名在党组织名下` };
    return { problem: `“${org.name}”由${by.map((p) => p.name).join('、')}覆盖，请改填其中一个党组织的名称` };
  };
}

const SAME = '党组织、命名级别和命名年度';

export const modelSitesImport: KindAdapter<ModelSiteFields> = {
  kind: 'modelSites',
  fields,
  matchRule: `${SAME}都相同的视为已有命名：内容相同的跳过，不同的更新（如登记摘牌年度）；其余新增。同一党组织同一级别的命名在有效期内不能重叠。`,
  schema: modelSiteFieldsSchema,
  async rules(ctx, sheet, columnOf) {
    const thisYear = Number(ctx.today().slice(0, 4));
    const ownerOf = await ownerIndex(ctx, sheet, columnOf.get('partyOrgId'));
    const stored = (await modelSiteRows(camelDb(ctx.ledger.db)).select('m.id').execute()).map(asSiteFields);
    const key = (p: Partial) => `${p.partyOrgId}|${p.level}|${yearOf(p.year)}`;
    const byKey = new Map<string, Omit<Match, 'by'>>(stored.map(({ id, ...f }) => [key(f), { id, fields: f satisfies ModelSiteFields }]));
    const revokedOf = new Map(stored.map((r) => [r.id, r.revokedYear]));
    /** Designations as they will stand, by party organization and level: the stored ones, then the sheet's rows taken so far. */
    const periods = new Map<string, { id: number | null; row: number | null; year: number; revokedYear: number | null }[]>();
    for (const r of stored) {
      const k = `${r.partyOrgId}|${r.level}`;
      periods.set(k, [...(periods.get(k) ?? []), { id: r.id, row: null, year: r.year, revokedYear: r.revokedYear }]);
    }
    /** The owner problems of the rows whose cell named no party organization, for `complete` to report. */
    const unresolved = new WeakMap<Partial, string>();
    // The preview compares and matches before it completes a row: the owner is read at the first of them.
    const resolve = (p: Partial) => {
      if (typeof p.partyOrgId !== 'string') return;
      const hit = ownerOf(p.partyOrgId, p.regionId);
      if ('id' in hit) p.partyOrgId = hit.id;
      else {
        unresolved.set(p, hit.problem);
        delete p.partyOrgId;
      }
    };
    return {
      duplicateKey(p) {
        resolve(p);
        return p.partyOrgId != null && p.level && yearOf(p.year) != null ? { key: key(p), field: 'year', what: SAME } : null;
      },
      match(p) {
        resolve(p);
        const hit = byKey.get(key(p));
        return hit && { ...hit, by: SAME };
      },
      complete(p, cx) {
        const problem = unresolved.get(p);
        if (problem) cx.error('partyOrgId', problem);
        for (const [field, label] of [
          ['year', '命名年度'],
          ['revokedYear', '撤销（摘牌）年度'],
        ] as const) {
          if (p[field] == null || typeof p[field] === 'number') continue;
          const y = yearOf(p[field]);
          if (y == null) {
            cx.error(field, `应为年份，如“2025”或“2025年”，实际为“${String(p[field])}”`);
            delete p[field];
          } else if (y > thisYear) cx.error(field, `${label}不能晚于今年（${thisYear}年）`);
          else p[field] = y;
        }
        if (problem || typeof p.partyOrgId !== 'number' || !p.level || typeof p.year !== 'number') return;
        const year = p.year;
        // A blank 摘牌 cell keeps the matched designation's.
        const kept = cx.matchId == null ? null : (revokedOf.get(cx.matchId) ?? null);
        const revokedYear = typeof p.revokedYear === 'number' ? p.revokedYear : p.revokedYear === undefined ? kept : null;
        const k = `${p.partyOrgId}|${p.level}`;
        const end = (y: number | null) => y ?? Number.POSITIVE_INFINITY;
        const others = (periods.get(k) ?? []).filter((o) => o.id == null || o.id !== cx.matchId);
        const clash = others.find((o) => o.year < end(revokedYear) && year < end(o.revokedYear));
        if (clash) {
          const where = clash.row == null ? `已有${clash.year}年的命名` : `与第${clash.row}行${clash.year}年的命名`;
          cx.error('year', `${where}在有效期内重叠；如需重新命名，请先填写原命名的撤销（摘牌）年度`);
          return;
        }
        // The row replaces the designation it matched.
        periods.set(k, [...others, { id: null, row: cx.row, year, revokedYear }]);
      },
    };
  },
  create: (w, input, audit) => createModelSiteIn(w, input, audit),
  update: (w, id, input, audit) => updateModelSiteIn(w, id, input, audit),
  title: (_p, cell) => `${cell('partyOrgId')} ${cell('level')} ${cell('year')}`.trim(),
};
