/** Every kind of import, one line each; the shared list of kinds (src/shared/importKinds.ts) names them. */
import type { ImportKind } from '../../../../shared/importKinds';
import { activitiesImport } from './activities';
import { fundingImport } from './funding';
import { gridsImport } from './grids';
import { inspectionsImport } from './inspections';
import { instructorsImport } from './instructors';
import { massOrgsImport } from './massOrgs';
import { memberYearsImport } from './memberYears';
import { orgsImport } from './orgs';
import { partyOrgsImport } from './partyOrgs';
import { modelSitesImport } from './sites';
import { trainingsImport } from './trainings';
import type { KindAdapter } from './types';

const ADAPTERS: { [K in ImportKind]: KindAdapter<unknown> } = {
  orgs: orgsImport,
  partyOrgs: partyOrgsImport,
  instructors: instructorsImport,
  funding: fundingImport,
  trainings: trainingsImport,
  grids: gridsImport,
  inspections: inspectionsImport,
  activities: activitiesImport,
  memberYears: memberYearsImport,
  modelSites: modelSitesImport,
  massOrgs: massOrgsImport,
};

/** The adapter of a kind; the preview hands each only what its own schema parsed. */
export function adapterOf(kind: ImportKind): KindAdapter<unknown> {
  return ADAPTERS[kind];
}
