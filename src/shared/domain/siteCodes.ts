/**
 * Codes of 示范点与品牌, 群团 and 年检 (issue #13), shaped like the tables in codes.ts. The 年检 result
 * itself reuses ANNUAL_CHECK_RESULTS: the same four words a clerk already picks on the organization.
 */
import type { CodeTable } from './codes';

/** 命名级别 of a 示范点 / 党建品牌. */
export const MODEL_SITE_LEVELS = [
  { code: 'county', label: '县级' },
  { code: 'city', label: '市级' },
  { code: 'province', label: '省级' },
] as const satisfies CodeTable<string>;
export type ModelSiteLevel = (typeof MODEL_SITE_LEVELS)[number]['code'];

/** 群团组织 in a 两新组织. */
export const MASS_ORG_KINDS = [
  { code: 'union', label: '工会' },
  { code: 'youth', label: '共青团' },
  { code: 'women', label: '妇联' },
] as const satisfies CodeTable<string>;
export type MassOrgKind = (typeof MASS_ORG_KINDS)[number]['code'];

/** 党建工作情况审查 in a social organization's 年检. */
export const PARTY_REVIEW_RESULTS = [
  { code: 'pass', label: '通过' },
  { code: 'rectify', label: '整改' },
  { code: 'na', label: '不涉及' },
] as const satisfies CodeTable<string>;
export type PartyReview = (typeof PARTY_REVIEW_RESULTS)[number]['code'];
