/** Commit: a preview applied in one transaction, conflicts as resolved, the exchange history brought up to date. */
import type { ExchangeCommitResult, Resolution } from '../../../shared/exchange';
import type { Ctx } from '../context';
import { AppError } from '../errors';
import { assignInstructorIn, createInstructorIn, updateInstructorIn } from '../services/instructors';
import { createOrgIn, updateOrgIn } from '../services/orgs';
import { createPartyOrgIn, updatePartyOrgIn } from '../services/partyOrgs';
import { createRegionIn } from '../services/regions';
import { type Writer, write } from '../write';
import { chunks, upsertHistory } from './history';
import { buildPlan, type Plan, type PlanItem, WORK } from './plan';
import { previews, type StoredPreview } from './preview';
import { type InstructorContent, KIND_LABELS, type OrgContent, orgKey, type PartyOrgContent, type RecordKind } from './records';
import { applyWork, arrayOf, WORK_ARRAYS, type WorkKind, type WorkRecordContent } from './workRecords';

export interface CommitOptions {
  /** Per conflict key: keep this ledger's version or take the file's. */
  resolutions?: Record<string, Resolution>;
  /** For every conflict without its own resolution. */
  bulk?: Resolution | null;
}

type KindCounts = Record<RecordKind, number>;

// ---------------------------------------------------------------------------------------------------
// Commit

/**
 * Applies a preview in one transaction: new records created, changed ones updated, conflicts as
 * resolved; regions created by name when missing; an audit row (action 'exchange', naming the file)
 * per record written and one for the whole import; the exchange history brought up to date.
 * Refused when a conflict has no resolution and no bulk one is given, or when the ledger changed
 * since the preview.
 */
export async function commitExchange(ctx: Ctx, previewId: string, opts: CommitOptions = {}): Promise<ExchangeCommitResult> {
  const stored = previews(ctx).get(previewId);
  if (!stored) throw new AppError('not_found', '导入预览不存在或已过期，请重新选择交换文件并预览');
  const resolutions = opts.resolutions ?? {};
  const bulk = opts.bulk ?? null;
  if (bulk !== null && bulk !== 'incoming' && bulk !== 'local') {
    throw new AppError('invalid_input', '统一处理方式应为“采用导入文件”或“保留本台账”');
  }

  const result = await write(ctx, async (w) => {
    const plan = await buildPlan(w.trx, stored.content, stored.source, stored.exportedMs);
    if (plan.signature !== stored.signature) {
      throw new AppError('conflict', '预览之后本台账的数据已有改动，请重新预览后再导入');
    }
    const conflicts = plan.items.filter((i) => i.status === 'conflict');
    const conflictKeys = new Set(conflicts.map((i) => i.key));
    for (const [key, choice] of Object.entries(resolutions)) {
      if (!conflictKeys.has(key)) throw new AppError('invalid_input', `“${key}”不是本次导入中的冲突记录，不能为它选择处理方式`);
      if (choice !== 'incoming' && choice !== 'local') {
        throw new AppError('invalid_input', `冲突记录“${key}”的处理方式应为“采用导入文件”或“保留本台账”`);
      }
    }
    const choiceOf = (key: string): Resolution | null => (Object.hasOwn(resolutions, key) ? (resolutions[key] as Resolution) : bulk);
    const unresolved = conflicts.filter((i) => choiceOf(i.key) == null);
    if (unresolved.length) {
      const names = unresolved
        .slice(0, 3)
        .map((i) => `${KIND_LABELS[i.kind]}“${i.name}”`)
        .join('、');
      throw new AppError(
        'invalid_input',
        `还有${unresolved.length}条冲突记录未选择处理方式（${names}${unresolved.length > 3 ? '等' : ''}），请逐条选择“采用导入文件”或“保留本台账”，或选择统一的处理方式`,
      );
    }
    return apply(w, stored, plan, choiceOf);
  });
  previews(ctx).delete(previewId);
  return result;
}

async function apply(
  w: Writer,
  stored: StoredPreview,
  plan: Plan,
  choiceOf: (key: string) => Resolution | null,
): Promise<ExchangeCommitResult> {
  const { trx } = w;
  const { snap } = plan;
  const tag = { exchangeFile: stored.fileName, exchangeSource: stored.sourceLabel };
  const touched = new Set<number>();
  // The services audit their record as a clerk's create or update; here that row is the exchange's.
  const asExchange = (entity: string): Writer => ({
    ...w,
    audit: (e, id, action, before, after) => w.audit(e, id, e === entity ? 'exchange' : action, before, after),
  });
  const zero = (): KindCounts => ({
    org: 0,
    partyOrg: 0,
    instructor: 0,
    funding: 0,
    training: 0,
    activity: 0,
    grid: 0,
    modelSite: 0,
    massOrg: 0,
    inspection: 0,
    memberYear: 0,
  });
  const created = zero();
  const updated = zero();
  const applies = (i: PlanItem) =>
    i.status === 'new' || i.status === 'changed' || (i.status === 'conflict' && choiceOf(i.key) === 'incoming');
  const toApply = plan.items.filter(applies);

  // Regions, created by name when a record written needs one.
  const regionIds = new Map([...snap.regions].map(([name, r]) => [name, r.id]));
  const fileRegions = new Map(stored.content.regions.map((r) => [r.name, r]));
  const regionsCreated: string[] = [];
  const regionId = async (name: string): Promise<number> => {
    const known = regionIds.get(name);
    if (known != null) return known;
    const id = await createRegionIn(asExchange('region'), fileRegions.get(name) ?? { name, kind: 'township', code: null }, tag);
    regionIds.set(name, id);
    regionsCreated.push(name);
    return id;
  };

  // Organizations first: the others point at them. Through the screens' services (checks, 党员发展 of
  // this year, 群团 and 年检 kept in line), each audited as 'exchange' naming the file.
  const orgIds = new Map<string, number>();
  for (const [key, list] of snap.orgs) if (list[0]) orgIds.set(key, list[0].id);
  for (const item of toApply) {
    if (item.kind !== 'org') continue;
    const { regionName, ...fields } = item.incoming as OrgContent;
    const input = { ...fields, regionId: await regionId(regionName) };
    let id = item.localId;
    if (id != null) {
      await updateOrgIn(asExchange('org'), id, input, tag);
      updated.org++;
    } else {
      id = await createOrgIn(asExchange('org'), input, tag);
      orgIds.set(item.key, id);
      created.org++;
    }
    touched.add(id);
  }

  // Party organizations and the organizations they cover.
  const partyOrgIds = new Map<string, number>();
  for (const [key, list] of snap.partyOrgs) if (list[0]) partyOrgIds.set(key, list[0].id);
  const lostCoverage = new Map<number, number[]>();
  for (const item of toApply) {
    if (item.kind !== 'partyOrg') continue;
    const { regionName, coveredOrgKeys, ...fields } = item.incoming as PartyOrgContent;
    const self = item.localId;
    // Organizations deleted here since the last exchange stay uncovered.
    const targets = coveredOrgKeys.map((k) => orgIds.get(k)).filter((x): x is number => x != null);
    for (const part of chunks(targets)) {
      // The file says these organizations are covered by this party organization: another one here lets go.
      const taken = await trx
        .selectFrom('coverage')
        .select(['org_id', 'party_org_id'])
        .where('org_id', 'in', part)
        .$if(self != null, (q) => q.where('party_org_id', '!=', self as number))
        .execute();
      for (const t of taken) lostCoverage.set(t.party_org_id, [...(lostCoverage.get(t.party_org_id) ?? []), t.org_id]);
      if (taken.length) {
        await trx
          .deleteFrom('coverage')
          .where(
            'org_id',
            'in',
            taken.map((t) => t.org_id),
          )
          .execute();
      }
    }
    const input = { ...fields, regionId: await regionId(regionName), coveredOrgIds: targets };
    let id = self;
    if (id != null) {
      await updatePartyOrgIn(asExchange('partyOrg'), id, input, tag);
      updated.partyOrg++;
    } else {
      id = await createPartyOrgIn(asExchange('partyOrg'), input, tag);
      created.partyOrg++;
    }
    partyOrgIds.set(item.key, id);
  }
  for (const [partyOrgId, orgs] of lostCoverage) {
    await w.audit(
      'partyOrg',
      partyOrgId,
      'exchange',
      { coveredOrgIds: orgs },
      { removedCoveredOrgIds: orgs, reason: '导入文件中这些两新组织由其他党组织覆盖', ...tag },
    );
    w.touchOrgs(orgs);
  }

  // Instructors, and their assignments to the organizations in the file (others are left as they are).
  const fileOrgKeys = new Set(stored.content.orgs.map(orgKey));
  const instructorIds = new Map<string, number>();
  for (const [key, list] of snap.instructors) if (list[0]) instructorIds.set(key, list[0].id);
  for (const item of toApply) {
    if (item.kind !== 'instructor') continue;
    const { assignments, ...fields } = item.incoming as InstructorContent;
    let id = item.localId;
    if (id != null) {
      await updateInstructorIn(asExchange('instructor'), id, fields, tag);
      updated.instructor++;
    } else {
      id = await createInstructorIn(asExchange('instructor'), fields, tag);
      created.instructor++;
    }
    instructorIds.set(item.key, id);
    const instructorId = id;
    const local = (snap.instructors.get(item.key)?.find((i) => i.id === instructorId)?.assignments ?? []).filter((a) =>
      fileOrgKeys.has(a.orgKey),
    );
    const byPeriod = new Map(local.map((a) => [`${a.orgId}|${a.fromDate}`, a]));
    const added: { orgId: number; fromDate: string; toDate: string | null }[] = [];
    for (const a of assignments) {
      const orgId = orgIds.get(a.orgKey);
      if (orgId == null) continue;
      const match = byPeriod.get(`${orgId}|${a.fromDate}`);
      if (!match) added.push({ orgId, fromDate: a.fromDate, toDate: a.toDate });
      else {
        byPeriod.delete(`${orgId}|${a.fromDate}`);
        if (match.toDate === a.toDate) continue;
        await trx.updateTable('assignments').set({ to_date: a.toDate }).where('id', '=', match.id).execute();
        touched.add(orgId);
      }
    }
    for (const gone of byPeriod.values()) {
      await trx.deleteFrom('assignments').where('id', '=', gone.id).execute();
      touched.add(gone.orgId);
    }
    // New periods after the others moved, through the 选派 service (its overlap check sees them as they are now).
    for (const a of added) await assignInstructorIn(w, { instructorId, ...a }, tag);
  }

  // The #13 records, through their services (checked and audited as a clerk's edit), after what they refer to.
  const ids = {
    partyOrg: (k: string) => partyOrgIds.get(k),
    org: (k: string) => orgIds.get(k),
    instructor: (k: string) => instructorIds.get(k),
    region: regionId,
  };
  const skipped: string[] = [];
  const left = new Set<string>();
  for (const array of WORK_ARRAYS) {
    for (const item of toApply) {
      if (!WORK.has(item.kind) || arrayOf(item.kind as WorkKind) !== array) continue;
      const reason = await applyWork(w, item.kind as WorkKind, item.localId, item.incoming as WorkRecordContent, ids, tag);
      if (reason) {
        skipped.push(`${KIND_LABELS[item.kind]}“${item.name}”：${reason}`);
        left.add(item.key);
      } else if (item.localId == null) created[item.kind]++;
      else updated[item.kind]++;
    }
  }

  // The history: what the file said is what both sides have now agreed on for this source.
  await upsertHistory(
    w,
    stored.source,
    plan.items.filter((i) => !left.has(i.key)).map((i) => ({ key: i.key, hash: i.incomingHash })),
    'import',
    stored.fileName,
  );

  const keptLocal = plan.items.filter((i) => i.status === 'localChanged' || (i.status === 'conflict' && choiceOf(i.key) === 'local'));
  const unchanged = plan.items.filter((i) => i.status === 'unchanged').length;
  await w.audit('exchange', 0, 'exchange', null, {
    ...tag,
    exportedAt: stored.manifest.exportedAt,
    contentSha256: stored.manifest.contentSha256,
    regionsCreated,
    created,
    updated,
    keptLocal: keptLocal.map((i) => i.key),
    unchanged,
    skipped,
  });
  w.touchOrgs(touched);
  return {
    fileName: stored.fileName,
    source: stored.source,
    regionsCreated,
    created,
    updated,
    keptLocal: keptLocal.length,
    unchanged,
    skipped,
  };
}
