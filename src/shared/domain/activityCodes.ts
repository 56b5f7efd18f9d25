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

/** The words township clerks write for the kinds (the import reads them; 座谈会 could be any, so it is asked). */
export const ACTIVITY_KIND_WORDS: Record<ActivityKind, readonly string[]> = {
  branch_meeting: ['党员大会', '支部大会', '全体党员大会', '党员会议', '支部党员会'],
  committee_meeting: ['支委会议', '支部委员会', '支部委员会会议', '支委扩大会', '支委扩大会议'],
  group_meeting: ['党小组会议', '党小组', '小组会'],
  party_lecture: ['讲党课', '专题党课', '书记讲党课', '上党课'],
  theme_day: ['主题党日活动', '党日活动', '固定党日', '主题党日（固定党日）', '支部主题党日'],
  forum: ['季度恳谈会', '联席恳谈会', '企业恳谈会', '1+N恳谈会'],
  life_meeting: ['专题组织生活会', '年度组织生活会'],
  review: ['民主评议', '评议党员', '民主评议会'],
  other: [],
};
