/** An organization's form as stored, for tests that save it with some fields changed as the 两新组织 screen does. */
import { camelDb } from '../../src/main/core/camel';
import type { Ctx } from '../../src/main/core/context';
import { asOrgFields, orgRows } from '../../src/main/core/services/orgs';
import type { OrgFields } from '../../src/shared/types';

/** The fields `updateOrg` takes, read the way the service reads them (no id, names, flags or stamps). */
export async function orgFieldsOf(ctx: Ctx, id: number): Promise<OrgFields> {
  return asOrgFields(await orgRows(camelDb(ctx.ledger.db)).where('o.id', '=', id).executeTakeFirstOrThrow());
}
