/**
 * 社会组织年检: one row per social organization and year, as the 民政 office or a township sends it
 * (单位名称 / 年检年度 / 年检结论 / 党建审查, “2025年度”, “合格”). A row for an organization and year
 * already recorded updates it (skipped when nothing changes); the organization's 年检结果 follows.
 */
import { ANNUAL_CHECK_RESULTS } from '../../../../shared/domain/codes';
import { PARTY_REVIEW_RESULTS } from '../../../../shared/domain/siteCodes';
import { type InspectionSet, inspectionSetSchema } from '../../../../shared/records/inspections';
import { camelDb } from '../../camel';
import { setInspectionIn } from '../../services/inspections';
import type { ImportField } from '../fields';
import type { KindAdapter, Match } from './types';

const fields: ImportField[] = [
  {
    key: 'orgId',
    label: '单位名称',
    required: true,
    kind: 'org',
    synonyms: ['社会组织名称', '组织名称', '社会组织', '单位全称', '统一社会信用代码'],
    help: '社会组织全称或统一社会信用代码',
  },
  {
    key: 'regionId',
    label: '所属属地',
    kind: 'region',
    synonyms: ['乡镇', '所属乡镇', '所在乡镇', '镇街', '所在镇街'],
    help: '同名组织时用来区分',
  },
  // Read as text: clerks write “2025年度”, which is not a count.
  { key: 'year', label: '年检年度', required: true, kind: 'text', synonyms: ['年度', '年检年份', '检查年度'], help: '如 2025 或 2025年度' },
  {
    key: 'result',
    label: '年检结论',
    required: true,
    kind: 'code',
    codes: ANNUAL_CHECK_RESULTS,
    synonyms: ['年检结果', '年检情况', '结论', '年检（年报）结果'],
    help: '合格、基本合格、不合格或未参检',
  },
  {
    key: 'partyReview',
    label: '党建审查',
    required: true,
    kind: 'code',
    codes: PARTY_REVIEW_RESULTS,
    synonyms: ['党建工作情况审查', '党建工作审查', '党建审查意见', '党建情况审查'],
    help: '通过、整改或不涉及',
  },
  { key: 'remarks', label: '备注', kind: 'text', synonyms: ['说明', '整改要求'], help: '' },
];

/** “2025”, “2025年”, “2025年度” (full-width digits too) as the year; anything else null. */
function yearOf(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return null;
  const m = /^(\d{4})(年度?)?$/.exec(v.normalize('NFKC').replace(/\s/g, ''));
  return m ? Number(m[1]) : null;
}

export const inspectionsImport: KindAdapter<InspectionSet> = {
  kind: 'inspections',
  fields,
  matchRule: '按单位和年检年度匹配已有年检记录；匹配到的更新（内容相同则跳过），其余新增。只能导入社会组织。',
  schema: inspectionSetSchema,
  async rules(ctx) {
    const db = ctx.ledger.db;
    const rows = await camelDb(db).selectFrom('inspections').select(['id', 'orgId', 'year', 'result', 'partyReview', 'remarks']).execute();
    const key = (orgId: unknown, year: unknown) => `${orgId}|${yearOf(year)}`;
    const byKey = new Map<string, Omit<Match, 'by'>>(
      rows.map(({ id, ...fields }) => [key(fields.orgId, fields.year), { id, fields: fields satisfies InspectionSet }]),
    );
    const orgs = new Map(
      (await db.selectFrom('orgs').select(['id', 'name', 'category']).where('deleted_at', 'is', null).execute()).map((o) => [o.id, o]),
    );
    const thisYear = Number(ctx.today().slice(0, 4));
    return {
      duplicateKey: (p) =>
        p.orgId != null && yearOf(p.year) != null ? { key: key(p.orgId, p.year), field: 'year', what: '单位和年检年度' } : null,
      match(p) {
        const hit = byKey.get(key(p.orgId, p.year));
        return hit && { ...hit, by: '单位和年检年度' };
      },
      complete(p, cx) {
        if (p.year != null) {
          const y = yearOf(p.year);
          if (y == null) cx.error('year', `应为年度，如“2025”或“2025年度”，实际为“${String(p.year)}”`);
          else if (y > thisYear) cx.error('year', `年检年度不能晚于今年（${thisYear}年）`);
          else p.year = y;
        }
        const org = typeof p.orgId === 'number' ? orgs.get(p.orgId) : undefined;
        if (org && org.category !== 'social') cx.error('orgId', `“${org.name}”是非公经济组织，年检只登记社会组织`);
      },
    };
  },
  // One row per organization and year: set is create or replace, as the 年检 page does it.
  create: (w, input, audit) => setInspectionIn(w, input, audit),
  update: (w, _id, input, audit) => setInspectionIn(w, input, audit),
  title: (_p, cell) => `${cell('orgId')} ${cell('year')}`,
};
