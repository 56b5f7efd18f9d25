/** One cell of a clerk's sheet to a field value, or a Chinese reason why it cannot be read. */
import { codeOfWord, normalizeWord } from '../../../shared/domain/synonyms';
import { readDateText } from '../../../shared/rules/dateText';
import { readInteger } from '../../../shared/rules/numberText';
import { matchRegion, type NamedRegion } from '../../../shared/rules/regionMatch';
import { normalizeUscc } from '../../../shared/rules/uscc';
import type { ImportField } from './fields';

/** `note` says how a value was read when the clerk may want to check it (a region by its short name). */
export type Converted = { ok: true; value: unknown; note?: string } | { ok: false; message: string };

export interface CellContext {
  regions: readonly NamedRegion[];
  /** The clerk's answers for words of this field the code tables do not know: normalized word → code. */
  chosen?: Readonly<Record<string, string>>;
  /** Region cells already read, by text: a sheet repeats a handful of region names over many rows. */
  regionCache?: Map<string, Converted>;
}

/** Text fields whose schema keeps line breaks. */
const MULTI_LINE = new Set(['remarks']);

const YES = new Set(['是', '有', 'Y', 'YES', '1', '√', 'TRUE', '已建']);
const NO = new Set(['否', '无', 'N', 'NO', '0', '×', 'FALSE', '未建', '']);

function listOf(field: ImportField): string {
  const allowed = (field.codes ?? []).map((r) => r.label);
  return `${allowed.slice(0, 8).join('、')}${allowed.length > 8 ? '等' : ''}`;
}

export function convertCell(field: ImportField, text: string, cx: CellContext): Converted {
  const t = text.trim();
  switch (field.kind) {
    case 'text': {
      if (t === '') return { ok: true, value: null };
      // Alt+Enter in a cell is a line break; only 备注 keeps lines, other fields read as one line.
      const lines = t.replace(/\r\n?/g, '\n');
      return { ok: true, value: MULTI_LINE.has(field.key) ? lines : lines.replace(/[ \t]*\n\s*/g, ' ') };
    }
    case 'partyOrg':
    case 'org':
      // The id is looked up by the preview (refs.ts), which knows the row's region.
      return { ok: true, value: t === '' ? null : t };
    case 'uscc':
      return { ok: true, value: t === '' ? null : normalizeUscc(t) };
    case 'int': {
      if (t === '') return { ok: true, value: 0 };
      const n = readInteger(t);
      return n == null ? { ok: false, message: `应为整数，实际为“${t}”` } : { ok: true, value: n };
    }
    case 'date': {
      if (t === '') return { ok: true, value: null };
      const d = readDateText(t, field.month);
      if (!d.ok) return d;
      return d.monthOnly ? { ok: true, value: d.value, note: `${field.label}“${t}”只有年月，记为${d.value}` } : d;
    }
    case 'bool': {
      const u = normalizeWord(t);
      if (YES.has(u)) return { ok: true, value: true };
      if (NO.has(u)) return { ok: true, value: false };
      return { ok: false, message: `应填“是”或“否”，实际为“${t}”` };
    }
    case 'code': {
      if (t === '') return { ok: true, value: null };
      const code = codeOfWord(field.codes ?? [], t) ?? cx.chosen?.[normalizeWord(t)];
      if (code) return { ok: true, value: code };
      return { ok: false, message: `“${t}”不是有效的${field.label}，请在“值的对应”中指定，或改填：${listOf(field)}` };
    }
    case 'list':
    case 'orgs':
      // Names (or codes) separated by 、，,；; or line breaks; the caller resolves organizations.
      return {
        ok: true,
        value: [
          ...new Set(
            t
              .split(/[、，,；;\n]+/)
              .map((x) => x.trim())
              .filter(Boolean),
          ),
        ],
      };
    case 'money': {
      const n = t.normalize('NFKC').replace(/[,\s元]/g, '');
      if (!/^\d+(\.\d{1,2})?$/.test(n)) return { ok: false, message: `应为金额（元，最多两位小数），实际为“${t}”` };
      return { ok: true, value: Math.round(Number(n) * 100) };
    }
    case 'region': {
      if (t === '') return { ok: true, value: null };
      const cached = cx.regionCache?.get(t);
      if (cached) return cached;
      const c = readRegion(field, t, cx.regions);
      cx.regionCache?.set(t, c);
      return c;
    }
  }
}

function readRegion(field: ImportField, t: string, regions: readonly NamedRegion[]): Converted {
  const m = matchRegion(regions, t);
  if (m.ok) {
    const how = m.by === 'code' ? '按行政区划代码' : m.by === 'short' ? '按简称' : null;
    return { ok: true, value: m.region.id, note: how ? `${field.label}“${t}”${how}匹配为${m.region.name}` : undefined };
  }
  if (m.candidates.length > 1) {
    return { ok: false, message: `属地“${t}”可能是${m.candidates.map((r) => r.name).join('、')}，请填写全称` };
  }
  return { ok: false, message: `属地“${t}”不存在，请先在“设置”中添加或改为已有属地` };
}

/** Spreadsheet column letters: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
