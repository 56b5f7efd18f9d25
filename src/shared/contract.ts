/**
 * The one typed API between the renderer (or any outside tool) and the main process.
 * Each channel names its input schema (parsed on the main side) and its output type.
 * The Electron IPC binding and the browser-mode HTTP bridge both loop over this object.
 */
import { z } from 'zod';
import {
  CASE_STATES,
  COVERAGE_STATUSES,
  codesOf,
  FORMATION_METHODS,
  MANAGEMENT_CLASSES,
  ORG_CATEGORIES,
  ORG_FLAGS,
  ORG_LIST_SORTS,
  PARTY_ORG_FLAGS,
  PARTY_ORG_TYPES,
} from './domain/codes';
import { FOUR_HUNDRED } from './domain/fourHundredCodes';
import type { ExchangeCommitResult, ExchangeManifest, ExchangePreview } from './exchange';
import { IMPORT_KIND_CODES } from './importKinds';
import {
  type Account,
  changePasswordSchema,
  LOGIN_EVENTS,
  type LoginLogEntry,
  type LoginResult,
  loginSchema,
  type Me,
  password,
  setupSchema,
  userCreateSchema,
  userUpdateSchema,
} from './records/accounts';
import { type Activity, type ActivityGapRow, activitiesListSchema, activityFieldsSchema, activityGapsSchema } from './records/activities';
import {
  type FundingPage,
  type FundingRecord,
  type FundingTotals,
  fundingFieldsSchema,
  fundingListSchema,
  fundingTotalsSchema,
} from './records/funding';
import {
  type FourCheckResult,
  fourChecksSchema,
  type GridDetail,
  type GridListRow,
  type GridStats,
  gridFieldsSchema,
  gridsListSchema,
  gridsStatsSchema,
} from './records/grids';
import type { InspectionRecord, InspectionRow } from './records/inspections';
import { inspectionSetSchema, inspectionsListSchema } from './records/inspections';
import { type MassOrgView, massOrgSetSchema } from './records/massOrgs';
import { type MemberYear, memberYearSetSchema } from './records/memberYears';
import { type ModelSiteRow, modelSiteFieldsSchema, modelSitesListSchema } from './records/modelSites';
import {
  type TrainingDetail,
  type TrainingPage,
  type TrainingTotalRow,
  trainingFieldsSchema,
  trainingsListSchema,
} from './records/trainings';
import { columnChoiceProblem } from './reports/columns';
import { REPORT_IDS, type REPORTS, reportDefinition } from './reports/definitions';
import type { ReportData } from './reports/types';
import type { FourHundred } from './rules/fourHundred';
import {
  assignSchema,
  caseActSchema,
  caseCreateSchema,
  id,
  instructorFieldsSchema,
  isoDate,
  leaderFieldsSchema,
  orgFieldsSchema,
  partyOrgFieldsSchema,
  recordVersion,
  regionFieldsSchema,
  screeningDeferSchema,
  screeningUndeferSchema,
  settingsSchema,
  year,
} from './schemas';
import type {
  AuditPage,
  BackupInfo,
  BackupInspection,
  CaseDetail,
  CaseLeaderRow,
  CaseListRow,
  CaseStats,
  ClassRow,
  CoverageStats,
  FourHundredMiss,
  ImportPreview,
  ImportResult,
  Instructor,
  Leader,
  OrgDetail,
  OrgListRow,
  Page,
  PartyOrgDetail,
  PartyOrgListRow,
  Region,
  ScreeningResult,
  Settings,
} from './types';

/** A phantom value that carries an output type. */
const out = <T>() => undefined as unknown as T;

const none = z.object({}).strict().default({});
const byId = z.object({ id });
const paging = {
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(50),
};
const sortDir = z.enum(['asc', 'desc']).default('asc');

/**
 * A backup's file name in the ledger's backups folder: a name only (no folder, no `..`), a sane
 * charset, `.sqlite` at the end. Paths never travel through the contract.
 */
export const backupName = z
  .string({ error: '请填写备份文件名' })
  .trim()
  .min(1, '请填写备份文件名')
  .max(120, '备份文件名不能超过120个字')
  .superRefine((s, ctx) => {
    // Only the first problem: one clear sentence rather than every rule the name breaks.
    const problem = [
      [/[\\/]|\.\./.test(s), '备份文件名只能是文件名，不能含有文件夹（/、\\ 或 ..）'],
      [!/^[\p{Script=Han}A-Za-z0-9_\-.（）() ]+$/u.test(s) || s.startsWith('.'), '备份文件名只能含汉字、字母、数字、空格和 _ - . （）'],
      [/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(s), '备份文件名不能使用系统保留的名称'],
      [!/.\.sqlite$/.test(s), '备份文件名应以 .sqlite 结尾'],
    ].find(([bad]) => bad);
    if (problem) ctx.addIssue({ code: 'custom', message: problem[1] as string });
  });

export const orgsListSchema = z.object({
  query: z.string().trim().max(100).optional(),
  regionId: id.optional(),
  category: z.enum(codesOf(ORG_CATEGORIES)).optional(),
  coverage: z.enum(codesOf(COVERAGE_STATUSES)).optional(),
  flag: z.enum(codesOf(ORG_FLAGS)).optional(),
  /** Ids to leave out (e.g. already picked in a multi-select). */
  excludeIds: z.array(id).max(10_000).optional(),
  sort: z.enum(ORG_LIST_SORTS).default('id'),
  dir: sortDir,
  ...paging,
});

export const partyOrgsListSchema = z.object({
  query: z.string().trim().max(100).optional(),
  regionId: id.optional(),
  type: z.enum(codesOf(PARTY_ORG_TYPES)).optional(),
  method: z.enum(codesOf(FORMATION_METHODS)).optional(),
  flag: z.enum(codesOf(PARTY_ORG_FLAGS)).optional(),
  /** 换届 due within 3 or 6 months from today, or already overdue. */
  election: z.enum(['due3', 'due6', 'overdue'], { error: '换届筛选应为3个月内到期、6个月内到期或已逾期' }).optional(),
  sort: z.enum(['name', 'region', 'members', 'coveredCount', 'starRating', 'electionDue', 'id']).default('id'),
  dir: sortDir,
  ...paging,
});

/** The largest file (workbook, exchange file) the app takes: its base64 must fit in one request body. */
export const MAX_FILE_MB = 34;
/** Browser mode's request body limit: a 34 MB file as base64 (≈45.4 MiB) plus the rest of the input. */
export const MAX_BODY_BYTES = 48 * 1024 * 1024;

/** A file's bytes sent as base64 (browser mode's HTTP body is JSON). */
const base64File = z
  .string()
  .min(1, '文件是空的')
  .max(Math.ceil((MAX_FILE_MB * 1024 * 1024) / 3) * 4, `文件过大：不能超过${MAX_FILE_MB}MB`)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件内容无效');

const importKind = z.enum(IMPORT_KIND_CODES, { error: '请选择导入的数据种类' });

export const reportInputSchema = z
  .object({
    report: z.enum(REPORT_IDS, { error: '请选择台账' }),
    filters: z
      .object({
        regionId: id.optional(),
        category: z.enum(codesOf(ORG_CATEGORIES)).optional(),
        coverage: z.enum(codesOf(COVERAGE_STATUSES)).optional(),
        year: year.optional(),
        state: z.enum(codesOf(CASE_STATES)).optional(),
        asOf: isoDate.optional(),
      })
      .default({}),
    /** Keys of the columns the clerk left out (序号 always stays); the same for paper and .xlsx. */
    hidden: z.array(z.string().max(40)).max(40).optional(),
  })
  .superRefine((v, ctx) => {
    const def = reportDefinition(v.report);
    const problem = def && v.hidden ? columnChoiceProblem(def, v.hidden) : null;
    if (problem) ctx.addIssue({ code: 'custom', path: ['hidden'], message: problem });
  });

export const contract = {
  'settings.get': { input: none, output: out<Settings>() },
  'settings.update': { input: settingsSchema.partial(), output: out<Settings>() },

  'regions.list': { input: none, output: out<Region[]>() },
  'regions.create': { input: regionFieldsSchema, output: out<Region>() },
  'regions.update': { input: regionFieldsSchema.extend({ id }), output: out<Region>() },
  'regions.reorder': { input: z.object({ ids: z.array(id).min(1) }), output: out<Region[]>() },

  'leaders.list': { input: none, output: out<Leader[]>() },
  'leaders.create': { input: leaderFieldsSchema, output: out<Leader>() },
  'leaders.update': { input: leaderFieldsSchema.extend({ id }), output: out<Leader>() },
  'leaders.delete': { input: byId, output: out<{ id: number }>() },
  'leaders.reorder': { input: z.object({ ids: z.array(id).min(1) }), output: out<Leader[]>() },

  'orgs.list': { input: orgsListSchema, output: out<Page<OrgListRow>>() },
  'orgs.get': { input: byId, output: out<OrgDetail>() },
  'orgs.create': { input: orgFieldsSchema, output: out<OrgDetail>() },
  'orgs.update': { input: z.object({ id, version: recordVersion.optional(), fields: orgFieldsSchema }), output: out<OrgDetail>() },
  'orgs.delete': { input: byId, output: out<{ id: number }>() },

  'partyOrgs.list': { input: partyOrgsListSchema, output: out<Page<PartyOrgListRow>>() },
  'partyOrgs.get': { input: byId, output: out<PartyOrgDetail>() },
  'partyOrgs.create': { input: partyOrgFieldsSchema, output: out<PartyOrgDetail>() },
  'partyOrgs.update': {
    input: z.object({ id, version: recordVersion.optional(), fields: partyOrgFieldsSchema }),
    output: out<PartyOrgDetail>(),
  },
  'partyOrgs.delete': { input: byId, output: out<{ id: number }>() },

  'instructors.list': {
    input: z.object({ query: z.string().trim().max(50).optional() }).default({}),
    output: out<Instructor[]>(),
  },
  'instructors.get': { input: byId, output: out<Instructor>() },
  'instructors.create': { input: instructorFieldsSchema, output: out<Instructor>() },
  'instructors.update': {
    input: z.object({ id, version: recordVersion.optional(), fields: instructorFieldsSchema }),
    output: out<Instructor>(),
  },
  'instructors.assign': { input: assignSchema, output: out<Instructor>() },
  'instructors.endAssignment': {
    input: z.object({ assignmentId: id, toDate: z.string().refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s), '日期格式应为“年-月-日”') }),
    output: out<Instructor>(),
  },

  'grids.list': { input: gridsListSchema, output: out<GridListRow[]>() },
  'grids.get': { input: byId, output: out<GridDetail>() },
  'grids.create': { input: gridFieldsSchema, output: out<GridDetail>() },
  'grids.update': { input: z.object({ id, fields: gridFieldsSchema }), output: out<GridDetail>() },
  'grids.delete': { input: byId, output: out<{ id: number }>() },
  'grids.stats': { input: gridsStatsSchema, output: out<GridStats>() },
  'grids.fourChecks': { input: fourChecksSchema, output: out<FourCheckResult>() },

  'stats.coverage': {
    input: z
      .object({
        regionId: id.optional(),
        asOf: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/)
          .optional(),
      })
      .default({}),
    output: out<CoverageStats>(),
  },
  'stats.fourHundred': {
    input: z.object({ regionId: id.optional(), day: isoDate.optional() }).default({}),
    output: out<FourHundred & { day: string; year: number }>(),
  },
  'stats.fourHundredMisses': {
    input: z.object({
      which: z.enum(codesOf(FOUR_HUNDRED), { error: '请选择四个100%中的一项' }),
      regionId: id.optional(),
      day: isoDate.optional(),
    }),
    output: out<FourHundredMiss[]>(),
  },
  'memberYears.list': { input: z.object({ orgId: id }), output: out<MemberYear[]>() },
  'memberYears.set': { input: memberYearSetSchema, output: out<MemberYear[]>() },
  'memberYears.delete': { input: z.object({ orgId: id, year }), output: out<MemberYear[]>() },

  'cases.suggest': {
    input: z.object({
      year,
      regionId: id.optional(),
      /** Name, pinyin initials or 书记's name. */
      query: z.string().trim().max(50).optional(),
    }),
    output: out<ScreeningResult>(),
  },
  'screening.defer': { input: screeningDeferSchema, output: out<{ partyOrgId: number; year: number }>() },
  'screening.undefer': { input: screeningUndeferSchema, output: out<{ partyOrgId: number; year: number }>() },
  'cases.list': {
    input: z.object({
      /** 党组织名称或书记姓名中的一段，或名称的拼音首字母. */
      query: z.string().trim().max(100).optional(),
      year: year.optional(),
      state: z.enum(codesOf(CASE_STATES)).optional(),
      regionId: id.optional(),
      /** 包联县级领导, exact name. */
      leader: z.string().trim().max(50).optional(),
      /** 包联县级领导 from 设置. */
      leaderId: id.optional(),
      overdue: z.boolean().optional(),
      partyOrgId: id.optional(),
      asOf: isoDate.optional(),
      ...paging,
    }),
    output: out<Page<CaseListRow>>(),
  },
  'cases.get': { input: byId, output: out<CaseDetail>() },
  'cases.create': { input: caseCreateSchema, output: out<CaseDetail>() },
  'cases.act': { input: caseActSchema, output: out<CaseDetail>() },
  'cases.stats': { input: z.object({ year: year.optional(), asOf: isoDate.optional() }).default({}), output: out<CaseStats>() },
  'cases.leaders': { input: none, output: out<CaseLeaderRow[]>() },
  'classes.list': {
    input: z.object({
      year,
      regionId: id.optional(),
      class: z.enum([...codesOf(MANAGEMENT_CLASSES), 'none']).optional(),
      /** 党组织 name, its pinyin initials or its 书记's name. */
      query: z.string().trim().max(100).optional(),
    }),
    output: out<ClassRow[]>(),
  },
  'classes.set': {
    input: z.object({
      year,
      partyOrgIds: z.array(id).min(1, '请至少选择1个党组织').max(100_000),
      class: z.enum(codesOf(MANAGEMENT_CLASSES), { error: '请选择管理类别' }),
    }),
    output: out<{ updated: number }>(),
  },
  'ratings.set': {
    input: z.object({
      partyOrgId: id,
      year,
      stars: z.number({ error: '请选择星级' }).int('星级为1—5').min(1, '星级为1—5').max(5, '星级为1—5'),
      assessedDate: isoDate,
    }),
    output: out<{ partyOrgId: number }>(),
  },

  'trainings.list': { input: trainingsListSchema, output: out<TrainingPage>() },
  'trainings.get': { input: byId, output: out<TrainingDetail>() },
  'trainings.create': { input: trainingFieldsSchema, output: out<TrainingDetail>() },
  'trainings.update': { input: z.object({ id, fields: trainingFieldsSchema }), output: out<TrainingDetail>() },
  'trainings.delete': { input: byId, output: out<{ id: number }>() },
  'trainings.totals': { input: z.object({ year }), output: out<TrainingTotalRow[]>() },
  'activities.list': { input: activitiesListSchema, output: out<Page<Activity>>() },
  'activities.create': { input: activityFieldsSchema, output: out<Activity>() },
  'activities.update': { input: z.object({ id, fields: activityFieldsSchema }), output: out<Activity>() },
  'activities.delete': { input: byId, output: out<{ id: number }>() },
  'activities.gaps': { input: activityGapsSchema, output: out<ActivityGapRow[]>() },
  // 示范点与品牌, 群团, 年检 (issue #13).
  'modelSites.list': { input: modelSitesListSchema, output: out<ModelSiteRow[]>() },
  'modelSites.create': { input: modelSiteFieldsSchema, output: out<ModelSiteRow>() },
  'modelSites.update': { input: z.object({ id, fields: modelSiteFieldsSchema }), output: out<ModelSiteRow>() },
  'modelSites.delete': { input: byId, output: out<{ id: number }>() },
  'massOrgs.list': { input: z.object({ orgId: id }), output: out<MassOrgView[]>() },
  'massOrgs.set': { input: massOrgSetSchema, output: out<MassOrgView[]>() },
  'inspections.list': { input: inspectionsListSchema, output: out<Page<InspectionRow>>() },
  'inspections.history': { input: z.object({ orgId: id }), output: out<InspectionRecord[]>() },
  'inspections.set': { input: inspectionSetSchema, output: out<InspectionRecord>() },
  'inspections.delete': { input: byId, output: out<{ id: number }>() },

  'backup.create': {
    input: z
      .object({
        name: backupName.optional(),
        /** Replace a backup of the same name in the folder (never any other file). */
        overwrite: z.boolean().default(false),
      })
      .default({ overwrite: false }),
    output: out<BackupInfo>(),
  },
  'backup.list': { input: none, output: out<BackupInfo[]>() },
  'backup.inspect': { input: z.object({ name: backupName }), output: out<BackupInspection>() },
  'backup.restore': {
    input: z.object({ name: backupName }),
    output: out<{ inspection: BackupInspection; safetyBackup: BackupInfo }>(),
  },

  'reports.list': { input: none, output: out<typeof REPORTS>() },
  'reports.rows': { input: reportInputSchema, output: out<ReportData>() },
  'reports.xlsx': { input: reportInputSchema, output: out<{ fileName: string; base64: string }>() },

  'import.template': {
    input: z.object({ kind: importKind }),
    output: out<{ fileName: string; base64: string }>(),
  },
  'import.preview': {
    input: z.object({
      kind: importKind,
      fileName: z.string().trim().min(1, '请选择文件').max(255),
      base64: base64File,
      /** Column header → field key, or null to leave the column out. */
      mapping: z.record(z.string(), z.string().nullable()).optional(),
      /** Field key → {a word of the sheet → the code it means}, for the words the code tables do not know. */
      valueMapping: z.record(z.string(), z.record(z.string(), z.string())).optional(),
      /** Made up by the page to poll `import.progress` while the preview runs. */
      jobId: z.string().uuid('任务编号无效').optional(),
    }),
    output: out<ImportPreview>(),
  },
  'import.progress': {
    input: z.object({ jobId: z.string().uuid('任务编号无效') }),
    output: out<{ phase: '读取' | '校验'; done: number; total: number } | null>(),
  },
  'import.commit': {
    input: z.object({ id: z.string().uuid('预览编号无效'), skipErrors: z.boolean().default(false) }),
    output: out<ImportResult>(),
  },
  'import.errorReport': {
    input: z.object({ id: z.string().uuid('预览编号无效') }),
    output: out<{ fileName: string; base64: string }>(),
  },

  'exchange.export': {
    input: z
      .object({
        /** The region a township sends; omitted = the whole county. */
        regionId: id.optional(),
        /** Encrypts the file; leave out for none. */
        password: z.string().min(6, '密码至少6位').max(100, '密码不超过100位').optional(),
      })
      .default({}),
    output: out<{ fileName: string; base64: string; manifest: ExchangeManifest }>(),
  },
  'exchange.inspect': {
    input: z.object({
      base64: base64File,
    }),
    output: out<ExchangeManifest>(),
  },
  'exchange.preview': {
    input: z.object({
      fileName: z.string().trim().min(1, '请选择交换文件').max(255),
      base64: base64File,
      password: z.string().max(100).optional(),
    }),
    output: out<ExchangePreview>(),
  },
  'exchange.commit': {
    input: z.object({
      id: z.string().min(1, '预览编号无效').max(100),
      /** Per conflicting record key: keep this ledger's version or take the file's. */
      resolutions: z.record(z.string(), z.enum(['incoming', 'local'], { error: '请选择保留本地或采用文件中的内容' })).default({}),
      bulk: z.enum(['incoming', 'local']).optional(),
    }),
    output: out<ExchangeCommitResult>(),
  },

  'audit.list': {
    input: z.object({
      entity: z.string().max(30).optional(),
      entityId: id.optional(),
      action: z.string().max(30).optional(),
      /** Only the writes of this account (issue #14: 操作人). */
      actorUserId: id.optional(),
      /** First and last day (YYYY-MM-DD, inclusive) of the writes to list, on the clerk's clock. */
      from: isoDate.optional(),
      to: isoDate.optional(),
      /** Minutes east of UTC of the clerk's clock (Beijing +480): which instants the days span. */
      utcOffset: z
        .number({ error: '时区偏移应为分钟数' })
        .int('时区偏移应为整数分钟')
        .min(-840, '时区偏移超出范围')
        .max(840, '时区偏移超出范围')
        .default(0),
      ...paging,
    }),
    output: out<AuditPage>(),
  },

  'funding.list': { input: fundingListSchema, output: out<FundingPage>() },
  'funding.create': { input: fundingFieldsSchema, output: out<FundingRecord>() },
  'funding.update': { input: z.object({ id, fields: fundingFieldsSchema }), output: out<FundingRecord>() },
  'funding.delete': { input: byId, output: out<{ id: number }>() },
  'funding.totals': { input: fundingTotalsSchema, output: out<FundingTotals>() },

  // Accounts and roles (issue #14). The session is the transport's (an HttpOnly cookie in browser mode,
  // the main process per window in the desktop app): no channel takes or answers a session id.
  'auth.setup': { input: setupSchema, output: out<LoginResult>() },
  'auth.login': { input: loginSchema, output: out<LoginResult>() },
  'auth.logout': { input: z.object({}).default({}), output: out<{ ok: true }>() },
  'auth.me': { input: z.object({}).default({}), output: out<Me>() },
  'auth.changePassword': { input: changePasswordSchema, output: out<Account>() },
  'users.list': { input: z.object({}).default({}), output: out<Account[]>() },
  'users.create': { input: userCreateSchema, output: out<Account>() },
  'users.update': { input: userUpdateSchema, output: out<Account>() },
  'users.resetPassword': { input: z.object({ id, password }), output: out<Account>() },
  'loginLog.list': {
    input: z.object({
      userName: z.string().trim().max(32).optional(),
      event: z.enum(codesOf(LOGIN_EVENTS), { error: '请选择事件类型' }).optional(),
      ...paging,
    }),
    output: out<Page<LoginLogEntry>>(),
  },
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
/** What a caller sends (defaults may be left out). */
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
/** What a handler receives after parsing. */
export type Parsed<C extends Channel> = z.output<Contract[C]['input']>;
export type Output<C extends Channel> = Contract[C]['output'];

export const channels = Object.keys(contract) as Channel[];

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(contract, name);
}

export { isWriteChannel, WRITE_CHANNELS } from './writeChannels';

/** Errors cross every boundary as data with a Chinese message. */
export interface ApiError {
  code:
    | 'invalid_input'
    | 'not_found'
    | 'conflict'
    | 'unknown_channel'
    | 'internal'
    | 'unauthenticated'
    | 'forbidden'
    /** The server edition's login rate limit (HTTP 429); the message names the seconds to wait. */
    | 'rate_limited';
  message: string;
  fields?: { path: string; message: string }[];
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };
