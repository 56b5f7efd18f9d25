/** Codes of 组织生活与活动 (三会一课, 主题党日, the 1+N 恳谈会…), shaped like the tables in codes.ts. */
import type { CodeTable } from './codes';

export const ACTIVITY_KINDS = [
  { code: 'branch_meeting', label: '支部党员大会' },
  { code: 'committee_meeting', label: '支委会' },
  { code: 'group_meeting', label: '党小组会' },
  { code: 'party_lecture', label: '党课' },
  { code: 'theme_day', label: '主题党日' },
  { code: 'forum', label: '恳谈会' },
  { code: 'life_meeting', label: '组织生活会' },
  { code: 'review', label: '民主评议党员' },
  { code: 'other', label: '其他' },
] as const satisfies CodeTable<string>;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number]['code'];

/** What the 组织生活 page warns about. */
export const ACTIVITY_GAPS = [
  { code: 'no_forum', label: '未开季度恳谈会' },
  { code: 'no_theme_day', label: '三个月未开展主题党日' },
] as const satisfies CodeTable<string>;
export type ActivityGap = (typeof ACTIVITY_GAPS)[number]['code'];
