/**
 * The five roles of issue #14 and which channels each may call. Kept free of zod and the contract's
 * schemas (the contract is a type here) so the renderer's first screen can read labels and permissions.
 */
import type { Channel } from '../contract';
import { WRITE_CHANNELS } from '../writeChannels';

export const ROLES = [
  { code: 'admin', label: '系统管理员' },
  { code: 'county', label: '县级经办' },
  { code: 'township', label: '乡镇经办' },
  { code: 'viewer', label: '领导查看' },
  { code: 'auditor', label: '审计员' },
] as const satisfies readonly { code: string; label: string }[];
export type RoleCode = (typeof ROLES)[number]['code'];
// Not codesOf from codes.ts: the first screen should not load every record's code tables for five roles.
export const ROLE_CODES = ROLES.map((r) => r.code) as [RoleCode, ...RoleCode[]];

/** Only a 乡镇经办's work is limited to regions; the other roles see the whole county or no records at all. */
export const roleHasRegions = (role: RoleCode): boolean => role === 'township';

type Roles = readonly RoleCode[];
type Namespace = Channel extends `${infer N}.${string}` ? N : never;

const EVERYONE: Roles = ROLE_CODES;
const ADMIN: Roles = ['admin'];
const COUNTY: Roles = ['county'];
/** The ledger's records: the clerks enter them (a township clerk only in their regions), the leader reads. */
const RECORDS = { read: ['county', 'township', 'viewer'], write: ['county', 'township'] } as const;
/** County-wide lists the clerks and the leader read but only the county clerk changes. */
const COUNTY_KEPT = { read: ['county', 'township', 'viewer'], write: COUNTY } as const;

type Rule = Roles | { read: Roles; write: Roles };

/**
 * Who may call the channels of each namespace; a `{ read, write }` pair splits them by WRITE_CHANNELS.
 * Typed over every namespace of the contract, so a new kind of channel cannot be left out.
 */
export const PERMISSIONS: Record<Namespace, Rule> = {
  settings: { read: EVERYONE, write: ADMIN },
  // 属地 are picked by everyone who works on records and by the administrator assigning regions.
  regions: { read: ['admin', 'county', 'township', 'viewer'], write: COUNTY },
  leaders: COUNTY_KEPT,
  orgs: RECORDS,
  partyOrgs: RECORDS,
  instructors: RECORDS,
  grids: RECORDS,
  stats: RECORDS,
  memberYears: RECORDS,
  cases: RECORDS,
  screening: RECORDS,
  classes: RECORDS,
  ratings: RECORDS,
  trainings: RECORDS,
  activities: RECORDS,
  modelSites: RECORDS,
  massOrgs: RECORDS,
  inspections: RECORDS,
  funding: RECORDS,
  backup: ADMIN,
  // Printing and exporting a ledger is reading it; a township clerk's reports are limited to their regions.
  reports: RECORDS.read,
  import: COUNTY,
  exchange: COUNTY,
  // Nobody edits the logs through the app: they only have reads.
  audit: ['auditor'],
  loginLog: ['auditor', 'admin'],
  auth: EVERYONE,
  users: ADMIN,
};

/** Single channels that differ from their namespace. */
export const PERMISSION_EXCEPTIONS: Partial<Record<Channel, Roles>> = {
  // A township sends its own region's exchange file to the county.
  'exchange.export': ['county', 'township'],
};

/** The roles that may call a channel; empty for a name the table does not know. */
export function rolesFor(channel: Channel): Roles {
  const own = PERMISSION_EXCEPTIONS[channel];
  if (own) return own;
  const rule = PERMISSIONS[channel.split('.')[0] as Namespace] as Rule | undefined;
  if (!rule) return [];
  if ('read' in rule) return WRITE_CHANNELS.has(channel) ? rule.write : rule.read;
  return rule;
}

export const mayCall = (role: RoleCode, channel: Channel): boolean => rolesFor(channel).includes(role);

/**
 * Channels a caller may use without a session (the login page, the first start) and those that stay
 * open while a password must be changed.
 */
export const PUBLIC_CHANNELS: ReadonlySet<Channel> = new Set<Channel>(['auth.login', 'auth.setup', 'auth.me']);
export const PASSWORD_CHANGE_CHANNELS: ReadonlySet<Channel> = new Set<Channel>(['auth.me', 'auth.logout', 'auth.changePassword']);
