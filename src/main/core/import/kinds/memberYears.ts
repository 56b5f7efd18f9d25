/** 党员发展 by year: one row per organization and year, matched by both; the year's figures are set as a whole. */
import { type MemberYearSet, memberYearSetSchema } from '../../../../shared/records/memberYears';
import { camelDb } from '../../camel';
import { memberYearSets, setMemberYearIn } from '../../services/memberYears';
import type { ImportField } from '../fields';
import type { KindAdapter } from './types';

const count = (key: string, label: string, synonyms: string[]): ImportField => ({
  key,
  label,
  kind: 'int',
  synonyms,
  help: '人数，如 3 或 3人；空白为0',
});

const fields: ImportField[] = [
  {
    key: 'orgId',
    label: '单位名称',
    required: true,
    kind: 'org',
    synonyms: ['组织名称', '企业名称', '企业（单位）名称', '两新组织名称', '社会组织名称', '单位全称', '统一社会信用代码'],
    help: '两新组织全称或统一社会信用代码',
  },
  {
    key: 'regionId',
    label: '所属属地',
    kind: 'region',
    synonyms: ['乡镇', '所属乡镇', '所在乡镇', '镇街', '苏木乡镇'],
    help: '同名组织时用来区分',
  },
  { key: 'year', label: '年度', required: true, kind: 'int', synonyms: ['年份', '统计年度', '所属年度'], help: '如 2025 或 2025年' },
  count('formal', '正式党员', ['正式党员数', '党员数', '党员人数', '正式党员人数']),
  count('probationary', '预备党员', ['预备党员数', '预备党员人数']),
  count('activists', '入党积极分子', ['入党积极分子数', '积极分子', '积极分子数']),
  count('candidates', '发展对象', ['发展对象数', '发展对象人数']),
  count('newMembers', '新发展党员', ['新发展党员数', '发展党员', '当年发展党员', '新发展党员人数']),
];

const FIGURES = ['formal', 'probationary', 'activists', 'candidates', 'newMembers'] as const;

export const memberYearsImport: KindAdapter<MemberYearSet> = {
  kind: 'memberYears',
  fields,
  matchRule: '按单位名称和年度匹配：已有该年度的数字则覆盖，没有则新增；当年的数字同时更新组织的党员数。',
  schema: memberYearSetSchema,
  async rules(ctx) {
    const current = Number(ctx.today().slice(0, 4));
    const rows = await memberYearSets(camelDb(ctx.ledger.db)).execute();
    const key = (p: Record<string, unknown>) => `${p.orgId}|${p.year}`;
    const byKey = new Map(
      rows.map((r) => [
        key(r),
        {
          // One number for the pair (organization, year): the import only needs to tell records apart.
          id: r.orgId * 10_000 + r.year,
          fields: r,
        },
      ]),
    );
    return {
      duplicateKey: (p) => (p.orgId && p.year ? { key: key(p), field: 'year', what: '单位和年度' } : null),
      match(p) {
        const hit = byKey.get(key(p));
        return hit && { ...hit, by: '单位名称和年度' };
      },
      complete(p, cx) {
        if (typeof p.year === 'number' && p.year > current) cx.error('year', `不能晚于今年（${current}年）`);
        if (cx.matchId == null) for (const k of FIGURES) p[k] ??= 0;
      },
    };
  },
  create: (w, input, audit) => setMemberYearIn(w, input, audit),
  update: (w, _id, input, audit) => setMemberYearIn(w, input, audit),
  title: (_p, cell) => `${cell('orgId')} ${cell('year')}`,
};
