/** 示范点与党建品牌: a designation of a party organization at a level in a year; history is kept row by row. */
import { z } from 'zod';
import { codesOf } from '../domain/codes';
import { MODEL_SITE_LEVELS } from '../domain/siteCodes';
import { id, optText, year } from '../schemas';

const blankToNull = (v: unknown) => (v === '' || (typeof v === 'string' && v.trim() === '') ? null : v);

export const modelSiteFieldsSchema = z
  .object({
    partyOrgId: id,
    level: z.enum(codesOf(MODEL_SITE_LEVELS), { error: '请选择命名级别' }),
    year,
    brandName: optText(100),
    fiveStar: z.boolean().default(false),
    /** 撤销 / 摘牌: the designation stays in the ledger, no longer in force from this year on. */
    revokedYear: z.preprocess(blankToNull, year.nullable().default(null)),
    documentNo: optText(100),
    remarks: optText(500, true),
  })
  .superRefine((v, ctx) => {
    if (v.revokedYear != null && v.revokedYear < v.year) {
      ctx.addIssue({ code: 'custom', path: ['revokedYear'], message: '撤销（摘牌）年度不能早于命名年度' });
    }
  });

export type ModelSiteFields = z.output<typeof modelSiteFieldsSchema>;

export const modelSitesListSchema = z
  .object({
    /** Designations in force in this year (named in or before it, not yet revoked). */
    year: year.optional(),
    regionId: id.optional(),
    level: z.enum(codesOf(MODEL_SITE_LEVELS), { error: '请选择命名级别' }).optional(),
    /** 党组织名称、拼音首字母、书记姓名或品牌名称中的一段. */
    query: z.string().trim().max(100).optional(),
    /** One party organization's designations, revoked ones included (its page's history). */
    partyOrgId: id.optional(),
  })
  .default({});

export interface ModelSiteRow extends ModelSiteFields {
  id: number;
  partyOrgName: string;
  regionId: number;
  regionName: string;
  /** In force in the year asked for (or this year when none was asked). */
  inForce: boolean;
}

/** A designation is in force in `y` from its year until the year it is revoked. */
export function inForceIn(site: { year: number; revokedYear: number | null }, y: number): boolean {
  return site.year <= y && (site.revokedYear == null || site.revokedYear > y);
}
