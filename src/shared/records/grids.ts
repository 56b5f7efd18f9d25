/**
 * 1+N 网格: the form's fields (shared by the core and the dialog) and what the channels answer.
 */
import { z } from 'zod';
import type { FourChecks, Quarter } from '../rules/fourChecks';
import { id, isoDate, optDate, optText, reqText } from '../schemas';

export const gridFieldsSchema = z
  .object({
    partyOrgId: id,
    name: reqText(50),
    instructorId: z.preprocess((v) => (v === '' ? null : v), id.nullable().default(null)),
    contactCards: z.boolean().default(false),
    contactCardsDate: optDate,
    remarks: optText(500, true),
    orgIds: z.array(id).max(10_000).default([]),
  })
  .superRefine((v, ctx) => {
    if (new Set(v.orgIds).size !== v.orgIds.length) {
      ctx.addIssue({ code: 'custom', path: ['orgIds'], message: '网格内组织有重复' });
    }
    if (v.contactCardsDate && !v.contactCards) {
      ctx.addIssue({ code: 'custom', path: ['contactCardsDate'], message: '未发放服务联系卡时不填发放日期' });
    }
  });

export type GridFields = z.output<typeof gridFieldsSchema>;

export const gridsListSchema = z
  .object({
    regionId: id.optional(),
    partyOrgId: id.optional(),
    /** The grid an organization is in. */
    orgId: id.optional(),
    /** The grids an instructor looks after. */
    instructorId: id.optional(),
    /** 网格、区域党支部或指导员名称中的一段，或名称的拼音首字母. */
    query: z.string().trim().max(100).optional(),
  })
  .default({});

export const gridsStatsSchema = z.object({ regionId: id.optional() }).default({});

export const fourChecksSchema = z.object({ day: isoDate.optional(), regionId: id.optional() }).default({});

/** The form's fields (`orgIds`: its live organizations; the dialog shows which are taken by another grid) and the names. */
export interface GridListRow extends GridFields {
  id: number;
  partyOrgName: string;
  regionId: number;
  regionName: string;
  instructorName: string | null;
  orgCount: number;
  /** 从业人员 of the grid's organizations. */
  employees: number;
  /** 正式党员 of the grid's organizations. */
  formalMembers: number;
}

export interface GridOrg {
  id: number;
  name: string;
  regionName: string;
  employees: number;
  formalMembers: number;
}

export interface GridDetail extends GridListRow {
  orgs: GridOrg[];
  createdAt: string;
  updatedAt: string;
}

export interface GridStatsRow {
  gridId: number;
  gridName: string;
  partyOrgId: number;
  partyOrgName: string;
  regionName: string;
  orgs: number;
  employees: number;
  formalMembers: number;
  /** In scope and covered by a party organization or an instructor's work (组织覆盖或工作覆盖). */
  covered: number;
  /** In scope and neither. */
  uncovered: number;
}

export interface GridStats {
  rows: GridStatsRow[];
  total: Omit<GridStatsRow, 'gridId' | 'gridName' | 'partyOrgId' | 'partyOrgName' | 'regionName'> & { grids: number };
}

export interface FourCheckRow {
  partyOrgId: number;
  partyOrgName: string;
  regionId: number;
  regionName: string;
  grids: number;
  checks: FourChecks;
}

export interface FourCheckResult {
  day: string;
  /** The quarter whose 恳谈会 is looked for. */
  quarter: Quarter;
  rows: FourCheckRow[];
}
