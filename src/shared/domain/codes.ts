/**
 * Code tables: short stable codes stored in the database, with the Chinese labels a clerk sees.
 * The order of each table is the order shown in drop-downs and reports.
 */

export type CodeTable<C extends string> = readonly { code: C; label: string }[];

function table<const T extends readonly { code: string; label: string }[]>(rows: T) {
  return rows;
}

export function labelOf<C extends string>(rows: CodeTable<C>, code: C | null | undefined): string {
  if (code == null) return '';
  return rows.find((r) => r.code === code)?.label ?? code;
}

export function codesOf<C extends string>(rows: CodeTable<C>): [C, ...C[]] {
  return rows.map((r) => r.code) as [C, ...C[]];
}

export const REGION_KINDS = table([
  { code: 'township', label: '乡镇' },
  { code: 'subdistrict', label: '街道' },
  { code: 'sumu', label: '苏木' },
  { code: 'park', label: '园区·开发区' },
  { code: 'county', label: '县（旗）直属' },
] as const);
export type RegionKind = (typeof REGION_KINDS)[number]['code'];

/** 两新组织的大类。 */
export const ORG_CATEGORIES = table([
  { code: 'social', label: '社会组织' },
  { code: 'nonpublic', label: '非公经济组织' },
] as const);
export type OrgCategory = (typeof ORG_CATEGORIES)[number]['code'];

/** Sub-types, each belonging to one category; `uscc` is the code kind (first two characters) it normally carries. */
export const ORG_SUBTYPES = table([
  { code: 'association', label: '社会团体', category: 'social', uscc: '51' },
  { code: 'chamber', label: '行业协会商会', category: 'social', uscc: '51' },
  { code: 'remote_chamber', label: '异地商会', category: 'social', uscc: '51' },
  { code: 'private_nonenterprise', label: '民办非企业单位（社会服务机构）', category: 'social', uscc: '52' },
  { code: 'private_school', label: '民办学校', category: 'social', uscc: '52' },
  { code: 'private_hospital', label: '民营医院', category: 'social', uscc: '52' },
  { code: 'elderly_care', label: '养老机构', category: 'social', uscc: '52' },
  { code: 'foundation', label: '基金会', category: 'social', uscc: '53' },
  { code: 'company', label: '非公企业（公司）', category: 'nonpublic', uscc: '91' },
  { code: 'partnership', label: '非公企业（合伙）', category: 'nonpublic', uscc: '91' },
  { code: 'sole_proprietorship', label: '非公企业（个人独资）', category: 'nonpublic', uscc: '91' },
  { code: 'cooperative', label: '农民专业合作社', category: 'nonpublic', uscc: '93' },
  { code: 'individual', label: '个体工商户', category: 'nonpublic', uscc: '92' },
  { code: 'market', label: '商场·市场', category: 'nonpublic', uscc: '91' },
] as const);
export type OrgSubtype = (typeof ORG_SUBTYPES)[number]['code'];

export function categoryOfSubtype(subtype: OrgSubtype): OrgCategory {
  const row = ORG_SUBTYPES.find((r) => r.code === subtype);
  return (row?.category ?? 'nonpublic') as OrgCategory;
}

export const ORG_STATUSES = table([
  { code: 'normal', label: '正常' },
  { code: 'cancelled', label: '注销' },
  { code: 'revoked', label: '撤销' },
  { code: 'suspended', label: '歇业' },
] as const);
export type OrgStatus = (typeof ORG_STATUSES)[number]['code'];

export const ANNUAL_CHECK_RESULTS = table([
  { code: 'pass', label: '合格' },
  { code: 'basic', label: '基本合格' },
  { code: 'fail', label: '不合格' },
  { code: 'absent', label: '未参检' },
] as const);
export type AnnualCheck = (typeof ANNUAL_CHECK_RESULTS)[number]['code'];

export const EVAL_GRADES = table([
  { code: '1A', label: '1A' },
  { code: '2A', label: '2A' },
  { code: '3A', label: '3A' },
  { code: '4A', label: '4A' },
  { code: '5A', label: '5A' },
] as const);
export type EvalGrade = (typeof EVAL_GRADES)[number]['code'];

export const PARTY_ORG_TYPES = table([
  { code: 'committee', label: '党委' },
  { code: 'general_branch', label: '党总支' },
  { code: 'branch', label: '党支部' },
  { code: 'joint_branch', label: '联合党支部' },
  { code: 'temporary', label: '临时党支部' },
  { code: 'functional', label: '功能型党组织' },
] as const);
export type PartyOrgType = (typeof PARTY_ORG_TYPES)[number]['code'];

/** 组建方式. Only `single` limits coverage to exactly one organization. */
export const FORMATION_METHODS = table([
  { code: 'single', label: '单独组建' },
  { code: 'joint', label: '联合组建' },
  { code: 'attached', label: '挂靠组建' },
  { code: 'industry', label: '行业组建' },
  { code: 'regional', label: '区域化“1+N”' },
  { code: 'dispatched', label: '派员组建' },
] as const);
export type FormationMethod = (typeof FORMATION_METHODS)[number]['code'];

/** 组织覆盖情况 of one organization, as the clerk filters and counts it. */
export const COVERAGE_STATUSES = table([
  { code: 'single', label: '单独组建' },
  { code: 'shared', label: '联合·挂靠·区域覆盖' },
  { code: 'work', label: '仅工作覆盖' },
  { code: 'none', label: '未覆盖' },
  { code: 'out', label: '不纳入统计' },
] as const);
export type CoverageStatus = (typeof COVERAGE_STATUSES)[number]['code'];

export const ORG_FLAGS = table([
  { code: 'should_build', label: '应建未建' },
  { code: 'uncovered', label: '未覆盖' },
  { code: 'members_unorganized', label: '有党员未建组织' },
  { code: 'planned_overdue', label: '拟建逾期' },
  { code: 'no_reason', label: '未填未建原因' },
  { code: 'uscc_invalid', label: '信用代码有误' },
  { code: 'uscc_kind_mismatch', label: '代码类别不符' },
] as const);
export type OrgFlag = (typeof ORG_FLAGS)[number]['code'];

export const PARTY_ORG_FLAGS = table([
  { code: 'election_overdue', label: '换届逾期' },
  { code: 'election_due3', label: '3个月内应换届' },
  { code: 'election_due6', label: '3—6个月内应换届' },
  { code: 'should_be_general_branch', label: '应设总支' },
  { code: 'should_be_committee', label: '应设党委' },
  { code: 'secretary_vacant', label: '书记空缺' },
  { code: 'needs_branch_committee', label: '应设支委会' },
] as const);
export type PartyOrgFlag = (typeof PARTY_ORG_FLAGS)[number]['code'];

/** The two venue standards of DOMAIN.md; the county picks one in 设置. */
export const VENUE_STANDARDS = {
  liuyou: {
    label: '“六有”标准',
    items: ['有场所', '有设施', '有标志', '有党旗', '有书报', '有制度'],
  },
  bayou: {
    label: '“八有”标准',
    items: ['有班子', '有队伍', '有阵地', '有制度', '有活动', '有经费', '有服务', '有作为'],
  },
} as const;
export type VenueStandard = keyof typeof VENUE_STANDARDS;

/** States of a 软弱涣散 rectification case. */
export const CASE_STATES = table([
  { code: 'identified', label: '已认定' },
  { code: 'rectifying', label: '整顿中' },
  { code: 'accepted', label: '已验收' },
  { code: 'delisted', label: '已销号' },
] as const);
export type CaseState = (typeof CASE_STATES)[number]['code'];

export const CASE_ACTIONS = table([
  { code: 'plan', label: '制定整顿方案' },
  { code: 'progress', label: '记录月度进展' },
  { code: 'accept', label: '验收' },
  { code: 'delist', label: '销号' },
  { code: 'reopen', label: '回头看重新整顿' },
] as const);
export type CaseAction = (typeof CASE_ACTIONS)[number]['code'];

/** 分类定级 management classes. */
export const MANAGEMENT_CLASSES = table([
  { code: 'rectify', label: '集中整顿' },
  { code: 'standard', label: '规范建设' },
  { code: 'brand', label: '品牌创建' },
] as const);
export type ManagementClass = (typeof MANAGEMENT_CLASSES)[number]['code'];

/** The situations of DOMAIN.md that make a party organization 软弱涣散; counties may edit the list in 设置. */
export const DEFAULT_SITUATIONS = [
  '班子配备不齐、书记空缺',
  '书记不胜任或长期缺职',
  '党建工作不力',
  '组织生活不健全',
  '党员教育管理不严格',
  '活动开展不规范',
  '换届逾期',
  '组织制度形同虚设',
  '党员队伍管理混乱',
  '服务群众满意度低',
] as const;

/** The orders the 两新组织 list can be sorted by (the contract's orgs.list and the list's address share them). */
export const ORG_LIST_SORTS = ['name', 'region', 'formalMembers', 'employees', 'coverage', 'id'] as const;
