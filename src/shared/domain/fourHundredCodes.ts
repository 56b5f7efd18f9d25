/** 四个100%: the four targets, in the order the overview and the miss lists show them (shaped like codes.ts's tables). */
export const FOUR_HUNDRED = [
  { code: 'build', label: '3名以上正式党员的单独组建', short: '应建尽建' },
  { code: 'rated', label: '单独组建党组织纳入星级管理', short: '星级管理' },
  { code: 'joint', label: '1—2名正式党员的纳入联合党组织', short: '联合组建' },
  { code: 'work', label: '无正式党员的党的工作覆盖', short: '工作覆盖' },
] as const;

export type FourHundredKey = (typeof FOUR_HUNDRED)[number]['code'];
