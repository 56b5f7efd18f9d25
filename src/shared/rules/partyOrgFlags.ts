/** Flags on a party organization: 换届逾期 or due within 3 / 6 months, branch size, 书记空缺, 支委会. */
import type { PartyOrgFlag, PartyOrgType } from '../domain/codes';
import { addMonths, addYears, daysBetween } from './dates';
import type { FlagHit } from './orgFlags';

/** A 支部 over 50 members should become a 总支; over 100, a 党委. A 支部 with 7+ members elects a 支委会. */
export const GENERAL_BRANCH_OVER = 50;
export const COMMITTEE_OVER = 100;
export const BRANCH_COMMITTEE_FROM = 7;

export interface PartyOrgFlagFacts {
  type: PartyOrgType;
  formalMembers: number;
  probationaryMembers: number;
  secretaryName: string | null;
  committeeMembers: string | null;
  foundedDate: string | null;
  lastElectionDate: string | null;
  termYears: number | null;
}

/** Term length when none is recorded: 5 years for a 党委, 3 for 总支 and 支部. */
export function defaultTermYears(type: PartyOrgType): number {
  return type === 'committee' ? 5 : 3;
}

export function electionDue(f: PartyOrgFlagFacts): string | null {
  const from = f.lastElectionDate ?? f.foundedDate;
  if (!from) return null;
  return addYears(from, f.termYears ?? defaultTermYears(f.type));
}

function isBranch(type: PartyOrgType): boolean {
  return type === 'branch' || type === 'joint_branch' || type === 'temporary' || type === 'functional';
}

export function partyOrgFlags(f: PartyOrgFlagFacts, today: string): FlagHit<PartyOrgFlag>[] {
  const hits: FlagHit<PartyOrgFlag>[] = [];
  const members = f.formalMembers + f.probationaryMembers;
  const due = electionDue(f);
  if (due && due < today) {
    const from = f.lastElectionDate ? `上次换届${f.lastElectionDate}` : `成立于${f.foundedDate}且未换届`;
    hits.push({ code: 'election_overdue', reason: `${from}，任期${f.termYears ?? defaultTermYears(f.type)}年，应于${due}前换届` });
  } else if (due && due <= addMonths(today, 6)) {
    // Ahead of time, so the 换届 can be prepared (请示, 选举): within 3 months, or within 6 but not 3.
    const soon = due <= addMonths(today, 3);
    hits.push({
      code: soon ? 'election_due3' : 'election_due6',
      reason: `应于${due}前换届，${due === today ? '今天到期' : `还有${daysBetween(today, due)}天`}`,
    });
  }
  if (isBranch(f.type) && members > COMMITTEE_OVER) {
    hits.push({ code: 'should_be_committee', reason: `党员${members}名，超过${COMMITTEE_OVER}名，应设立党委` });
  } else if (isBranch(f.type) && members > GENERAL_BRANCH_OVER) {
    hits.push({ code: 'should_be_general_branch', reason: `党员${members}名，超过${GENERAL_BRANCH_OVER}名，应设立党总支` });
  } else if (f.type === 'general_branch' && members > COMMITTEE_OVER) {
    hits.push({ code: 'should_be_committee', reason: `党员${members}名，超过${COMMITTEE_OVER}名，应设立党委` });
  }
  if (!f.secretaryName?.trim()) {
    hits.push({ code: 'secretary_vacant', reason: '未配备党组织书记' });
  }
  if (isBranch(f.type) && members >= BRANCH_COMMITTEE_FROM && members <= GENERAL_BRANCH_OVER && !f.committeeMembers?.trim()) {
    hits.push({ code: 'needs_branch_committee', reason: `党员${members}名（${BRANCH_COMMITTEE_FROM}名以上），应选举支部委员会` });
  }
  return hits;
}
