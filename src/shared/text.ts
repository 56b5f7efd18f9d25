/** Checks on the characters of free text, shared by the input schemas and by messages that echo input. */

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;

/**
 * A C0 control character or DEL. Multi-line fields keep tab, line feed and carriage return; others
 * keep none of them (a name with a line break prints badly and cannot be searched for).
 */
export function hasControlChars(text: string, lines = false): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7f) return true;
    if (c < 0x20 && !(lines && (c === TAB || c === LF || c === CR))) return true;
  }
  return false;
}

/** Half of a UTF-16 pair without its other half: SQLite would store it as invalid UTF-8. */
export function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return true;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

/**
 * Input echoed back in a message is cut to a few dozen characters, with invisible and broken
 * characters shown as “�”: a stranger's 1 MB key or a NUL must not come back whole.
 */
export function clip(text: string, max = 30): string {
  const out: string[] = [];
  for (const ch of text) {
    if (out.length === max) {
      out.push('…');
      break;
    }
    const c = ch.charCodeAt(0);
    out.push(c < 0x20 || c === 0x7f || (ch.length === 1 && c >= 0xd800 && c <= 0xdfff) ? '�' : ch);
  }
  return out.join('');
}
