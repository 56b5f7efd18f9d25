/**
 * 经费 records: one payment to a party organization — where it came from (the “四个一” sources), what it
 * is for, how much (typed in 元, stored in 分), when, and under which document. The year is the payment
 * date's year; the core stores it beside the date for the yearly figures.
 */
import { z } from 'zod';
import { codesOf } from '../domain/codes';
import { FUNDING_KINDS, FUNDING_SOURCES, type FundingKind, type FundingSource } from '../domain/fundingCodes';
import { MAX_FEN, readYuan } from '../rules/money';
import { id, isoDate, optText, year } from '../schemas';

/** 元 as typed (number or text, “1,200.50” too) → 分; refuses negatives, zero, more than 2 decimals, over 1亿. */
export const yuanAmount = z.union([z.number(), z.string()], { error: '请填写金额' }).transform((v, ctx) => {
  const r = readYuan(v);
  if ('problem' in r) {
    ctx.addIssue({ code: 'custom', message: r.problem });
    return z.NEVER;
  }
  if (r.fen === 0) {
    ctx.addIssue({ code: 'custom', message: '金额应大于0' });
    return z.NEVER;
  }
  return r.fen;
});

const fields = {
  partyOrgId: id,
  source: z.enum(codesOf(FUNDING_SOURCES), { error: '请选择经费来源' }),
  fundKind: z.enum(codesOf(FUNDING_KINDS), { error: '请选择经费类别' }),
  date: isoDate,
  /** 书记补助's month or months (“2026年3月”, “2026年1—6月”). */
  period: optText(30),
  documentNo: optText(100),
  remarks: optText(500, true),
};

const periodRule = (v: { fundKind: FundingKind; period: string | null }, ctx: z.RefinementCtx) => {
  if (v.fundKind === 'secretary_allowance' && !v.period) {
    ctx.addIssue({ code: 'custom', path: ['period'], message: '书记补助请填写所属月份或期间，如“2026年3月”' });
  }
};

/** A payment as the form and the channels take it: the amount in 元. */
export const fundingFieldsSchema = z.object({ ...fields, amount: yuanAmount }).superRefine(periodRule);

/** The same with the amount already in 分 (an import reads the sheet's 元 itself): the stored record's shape. */
export const fundingFenFieldsSchema = z
  .object({
    ...fields,
    amount: z.number({ error: '请填写金额' }).int('金额最多两位小数（到分）').min(1, '金额应大于0').max(MAX_FEN, '金额不能超过1亿元'),
  })
  .superRefine(periodRule);

export type FundingInput = z.input<typeof fundingFieldsSchema>;
export type FundingFields = z.output<typeof fundingFieldsSchema>;

export const fundingListSchema = z.object({
  year: year.optional(),
  regionId: id.optional(),
  partyOrgId: id.optional(),
  source: z.enum(codesOf(FUNDING_SOURCES), { error: '请选择经费来源' }).optional(),
  /** 党组织 name or its pinyin initials. */
  query: z.string().trim().max(100).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(50),
});

export const fundingTotalsSchema = z.object({ year, regionId: id.optional() });

/** One payment as lists and pages show it: the stored fields with the amount named in 分, and the names. */
export interface FundingRecord extends Omit<z.output<typeof fundingFenFieldsSchema>, 'amount'> {
  id: number;
  partyOrgName: string;
  regionId: number;
  regionName: string;
  year: number;
  amountFen: number;
  createdAt: string;
  updatedAt: string;
}

export interface FundingPage {
  total: number;
  /** Sum of every record the filters select (not only this page's), in 分. */
  totalFen: number;
  rows: FundingRecord[];
}

export type FenBySource = Record<FundingSource, number>;

export interface FundingTotalsLine {
  regionId: number | null;
  regionName: string;
  bySource: FenBySource;
  totalFen: number;
}

export interface FundingTotals {
  year: number;
  regions: FundingTotalsLine[];
  county: FundingTotalsLine;
}
