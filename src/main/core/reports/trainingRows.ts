/** Rows of 培训台账 and 培训情况统计表, from the same list and totals the 培训 page shows. */
import { labelOf } from '../../../shared/domain/codes';
import { TRAINING_TARGETS } from '../../../shared/domain/trainingCodes';
import type { ReportFilters } from '../../../shared/reports/types';
import type { Ctx } from '../context';
import { listTrainings, trainingTotals } from '../services/trainings';

const ALL = 1_000_000_000;

/** “2025-03-12”, “2025-03-12—03-14”, or both dates in full across a new year. */
export function trainingDateText(start: string, end: string): string {
  if (start === end) return start;
  return `${start}—${start.slice(0, 4) === end.slice(0, 4) ? end.slice(5) : end}`;
}

interface LedgerRow {
  seq: number | null;
  date: string | null;
  topic: string | null;
  target: string | null;
  organizer: string | null;
  place: string | null;
  sessions: number;
  attendances: number;
}

/** Oldest class first, as a ledger is kept. */
export async function trainingLedgerRows(ctx: Ctx, f: ReportFilters, year: number): Promise<{ rows: LedgerRow[]; totals: LedgerRow }> {
  const list = await listTrainings(ctx, { year, regionId: f.regionId, offset: 0, limit: ALL });
  const rows = [...list.rows].reverse().map((t, i) => ({
    seq: i + 1,
    date: trainingDateText(t.startDate, t.endDate),
    topic: t.topic,
    target: labelOf(TRAINING_TARGETS, t.target),
    organizer: t.organizer,
    place: t.place,
    sessions: t.sessions,
    attendances: t.attendances,
  }));
  return {
    rows,
    totals: { seq: null, date: '合计', topic: null, target: null, organizer: null, place: null, ...list.sums },
  };
}

interface TotalsRow {
  target: string;
  sessions: number;
  attendances: number;
  countySessions: number;
  countyAttendances: number;
  regionSessions: number;
  regionAttendances: number;
}

/** One row per target group (those with no class too, so the table's shape stays the same each year). */
export async function trainingTotalsRows(ctx: Ctx, year: number): Promise<{ rows: TotalsRow[]; totals: TotalsRow }> {
  const figures = await trainingTotals(ctx.ledger.db, year);
  const line = (target: string, of: typeof figures): TotalsRow => {
    const sum = (rows: typeof figures, k: 'sessions' | 'attendances') => rows.reduce((s, r) => s + r[k], 0);
    const county = of.filter((r) => r.regionId == null);
    const regions = of.filter((r) => r.regionId != null);
    return {
      target,
      sessions: sum(of, 'sessions'),
      attendances: sum(of, 'attendances'),
      countySessions: sum(county, 'sessions'),
      countyAttendances: sum(county, 'attendances'),
      regionSessions: sum(regions, 'sessions'),
      regionAttendances: sum(regions, 'attendances'),
    };
  };
  return {
    rows: TRAINING_TARGETS.map((t) =>
      line(
        t.label,
        figures.filter((r) => r.target === t.code),
      ),
    ),
    totals: line('合计', figures),
  };
}
