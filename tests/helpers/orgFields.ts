/** An organization's form as stored, for tests that save it with some fields changed as the 两新组织 screen does. */
import { camelDb } from '../../src/main/core/camel';
import type { Ctx } from '../../src/main/core/context';
import { asOrgFields, orgRows } from '../../src/main/core/services/orgs';
import { orgFieldsSchema } from '../../src/shared/schemas';
import type { OrgDetail, OrgFields } from '../../src/shared/types';

/** The fields `updateOrg` takes, read the way the service reads them (no id, names, flags or stamps). */
export async function orgFieldsOf(ctx: Ctx, id: number): Promise<OrgFields> {
  return asOrgFields(await orgRows(camelDb(ctx.ledger.db)).where('o.id', '=', id).executeTakeFirstOrThrow());
}

/** The same from what `orgs.get` answers: the form's schema keeps its own fields and drops the rest. */
export function orgFormOf(detail: OrgDetail): OrgFields {
  return orgFieldsSchema.parse(detail);
}
