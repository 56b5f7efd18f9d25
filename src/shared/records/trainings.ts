/**
 * 培训班: a class held for one main target group, with 期数 and 人次 as the county reports them
 * (“举办业主培训班4期、培训220人次”), and the attendees known by name — a party organization's 书记,
 * an instructor, or a free name with its unit.
 */
import { z } from 'zod';
import { codesOf } from '../domain/codes';
import { TRAINING_TARGETS, type TrainingTarget } from '../domain/trainingCodes';
import { count, id, isoDate, optText, reqText, year } from '../schemas';
import type { Page } from '../types';

export const trainingAttendeeSchema = z
  .object({
    partyOrgId: id.nullable().default(null),
    instructorId: id.nullable().default(null),
    /** A free attendee's name; for a 书记 or an instructor, the name they had then (filled in when left out). */
    name: optText(50),
    unit: optText(100),
  })
  .superRefine((a, ctx) => {
    if (a.partyOrgId != null && a.instructorId != null) {
      ctx.addIssue({ code: 'custom', path: ['instructorId'], message: '一名参训人员只能是党组织书记、指导员或其他人员中的一种' });
    }
    if (a.partyOrgId == null && a.instructorId == null && !a.name) {
      ctx.addIssue({ code: 'custom', path: ['name'], message: '请填写参训人员姓名，或选择党组织书记、指导员' });
    }
  });

/** The one person a row stands for, so the same person is not listed twice. */
export function attendeeKey(a: {
  partyOrgId: number | null;
  instructorId: number | null;
  name: string | null;
  unit: string | null;
}): string {
  if (a.partyOrgId != null) return `p:${a.partyOrgId}`;
  if (a.instructorId != null) return `i:${a.instructorId}`;
  return `n:${a.name ?? ''}|${a.unit ?? ''}`;
}

export const trainingFieldsSchema = z
  .object({
    startDate: isoDate,
    endDate: isoDate,
    topic: reqText(100),
    target: z.enum(codesOf(TRAINING_TARGETS), { error: '请选择培训对象' }),
    organizer: reqText(100),
    /** Null: held by the county (旗县级); a township's class belongs to its region. */
    regionId: id.nullable().default(null),
    place: optText(100),
    sessions: count(1000).min(1, '至少1期').default(1),
    attendances: count(100_000),
    remarks: optText(500, true),
    attendees: z.array(trainingAttendeeSchema).max(2000, '参训人员不能超过2000人').default([]),
  })
  .superRefine((v, ctx) => {
    if (v.endDate < v.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: '结束日期不能早于开始日期' });
    if (v.attendances < v.attendees.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['attendances'],
        message: `培训人次不能少于已登记的参训人员数（${v.attendees.length}人）`,
      });
    }
    const seen = new Set<string>();
    for (const [i, a] of v.attendees.entries()) {
      const key = attendeeKey(a);
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['attendees', i], message: '参训人员重复' });
      seen.add(key);
    }
  });

export const trainingsListSchema = z.object({
  year: year.optional(),
  regionId: id.optional(),
  /** Only the classes the county held itself (no region). */
  countyLevel: z.boolean().optional(),
  target: z.enum(codesOf(TRAINING_TARGETS), { error: '请选择培训对象' }).optional(),
  /** A piece of the topic or organizer, or the topic's pinyin initials. */
  query: z.string().trim().max(100).optional(),
  /** Classes one instructor attended (the instructor's page). */
  instructorId: id.optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(50),
});

export type TrainingFields = z.output<typeof trainingFieldsSchema>;
export type TrainingAttendeeInput = z.output<typeof trainingAttendeeSchema>;

export interface TrainingAttendee extends TrainingAttendeeInput {
  /** What the screens show: “张三（某公司党支部书记）”, “李四（指导员）”, “王五（某公司）”. */
  label: string;
}

export interface TrainingListRow extends Omit<TrainingFields, 'attendees' | 'remarks'> {
  id: number;
  /** The region's name, or 旗（县）级 for the county's own classes. */
  regionName: string;
  attendeeCount: number;
}

export interface TrainingPage extends Page<TrainingListRow> {
  /** 期数 and 人次 of every class the filter finds, not only this page. */
  sums: { sessions: number; attendances: number };
}

export interface TrainingDetail extends Omit<TrainingFields, 'attendees'> {
  id: number;
  regionName: string;
  attendees: TrainingAttendee[];
  createdAt: string;
  updatedAt: string;
}

export interface TrainingTotalRow {
  regionId: number | null;
  regionName: string;
  target: TrainingTarget;
  sessions: number;
  attendances: number;
}

/** The name a county-level class shows where a region's name would be. */
export const COUNTY_LEVEL = '旗（县）级';
