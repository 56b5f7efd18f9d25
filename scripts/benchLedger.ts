/**
 * A big invented ledger for the benchmarks, written straight into SQLite (the services would take
 * minutes for 100,000 organizations): 12 townships, organizations of every kind, a third of them
 * covered by a party branch.
 */
import type SQLite from 'better-sqlite3';
import { initialsOf } from '../src/main/core/pinyin';
import { ORG_SUBTYPES } from '../src/shared/domain/codes';

const WORDS = ['青山', '泰和', '红山', '民政', '阳光', '康宁', '草原', '金桥', '华源', '利民', '兴旺', '恒通'];
const SUFFIX = ['建材有限公司', '专业合作社', '行业协会', '养老院', '民办幼儿园', '商贸有限公司', '物业服务中心'];

/** Fills an empty ledger with `n` organizations; `regionOf(i)` picks the township (1–12) of the i-th. */
export function fillLedger(db: SQLite.Database, n: number, regionOf: (i: number) => number = (i) => (i % 12) + 1): void {
  const now = new Date().toISOString();
  db.transaction(() => {
    const region = db.prepare('INSERT INTO regions (name, kind, sort_order, created_at) VALUES (?, ?, ?, ?)');
    for (let r = 1; r <= 12; r++) region.run(`第${r}镇`, 'township', r, now);
    const org = db.prepare(
      `INSERT INTO orgs (name, name_initials, category, subtype, region_id, formal_members, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'normal', ?, ?)`,
    );
    const po = db.prepare(
      `INSERT INTO party_orgs (name, name_initials, type, method, region_id, created_at, updated_at) VALUES (?, '', 'branch', ?, ?, ?, ?)`,
    );
    const cov = db.prepare('INSERT INTO coverage (org_id, party_org_id) VALUES (?, ?)');
    // Names repeat but for their number, so the pinyin initials of each stem are worked out once.
    const initialsCache = new Map<string, string>();
    for (let i = 1; i <= n; i++) {
      const stem = `${WORDS[i % WORDS.length]}${WORDS[(i * 7) % WORDS.length]}${SUFFIX[i % SUFFIX.length]}`;
      let ini = initialsCache.get(stem);
      if (ini === undefined) {
        ini = initialsOf(stem);
        initialsCache.set(stem, ini);
      }
      const sub = ORG_SUBTYPES[i % ORG_SUBTYPES.length] as (typeof ORG_SUBTYPES)[number];
      const regionId = regionOf(i);
      org.run(`${stem}${i}`, ini + String(i), sub.category, sub.code, regionId, i % 6, now, now);
      if (i % 3 === 0) {
        const { lastInsertRowid } = po.run(`${stem}${i}党支部`, i % 2 ? 'single' : 'joint', regionId, now, now);
        cov.run(i, Number(lastInsertRowid));
      }
    }
  })();
}
