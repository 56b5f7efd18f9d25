/** 党员发展情况统计表: one year's figures per region, the year before's 正式党员 beside them, and a county total. */
import type { REPORTS } from '../../../shared/reports/definitions';
import type { Cell } from '../../../shared/reports/types';
import type { Ctx } from '../context';
import { type MemberYearTotal, memberYearTotals } from '../services/memberYears';
import { ofCallerRegions } from '../services/recordScope';
import { listRegions } from '../services/regions';

type Row = Record<Extract<(typeof REPORTS)[number], { id: 'memberYears' }>['columns'][number]['key'], Cell>;

const FIGURES = ['formal', 'probationary', 'activists', 'candidates', 'newMembers'] as const;

function line(region: string, t: Omit<MemberYearTotal, 'regionId'>, lastFormal: number): Row {
  return { region, ...t, lastFormal, formalChange: t.formal - lastFormal };
}

export async function memberYearRows(ctx: Ctx, year: number): Promise<{ rows: Row[]; totals: Row }> {
  const [now, before, regions] = await Promise.all([
    memberYearTotals(ctx.ledger.db, year).then(ofCallerRegions),
    memberYearTotals(ctx.ledger.db, year - 1).then(ofCallerRegions),
    listRegions(ctx),
  ]);
  const lastFormal = new Map(before.map((b) => [b.regionId, b.formal]));
  const names = new Map(regions.map((r) => [r.id, r.name]));
  const sum = Object.fromEntries(FIGURES.map((k) => [k, now.reduce((s, r) => s + r[k], 0)])) as Omit<MemberYearTotal, 'regionId'>;
  return {
    rows: now.map(({ regionId, ...t }) => line(names.get(regionId) ?? '', t, lastFormal.get(regionId) ?? 0)),
    totals: line(
      '合计',
      sum,
      before.reduce((s, r) => s + r.formal, 0),
    ),
  };
}
