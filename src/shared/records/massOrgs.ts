/** 群团组织 (工会 / 共青团 / 妇联) of a 两新组织: one row per kind that exists. */
import { z } from 'zod';
import { codesOf } from '../domain/codes';
import { MASS_ORG_KINDS, type MassOrgKind } from '../domain/siteCodes';
import { count, id, optDate, optText } from '../schemas';

const blankToNull = (v: unknown) => (v === '' || (typeof v === 'string' && v.trim() === '') ? null : v);

export const massOrgSetSchema = z.object({
  orgId: id,
  kind: z.enum(codesOf(MASS_ORG_KINDS), { error: '请选择工会、共青团或妇联' }),
  /** false removes the kind from the organization. */
  present: z.boolean({ error: '请选择是否已建立' }),
  foundedDate: optDate,
  members: z.preprocess(blankToNull, count(1_000_000).nullable().default(null)),
  chair: optText(50),
});

export type MassOrgSet = z.output<typeof massOrgSetSchema>;

/** One kind as the organization's page shows it: the fields as set, without the organization. */
export type MassOrgView = Omit<MassOrgSet, 'orgId'>;

/** The organization's boolean column that mirrors each kind (kept for the lists and reports that read it). */
export const MASS_ORG_FLAG = {
  union: 'hasUnion',
  youth: 'hasYouthLeague',
  women: 'hasWomenFederation',
} as const satisfies Record<MassOrgKind, string>;
