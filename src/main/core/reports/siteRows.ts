/** Rows of 示范点（品牌）台账 and 社会组织年检及党建工作审查台账, from the lists the screens show. */
import { ANNUAL_CHECK_RESULTS, labelOf, ORG_SUBTYPES } from '../../../shared/domain/codes';
import { MODEL_SITE_LEVELS, PARTY_REVIEW_RESULTS } from '../../../shared/domain/siteCodes';
import type { ReportFilters } from '../../../shared/reports/types';
import { camelDb } from '../camel';
import type { Ctx } from '../context';
import { listInspections } from '../services/inspections';
import { listModelSites } from '../services/modelSites';
import { orgIndex } from '../services/orgIndex';
import { ofCallerRegions } from '../services/recordScope';
import type { Built } from './rows';

/** The ledger's year, as the other yearly ledgers take it: the filter's, else the counting day's. */
const yearOf = (f: ReportFilters, day: string) => f.year ?? Number(day.slice(0, 4));

export async function modelSitesRows(ctx: Ctx, f: ReportFilters, day: string): Promise<Built<'modelSites'>> {
  const year = yearOf(f, day);
  const secretaries = new Map(
    (await camelDb(ctx.ledger.db).selectFrom('party_orgs').select(['id', 'secretaryName']).execute()).map((p) => [p.id, p.secretaryName]),
  );
  return {
    rows: (await listModelSites(ctx, { year, regionId: f.regionId })).map((m, i) => ({
      seq: i + 1,
      name: m.partyOrgName,
      region: m.regionName,
      secretary: secretaries.get(m.partyOrgId) ?? null,
      level: labelOf(MODEL_SITE_LEVELS, m.level),
      year: String(m.year),
      brand: m.brandName,
      fiveStar: m.fiveStar ? '是' : '',
      documentNo: m.documentNo,
      status: m.revokedYear == null ? '有效' : `${m.revokedYear}年撤销`,
    })),
  };
}

export async function inspectionsRows(ctx: Ctx, f: ReportFilters, day: string): Promise<Built<'inspections'>> {
  const list = await listInspections(ctx, { year: yearOf(f, day), regionId: f.regionId, offset: 0, limit: Number.MAX_SAFE_INTEGER });
  const covering = new Map((await orgIndex(ctx)).map((o) => [o.id, o.partyOrg?.name ?? null]));
  return {
    rows: ofCallerRegions(list.rows).map((r, i) => ({
      seq: i + 1,
      name: r.orgName,
      subtype: labelOf(ORG_SUBTYPES, r.subtype),
      region: r.regionName,
      partyOrg: covering.get(r.orgId) ?? null,
      result: r.result ? labelOf(ANNUAL_CHECK_RESULTS, r.result) : '未年检',
      partyReview: r.partyReview ? labelOf(PARTY_REVIEW_RESULTS, r.partyReview) : null,
      previous: r.previousResult ? labelOf(ANNUAL_CHECK_RESULTS, r.previousResult) : null,
      remarks: r.remarks,
    })),
  };
}
