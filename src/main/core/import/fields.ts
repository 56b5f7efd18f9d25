/**
 * The columns an import understands (each kind lists its own in kinds/): the Chinese header of the
 * template, the other names clerks' own sheets use for it (to guess the mapping), and how a cell is read.
 */
import type { CodeTable } from '../../../shared/domain/codes';
import type { MonthDay } from '../../../shared/rules/dateText';

/** `partyOrg` / `org`: the name (or, for an organization, the 统一社会信用代码) of one existing record, read as its id. */
export type CellKind = 'text' | 'int' | 'date' | 'bool' | 'code' | 'region' | 'uscc' | 'list' | 'money' | 'orgs' | 'partyOrg' | 'org';

export interface ImportField {
  key: string;
  label: string;
  required?: boolean;
  kind: CellKind;
  /** For `code`: the table whose labels (or codes) are accepted. */
  codes?: CodeTable<string>;
  /** For `date`: a month alone (2025.03) is taken as this day of it; otherwise refused. */
  month?: MonthDay;
  /** Other header names that mean this column. */
  synonyms: string[];
  help: string;
}

export const bool = (key: string, label: string, synonyms: string[] = []): ImportField => ({
  key,
  label,
  kind: 'bool',
  synonyms,
  help: '填“是”或“否”，空白为否',
});

/** Header text as clerks vary it: spaces, required marks and full-width brackets do not matter. */
export function normalizeHeader(h: string): string {
  return h
    .replace(/[\s*＊]/g, '')
    .replace(/[（(]/g, '（')
    .replace(/[）)]/g, '）')
    .trim();
}

/** Guesses which field each header means: exact label or synonym first, then a unique containment. */
export function guessMapping(fields: ImportField[], headers: string[], saved: Record<string, string> = {}): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  const taken = new Set<string>();
  const names = (f: ImportField) => [f.label, ...f.synonyms].map(normalizeHeader);
  for (const h of headers) {
    const n = normalizeHeader(h);
    const remembered = saved[n];
    const exact = remembered && fields.some((f) => f.key === remembered) ? remembered : fields.find((f) => names(f).includes(n))?.key;
    if (exact && !taken.has(exact)) {
      out[h] = exact;
      taken.add(exact);
    } else out[h] = null;
  }
  for (const h of headers) {
    if (out[h]) continue;
    const n = normalizeHeader(h);
    if (!n) continue;
    const hits = fields.filter((f) => !taken.has(f.key) && names(f).some((x) => n.includes(x) || x.includes(n)));
    if (hits.length === 1 && hits[0]) {
      out[h] = hits[0].key;
      taken.add(hits[0].key);
    }
  }
  return out;
}
