/**
 * The demo county's 示范点, 群团 details and 年检 (seeds/sites.ts writes them), loaded inside the seed's
 * transaction through the same services and schemas the screens use. Records name their party
 * organization by name and their organization by the seed's ref.
 */
import type { z } from 'zod';
import { inspectionSetSchema } from '../../../shared/records/inspections';
import { massOrgSetSchema } from '../../../shared/records/massOrgs';
import { modelSiteFieldsSchema } from '../../../shared/records/modelSites';
import { describeErrors, fieldErrors } from '../../../shared/schemas';
import { AppError } from '../errors';
import type { Writer } from '../write';
import { setInspectionIn } from './inspections';
import { setMassOrgIn } from './massOrgs';
import { createModelSiteIn } from './modelSites';

export type SeedModelSite = Omit<z.input<typeof modelSiteFieldsSchema>, 'partyOrgId'> & { partyOrgName: string };
export type SeedMassOrg = Omit<z.input<typeof massOrgSetSchema>, 'orgId' | 'present'> & { orgRef: string };
export type SeedInspection = Omit<z.input<typeof inspectionSetSchema>, 'orgId'> & { orgRef: string };

export interface SiteSeed {
  modelSites?: SeedModelSite[];
  massOrgs?: SeedMassOrg[];
  inspections?: SeedInspection[];
}

function parsed<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new AppError('invalid_input', `示例数据${what}有误：${describeErrors(fieldErrors(r.error))}`);
  return r.data;
}

/**
 * Like the organizations and party organizations of the demo, these records are covered by the load's one
 * audit row (ledger / seed), not one row each: the 操作日志 of a new ledger stays readable.
 */
export async function loadSiteSeedIn(
  writer: Writer,
  seed: SiteSeed,
  orgId: (ref: string, what: string) => number,
  partyOrgId: (name: string, what: string) => number,
): Promise<void> {
  const w: Writer = { ...writer, audit: async () => {} };
  for (const { partyOrgName, ...m } of seed.modelSites ?? []) {
    const what = `示范点“${partyOrgName}”`;
    await createModelSiteIn(w, parsed(modelSiteFieldsSchema, { ...m, partyOrgId: partyOrgId(partyOrgName, what) }, what));
  }
  for (const { orgRef, ...m } of seed.massOrgs ?? []) {
    const what = `群团组织“${orgRef}”`;
    await setMassOrgIn(w, parsed(massOrgSetSchema, { ...m, orgId: orgId(orgRef, what), present: true }, what));
  }
  for (const { orgRef, ...i } of seed.inspections ?? []) {
    const what = `年检“${orgRef}”`;
    await setInspectionIn(w, parsed(inspectionSetSchema, { ...i, orgId: orgId(orgRef, what) }, what));
  }
}
