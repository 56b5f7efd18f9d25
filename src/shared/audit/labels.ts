/**
 * The Chinese names of what the audit log stores: kinds of record, actions, fields and coded values.
 * Field labels start from the form labels (FIELD_LABELS) so a field reads the same in a form, an error
 * message and the log; what only the log holds (case snapshots, exchange and import tags) is added here.
 */

import { ACTIVITY_KINDS } from '../domain/activityCodes';
import {
  ANNUAL_CHECK_RESULTS,
  CASE_ACTIONS,
  CASE_STATES,
  type CodeTable,
  EVAL_GRADES,
  FORMATION_METHODS,
  MANAGEMENT_CLASSES,
  ORG_CATEGORIES,
  ORG_STATUSES,
  ORG_SUBTYPES,
  PARTY_ORG_TYPES,
  REGION_KINDS,
  VENUE_STANDARDS,
} from '../domain/codes';
import { FUNDING_KINDS, FUNDING_SOURCES } from '../domain/fundingCodes';
import { ROLES } from '../domain/roles';
import { MASS_ORG_KINDS, MODEL_SITE_LEVELS, PARTY_REVIEW_RESULTS } from '../domain/siteCodes';
import { TRAINING_TARGETS } from '../domain/trainingCodes';
import { FIELD_LABELS } from '../schemas';

/** Every `entity` written to audit_log, as the 操作日志's 对象 filter offers them. */
export const AUDIT_ENTITIES: Record<string, string> = {
  org: '两新组织',
  partyOrg: '党组织',
  instructor: '指导员',
  assignment: '指导员选派',
  region: '属地',
  settings: '系统设置',
  case: '整顿对象',
  class: '分类定级',
  rating: '星级评定',
  screening_deferral: '暂不认定',
  leader: '包联领导',
  exchange: '数据交换',
  ledger: '台账',
  funding: '经费',
  training: '培训班',
  activity: '组织生活',
  grid: '网格',
  model_site: '示范点（品牌）',
  mass_org: '群团组织',
  inspection: '社会组织年检',
  member_year: '党员发展',
  user: '账号',
};

export const AUDIT_ACTIONS: Record<string, string> = {
  create: '新增',
  update: '修改',
  delete: '删除',
  end: '结束选派',
  reorder: '调整顺序',
  plan: '制定整顿方案',
  progress: '记录月度进展',
  accept: '验收',
  delist: '销号',
  reopen: '回头看重新整顿',
  set: '设定',
  exchange: '数据交换导入',
  export: '导出交换文件',
  seed: '载入演示数据',
  defer: '暂不认定',
  undefer: '恢复排查建议',
  reset_password: '重置密码',
  change_password: '修改密码',
};

/** Fields only the log holds, or that the log names more precisely than a form does. */
const LOG_FIELD_LABELS: Record<string, string> = {
  // A case's snapshot and its step.
  event: '本次操作',
  isRepeat: '重复认定',
  identifiedDate: '认定日期',
  acceptedDate: '验收日期',
  acceptScore: '验收得分',
  delistedDate: '销号日期',
  // Imports and exchanges tag the rows they write.
  importFile: '导入文件',
  importRow: '导入文件行号',
  exchangeFile: '交换文件',
  exchangeSource: '交换文件来源',
  exportedAt: '导出时间',
  counts: '记录数',
  encrypted: '已加密',
  regionsCreated: '新建的属地',
  created: '新增',
  updated: '更新',
  keptLocal: '保留本地版本的记录',
  unchanged: '未变化的记录数',
  skipped: '未导入的记录',
  contentSha256: '内容校验值',
  regionName: '所属属地',
  coveredOrgKeys: '覆盖的两新组织',
  assignments: '选派记录',
  orgKey: '两新组织',
  removedCoveredOrgIds: '移出覆盖的两新组织',
  futureAssignments: '随之取消的未开始选派',
  // Regions are logged as stored rows.
  sort_order: '排序',
  sortOrder: '排序',
  created_at: '创建时间',
  orgCount: '两新组织数',
  order: '属地顺序',
  value: '内容',
  // 包联领导 (设置) and 暂不认定.
  title: '职务',
  level: '领导层级',
  active: '在用',
  partyOrgName: '党组织名称',
  leaderCountyId: '包联县级领导',
  leaderTownshipId: '乡镇包联领导',
  leaderCountyTitle: '包联县级领导职务',
  leaderOrder: '包联领导顺序',
  // Accounts (issue #14).
  role: '角色',
  regionIds: '负责属地',
};

/** Where one kind of record names a field its own way. */
const ENTITY_FIELD_LABELS: Record<string, Record<string, string>> = {
  instructor: { name: '姓名' },
  leader: { name: '姓名', sort: '排序' },
  region: { name: '属地名称', kind: '属地类型' },
  activity: { date: '活动日期', kind: '活动类型', topic: '活动主题', place: '活动地点' },
  case: { date: '认定日期', reason: '认定理由' },
  screening_deferral: { reason: '暂不认定理由' },
  funding: { date: '拨付日期' },
  training: { name: '姓名', unit: '单位', regionId: '举办属地', topic: '培训主题', place: '培训地点' },
  grid: { name: '网格名称', partyOrgId: '区域党支部' },
  model_site: { level: '命名级别', year: '命名年度', documentNo: '命名文号' },
  mass_org: { kind: '群团组织' },
  inspection: { year: '年检年度' },
  user: { userName: '用户名', name: '姓名', role: '角色', regionIds: '负责属地', enabled: '启用', mustChangePassword: '须修改密码' },
  ledger: { regions: '属地数', orgs: '两新组织数', partyOrgs: '党组织数', instructors: '指导员数', cases: '整顿对象数' },
};

/** Technical fields kept in the row but not worth a clerk's line: ids, stamps, hashes. */
export const HIDDEN_AUDIT_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'created_at',
  'updated_at',
  'createdAt',
  'updatedAt',
  'contentSha256',
  'orgCount',
]);

export function auditFieldLabel(entity: string, key: string): string | undefined {
  const own = ENTITY_FIELD_LABELS[entity];
  if (own && Object.hasOwn(own, key)) return own[key];
  if (Object.hasOwn(LOG_FIELD_LABELS, key)) return LOG_FIELD_LABELS[key];
  if (Object.hasOwn(FIELD_LABELS, key)) return FIELD_LABELS[key];
  return undefined;
}

/** 包联领导's level (设置). */
const LEADER_LEVELS: CodeTable<string> = [
  { code: 'county', label: '县级' },
  { code: 'township', label: '乡镇级' },
];

const VENUE_STANDARD_TABLE: CodeTable<string> = Object.entries(VENUE_STANDARDS).map(([code, v]) => ({ code, label: v.label }));

/** Fields holding a code, by the table that names its values. */
export const CODED_AUDIT_FIELDS: Record<string, CodeTable<string>> = {
  category: ORG_CATEGORIES,
  subtype: ORG_SUBTYPES,
  status: ORG_STATUSES,
  annualCheck: ANNUAL_CHECK_RESULTS,
  evalGrade: EVAL_GRADES,
  type: PARTY_ORG_TYPES,
  method: FORMATION_METHODS,
  // Codes of different fields sharing a key: 属地类型 and 群团组织 (disjoint codes).
  kind: [...REGION_KINDS, ...MASS_ORG_KINDS],
  class: MANAGEMENT_CLASSES,
  state: CASE_STATES,
  action: CASE_ACTIONS,
  venueStandard: VENUE_STANDARD_TABLE,
  source: FUNDING_SOURCES,
  fundKind: FUNDING_KINDS,
  target: TRAINING_TARGETS,
  // 包联领导's level and a 示范点's 命名级别 share 县级.
  level: [...LEADER_LEVELS, ...MODEL_SITE_LEVELS.filter((l) => l.code !== 'county')],
  result: ANNUAL_CHECK_RESULTS,
  partyReview: PARTY_REVIEW_RESULTS,
  role: ROLES,
};

/** Where one kind of record codes a field its own way: an activity's `kind` is not a region's. */
const ENTITY_CODED_FIELDS: Record<string, Record<string, CodeTable<string>>> = {
  activity: { kind: ACTIVITY_KINDS },
};

export function codedAuditField(entity: string, key: string): CodeTable<string> | undefined {
  const own = ENTITY_CODED_FIELDS[entity];
  if (own && Object.hasOwn(own, key)) return own[key];
  return Object.hasOwn(CODED_AUDIT_FIELDS, key) ? CODED_AUDIT_FIELDS[key] : undefined;
}

/** Fields holding the id of another record, by the kind of record. */
export const REFERENCE_FIELDS: Record<string, 'region' | 'org' | 'partyOrg' | 'instructor' | 'leader'> = {
  regionId: 'region',
  orgId: 'org',
  partyOrgId: 'partyOrg',
  instructorId: 'instructor',
  leaderCountyId: 'leader',
  leaderTownshipId: 'leader',
  coveredOrgIds: 'org',
  orgIds: 'org',
  regionIds: 'region',
  removedCoveredOrgIds: 'org',
  partyOrgIds: 'partyOrg',
  order: 'region',
  leaderOrder: 'leader',
};

/** A reference stored beside the name it had then (a plan's 包联领导 and 指导员): the name is shown once. */
export const NAMED_REFERENCES: Record<string, string> = {
  leaderCountyId: 'leaderCounty',
  leaderTownshipId: 'leaderTownship',
  instructorId: 'instructorName',
};

/** Counts keyed by kind of record (exchange and seed summaries). */
export const COUNTED_KINDS: Record<string, string> = {
  regions: '属地',
  orgs: '两新组织',
  org: '两新组织',
  partyOrgs: '党组织',
  partyOrg: '党组织',
  instructors: '指导员',
  instructor: '指导员',
  assignments: '选派记录',
  cases: '整顿对象',
  // The #13 records in an exchange file (manifest counts) and an import's summary (by kind).
  funding: '经费',
  trainings: '培训班',
  training: '培训班',
  trainingAttendees: '参训人员',
  activities: '组织生活',
  activity: '组织生活',
  grids: '网格',
  grid: '网格',
  modelSites: '示范点',
  modelSite: '示范点',
  massOrgs: '群团组织',
  massOrg: '群团组织',
  inspections: '年检',
  inspection: '年检',
  memberYears: '党员发展',
  memberYear: '党员发展',
};

/** A case step's title, as the case's timeline shows it. */
export function caseStepTitle(action: string, passed?: unknown, belowLineReason?: unknown): string {
  switch (action) {
    case 'create':
    case 'identify':
      return '排查认定';
    case 'plan':
      return '制定整顿方案';
    case 'progress':
      return '月度进展';
    case 'accept':
      if (passed === false) return '验收未通过，退回整顿';
      return belowLineReason ? '验收通过（低于合格线）' : '验收通过';
    case 'delist':
      return '销号';
    case 'reopen':
      return '回头看，重新整顿';
    default:
      return AUDIT_ACTIONS[action] ?? '其他操作';
  }
}
