/** 社会组织年检 with its 党建工作情况审查, one row per organization and year. */
import { z } from 'zod';
import { ANNUAL_CHECK_RESULTS, type AnnualCheck, codesOf, type OrgSubtype } from '../domain/codes';
import { PARTY_REVIEW_RESULTS, type PartyReview } from '../domain/siteCodes';
import { id, optText, year } from '../schemas';

export const inspectionSetSchema = z.object({
  orgId: id,
  year,
  result: z.enum(codesOf(ANNUAL_CHECK_RESULTS), { error: '请选择年检结论' }),
  partyReview: z.enum(codesOf(PARTY_REVIEW_RESULTS), { error: '请选择党建工作情况审查结果' }),
  remarks: optText(500, true),
});

export type InspectionSet = z.output<typeof inspectionSetSchema>;

export const inspectionsListSchema = z.object({
  /** The 年检年度; this year when left out. */
  year: year.optional(),
  regionId: id.optional(),
  /** A result, or `none` for the social organizations with no 年检 recorded for the year (未年检). */
  result: z.enum([...codesOf(ANNUAL_CHECK_RESULTS), 'none'], { error: '年检结论筛选无效' }).optional(),
  /** 单位名称、统一社会信用代码或拼音首字母中的一段. */
  query: z.string().trim().max(100).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(50),
});

/** One social organization in a year, with its 年检 when recorded. */
export interface InspectionRow {
  orgId: number;
  orgName: string;
  subtype: OrgSubtype;
  regionId: number;
  regionName: string;
  year: number;
  /** The 年检's id, null when none is recorded for the year (未年检). */
  id: number | null;
  result: AnnualCheck | null;
  partyReview: PartyReview | null;
  remarks: string | null;
  /** The year before's result, for comparison. */
  previousResult: AnnualCheck | null;
}

/** One recorded 年检: the fields as set, with its id. */
export interface InspectionRecord extends InspectionSet {
  id: number;
}
