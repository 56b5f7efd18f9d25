/**
 * The values of a case dialog and what it checks before sending: the shared action schema, and the
 * core's date and pass-line rules on top, so a dialog refuses what the core would refuse.
 */

import type { FormErrors } from '@mantine/form';
import { schemaResolver } from '@mantine/form';
import type { CaseAction } from '../../../shared/domain/codes';
import { acceptProblem, dateProblem } from '../../../shared/rules/caseLifecycle';
import { caseActSchema } from '../../../shared/schemas';
import type { CaseDetail } from '../../../shared/types';

/** The 其他 choice of a leader or 指导员 picker: a name typed, not one from the lists. */
export const OTHER = 'other';

export interface ActionValues {
  id: number;
  action: CaseAction;
  date: string;
  plan: {
    measures: string;
    goal: string;
    responsible: string;
    deadline: string;
    leaderCountyId: number | null;
    leaderCounty: string;
    leaderTownshipId: number | null;
    leaderTownship: string;
    instructorId: number | null;
    instructorName: string;
    pairingDept: string;
    listedDate: string;
  };
  /** What each picker shows: an id as text, OTHER, or nothing. Not sent. */
  picks: { county: string | null; township: string | null; instructor: string | null };
  note: string;
  score: number | string;
  passed: boolean;
  satisfaction: number | string;
  opinion: string;
  newDeadline: string;
  belowLineReason: string;
  reason: string;
}

const pickOf = (id: number | null, text: string | null) => (id != null ? String(id) : text ? OTHER : null);

export function initialValues(c: CaseDetail, action: CaseAction, today: string): ActionValues {
  return {
    id: c.id,
    action,
    date: today,
    plan: {
      measures: c.measures ?? '',
      goal: c.goal ?? '',
      responsible: c.responsible ?? '',
      deadline: c.deadline ?? '',
      leaderCountyId: c.leaderCountyId,
      leaderCounty: c.leaderCountyId == null ? (c.leaderCounty ?? '') : '',
      leaderTownshipId: c.leaderTownshipId,
      leaderTownship: c.leaderTownshipId == null ? (c.leaderTownship ?? '') : '',
      instructorId: c.instructorId,
      instructorName: c.instructorId == null ? (c.instructorName ?? '') : '',
      pairingDept: c.pairingDept ?? '',
      listedDate: c.listedDate ?? '',
    },
    picks: {
      county: pickOf(c.leaderCountyId, c.leaderCounty),
      township: pickOf(c.leaderTownshipId, c.leaderTownship),
      instructor: pickOf(c.instructorId, c.instructorName),
    },
    note: '',
    score: '',
    passed: true,
    satisfaction: '',
    opinion: '',
    newDeadline: '',
    belowLineReason: '',
    reason: '',
  };
}

/** What the dialog sends: the values as the shared schema reads them (pickers' state left out). */
export function toInput(v: ActionValues) {
  const { picks: _p, ...rest } = v;
  const sent = { ...rest, score: rest.score === '' ? Number.NaN : rest.score, newDeadline: rest.passed ? '' : rest.newDeadline };
  return caseActSchema.parse(sent);
}

const shape = schemaResolver(caseActSchema, { sync: true });

/** Field errors for the dialog: the schema's, plus the core's rules on dates and the pass line. */
export function validateAction(c: CaseDetail, today: string, passLine: number) {
  const lastStepDate = c.events.reduce<string | null>((m, e) => (m == null || e.date > m ? e.date : m), null);
  return (v: ActionValues): FormErrors => {
    const { picks: _p, ...rest } = v;
    const errors: FormErrors = shape({
      ...rest,
      score: rest.score === '' ? undefined : rest.score,
      newDeadline: rest.passed ? '' : rest.newDeadline,
    });
    const date = dateProblem({ identifiedDate: c.identifiedDate, lastStepDate, today }, v.date);
    if (date && !errors.date) errors.date = date.replace(/^「日期」/, '');
    if (v.action === 'accept' && typeof v.score === 'number') {
      const below = acceptProblem({ passed: v.passed, score: v.score, belowLineReason: v.belowLineReason }, passLine);
      if (below) errors.belowLineReason = `得分低于合格线${passLine}分，通过验收须写明理由`;
    }
    return errors;
  };
}
