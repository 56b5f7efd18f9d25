/**
 * 两个覆盖 counted the straightforward way: one hand-written SQL statement over the tables, in SQL both
 * engines share, with no index, no cache and no shared rule. The tests hold the fast statistics to it
 * and the benchmark times it as the yardstick.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../src/main/core/schema';
import type { CoverageCounts } from '../../../src/shared/rules/coverage';

export async function recountCoverage(db: Kysely<Database>, day: string): Promise<Map<number, CoverageCounts>> {
  const { rows } = await sql<Record<keyof CoverageCounts | 'region_id', number | string>>`
    SELECT region_id,
           count(*) AS "total",
           sum(CASE WHEN in_scope = 1 THEN 1 ELSE 0 END) AS "inScope",
           sum(CASE WHEN in_scope = 1 AND method = 'single' THEN 1 ELSE 0 END) AS "single",
           sum(CASE WHEN in_scope = 1 AND method <> 'single' THEN 1 ELSE 0 END) AS "shared",
           sum(CASE WHEN in_scope = 1 AND method IS NULL AND work = 1 THEN 1 ELSE 0 END) AS "workOnly",
           sum(CASE WHEN in_scope = 1 AND method IS NULL AND work = 0 THEN 1 ELSE 0 END) AS "none",
           sum(CASE WHEN in_scope = 1 AND formal_members >= 3 THEN 1 ELSE 0 END) AS "mustBuild",
           sum(CASE WHEN in_scope = 1 AND formal_members >= 3 AND method = 'single' THEN 1 ELSE 0 END) AS "mustBuildDone"
      FROM (SELECT o.region_id, o.formal_members, p.method,
                   CASE WHEN o.status = 'normal' AND o.out_of_scope = 0 THEN 1 ELSE 0 END AS in_scope,
                   CASE WHEN EXISTS (SELECT 1 FROM assignments a JOIN instructors i ON i.id = a.instructor_id
                                      WHERE a.org_id = o.id AND i.deleted_at IS NULL AND a.from_date <= ${day}
                                        AND (a.to_date IS NULL OR a.to_date >= ${day})) THEN 1 ELSE 0 END AS work
              FROM orgs o
              LEFT JOIN coverage c ON c.org_id = o.id
              LEFT JOIN party_orgs p ON p.id = c.party_org_id AND p.deleted_at IS NULL
             WHERE o.deleted_at IS NULL) x
     GROUP BY region_id`.execute(db);
  return new Map(
    rows.map(({ region_id, ...c }) => [
      Number(region_id),
      Object.fromEntries(Object.entries(c).map(([k, v]) => [k, Number(v)])) as unknown as CoverageCounts,
    ]),
  );
}
