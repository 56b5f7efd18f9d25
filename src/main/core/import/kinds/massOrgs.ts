/**
 * 群团组织: one row per organization and kind, as a township lists its 工会、团支部 and 妇委会 — the kind
 * in the clerk's word (团委, 妇委会, 基层工会 …), “35人”, “2019年5月” or “2019.05.12”. An organization's
 * kind already recorded is updated (skipped when nothing changes); the organization's 已建工会 / 共青团 /
 * 妇联 follow, as when the clerk sets them on its page.
 */
import { MASS_ORG_KINDS } from '../../../../shared/domain/siteCodes';
import { type MassOrgSet, massOrgSetSchema } from '../../../../shared/records/massOrgs';
import { camelDb } from '../../camel';
import { massOrgRows, setMassOrgIn } from '../../services/massOrgs';
import type { ImportField } from '../fields';
import type { KindAdapter, Match, Partial } from './types';

const fields: ImportField[] = [
  {
    key: 'orgId',
    label: '单位名称',
    required: true,
    kind: 'org',
    synonyms: ['组织名称', '企业名称', '企业（单位）名称', '两新组织名称', '社会组织名称', '单位全称', '所在单位', '统一社会信用代码'],
    help: '两新组织全称或统一社会信用代码',
  },
  {
    key: 'regionId',
    label: '所属属地',
    kind: 'region',
    synonyms: ['属地', '乡镇', '所属乡镇', '所在乡镇', '镇街', '所在镇街', '乡镇（街道）', '苏木乡镇'],
    help: '同名组织时用来区分；可空',
  },
  {
    key: 'kind',
    label: '群团组织',
    required: true,
    kind: 'code',
    codes: MASS_ORG_KINDS,
    synonyms: ['群团组织类型', '群团类型', '群团组织类别', '群团', '群团组织名称'],
    help: '“团支部”“团委”“妇委会”“工会委员会”等写法也认',
  },
  {
    key: 'members',
    label: '成员人数',
    kind: 'int',
    synonyms: ['人数', '会员人数', '会员数', '团员人数', '团员数', '成员数', '会员（团员）人数', '成员'],
    help: '如 35 或 35人',
  },
  {
    key: 'foundedDate',
    label: '成立时间',
    kind: 'date',
    month: 'first',
    synonyms: ['成立日期', '组建时间', '建立时间', '成立年月', '组建日期'],
    help: '如 2019-05-12、2019.05.12；只有年月的（2019年5月）记为当月1日',
  },
  {
    key: 'chair',
    label: '负责人',
    kind: 'text',
    synonyms: ['负责人姓名', '主席', '工会主席', '团支部书记', '团组织书记', '妇联主席', '妇委会主任', '书记（主席）'],
    help: '工会主席、团组织书记或妇联主席的姓名',
  },
];

const key = (p: Partial) => `${p.orgId}|${p.kind}`;
const SAME = '单位和群团组织';

export const massOrgsImport: KindAdapter<MassOrgSet> = {
  kind: 'massOrgs',
  fields,
  matchRule: `${SAME}都相同的视为已有记录：内容相同的跳过，不同的更新；其余新增，并同时记为该组织已建立该群团组织。`,
  schema: massOrgSetSchema,
  async rules(ctx) {
    const today = ctx.today();
    const rows = await massOrgRows(camelDb(ctx.ledger.db)).execute();
    const byKey = new Map<string, Omit<Match, 'by'>>(
      rows.map(({ orgId, kind, ...details }) => {
        const f = { orgId, kind, present: true, ...details } satisfies MassOrgSet;
        // The table's key is the pair (organization, kind): one number for it tells the rows apart.
        const id = orgId * 10 + MASS_ORG_KINDS.findIndex((k) => k.code === kind);
        return [key(f), { id, fields: f }];
      }),
    );
    return {
      duplicateKey: (p) => (p.orgId != null && p.kind ? { key: key(p), field: 'kind', what: SAME } : null),
      match(p) {
        const hit = byKey.get(key(p));
        return hit && { ...hit, by: SAME };
      },
      complete(p, cx) {
        p.present = true;
        if (typeof p.foundedDate === 'string' && p.foundedDate > today) cx.error('foundedDate', `成立时间${p.foundedDate}晚于今天`);
      },
    };
  },
  create: (w, input, audit) => setMassOrgIn(w, input, audit),
  update: (w, _id, input, audit) => setMassOrgIn(w, input, audit),
  title: (_p, cell) => `${cell('orgId')} ${cell('kind')}`.trim(),
};
