/** What the channels answer: the shapes the renderer and outside tools read. */
import type { z } from 'zod';
import type {
  CaseAction,
  CaseState,
  CoverageStatus,
  FormationMethod,
  ManagementClass,
  OrgCategory,
  OrgFlag,
  OrgStatus,
  OrgSubtype,
  PartyOrgFlag,
  PartyOrgType,
  RegionKind,
  VenueStandard,
} from './domain/codes';
import type { ImportKind } from './importKinds';
import type { CoverageFigures } from './rules/coverage';
import type { FlagHit } from './rules/orgFlags';
import type { ScreeningLevel, ScreeningReason } from './rules/screening';
import type { instructorFieldsSchema, orgFieldsSchema, partyOrgFieldsSchema } from './schemas';

export interface Settings {
  countyName: string;
  countyCode: string;
  reportingUnit: string;
  venueStandard: VenueStandard;
  /** 软弱涣散 situations offered when a case is identified (认定情形). */
  situations: string[];
  /** A party organization meeting fewer venue checklist items than this is suggested in 排查. */
  venueThreshold: number;
  /** Automatic backups kept: the newest of each of this many days … */
  backupKeepDaily: number;
  /** … and of each of this many months. */
  backupKeepMonthly: number;
  /** 验收 score needed to pass (DOMAIN.md: often 70 of 100); a pass below it needs a reason. */
  passLine: number;
  /** 账号安全: wrong passwords in a row before an account is locked, for this many minutes. */
  loginMaxFailures: number;
  loginLockMinutes: number;
  /** A password older than this must be changed at login; 0 = never. */
  passwordMaxAgeDays: number;
  /** A session without activity this long ends (the core) and the screens sign out (the renderer). */
  sessionIdleMinutes: number;
}

export interface BackupInfo {
  /** File name in the ledger's backups folder (never a path). */
  name: string;
  /** When it was taken, local ISO date-time without zone. */
  at: string;
  reason: 'startup' | 'exit' | 'manual' | 'before-restore';
  reasonLabel: string;
  size: number;
}

export interface BackupInspection {
  /** File name of the backup inspected. */
  name: string;
  ok: boolean;
  problems: string[];
  schemaVersion: string | null;
  needsMigration: boolean;
  /** Live records by Chinese label (两新组织, 党组织 …). */
  counts: Record<string, number>;
  /** The same counts of the open ledger, which a restore would replace (null where not asked). */
  current: Record<string, number> | null;
}

export interface Region {
  id: number;
  name: string;
  kind: RegionKind;
  code: string | null;
  sortOrder: number;
  orgCount: number;
}

export interface PartyOrgRef {
  id: number;
  name: string;
  method: FormationMethod;
  type: PartyOrgType;
}

export interface OrgListRow {
  id: number;
  name: string;
  uscc: string | null;
  category: OrgCategory;
  subtype: OrgSubtype;
  regionId: number;
  regionName: string;
  legalRep: string | null;
  employees: number;
  formalMembers: number;
  status: OrgStatus;
  coverage: CoverageStatus;
  partyOrg: PartyOrgRef | null;
  activeInstructors: number;
  flags: OrgFlag[];
}

/** An organization's form as stored: the schema's output, so a field is declared once. */
export type OrgFields = z.output<typeof orgFieldsSchema>;

export interface AssignmentView {
  id: number;
  instructorId: number;
  instructorName: string;
  orgId: number;
  orgName: string;
  fromDate: string;
  toDate: string | null;
  active: boolean;
}

export interface OrgDetail extends OrgFields {
  id: number;
  /** Raised by every save; an edit form sends back the one it loaded (a conflict otherwise). */
  version: number;
  regionName: string;
  coverage: CoverageStatus;
  partyOrg: PartyOrgRef | null;
  assignments: AssignmentView[];
  flags: FlagHit<OrgFlag>[];
  createdAt: string;
  updatedAt: string;
}

/** A party organization's form as stored: the schema's fields without the covered organizations (kept in their own table). */
export type PartyOrgFields = Omit<z.output<typeof partyOrgFieldsSchema>, 'coveredOrgIds'>;

export interface PartyOrgListRow {
  id: number;
  name: string;
  type: PartyOrgType;
  method: FormationMethod;
  regionId: number;
  regionName: string;
  secretaryName: string | null;
  members: number;
  coveredCount: number;
  starRating: number | null;
  electionDue: string | null;
  flags: PartyOrgFlag[];
}

export interface CoveredOrgView {
  id: number;
  name: string;
  regionName: string;
  formalMembers: number;
  subtype: OrgSubtype;
}

export interface PartyOrgDetail extends PartyOrgFields {
  id: number;
  /** Raised by every save; an edit form sends back the one it loaded (a conflict otherwise). */
  version: number;
  regionName: string;
  coveredOrgs: CoveredOrgView[];
  electionDue: string | null;
  flags: FlagHit<PartyOrgFlag>[];
  createdAt: string;
  updatedAt: string;
}

export type InstructorFields = z.output<typeof instructorFieldsSchema>;

export interface Instructor extends InstructorFields {
  id: number;
  /** Raised by every save; an edit form sends back the one it loaded (a conflict otherwise). */
  version: number;
  activeAssignments: number;
  assignments: AssignmentView[];
}

export interface CoverageRow extends CoverageFigures {
  regionId: number;
  regionName: string;
}

export interface CoverageStats {
  /** The day active instructor assignments were counted on. */
  asOf: string;
  county: CoverageFigures;
  regions: CoverageRow[];
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  entity: string;
  entityId: number;
  action: string;
  before: unknown;
  after: unknown;
  /** The row in Chinese: who wrote it, what kind of record and action, the record's name, each field. */
  actorLabel: string;
  entityLabel: string;
  actionLabel: string;
  name: string;
  fields: AuditFieldView[];
}

/** One field of an audit row; `before` / `after` are null when that side has no such field. */
export interface AuditFieldView {
  key: string;
  label: string;
  before: string | null;
  after: string | null;
  changed: boolean;
}

export interface Page<T> {
  total: number;
  rows: T[];
}

/** 操作日志's page, with the accounts that wrote anything: the 操作人 filter's choices (the auditor may not list users). */
export interface AuditPage extends Page<AuditEntry> {
  actors: { userId: number; label: string }[];
}

export interface CasePlan {
  measures: string | null;
  goal: string | null;
  responsible: string | null;
  deadline: string | null;
  /** 包联县级领导 from 设置; null with `leaderCounty` set = typed under 其他 (or old data not matched). */
  leaderCountyId: number | null;
  /** The leader's name (from 设置 when referenced), or the text typed under 其他. */
  leaderCounty: string | null;
  leaderCountyTitle: string | null;
  leaderTownshipId: number | null;
  leaderTownship: string | null;
  instructorId: number | null;
  instructorName: string | null;
  pairingDept: string | null;
  listedDate: string | null;
}

export interface CaseListRow extends CasePlan {
  id: number;
  partyOrgId: number;
  partyOrgName: string;
  partyOrgType: PartyOrgType;
  regionId: number;
  regionName: string;
  secretaryName: string | null;
  members: number;
  year: number;
  batch: string | null;
  state: CaseState;
  situations: string[];
  problems: string;
  isRepeat: boolean;
  identifiedDate: string;
  acceptedDate: string | null;
  acceptScore: number | null;
  delistedDate: string | null;
  overdue: boolean;
  /** The newest progress note, for the ledger's 进展 column. */
  lastProgress: string | null;
}

/** 包联领导 kept in 设置. */
export interface Leader {
  id: number;
  name: string;
  title: string | null;
  unit: string | null;
  level: 'county' | 'township';
  sortOrder: number;
  active: boolean;
  /** Cases whose plan names this leader (a leader in use is deactivated, not deleted). */
  caseCount: number;
}

/** One row of 包联领导督办: a leader from 设置, or a name typed under 其他. */
export interface CaseLeaderRow {
  leaderId: number | null;
  leader: string;
  title: string | null;
  total: number;
  open: number;
  overdue: number;
}

export interface CaseEventView {
  id: number;
  date: string;
  kind: 'identify' | 'plan' | 'progress' | 'accept' | 'delist' | 'reopen';
  stateAfter: CaseState;
  data: Record<string, unknown>;
  createdAt: string;
}

export interface CaseDetail extends CaseListRow {
  /** Raised by every save; an edit form sends back the one it loaded (a conflict otherwise). */
  version: number;
  reason: string | null;
  events: CaseEventView[];
  allowedActions: CaseAction[];
}

export interface CaseSuggestion {
  partyOrgId: number;
  partyOrgName: string;
  regionId: number;
  regionName: string;
  secretaryName: string | null;
  /** Why the record points at this party organization, heaviest first, each with its figure. */
  reasons: ScreeningReason[];
  /** Situations from the county's list that match the reasons, pre-ticked in the 认定 form. */
  situations: string[];
  /** The reasons' total weight: the list is ranked by it. */
  score: number;
  /** 重点 (key) or 一般 (normal), from the score. */
  level: ScreeningLevel;
  hadEarlierCase: boolean;
}

/** A suggestion the clerk set aside for the year (暂不认定), with the reason given. */
export interface ScreeningDeferral {
  partyOrgId: number;
  partyOrgName: string;
  regionId: number;
  regionName: string;
  secretaryName: string | null;
  year: number;
  reason: string;
  createdAt: string;
  /** What the record says today, so the clerk can judge whether to restore it. */
  reasons: ScreeningReason[];
}

export interface ScreeningResult {
  year: number;
  /** The day the record was read on: the end of the year, or today for the current year. */
  day: string;
  suggestions: CaseSuggestion[];
  deferred: ScreeningDeferral[];
}

export interface CaseStats {
  asOf: string;
  year: number | null;
  byState: Record<CaseState, number>;
  overdue: number;
  total: number;
}

export interface ClassRow {
  partyOrgId: number;
  partyOrgName: string;
  /** 书记, shown beside the name (the search finds it). */
  secretaryName: string | null;
  regionId: number;
  regionName: string;
  year: number;
  /** null = 未定级 */
  class: ManagementClass | null;
  /** True when the class follows from an open case (集中整顿) rather than a clerk's choice. */
  automatic: boolean;
  stars: number | null;
  assessedDate: string | null;
  /** Classes of earlier years, newest first. */
  history: { year: number; class: ManagementClass | null; stars: number | null }[];
}

/** `notRecord`: a 合计 row, a signature line or a note under the table — shown, never imported, never an error. */
export type ImportRowStatus = 'create' | 'update' | 'skip' | 'error' | 'notRecord';

export interface ImportCellError {
  /** Spreadsheet column letter, e.g. “C”; empty when the error is about the row as a whole. */
  column: string;
  header: string;
  message: string;
}

export interface ImportRowView {
  /** Row number in the sheet, as Excel shows it. */
  row: number;
  status: ImportRowStatus;
  name: string;
  /** The existing record an 更新 / 跳过 row matched. */
  matchId: number | null;
  /** How it matched: 统一社会信用代码, or name within the region. */
  matchedBy: string | null;
  errors: ImportCellError[];
  /** For 更新: the fields that change. */
  changes: string[];
  /** How a value was read when the clerk may want to check it, e.g. 属地“乌兰”按简称匹配为乌兰镇. */
  notes: string[];
  /** For 不是记录: why, e.g. 合计行（“合计”）. */
  reason: string | null;
}

/** The words of one coded column that only the clerk can say the meaning of, each asked once. */
export interface ImportValueQuestion {
  key: string;
  label: string;
  options: { code: string; label: string }[];
  /** `code`: the clerk's answer (this time or remembered), null while unanswered. */
  words: { word: string; rows: number; code: string | null }[];
  /** Distinct words beyond the first 100, not listed (their rows stay errors until answered). */
  omitted: number;
}

export interface ImportPreview {
  id: string;
  kind: ImportKind;
  fileName: string;
  sheetName: string;
  headerRow: number;
  headers: string[];
  /** Header → field key (null = not imported). */
  mapping: Record<string, string | null>;
  fields: { key: string; label: string; required: boolean }[];
  /** Required fields no column is mapped to. */
  missingRequired: string[];
  counts: Record<ImportRowStatus, number> & { total: number };
  /** Per coded column, the distinct values the code tables do not know (企业, 其他 …). */
  valueQuestions: ImportValueQuestion[];
  rows: ImportRowView[];
}

export interface ImportResult {
  created: number;
  updated: number;
  skipped: number;
  /** Rows with errors that were left out (only when the clerk chose to skip them). */
  failed: number;
}

/** An organization (or, for 星级管理, a party organization) that misses one of the 四个100%, and why. */
export interface FourHundredMiss {
  kind: 'org' | 'partyOrg';
  id: number;
  name: string;
  regionId: number;
  regionName: string;
  formalMembers: number;
  why: string;
}
