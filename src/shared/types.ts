/** What the channels answer: the shapes the renderer and outside tools read. */
import type {
  AnnualCheck,
  CoverageStatus,
  EvalGrade,
  FormationMethod,
  OrgCategory,
  OrgFlag,
  OrgStatus,
  OrgSubtype,
  PartyOrgFlag,
  PartyOrgType,
  RegionKind,
  VenueStandard,
} from './domain/codes';
import type { CoverageFigures } from './rules/coverage';
import type { FlagHit } from './rules/orgFlags';

export interface Settings {
  countyName: string;
  countyCode: string;
  reportingUnit: string;
  venueStandard: VenueStandard;
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

export interface OrgFields {
  name: string;
  uscc: string | null;
  category: OrgCategory;
  subtype: OrgSubtype;
  registrationAuthority: string | null;
  supervisorUnit: string | null;
  industry: string | null;
  regionId: number;
  address: string | null;
  legalRep: string | null;
  legalRepPhone: string | null;
  legalRepIsMember: boolean;
  investorIsMember: boolean;
  employees: number;
  formalMembers: number;
  probationaryMembers: number;
  activists: number;
  hasUnion: boolean;
  hasYouthLeague: boolean;
  hasWomenFederation: boolean;
  annualCheck: AnnualCheck | null;
  evalGrade: EvalGrade | null;
  status: OrgStatus;
  outOfScope: boolean;
  outOfScopeReason: string | null;
  noPartyReason: string | null;
  plannedBuildDate: string | null;
  remarks: string | null;
}

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
  regionName: string;
  coverage: CoverageStatus;
  partyOrg: PartyOrgRef | null;
  assignments: AssignmentView[];
  flags: FlagHit<OrgFlag>[];
  createdAt: string;
  updatedAt: string;
}

export interface PartyOrgFields {
  name: string;
  type: PartyOrgType;
  method: FormationMethod;
  regionId: number;
  parentName: string | null;
  foundedDate: string | null;
  approvalNo: string | null;
  secretaryName: string | null;
  secretaryPhone: string | null;
  secretaryIsHead: boolean;
  deputySecretary: string | null;
  committeeMembers: string | null;
  partyWorkers: number;
  formalMembers: number;
  probationaryMembers: number;
  lastElectionDate: string | null;
  termYears: number | null;
  starRating: number | null;
  venueChecklist: string[];
  fundingSuperior: number;
  fundingDuesReturn: number;
  fundingUnit: number;
  fundingFiscal: number;
  remarks: string | null;
}

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
  regionName: string;
  coveredOrgs: CoveredOrgView[];
  electionDue: string | null;
  flags: FlagHit<PartyOrgFlag>[];
  createdAt: string;
  updatedAt: string;
}

export interface InstructorFields {
  name: string;
  unit: string | null;
  post: string | null;
  phone: string | null;
  fullTime: boolean;
  appointedDate: string | null;
  grids: string | null;
  remarks: string | null;
}

export interface Instructor extends InstructorFields {
  id: number;
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
}

export interface Page<T> {
  total: number;
  rows: T[];
}
