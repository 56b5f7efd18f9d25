/** Flags on an organization, each with the reason a clerk reads on its page. */
import { ORG_SUBTYPES, type OrgCategory, type OrgFlag, type OrgSubtype } from '../domain/codes';
import { type CoverageFacts, classifyCoverage, isShouldBuildMissing, SHOULD_BUILD_MIN_MEMBERS } from './coverage';
import { checkUscc, USCC_KINDS } from './uscc';

export interface OrgFlagFacts extends CoverageFacts {
  category: OrgCategory;
  subtype: OrgSubtype;
  uscc: string | null;
  noPartyReason: string | null;
  plannedBuildDate: string | null;
}

export interface FlagHit<F extends string> {
  code: F;
  reason: string;
}

/** A warning (not an error) when the code's kind disagrees with the chosen sub-type, or null. */
export function usccKindWarning(uscc: string, subtype: OrgSubtype): string | null {
  const r = checkUscc(uscc);
  if (!r.ok) return null;
  const expected = ORG_SUBTYPES.find((s) => s.code === subtype);
  if (!expected) return null;
  const social = ['51', '52', '53', '59'];
  const matches =
    r.kind === expected.uscc ||
    // 5x codes are all civil-affairs registrations; 社会团体 may legitimately carry 59, etc.
    (expected.category === 'social' && social.includes(r.kind) && expected.uscc !== '53' && r.kind !== '53') ||
    // 合作社 and 商场·市场 are sometimes registered as ordinary enterprises.
    (expected.category === 'nonpublic' && r.kind === '91' && expected.code !== 'individual');
  if (matches) return null;
  const kindLabel = USCC_KINDS[r.kind] ?? `“${r.kind}”类`;
  return `代码前两位“${r.kind}”表示${kindLabel}，与所选类型“${expected.label}”不一致，请核实`;
}

export function orgFlags(f: OrgFlagFacts, today: string): FlagHit<OrgFlag>[] {
  const hits: FlagHit<OrgFlag>[] = [];
  const status = classifyCoverage(f);
  if (isShouldBuildMissing(f)) {
    hits.push({
      code: 'should_build',
      reason: `有正式党员${f.formalMembers}名（${SHOULD_BUILD_MIN_MEMBERS}名以上应单独组建），尚未单独组建党组织`,
    });
  }
  if (status === 'none') {
    hits.push({ code: 'uncovered', reason: '既无党组织覆盖，也未选派党建工作指导员' });
  }
  if (status !== 'out' && f.coveringMethod == null && f.formalMembers > 0 && f.formalMembers < SHOULD_BUILD_MIN_MEMBERS) {
    hits.push({
      code: 'members_unorganized',
      reason: `有正式党员${f.formalMembers}名，应纳入联合党组织或挂靠党组织`,
    });
  }
  if (status !== 'out' && status !== 'single' && status !== 'shared') {
    if (f.plannedBuildDate && f.plannedBuildDate < today) {
      hits.push({ code: 'planned_overdue', reason: `拟建时间${f.plannedBuildDate}已过，仍未建立党组织` });
    }
    if (!f.noPartyReason?.trim()) {
      hits.push({ code: 'no_reason', reason: '未建立党组织，但未填写未建原因' });
    }
  }
  if (f.uscc) {
    const r = checkUscc(f.uscc);
    if (!r.ok) hits.push({ code: 'uscc_invalid', reason: r.message });
    else {
      const warning = usccKindWarning(f.uscc, f.subtype);
      if (warning) hits.push({ code: 'uscc_kind_mismatch', reason: warning });
    }
  }
  return hits;
}
