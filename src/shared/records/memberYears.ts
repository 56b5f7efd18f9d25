/** 党员发展 by year: one organization's figures for one year. */
import { z } from 'zod';
import { count, id, year } from '../schemas';

export const memberYearFieldsSchema = z.object({
  formal: count(100_000),
  probationary: count(100_000),
  activists: count(100_000),
  candidates: count(100_000),
  newMembers: count(100_000),
});

export const memberYearSetSchema = memberYearFieldsSchema.extend({ orgId: id, year });

export type MemberYearFields = z.output<typeof memberYearFieldsSchema>;
export type MemberYearSet = z.output<typeof memberYearSetSchema>;

/** One year's figures as the organization's page shows them. */
export interface MemberYear extends MemberYearFields {
  orgId: number;
  year: number;
  updatedAt: string;
}
