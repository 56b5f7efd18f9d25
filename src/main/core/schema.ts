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
  funding_superior: number;
  funding_dues_return: number;
  funding_unit: number;
  funding_fiscal: number;
  remarks: string | null;
  deleted_at: string | null;
  created_at: string;
  updated_at: string;
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
  member_years: MemberYearTable;
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
