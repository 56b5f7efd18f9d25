/** The rows of the 经费 ledgers: every payment of a year, and the year's sums by region and source. */
import { labelOf } from '../../../shared/domain/codes';
import { FUNDING_KINDS, FUNDING_SOURCES } from '../../../shared/domain/fundingCodes';
import type { ReportFilters } from '../../../shared/reports/types';
import type { Ctx } from '../context';
import { fundingTotalsTable, selectFunding } from '../services/funding';

/** 分 as the 元 a money cell holds. */
const yuan = (fen: number) => fen / 100;

export async function fundingLedgerRows(ctx: Ctx, f: ReportFilters, year: number) {
  const list = await selectFunding(ctx, { year, regionId: f.regionId }, 'ledger');
  const rows = list.map((r, i) => ({
    seq: i + 1,
    partyOrg: r.partyOrgName,
    region: r.regionName,
    date: r.date,
    source: labelOf(FUNDING_SOURCES, r.source),
    kind: labelOf(FUNDING_KINDS, r.fundKind),
    period: r.period,
    amount: yuan(r.amountFen),
    documentNo: r.documentNo,
    remarks: r.remarks,
  }));
  const totals = {
    seq: null,
    partyOrg: `合计（${list.length}笔）`,
    region: null,
    date: null,
    source: null,
    kind: null,
    period: null,
    amount: yuan(list.reduce((s, r) => s + r.amountFen, 0)),
    documentNo: null,
    remarks: null,
  };
  return { rows, totals };
}

export async function fundingTotalsRows(ctx: Ctx, year: number) {
  const table = await fundingTotalsTable(ctx, { year });
  const counts = new Map<number, number>();
  for (const r of await selectFunding(ctx, { year })) counts.set(r.regionId, (counts.get(r.regionId) ?? 0) + 1);
  const line = (l: typeof table.county, count: number) => ({
    region: l.regionName,
    count,
    unit: yuan(l.bySource.unit),
    superior: yuan(l.bySource.superior),
    dues_return: yuan(l.bySource.dues_return),
    fiscal: yuan(l.bySource.fiscal),
    other: yuan(l.bySource.other),
    total: yuan(l.totalFen),
  });
  return {
    rows: table.regions.map((l) => line(l, counts.get(l.regionId ?? 0) ?? 0)),
    totals: line(
      table.county,
      [...counts.values()].reduce((s, n) => s + n, 0),
    ),
  };
}
