/** What a file's manifest says about it: the exchange source it belongs to, and its record counts. */
import type { ExchangeManifest } from './format';
import type { ExchangeContent } from './records';

export const sourceOf = (countyCode: string, regionName: string | null) => `${countyCode}/${regionName ?? '*'}`;
export const sourceLabelOf = (countyName: string, countyCode: string, regionName: string | null) =>
  `${countyName}（${countyCode}）${regionName ?? '全部属地'}`;

export function countsOf(content: ExchangeContent): ExchangeManifest['counts'] {
  return {
    regions: content.regions.length,
    orgs: content.orgs.length,
    partyOrgs: content.partyOrgs.length,
    instructors: content.instructors.length,
    assignments: content.instructors.reduce((n, t) => n + t.assignments.length, 0),
    funding: content.funding.length,
    trainings: content.trainings.length,
    trainingAttendees: content.trainings.reduce((n, t) => n + t.attendees.length, 0),
    activities: content.activities.length,
    grids: content.grids.length,
    modelSites: content.modelSites.length,
    massOrgs: content.massOrgs.length,
    inspections: content.inspections.length,
    memberYears: content.memberYears.length,
  };
}
