/**
 * A region found by the name a clerk writes: the full name, its 行政区划代码, or the name without
 * its suffix (乌兰 for 乌兰镇, 新城 for 新城街道) — the last only when exactly one region fits.
 */
import { normalizeWord } from '../domain/synonyms';

export interface NamedRegion {
  id: number;
  name: string;
  code: string | null;
}

export type RegionMatch = { ok: true; region: NamedRegion; by: 'name' | 'code' | 'short' } | { ok: false; candidates: NamedRegion[] };

/** Longest first, so 街道办事处 goes before 办事处. */
const SUFFIXES = ['街道办事处', '办事处', '街道', '苏木', '嘎查', '社区', '镇', '乡'];

export function shortRegionName(name: string): string {
  const n = normalizeWord(name);
  for (const s of SUFFIXES) if (n.endsWith(s) && n.length > s.length) return n.slice(0, -s.length);
  return n;
}

/** A county (旗、县、市、区) written before the region: 青山旗乌兰镇. */
const COUNTY_PREFIX = /^.{1,10}?[旗县市区](?=.)/;

export function matchRegion(regions: readonly NamedRegion[], text: string): RegionMatch {
  const m = matchOwnName(regions, text);
  if (m.ok || m.candidates.length) return m;
  const n = normalizeWord(text);
  const rest = COUNTY_PREFIX.exec(n) ? n.replace(COUNTY_PREFIX, '') : null;
  if (rest) {
    const r = matchOwnName(regions, rest);
    if (r.ok) return { ok: true, region: r.region, by: 'short' };
    if (r.candidates.length) return r;
  }
  // The 开发区 or 园区 written by its kind alone, when the county has one such region.
  if (n.length >= 3) {
    const byEnd = regions.filter((r) => normalizeWord(r.name).endsWith(n));
    if (byEnd.length === 1 && byEnd[0]) return { ok: true, region: byEnd[0], by: 'short' };
    if (byEnd.length > 1) return { ok: false, candidates: byEnd };
  }
  return m;
}

function matchOwnName(regions: readonly NamedRegion[], text: string): RegionMatch {
  const n = normalizeWord(text);
  const exact = regions.find((r) => normalizeWord(r.name) === n);
  if (exact) return { ok: true, region: exact, by: 'name' };
  const byCode = /^\d{6,12}$/.test(n) ? regions.find((r) => r.code != null && normalizeWord(r.code) === n) : undefined;
  if (byCode) return { ok: true, region: byCode, by: 'code' };
  const short = shortRegionName(n);
  if (!short) return { ok: false, candidates: [] };
  const candidates = regions.filter((r) => normalizeWord(r.name).startsWith(short));
  if (candidates.length === 1 && candidates[0]) return { ok: true, region: candidates[0], by: 'short' };
  return { ok: false, candidates };
}
