/** 组织生活与活动: the fields a clerk records, the list's filters, and what the lists answer. */
import { z } from 'zod';
import { ACTIVITY_KINDS, type ActivityGap } from '../domain/activityCodes';
import { codesOf } from '../domain/codes';
import { count, emptyToNull, id, isoDate, optText, year } from '../schemas';

const optCount = z.preprocess(emptyToNull, count(100_000).nullable().default(null));
const kind = z.enum(codesOf(ACTIVITY_KINDS), { error: '请选择活动类型' });

export const activityFieldsSchema = z
  .object({
    partyOrgId: id,
    kind,
    date: isoDate,
    topic: optText(200),
    expected: optCount,
    attendance: optCount,
    place: optText(100),
    remarks: optText(500, true),
  })
  .superRefine((v, ctx) => {
    if (v.expected != null && v.attendance != null && v.attendance > v.expected) {
      ctx.addIssue({ code: 'custom', path: ['attendance'], message: '实到人数不能多于应到人数' });
    }
  });

export const activitiesListSchema = z.object({
  year: year.optional(),
  regionId: id.optional(),
  partyOrgId: id.optional(),
  kind: kind.optional(),
  /** 党组织名称或其拼音首字母、书记姓名，或活动主题中的一段. */
  query: z.string().trim().max(100).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(50),
});

export const activityGapsSchema = z
  .object({
    /** The day the gaps are counted on (default today). */
    day: isoDate.optional(),
    regionId: id.optional(),
    partyOrgId: id.optional(),
  })
  .default({});

export type ActivityFields = z.output<typeof activityFieldsSchema>;

export interface Activity extends ActivityFields {
  id: number;
  partyOrgName: string;
  regionId: number;
  regionName: string;
  createdAt: string;
  updatedAt: string;
}

export interface ActivityGapRow {
  partyOrgId: number;
  partyOrgName: string;
  regionName: string;
  code: ActivityGap;
  reason: string;
}
