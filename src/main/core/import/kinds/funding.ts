/**
 * 经费: one payment per row. A township's sheet names the party organization (in its region when two
 * share a name), the source in its own words (上级拨付, 党费返还 …) and the amount with its unit
 * (“5,000元”, “0.5万元”). A row is the same payment as a stored one when party organization, date,
 * source and amount agree.
 */
import { FUNDING_KINDS, FUNDING_SOURCES } from '../../../../shared/domain/fundingCodes';
import { type FundingFields, fundingFenFieldsSchema } from '../../../../shared/records/funding';
import { readYuan } from '../../../../shared/rules/money';
import { camelDb } from '../../camel';
import { createFundingIn, storedFields, updateFundingIn } from '../../services/funding';
import type { ImportField } from '../fields';
import type { KindAdapter, Match, Partial } from './types';

const fields: ImportField[] = [
  {
    key: 'partyOrgId',
    label: '党组织名称',
    required: true,
    kind: 'partyOrg',
    synonyms: ['党组织', '支部名称', '党支部名称', '党组织全称', '受拨党组织', '拨付对象'],
    help: '党组织全称，同名时按所属属地区分',
  },
  {
    key: 'regionId',
    label: '所属属地',
    kind: 'region',
    synonyms: ['属地', '乡镇', '所属乡镇', '所在乡镇', '镇街', '所在镇街', '所属镇街', '乡镇（街道）', '苏木乡镇'],
    help: '同名党组织时用来区分；可空',
  },
  {
    key: 'source',
    label: '经费来源',
    required: true,
    kind: 'code',
    codes: FUNDING_SOURCES,
    synonyms: ['来源', '资金来源', '经费渠道'],
    help: '企业列支 / 上级补充 / 党费返还 / 财政补贴 / 其他',
  },
  {
    key: 'fundKind',
    label: '经费类别',
    kind: 'code',
    codes: FUNDING_KINDS,
    synonyms: ['类别', '经费类型', '用途', '经费用途', '项目'],
    help: '启动经费 / 活动经费 / 书记补助 / 党费返还 / 阵地建设经费 / 其他；空白按来源记为党费返还或其他',
  },
  {
    key: 'amount',
    label: '金额（元）',
    required: true,
    kind: 'text',
    synonyms: ['金额', '拨付金额', '经费金额', '金额(万元)', '金额（万元）', '数额', '拨付资金'],
    help: '如 5000、5,000元 或 0.5万元，最多两位小数',
  },
  {
    key: 'date',
    label: '拨付日期',
    required: true,
    kind: 'date',
    month: 'first',
    synonyms: ['拨付时间', '日期', '时间', '下拨时间', '到账时间', '拨付日期（年月日）'],
    help: '如 2026-03-01；只有年月的记为当月1日',
  },
  {
    key: 'period',
    label: '所属期间',
    kind: 'text',
    synonyms: ['期间', '补助月份', '月份', '所属月份'],
    help: '书记补助必填，如 2026年1—6月',
  },
  { key: 'documentNo', label: '文号', kind: 'text', synonyms: ['拨付文号', '文件号', '依据文号', '文件文号'], help: '' },
  { key: 'remarks', label: '备注', kind: 'text', synonyms: ['说明'], help: '' },
];

/** The amount cell in 分 (the sheet's text until `complete` reads it). */
function fenOf(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return null;
  const r = readYuan(v);
  return 'fen' in r ? r.fen : null;
}

const keyOf = (p: { partyOrgId?: unknown; date?: unknown; source?: unknown; amount?: unknown }) =>
  `${p.partyOrgId}|${p.date}|${p.source}|${fenOf(p.amount)}`;
const SAME = '党组织、拨付日期、来源和金额';

export const fundingImport: KindAdapter<FundingFields> = {
  kind: 'funding',
  fields,
  matchRule: `${SAME}都相同的视为已有记录：内容相同的跳过，不同的更新；其余新增。`,
  schema: fundingFenFieldsSchema,
  async rules(ctx) {
    const today = ctx.today();
    const rows = await camelDb(ctx.ledger.db).selectFrom('funding').selectAll().execute();
    const byKey = new Map<string, Omit<Match, 'by'>>();
    for (const r of rows) {
      const f = storedFields(r);
      byKey.set(keyOf(f), { id: r.id, fields: f as unknown as Record<string, unknown> });
    }
    return {
      duplicateKey: (p: Partial) =>
        p.partyOrgId != null && p.date && fenOf(p.amount) != null ? { key: keyOf(p), field: 'amount', what: SAME } : null,
      match(p) {
        const hit = byKey.get(keyOf(p));
        return hit && { ...hit, by: SAME };
      },
      complete(p, cx) {
        if (typeof p.amount === 'string') {
          const r = readYuan(p.amount);
          if ('fen' in r) p.amount = r.fen;
          else {
            cx.error('amount', `${r.problem}，实际为“${p.amount}”`);
            delete p.amount;
          }
        }
        if (!p.fundKind && p.source) p.fundKind = p.source === 'dues_return' ? 'dues_return' : 'other';
        if (typeof p.date === 'string' && p.date > today) cx.error('date', `拨付日期${p.date}晚于今天`);
      },
    };
  },
  create: (w, input, audit) => createFundingIn(w, input, null, audit),
  update: (w, id, input, audit) => updateFundingIn(w, id, input, null, audit),
  title: (_p, cell) => `${cell('partyOrgId')} ${cell('date')} ${cell('amount')}`,
};
