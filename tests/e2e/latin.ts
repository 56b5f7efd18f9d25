/**
 * Latin words on screen: a clerk reads Chinese, so any Latin word outside a short list (names of
 * programs and file kinds, key names, 统一社会信用代码) is a label, code or message left untranslated.
 */

/** Words a clerk knows as they are: programs, file kinds, keys, file sizes. */
const ALLOWED = new Set(['excel', 'wps', 'pdf', 'csv', 'ctrl', 'shift', 'enter', 'kb', 'mb']);

/** Latin words (two letters or more) in `text` outside the list and `extra` (e.g. file names the test used). */
export function latinWords(text: string, extra: readonly string[] = []): string[] {
  let t = text;
  for (const e of extra) t = t.split(e).join(' ');
  t = t
    // 统一社会信用代码, mistyped ones too (the demo has some on purpose).
    .replace(/(?<![0-9A-Za-z])(?=[0-9A-Z]*[0-9])[0-9A-Z]{15,20}(?![0-9A-Za-z])/g, ' ')
    // Shortcuts: Ctrl+F, Ctrl+Shift+N.
    .replace(/(?:Ctrl|Shift|Alt)\+[A-Za-z0-9]\b/g, ' ')
    // The kind of a file named on screen: 模板.xlsx, .xls.
    .replace(/\.(?:xlsx|xls|csv|pdf|sqlite)\b/gi, ' ');
  const words = t.match(/[A-Za-z]{2,}/g) ?? [];
  return [...new Set(words.filter((w) => !ALLOWED.has(w.toLowerCase())))];
}

/**
 * Run in the page: the visible text, and the placeholder, title, aria-label and value of the visible
 * inputs and controls (a select showing a raw code is caught by its value).
 */
export const VISIBLE_TEXT = `(() => {
  const out = [document.body.innerText];
  const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  for (const el of document.querySelectorAll('[placeholder], [title], [aria-label], input, textarea')) {
    if (!visible(el)) continue;
    for (const a of ['placeholder', 'title', 'aria-label']) {
      const v = el.getAttribute(a);
      if (v) out.push(v);
    }
    if ((el.tagName === 'INPUT' && !['file', 'hidden', 'checkbox', 'radio'].includes(el.type)) || el.tagName === 'TEXTAREA') out.push(el.value);
  }
  return out.join('\\n');
})()`;
