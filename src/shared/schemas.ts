/**
 * Input schemas with Chinese messages. The main process parses every input with them (the trust
 * boundary); the renderer's forms validate with the same ones, so both say the same thing.
 */
import { z } from 'zod';
import { clip, hasControlChars, hasLoneSurrogate } from './text';
import './zodLocale';
import {
  ANNUAL_CHECK_RESULTS,
  codesOf,
  EVAL_GRADES,
  FORMATION_METHODS,
  ORG_CATEGORIES,
  ORG_STATUSES,
  ORG_SUBTYPES,
  PARTY_ORG_TYPES,
  REGION_KINDS,
} from './domain/codes';
import { isValidDate } from './rules/dates';
import { isValidPhone } from './rules/phone';
import { checkUscc, normalizeUscc } from './rules/uscc';

/** Labels used to name a field in an error message: “「统一社会信用代码」校验位错误…”. */
export const FIELD_LABELS: Record<string, string> = {
  id: '编号',
  name: '名称',
  uscc: '统一社会信用代码',
  category: '组织类别',
  subtype: '组织类型',
  registrationAuthority: '登记管理机关',
  supervisorUnit: '业务主管单位',
  industry: '所属行业',
  regionId: '所属属地',
  address: '地址',
  legalRep: '法定代表人（负责人）',
  legalRepPhone: '负责人电话',
  legalRepIsMember: '负责人是党员',
  investorIsMember: '出资人是党员',
  hasUnion: '已建工会',
  hasYouthLeague: '已建共青团',
  hasWomenFederation: '已建妇联',
  remarks: '备注',
  secretaryIsHead: '书记由负责人担任',
  fullTime: '专职',
  employees: '从业人员数',
  formalMembers: '正式党员数',
  probationaryMembers: '预备党员数',
  activists: '入党积极分子数',
  annualCheck: '年检（年报）结果',
  evalGrade: '评估等级',
  status: '经营状态',
  outOfScope: '不纳入统计',
  outOfScopeReason: '不纳入统计原因',
  noPartyReason: '未建原因',
  plannedBuildDate: '拟建时间',
  type: '党组织类型',
  method: '组建方式',
  parentName: '上级党组织',
  foundedDate: '成立时间',
  approvalNo: '批复文号',
  secretaryName: '书记姓名',
  secretaryPhone: '书记电话',
  deputySecretary: '副书记',
  committeeMembers: '委员',
  partyWorkers: '党务工作者数',
  lastElectionDate: '上次换届时间',
  termYears: '任期（年）',
  starRating: '星级',
  venueChecklist: '阵地建设',
  // The old undated amounts (now 经费 records): kept so older 操作日志 rows still read in Chinese.
  fundingSuperior: '上级拨付经费',
  fundingDuesReturn: '党费返还',
  fundingUnit: '单位列支',
  fundingFiscal: '财政补贴',
  coveredOrgIds: '覆盖的两新组织',
  unit: '工作单位',
  post: '职务',
  phone: '联系电话',
  appointedDate: '选派时间',
  grids: '负责网格',
  instructorId: '指导员',
  orgId: '两新组织',
  fromDate: '起始日期',
  toDate: '截止日期',
  countyName: '县（旗）名称',
  countyCode: '行政区划代码',
  reportingUnit: '填报单位',
  venueStandard: '阵地建设标准',
  loginMaxFailures: '密码连续错误锁定次数',
  loginLockMinutes: '锁定时长（分钟）',
  passwordMaxAgeDays: '密码有效期（天）',
  sessionIdleMinutes: '无操作自动退出（分钟）',
  kind: '类型',
  code: '区划代码',
  sortOrder: '排序',
  ids: '排序',
  query: '查询内容',
  offset: '起始行',
  limit: '每页行数',
  partyOrgId: '党组织',
  partyOrgIds: '党组织',
  year: '年度',
  batch: '批次',
  date: '日期',
  situations: '认定情形',
  problems: '问题清单',
  reason: '原因',
  measures: '整顿措施',
  goal: '整顿目标',
  responsible: '责任人',
  deadline: '整顿时限',
  leaderCounty: '包联县级领导',
  leaderTownship: '乡镇领导或第一书记',
  leaderCountyId: '包联县级领导',
  leaderTownshipId: '乡镇包联领导',
  belowLineReason: '低于合格线通过的理由',
  passLine: '验收合格线',
  title: '职务',
  level: '领导层级',
  active: '在用',
  instructorName: '指导员',
  pairingDept: '结对部门',
  listedDate: '挂牌日期',
  score: '验收得分',
  passed: '验收结论',
  satisfaction: '满意度',
  opinion: '验收意见',
  newDeadline: '新的整顿时限',
  note: '进展情况',
  plan: '整顿方案',
  action: '操作',
  class: '管理类别',
  stars: '星级',
  assessedDate: '评定日期',
  venueThreshold: '阵地建设达标项数',
  backupKeepDaily: '按日保留备份数',
  backupKeepMonthly: '按月保留备份数',
  file: '文件',
  fields: '记录内容',
  filters: '筛选条件',
  version: '版本号',
  mapping: '列对应',
  resolutions: '冲突处理',
  bulk: '批量处理方式',
  base64: '文件内容',
  fileName: '文件名',
  password: '密码',
  skipErrors: '跳过错误行',
  assignmentId: '选派记录',
  excludeIds: '排除的组织',
  sort: '排序方式',
  dir: '排序方向',
  coverage: '覆盖状态',
  flag: '标记',
  entity: '记录类别',
  entityId: '记录编号',
  from: '起始日期',
  to: '截止日期',
  asOf: '统计日期',
  report: '台账',
  leader: '包联县级领导',
  overdue: '逾期',
  state: '状态',
  // 经费.
  source: '经费来源',
  fundKind: '经费类别',
  amount: '金额（元）',
  period: '所属期间',
  documentNo: '文号',
  // 培训班 (trainings)
  startDate: '开始日期',
  endDate: '结束日期',
  topic: '主题',
  target: '培训对象',
  organizer: '举办单位',
  place: '地点',
  sessions: '期数',
  attendances: '培训人次',
  attendees: '参训人员',
  countyLevel: '旗县级举办',
  dates: '培训时间',
  // 组织生活与活动 (主题 and 地点 are shared with 培训班; the 操作日志 names them per record in audit/labels.ts).
  expected: '应到人数',
  attendance: '实到人数',
  day: '统计日期',
  // 1+N 网格 (src/shared/records/grids.ts).
  contactCards: '服务联系卡已发放',
  contactCardsDate: '联系卡发放日期',
  orgIds: '网格内组织',
  // 示范点与品牌, 群团, 年检 (src/shared/records).
  brandName: '党建品牌名称',
  fiveStar: '五星创建',
  revokedYear: '撤销（摘牌）年度',
  present: '已建立',
  members: '成员人数',
  chair: '负责人',
  result: '年检结论',
  partyReview: '党建工作情况审查',
  // 党员发展 by year (member_years)
  formal: '正式党员',
  probationary: '预备党员',
  candidates: '发展对象',
  newMembers: '新发展党员',
};

export const emptyToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

/** The rule every text field shares: no invisible control characters, no broken characters. */
export const visibleText =
  (lines = false) =>
  (v: string, ctx: z.RefinementCtx) => {
    if (hasControlChars(v, lines)) {
      ctx.addIssue({
        code: 'custom',
        message: lines ? '含有不可见的控制字符，请删除（换行和制表符除外）' : '含有不可见的控制字符（如换行），请删除',
      });
    } else if (hasLoneSurrogate(v)) {
      ctx.addIssue({ code: 'custom', message: '含有无效的字符（残缺的编码），请重新输入' });
    }
  };

/** Optional text: trimmed, empty becomes null. `lines` for multi-line fields (备注、问题清单…). */
export const optText = (max = 200, lines = false) =>
  z.preprocess(emptyToNull, z.string().trim().max(max, `不能超过${max}个字`).superRefine(visibleText(lines)).nullable().default(null));

export const reqText = (max = 200, lines = false) =>
  z.string({ error: '必须填写' }).trim().min(1, '必须填写').max(max, `不能超过${max}个字`).superRefine(visibleText(lines));

export const isoDate = z
  .string({ error: '请填写日期' })
  // An empty box is a missing date, not a badly written one.
  .min(1, { error: '请填写日期', abort: true })
  .refine(isValidDate, '日期格式应为“年-月-日”，如2024-06-30');

export const optDate = z.preprocess(emptyToNull, isoDate.nullable().default(null));

export const count = (max = 1_000_000) =>
  z.number({ error: '请填写数字' }).int('必须是整数').min(0, '不能为负数').max(max, `不能超过${max}`);

export const id = z.number({ error: '请选择' }).int('编号无效').positive('请选择');

/**
 * The version of a record the clerk read (issue #15): a save that names it is refused as a conflict when
 * someone else saved the record since. Imports and exchange leave it out and keep last-write-wins.
 */
export const recordVersion = z
  .number({ error: '应为正整数' })
  .int('应为正整数')
  .positive('应为正整数')
  .max(2_147_483_647, '不能超过2147483647');

const optPhone = z.preprocess(
  emptyToNull,
  z.string().trim().refine(isValidPhone, '电话号码格式不正确：手机为1开头的11位数字，座机需带区号').nullable().default(null),
);

const optUscc = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? null : normalizeUscc(v)) : v),
  z
    .string()
    .superRefine((v, ctx) => {
      const r = checkUscc(v);
      if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
    })
    .nullable()
    .default(null),
);

const enumOf = <C extends string>(codes: [C, ...C[]], what: string) => z.enum(codes, { error: `请选择${what}` });

const optEnum = <C extends string>(codes: [C, ...C[]], what: string) =>
  z.preprocess(emptyToNull, enumOf(codes, what).nullable().default(null));

export const orgFieldsSchema = z
  .object({
    name: reqText(100),
    uscc: optUscc,
    category: enumOf(codesOf(ORG_CATEGORIES), '组织类别'),
    subtype: enumOf(codesOf(ORG_SUBTYPES), '组织类型'),
    registrationAuthority: optText(100),
    supervisorUnit: optText(100),
    industry: optText(50),
    regionId: id,
    address: optText(200),
    legalRep: optText(50),
    legalRepPhone: optPhone,
    legalRepIsMember: z.boolean().default(false),
    investorIsMember: z.boolean().default(false),
    employees: count().default(0),
    formalMembers: count(100_000).default(0),
    probationaryMembers: count(100_000).default(0),
    activists: count(100_000).default(0),
    hasUnion: z.boolean().default(false),
    hasYouthLeague: z.boolean().default(false),
    hasWomenFederation: z.boolean().default(false),
    annualCheck: optEnum(codesOf(ANNUAL_CHECK_RESULTS), '年检结果'),
    evalGrade: optEnum(codesOf(EVAL_GRADES), '评估等级'),
    status: enumOf(codesOf(ORG_STATUSES), '经营状态').default('normal'),
    outOfScope: z.boolean().default(false),
    outOfScopeReason: optText(200),
    noPartyReason: optText(200),
    plannedBuildDate: optDate,
    remarks: optText(500, true),
  })
  .superRefine((v, ctx) => {
    const sub = ORG_SUBTYPES.find((s) => s.code === v.subtype);
    if (sub && sub.category !== v.category) {
      ctx.addIssue({ code: 'custom', path: ['subtype'], message: `“${sub.label}”不属于所选组织类别` });
    }
    if (v.outOfScope && !v.outOfScopeReason) {
      ctx.addIssue({ code: 'custom', path: ['outOfScopeReason'], message: '标记为不纳入统计时必须填写原因' });
    }
  });

export const partyOrgFieldsSchema = z
  .object({
    name: reqText(100),
    type: enumOf(codesOf(PARTY_ORG_TYPES), '党组织类型'),
    method: enumOf(codesOf(FORMATION_METHODS), '组建方式'),
    regionId: id,
    parentName: optText(100),
    foundedDate: optDate,
    approvalNo: optText(100),
    secretaryName: optText(50),
    secretaryPhone: optPhone,
    secretaryIsHead: z.boolean().default(false),
    deputySecretary: optText(100),
    committeeMembers: optText(300),
    partyWorkers: count(10_000).default(0),
    formalMembers: count(100_000).default(0),
    probationaryMembers: count(100_000).default(0),
    lastElectionDate: optDate,
    termYears: z.preprocess(emptyToNull, z.number().int('必须是整数').min(1, '至少1年').max(10, '不能超过10年').nullable().default(null)),
    starRating: z.preprocess(emptyToNull, z.number().int('必须是整数').min(1, '星级为1—5').max(5, '星级为1—5').nullable().default(null)),
    venueChecklist: z.array(z.string().max(20).superRefine(visibleText())).max(20).default([]),
    remarks: optText(500, true),
    coveredOrgIds: z.array(id).max(10_000).default([]),
  })
  .superRefine((v, ctx) => {
    if (v.method === 'single' && v.coveredOrgIds.length !== 1) {
      ctx.addIssue({ code: 'custom', path: ['coveredOrgIds'], message: '单独组建的党组织必须且只能覆盖1个两新组织' });
    }
    if (v.method !== 'single' && v.coveredOrgIds.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['coveredOrgIds'], message: '请选择至少1个覆盖的两新组织' });
    }
    if (new Set(v.coveredOrgIds).size !== v.coveredOrgIds.length) {
      ctx.addIssue({ code: 'custom', path: ['coveredOrgIds'], message: '覆盖的两新组织有重复' });
    }
    if (v.lastElectionDate && v.foundedDate && v.lastElectionDate < v.foundedDate) {
      ctx.addIssue({ code: 'custom', path: ['lastElectionDate'], message: '上次换届时间不能早于成立时间' });
    }
  });

export const instructorFieldsSchema = z.object({
  name: reqText(50),
  unit: optText(100),
  post: optText(50),
  phone: optPhone,
  fullTime: z.boolean().default(false),
  appointedDate: optDate,
  grids: optText(200),
  remarks: optText(500, true),
});

export const assignSchema = z
  .object({
    instructorId: id,
    orgId: id,
    fromDate: isoDate,
    toDate: optDate,
  })
  .superRefine((v, ctx) => {
    if (v.toDate && v.toDate < v.fromDate) {
      ctx.addIssue({ code: 'custom', path: ['toDate'], message: '截止日期不能早于起始日期' });
    }
  });

export const settingsSchema = z.object({
  countyName: reqText(50),
  countyCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, '行政区划代码应为6位数字'),
  reportingUnit: reqText(100),
  venueStandard: z.enum(['liuyou', 'bayou'], { error: '请选择阵地建设标准' }),
  situations: z
    .array(z.string().trim().min(1, '情形不能为空').max(50, '每条情形不超过50个字').superRefine(visibleText()))
    .min(1, '至少保留1条认定情形')
    .max(50, '最多50条认定情形')
    .refine((a) => new Set(a).size === a.length, '认定情形有重复'),
  venueThreshold: z.number({ error: '请填写数字' }).int('必须是整数').min(0, '不能为负数').max(8, '不能超过8项'),
  backupKeepDaily: z.number({ error: '请填写数字' }).int('必须是整数').min(1, '至少保留1天').max(365, '不超过365天'),
  backupKeepMonthly: z.number({ error: '请填写数字' }).int('必须是整数').min(0, '不能为负数').max(120, '不超过120个月'),
  passLine: z.number({ error: '请填写数字' }).int('必须是整数').min(0, '不能为负数').max(100, '不能超过100分'),
  // 账号安全 (issue #14): read by the core's accountRules under the same keys.
  loginMaxFailures: z.number({ error: '请填写数字' }).int('必须是整数').min(1, '至少1次').max(20, '不超过20次'),
  loginLockMinutes: z.number({ error: '请填写数字' }).int('必须是整数').min(1, '至少1分钟').max(1440, '不超过1440分钟'),
  passwordMaxAgeDays: z.number({ error: '请填写数字' }).int('必须是整数').min(0, '不能为负数').max(3650, '不超过3650天'),
  sessionIdleMinutes: z.number({ error: '请填写数字' }).int('必须是整数').min(1, '至少1分钟').max(1440, '不超过1440分钟'),
});

export const regionFieldsSchema = z.object({
  name: reqText(50),
  kind: enumOf(codesOf(REGION_KINDS), '属地类型'),
  code: z.preprocess(
    emptyToNull,
    z
      .string()
      .trim()
      .regex(/^\d{6,12}$/, '区划代码应为6—12位数字')
      .nullable()
      .default(null),
  ),
});

/** One issue of a failed parse, with the field named in Chinese. */
export interface FieldError {
  path: string;
  message: string;
}

export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => ({ path: i.path.map((p) => clip(String(p))).join('.'), message: i.message }));
}

const labelOf = (key: string) => (Object.hasOwn(FIELD_LABELS, key) ? FIELD_LABELS[key] : undefined);

/**
 * “「所属属地」请选择” for `fields.regionId`, “「覆盖的两新组织」第2项…” for `coveredOrgIds.1`: the
 * deepest segment that has a label names the field, with the list position right below it.
 */
export function fieldName(path: string): string | null {
  const parts = path === '' ? [] : path.split('.');
  for (let i = parts.length - 1; i >= 0; i--) {
    const label = labelOf(parts[i] ?? '');
    if (!label) continue;
    const index = parts[i + 1];
    return index !== undefined && /^\d+$/.test(index) ? `「${label}」第${Number(index) + 1}项` : `「${label}」`;
  }
  return null;
}

/** How many refusals a message spells out; a list of 10,000 bad ids is summed up, not recited. */
const MAX_DESCRIBED = 5;

export function describeErrors(errors: FieldError[]): string {
  const all = [
    ...new Set(
      errors.map((e) => {
        const name = fieldName(e.path);
        return name ? `${name}${e.message}` : e.message;
      }),
    ),
  ];
  const described = all.slice(0, MAX_DESCRIBED);
  const more = all.length > MAX_DESCRIBED ? `……共${errors.length}处错误` : '';
  return described.join('；') + more;
}

export const year = z.number({ error: '请填写年度' }).int('年度应为整数').min(2000, '年度不早于2000年').max(2100, '年度不晚于2100年');

export const caseCreateSchema = z.object({
  partyOrgId: id,
  year,
  batch: optText(50),
  date: isoDate,
  situations: z.array(z.string().trim().min(1).max(50).superRefine(visibleText())).min(1, '至少选择1种认定情形').max(20),
  problems: reqText(2000, true),
  reason: optText(1000, true),
});

/** 暂不认定: a suggestion set aside for the year, with the reason the clerk gives (kept and shown). */
export const screeningDeferSchema = z.object({
  partyOrgId: id,
  year,
  reason: z
    .string({ error: '请填写暂不认定的原因' })
    .trim()
    .min(1, '请填写暂不认定的原因')
    .max(200, '原因不能超过200个字')
    .superRefine(visibleText(true)),
});

export const screeningUndeferSchema = z.object({ partyOrgId: id, year });

/**
 * A case plan. 包联领导 and 指导员 are picked from 设置 and the instructor records (the ids); the
 * text fields are only for 其他 (a name not on the lists).
 */
export const casePlanSchema = z
  .object({
    measures: reqText(2000, true),
    goal: reqText(1000, true),
    responsible: reqText(100),
    deadline: isoDate,
    leaderCountyId: id.nullable().default(null),
    leaderCounty: optText(50),
    leaderTownshipId: id.nullable().default(null),
    leaderTownship: optText(50),
    instructorId: id.nullable().default(null),
    instructorName: optText(50),
    pairingDept: optText(100),
    listedDate: optDate,
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.leaderCountyId == null && !v.leaderCounty) {
      ctx.addIssue({ code: 'custom', path: ['leaderCountyId'], message: '请选择包联县级领导，或选“其他”后填写姓名' });
    }
  });

const actBase = { id, date: isoDate, version: recordVersion.optional() };

export const caseActSchema = z.discriminatedUnion(
  'action',
  [
    z.object({ ...actBase, action: z.literal('plan'), plan: casePlanSchema }),
    z.object({ ...actBase, action: z.literal('progress'), note: reqText(2000, true) }),
    z.object({
      ...actBase,
      action: z.literal('accept'),
      score: z.number({ error: '请填写分数' }).min(0, '分数不能为负').max(100, '分数不能超过100'),
      passed: z.boolean({ error: '请选择是否通过' }),
      satisfaction: z.preprocess(emptyToNull, z.number().min(0, '满意度不能为负').max(100, '满意度不能超过100').nullable().default(null)),
      opinion: reqText(2000, true),
      newDeadline: optDate,
      /** Why a pass is given below the pass line (设置); required then, recorded in the timeline. */
      belowLineReason: optText(500, true),
    }),
    z.object({ ...actBase, action: z.literal('delist') }),
    z.object({ ...actBase, action: z.literal('reopen'), reason: reqText(1000, true) }),
  ],
  { error: '操作应为：制定方案、记录进展、验收、销号或回头看' },
);

export const leaderFieldsSchema = z.object({
  name: reqText(20),
  title: optText(50),
  unit: optText(100),
  level: z.enum(['county', 'township'], { error: '请选择领导层级' }),
  active: z.boolean().default(true),
});
