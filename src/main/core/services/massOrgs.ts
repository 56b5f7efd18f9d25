/**
 * 群团组织 (工会 / 共青团 / 妇联) of a 两新组织. The rows are the record; the organization's three
 * booleans (has_union, has_youth_league, has_women_federation) stay as columns because import, exchange,
 * the organization form and the reports read and write them, and every writer keeps them equal to
 * “a row exists” through this file.
 */
import { type Kysely, sql } from 'kysely';
import type { MassOrgKind } from '../../../shared/domain/siteCodes';
import { MASS_ORG_KINDS } from '../../../shared/domain/siteCodes';
import type { MassOrgSet, MassOrgView } from '../../../shared/records/massOrgs';
import { assertRegion } from '../caller';
import { camelDb } from '../camel';
import type { Ctx } from '../context';
import { notFound } from '../errors';
import type { CamelDatabase } from '../schema';
import { type Writer, write } from '../write';

type Db = Ctx['ledger']['db'] | Writer['trx'];

const COLUMN = { union: 'has_union', youth: 'has_youth_league', women: 'has_women_federation' } as const satisfies Record<
  MassOrgKind,
  string
>;

async function assertOrg(db: Db, orgId: number): Promise<void> {
  const org = await db.selectFrom('orgs').select('region_id').where('id', '=', orgId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!org) throw notFound('两新组织', orgId);
  assertRegion(org.region_id, '两新组织', orgId);
}

/** An organization's 群团 rows as the audit log and the import speak of them. */
export function massOrgRows(db: Kysely<CamelDatabase>, orgId?: number) {
  return db
    .selectFrom('mass_orgs')
    .select(['orgId', 'kind', 'foundedDate', 'members', 'chair'])
    .$if(orgId != null, (q) => q.where('orgId', '=', orgId as number));
}

type Logged = Awaited<ReturnType<ReturnType<typeof massOrgRows>['executeTakeFirstOrThrow']>>;

function view(kind: MassOrgKind, row: Logged | undefined): MassOrgView {
  return {
    kind,
    present: row != null,
    foundedDate: row?.foundedDate ?? null,
    members: row?.members ?? null,
    chair: row?.chair ?? null,
  };
}

/** The three kinds in their fixed order, each present or not. */
export async function listMassOrgs(ctx: Ctx, orgId: number): Promise<MassOrgView[]> {
  await assertOrg(ctx.ledger.db, orgId);
  const rows = await massOrgRows(camelDb(ctx.ledger.db), orgId).execute();
  return MASS_ORG_KINDS.map((k) =>
    view(
      k.code,
      rows.find((r) => r.kind === k.code),
    ),
  );
}

export async function setMassOrg(ctx: Ctx, input: MassOrgSet): Promise<MassOrgView[]> {
  await write(ctx, (w) => setMassOrgIn(w, input));
  return listMassOrgs(ctx, input.orgId);
}

/** `audit`: written beside the change in the 操作日志 (an import's or exchange file's record). */
export async function setMassOrgIn(w: Writer, input: MassOrgSet, audit: Record<string, unknown> = {}): Promise<void> {
  await assertOrg(w.trx, input.orgId);
  const { orgId, kind } = input;
  const trx = camelDb(w.trx);
  const before = await massOrgRows(trx, orgId).where('kind', '=', kind).executeTakeFirst();
  if (!input.present) {
    if (!before) return;
    await trx.deleteFrom('mass_orgs').where('orgId', '=', orgId).where('kind', '=', kind).execute();
    await w.audit('mass_org', orgId, 'delete', before, null);
  } else {
    const { foundedDate, members, chair } = input;
    const values = { foundedDate, members, chair, updatedAt: w.now };
    if (before) await trx.updateTable('mass_orgs').set(values).where('orgId', '=', orgId).where('kind', '=', kind).execute();
    else
      await trx
        .insertInto('mass_orgs')
        .values({ ...values, orgId, kind, createdAt: w.now })
        .execute();
    const after = { orgId, kind, foundedDate, members, chair };
    await w.audit('mass_org', orgId, before ? 'update' : 'create', before ?? null, { ...after, ...audit });
  }
  // The flag is a field of the organization's form: a change raises its version, so a form opened
  // before (an import or exchange file meanwhile) gets a conflict instead of writing the old flag back.
  const flag = input.present ? 1 : 0;
  await w.trx
    .updateTable('orgs')
    .set({ [COLUMN[kind]]: flag, updated_at: w.now, version: sql<number>`version + 1` })
    .where('id', '=', orgId)
    .where(COLUMN[kind], '<>', flag)
    .execute();
  w.touchOrgs([orgId]);
}

/**
 * After an organization's booleans were written (form, import, exchange): a kind ticked gets its row (no
 * details yet), a kind unticked loses it — each change logged like a change made in the 群团 section.
 */
export async function alignMassOrgsIn(
  w: Writer,
  orgId: number,
  flags: { hasUnion: boolean; hasYouthLeague: boolean; hasWomenFederation: boolean },
  isNew = false,
): Promise<void> {
  const want: Record<MassOrgKind, boolean> = { union: flags.hasUnion, youth: flags.hasYouthLeague, women: flags.hasWomenFederation };
  // A new organization has no rows yet: an import of thousands skips the read.
  const trx = camelDb(w.trx);
  const rows = isNew ? [] : await massOrgRows(trx, orgId).execute();
  for (const { code: kind } of MASS_ORG_KINDS) {
    const row = rows.find((r) => r.kind === kind);
    if (want[kind] && !row) {
      await trx.insertInto('mass_orgs').values({ orgId, kind, createdAt: w.now, updatedAt: w.now }).execute();
      await w.audit('mass_org', orgId, 'create', null, { orgId, kind });
    } else if (!want[kind] && row) {
      await trx.deleteFrom('mass_orgs').where('orgId', '=', orgId).where('kind', '=', kind).execute();
      await w.audit('mass_org', orgId, 'delete', row, null);
    }
  }
}

/** Every organization at once (the demo county's loader writes organizations row by row): rows follow the booleans. */
export async function alignAllMassOrgsIn(w: Writer): Promise<void> {
  for (const { code: kind } of MASS_ORG_KINDS) {
    const column = sql.ref(COLUMN[kind]);
    await sql`DELETE FROM mass_orgs WHERE kind = ${kind} AND org_id IN (SELECT id FROM orgs WHERE ${column} = 0)`.execute(w.trx);
    await sql`INSERT INTO mass_orgs (org_id, kind, created_at, updated_at)
              SELECT id, ${kind}, ${w.now}, ${w.now} FROM orgs
               WHERE ${column} = 1 AND id NOT IN (SELECT org_id FROM mass_orgs WHERE kind = ${kind})`.execute(w.trx);
  }
}
