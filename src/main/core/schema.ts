/**
 * The database's types, written once; row shapes derive from them with Selectable / Insertable / Updateable.
 * Booleans are stored as 0/1 integers, dates as `YYYY-MM-DD` text, money in fen.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
  AnnualCheck,
  CaseState,
  EvalGrade,
  FormationMethod,
  ManagementClass,
  OrgCategory,
  OrgStatus,
  OrgSubtype,
  PartyOrgType,
  RegionKind,
} from '../../shared/domain/codes';
import type { MassOrgKind, ModelSiteLevel, PartyReview } from '../../shared/domain/siteCodes';
import type { TrainingTarget } from '../../shared/domain/trainingCodes';

export interface SettingTable {
  key: string;
  value: string;
}

export interface RegionTable {
  id: Generated<number>;
  name: string;
  kind: RegionKind;
  code: string | null;
  sort_order: number;
  created_at: string;
}

export interface OrgTable {
  id: Generated<number>;
  name: string;
  /** Pinyin initials of the name, for search (e.g. 民政局 → mzj). */
  name_initials: string;
  uscc: string | null;
  category: OrgCategory;
  subtype: OrgSubtype;
  registration_authority: string | null;
  supervisor_unit: string | null;
  industry: string | null;
  region_id: number;
  address: string | null;
  legal_rep: string | null;
  legal_rep_phone: string | null;
  legal_rep_is_member: number;
  investor_is_member: number;
  employees: number;
  formal_members: number;
  probationary_members: number;
  activists: number;
  has_union: number;
  has_youth_league: number;
  has_women_federation: number;
  annual_check: AnnualCheck | null;
  eval_grade: EvalGrade | null;
  status: OrgStatus;
  out_of_scope: number;
  out_of_scope_reason: string | null;
  no_party_reason: string | null;
  planned_build_date: string | null;
  remarks: string | null;
  deleted_at: string | null;
  created_at: string;
  updated_at: string;
  /** Raised by every update; a screen's save names the one it read (migration 0014). Inserts take the default 1. */
  version: Generated<number>;
}

export interface PartyOrgTable {
  id: Generated<number>;
  name: string;
  name_initials: string;
  type: PartyOrgType;
  method: FormationMethod;
  region_id: number;
  parent_name: string | null;
  founded_date: string | null;
  approval_no: string | null;
  secretary_name: string | null;
  secretary_phone: string | null;
  secretary_is_head: number;
  deputy_secretary: string | null;
  committee_members: string | null;
  party_workers: number;
  formal_members: number;
  probationary_members: number;
  last_election_date: string | null;
  term_years: number | null;
  star_rating: number | null;
  /** JSON array of the venue checklist items that are met (labels of the county's standard). */
  venue_checklist: string;
  // The amounts before the funding table (migration 0006); kept at their default 0, never written since.
  funding_superior: Generated<number>;
  funding_dues_return: Generated<number>;
  funding_unit: Generated<number>;
  funding_fiscal: Generated<number>;
  remarks: string | null;
  deleted_at: string | null;
  created_at: string;
  updated_at: string;
  /** Raised by every update; a screen's save names the one it read (migration 0014). Inserts take the default 1. */
  version: Generated<number>;
}

export interface CoverageTable {
  org_id: number;
  party_org_id: number;
}

export interface InstructorTable {
  id: Generated<number>;
  name: string;
  unit: string | null;
  post: string | null;
  phone: string | null;
  full_time: number;
  appointed_date: string | null;
  grids: string | null;
  remarks: string | null;
  deleted_at: string | null;
  created_at: string;
  updated_at: string;
  /** Raised by every update; a screen's save names the one it read (migration 0014). Inserts take the default 1. */
  version: Generated<number>;
}

export interface AssignmentTable {
  id: Generated<number>;
  instructor_id: number;
  org_id: number;
  from_date: string;
  to_date: string | null;
  created_at: string;
}

export interface AuditTable {
  id: Generated<number>;
  at: string;
  actor: string;
  entity: string;
  entity_id: number;
  action: string;
  before: string | null;
  after: string | null;
  /** The account that wrote the row (migration 0013); null for rows written before accounts. */
  actor_user_id: Generated<number | null>;
}

export interface CaseTable {
  id: Generated<number>;
  party_org_id: number;
  year: number;
  batch: string | null;
  state: CaseState;
  /** JSON array of the situations (认定情形) that apply. */
  situations: string;
  problems: string;
  reason: string | null;
  is_repeat: number;
  identified_date: string;
  measures: string | null;
  goal: string | null;
  responsible: string | null;
  deadline: string | null;
  leader_county: string | null;
  leader_township: string | null;
  instructor_name: string | null;
  pairing_dept: string | null;
  listed_date: string | null;
  leader_county_id: number | null;
  leader_township_id: number | null;
  instructor_id: number | null;
  accepted_date: string | null;
  accept_score: number | null;
  delisted_date: string | null;
  created_at: string;
  updated_at: string;
  /** Raised by every update; a screen's save names the one it read (migration 0014). Inserts take the default 1. */
  version: Generated<number>;
}

export interface CaseEventTable {
  id: Generated<number>;
  case_id: number;
  date: string;
  kind: string;
  state_after: CaseState;
  /** JSON object with the action's details. */
  data: string;
  created_at: string;
}

export interface ClassTable {
  party_org_id: number;
  year: number;
  class: ManagementClass;
  updated_at: string;
}

export interface RatingTable {
  party_org_id: number;
  year: number;
  stars: number;
  assessed_date: string;
  updated_at: string;
}

/** Per exchange source and record key, the content hash at the last import from or export to it. */
export interface ExchangeHistoryTable {
  source: string;
  record_key: string;
  hash: string;
  direction: 'import' | 'export';
  file_name: string | null;
  at: string;
}

export interface ScreeningDeferralTable {
  party_org_id: number;
  year: number;
  reason: string;
  created_at: string;
}

export interface Database {
  settings: SettingTable;
  regions: RegionTable;
  orgs: OrgTable;
  party_orgs: PartyOrgTable;
  coverage: CoverageTable;
  instructors: InstructorTable;
  assignments: AssignmentTable;
  audit_log: AuditTable;
  cases: CaseTable;
  case_events: CaseEventTable;
  classes: ClassTable;
  ratings: RatingTable;
  exchange_history: ExchangeHistoryTable;
  screening_deferrals: ScreeningDeferralTable;
  leaders: LeaderTable;
  funding: FundingTable;
  trainings: TrainingTable;
  training_attendees: TrainingAttendeeTable;
  activities: ActivityTable;
  grids: GridTable;
  grid_orgs: GridOrgTable;
  model_sites: ModelSiteTable;
  mass_orgs: MassOrgTable;
  inspections: InspectionTable;
  member_years: MemberYearTable;
  users: UserTable;
  user_regions: UserRegionTable;
  login_log: LoginLogTable;
  sessions: SessionTable;
}

export type RegionRow = Selectable<RegionTable>;
export type OrgRow = Selectable<OrgTable>;
export type NewOrg = Insertable<OrgTable>;
export type OrgUpdate = Updateable<OrgTable>;
export type PartyOrgRow = Selectable<PartyOrgTable>;
export type NewPartyOrg = Insertable<PartyOrgTable>;
export type InstructorRow = Selectable<InstructorTable>;
export type AssignmentRow = Selectable<AssignmentTable>;
export type AuditRow = Selectable<AuditTable>;
export type CaseRow = Selectable<CaseTable>;

/** 包联领导 kept in 设置 and picked in a case plan. */
export interface LeaderTable {
  id: Generated<number>;
  name: string;
  title: string | null;
  unit: string | null;
  level: 'county' | 'township';
  sort_order: number;
  active: number;
  created_at: string;
  updated_at: string;
}

/** 经费: one payment to a party organization; `year` is the year of `date`, money in 分. */
export interface FundingTable {
  id: Generated<number>;
  party_org_id: number;
  year: number;
  source: import('../../shared/domain/fundingCodes').FundingSource;
  fund_kind: import('../../shared/domain/fundingCodes').FundingKind;
  amount_fen: number;
  date: string;
  period: string | null;
  document_no: string | null;
  remarks: string | null;
  created_at: string;
  updated_at: string;
}

/** 培训班 (migration 0007): `year` is the start date's, for the yearly counts. */
export interface TrainingTable {
  id: Generated<number>;
  year: number;
  start_date: string;
  end_date: string;
  topic: string;
  topic_initials: string;
  target: TrainingTarget;
  organizer: string;
  region_id: number | null;
  place: string | null;
  sessions: number;
  attendances: number;
  remarks: string | null;
  deleted_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface TrainingAttendeeTable {
  id: Generated<number>;
  training_id: number;
  party_org_id: number | null;
  instructor_id: number | null;
  name: string | null;
  unit: string | null;
  sort_order: number;
}

/** 组织生活与活动 (migration 0008): one meeting or activity of a party organization. */
export interface ActivityTable {
  id: Generated<number>;
  party_org_id: number;
  kind: import('../../shared/domain/activityCodes').ActivityKind;
  date: string;
  topic: string | null;
  /** 实到人数. */
  attendance: number | null;
  /** 应到人数. */
  expected: number | null;
  place: string | null;
  remarks: string | null;
  deleted_at: string | null;
  created_at: string;
  updated_at: string;
}
export type ActivityRow = Selectable<ActivityTable>;

/** 1+N 网格 of a 区域党支部, and the organizations in each (an organization is in at most one grid). */
export interface GridTable {
  id: Generated<number>;
  party_org_id: number;
  name: string;
  instructor_id: number | null;
  /** 服务联系卡已发放 (0/1). */
  contact_cards: number;
  contact_cards_date: string | null;
  remarks: string | null;
  deleted_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface GridOrgTable {
  grid_id: number;
  org_id: number;
}

// 示范点与品牌, 群团, 年检 (migration 0010).
export interface ModelSiteTable {
  id: Generated<number>;
  party_org_id: number;
  level: ModelSiteLevel;
  /** 命名年度. */
  year: number;
  brand_name: string | null;
  five_star: number;
  /** 撤销 / 摘牌 year; the row stays. */
  revoked_year: number | null;
  document_no: string | null;
  remarks: string | null;
  created_at: string;
  updated_at: string;
}

/** One 群团组织 of an organization; orgs.has_union / has_youth_league / has_women_federation mirror these rows. */
export interface MassOrgTable {
  org_id: number;
  kind: MassOrgKind;
  founded_date: string | null;
  members: number | null;
  chair: string | null;
  created_at: string;
  updated_at: string;
}

/** A social organization's 年检 of one year; orgs.annual_check mirrors the latest year's result. */
export interface InspectionTable {
  id: Generated<number>;
  org_id: number;
  year: number;
  result: AnnualCheck;
  party_review: PartyReview;
  remarks: string | null;
  created_at: string;
  updated_at: string;
}

/** 党员发展 by organization and year; the current year's row mirrors the organization's own counts. */
export interface MemberYearTable {
  org_id: number;
  year: number;
  formal: number;
  probationary: number;
  activists: number;
  /** 发展对象 */
  candidates: number;
  /** 新发展党员 */
  new_members: number;
  updated_at: string;
}

// Accounts (migration 0013, issue #14).
export interface UserTable {
  id: Generated<number>;
  user_name: string;
  /** 姓名 */
  name: string;
  role: import('../../shared/domain/roles').RoleCode;
  enabled: number;
  /** `scrypt$N$r$p$salt$hash` (base64): the parameters travel with the hash so they can be raised later. */
  password_hash: string;
  must_change: number;
  password_changed_at: string;
  last_login_at: string | null;
  failed_attempts: number;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface UserRegionTable {
  user_id: number;
  region_id: number;
}

export interface LoginLogTable {
  id: Generated<number>;
  at: string;
  /** The account's user name; for an unknown one, the name as typed, so guesses at names are kept too. */
  user_name: string;
  user_id: number | null;
  event: import('../../shared/records/accounts').LoginEvent;
  detail: string | null;
  address: string | null;
  agent: string | null;
}

export interface SessionTable {
  /** SHA-256 (hex) of the session id the caller holds. */
  id: string;
  user_id: number;
  created_at: string;
  last_seen: string;
}

/** `party_org_id` → `partyOrgId`, as kysely's CamelCasePlugin renames (no column holds a digit or a double `_`). */
type Camel<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;

/** A table's columns under the names the camel view (camel.ts) reads and writes; modifiers and `Generated` kept. */
export type CamelColumns<T> = { [K in keyof T as K extends string ? Camel<K> : K]: T[K] };

/**
 * The database as services see it through the camel view: table names as stored (the plugin leaves a
 * snake name unchanged), column names in camelCase, so a selected row is already a record's shape.
 */
export type CamelDatabase = { [T in keyof Database]: CamelColumns<Database[T]> };
