/** Rows of the 组织生活记录台账 and the 换届提醒表. */
import { ACTIVITY_KINDS } from '../../../shared/domain/activityCodes';
import { labelOf } from '../../../shared/domain/codes';
import type { ReportFilters } from '../../../shared/reports/types';
import { addMonths, daysBetween } from '../../../shared/rules/dates';
import { camelDb } from '../camel';
import type { Ctx } from '../context';
import { listActivities } from '../services/activities';
import { listPartyOrgs } from '../services/partyOrgs';
import { ofCallerRegions } from '../services/recordScope';

const ALL = Number.MAX_SAFE_INTEGER;

/** “12/10”: 应到 over 实到, a dash for the one not recorded. */
function attendanceText(expected: number | null, attendance: number | null): string | null {
  if (expected == null && attendance == null) return null;
  return `${expected ?? '—'}/${attendance ?? '—'}`;
}

/** The year's activities, oldest first, as they happened. */
export async function activityLedgerRows(ctx: Ctx, f: ReportFilters, year: number) {
  const list = (await listActivities(ctx, { year, regionId: f.regionId, offset: 0, limit: ALL })).rows.reverse();
  return list.map((a, i) => ({
    seq: i + 1,
    date: a.date,
    partyOrg: a.partyOrgName,
    region: a.regionName,
    kind: labelOf(ACTIVITY_KINDS, a.kind),
    topic: a.topic,
    attendance: attendanceText(a.expected, a.attendance),
    place: a.place,
  }));
}

/** Party organizations whose 换届 falls due within six months of `day` or is overdue, soonest (most overdue) first. */
export async function electionReminderRows(ctx: Ctx, f: ReportFilters, day: string) {
  const until = addMonths(day, 6);
  const due = ofCallerRegions(
    (await listPartyOrgs(ctx, { regionId: f.regionId, sort: 'electionDue', dir: 'asc', offset: 0, limit: ALL })).rows,
  ).filter((p) => p.electionDue != null && p.electionDue <= until);
  const dates = new Map(
    (
      await camelDb(ctx.ledger.db)
        .selectFrom('party_orgs')
        .select(['id', 'lastElectionDate', 'foundedDate'])
        .where('deletedAt', 'is', null)
        .execute()
    ).map((r) => [r.id, r]),
  );
  return due.map((p, i) => {
    const days = daysBetween(day, p.electionDue as string);
    const d = dates.get(p.id);
    return {
      seq: i + 1,
      name: p.name,
      region: p.regionName,
      secretary: p.secretaryName,
      // A branch never re-elected counts its term from its founding, which the paper shows beside the blank 上次换届.
      founded: d?.foundedDate ?? null,
      lastElection: d?.lastElectionDate ?? null,
      electionDue: p.electionDue,
      remaining: days < 0 ? `逾期${-days}天` : `剩余${days}天`,
    };
  });
}
