/**
 * 组织生活: one row per meeting or activity, its party organization by name (in the row's 属地 when two
 * share a name). The same party organization, day and kind is the same activity: updated when the
 * sheet says otherwise, skipped when it says the same.
 */
import { ACTIVITY_KINDS } from '../../../../shared/domain/activityCodes';
import { type ActivityFields, activityFieldsSchema } from '../../../../shared/records/activities';
import { camelDb } from '../../camel';
import { activityFieldsOf, createActivityIn, updateActivityIn } from '../../services/activities';
import type { ImportField } from '../fields';
import type { KindAdapter, Match } from './types';

const fields: ImportField[] = [
  {
    key: 'partyOrgId',
    label: '党组织名称',
    required: true,
    kind: 'partyOrg',
    synonyms: ['党组织', '支部名称', '党支部名称', '党支部', '党组织全称'],
    help: '党组织全称，与“党组织”中的名称一致',
  },
  {
    key: 'regionId',
    label: '所属属地',
    kind: 'region',
    synonyms: ['属地', '乡镇', '所属乡镇', '镇街', '所在镇街', '乡镇（街道）', '苏木乡镇'],
    help: '两个属地有同名党组织时用来区分',
  },
  {
    key: 'kind',
    label: '活动类型',
    required: true,
    kind: 'code',
    codes: ACTIVITY_KINDS,
    synonyms: ['活动形式', '会议类型', '活动类别', '类型', '形式'],
    help: '支部党员大会 / 支委会 / 党小组会 / 党课 / 主题党日 / 恳谈会 / 组织生活会 / 民主评议党员 / 其他',
  },
  {
    key: 'date',
    label: '活动日期',
    required: true,
    kind: 'date',
    synonyms: ['活动时间', '日期', '时间', '开展时间', '召开时间', '会议时间'],
    help: '如 2026-03-05，不能晚于今天',
  },
  { key: 'topic', label: '活动主题', kind: 'text', synonyms: ['主题', '活动内容', '内容', '会议主题', '议题'], help: '' },
  { key: 'expected', label: '应到人数', kind: 'int', synonyms: ['应到', '应参加人数', '应到党员'], help: '如 12 或 12人' },
  {
    key: 'attendance',
    label: '实到人数',
    kind: 'int',
    synonyms: ['参加人数', '实到', '参会人数', '出席人数', '实到党员'],
    help: '如 10 或 10人，不多于应到人数',
  },
  { key: 'place', label: '活动地点', kind: 'text', synonyms: ['地点', '开展地点', '会议地点'], help: '' },
  { key: 'remarks', label: '备注', kind: 'text', synonyms: ['说明'], help: '' },
];

const key = (p: Record<string, unknown>) => `${p.partyOrgId}|${p.date}|${p.kind}`;

export const activitiesImport: KindAdapter<ActivityFields> = {
  kind: 'activities',
  fields,
  matchRule: '同一党组织、同一天、同一类型的视为同一次活动：内容不同的更新，相同的跳过；其余新增。',
  schema: activityFieldsSchema,
  async rules(ctx) {
    const today = ctx.today();
    const rows = await camelDb(ctx.ledger.db).selectFrom('activities').selectAll().where('deletedAt', 'is', null).execute();
    const byKey = new Map<string, Omit<Match, 'by'>>();
    for (const r of rows) {
      const f = activityFieldsOf(r);
      byKey.set(key(f), { id: r.id, fields: f as unknown as Record<string, unknown> });
    }
    return {
      duplicateKey: (p) => (p.partyOrgId && p.date && p.kind ? { key: key(p), field: 'date', what: '党组织、活动日期和活动类型' } : null),
      match(p) {
        const hit = byKey.get(key(p));
        return hit && { ...hit, by: '党组织、活动日期和活动类型' };
      },
      complete(p, cx) {
        if (typeof p.date === 'string' && p.date > today) cx.error('date', `活动日期${p.date}晚于今天，只能登记已开展的活动`);
      },
    };
  },
  create: (w, input, audit) => createActivityIn(w, input, audit),
  update: (w, id, input, audit) => updateActivityIn(w, id, input, audit),
  title: (_p, cell) => `${cell('partyOrgId')} ${cell('date')} ${cell('kind')}`.trim(),
};
