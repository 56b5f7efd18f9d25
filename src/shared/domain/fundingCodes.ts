/**
 * 经费 codes. The sources are the “四个一” of the county reports (企业列支、上级补充、党费返还、财政补贴)
 * and 其他; the kinds are what a payment is for, 书记补助 being paid by the month.
 */
import type { CodeTable } from './codes';

export const FUNDING_SOURCES = [
  { code: 'unit', label: '企业列支' },
  { code: 'superior', label: '上级补充' },
  { code: 'dues_return', label: '党费返还' },
  { code: 'fiscal', label: '财政补贴' },
  { code: 'other', label: '其他' },
] as const satisfies CodeTable<string>;
export type FundingSource = (typeof FUNDING_SOURCES)[number]['code'];

export const FUNDING_KINDS = [
  { code: 'startup', label: '启动经费' },
  { code: 'activity', label: '活动经费' },
  { code: 'secretary_allowance', label: '书记补助' },
  { code: 'dues_return', label: '党费返还' },
  { code: 'venue', label: '阵地建设经费' },
  { code: 'other', label: '其他' },
] as const satisfies CodeTable<string>;
export type FundingKind = (typeof FUNDING_KINDS)[number]['code'];
