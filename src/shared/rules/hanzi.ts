/**
 * 繁/简-tolerant search. One source article is in traditional characters and so are some names
 * (a 港资 company, a seal carved in 繁体): the clerk types 党建 and must find 黨建, and the other way round.
 * Both the search text and the searched names are folded to simplified characters one character at a
 * time, so a piece of a name folds to a piece of the folded name (a phrase converter would not promise
 * that) and a simplified name is left as it is.
 */
import { TRADITIONAL_PAIRS } from './hanziTable';

const SIMPLIFIED = new Map<string, string>();
for (let i = 0; i + 1 < TRADITIONAL_PAIRS.length; i += 2)
  SIMPLIFIED.set(TRADITIONAL_PAIRS[i] as string, TRADITIONAL_PAIRS[i + 1] as string);

/** Any traditional character at all: most names have none, and one test is all they cost. */
const ANY_TRADITIONAL = new RegExp(`[${[...SIMPLIFIED.keys()].join('')}]`);

/**
 * Traditional characters to simplified, everything else kept.
 *
 * @example foldHanzi('中共黨建工作聯合會') // '中共党建工作联合会'
 */
export function foldHanzi(text: string): string {
  if (!ANY_TRADITIONAL.test(text)) return text;
  let out = '';
  for (const ch of text) out += SIMPLIFIED.get(ch) ?? ch;
  return out;
}

let lastQuery = '';
let lastFolded = '';

/**
 * The one test every search box uses: does the clerk's text find this record? A piece of any of `names`
 * (名称, 书记, 单位 …) with 繁/简 folded on both sides, or, for letters and digits, a piece of the name's pinyin
 * initials (`mzj` finds 民政局). An empty text finds everything.
 *
 * @example matchesName('黨建', ['党建指导站']) // true
 * @example matchesName('dj', ['党建指导站'], 'djzdz') // true
 */
export function matchesName(
  query: string | null | undefined,
  names: readonly (string | null | undefined)[],
  initials?: string | null,
): boolean {
  const q = query?.trim() ?? '';
  if (!q) return true;
  if (q !== lastQuery) {
    lastQuery = q;
    lastFolded = foldHanzi(q);
  }
  const folded = lastFolded;
  for (const name of names) if (name && foldHanzi(name).includes(folded)) return true;
  return initials != null && /^[a-z0-9]+$/i.test(q) && initials.includes(q.toLowerCase());
}
