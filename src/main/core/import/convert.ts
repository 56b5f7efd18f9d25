/** One cell of a clerk's sheet to a field value, or a Chinese reason why it cannot be read. */
import type { CodeTable } from '../../../shared/domain/codes';
import { isValidDate } from '../../../shared/rules/dates';
import { normalizeUscc } from '../../../shared/rules/uscc';
import type { ImportField } from './fields';

export type Converted = { ok: true; value: unknown } | { ok: false; message: string };

const pad = (n: number) => String(n).padStart(2, '0');

/** 2026-06-30, 2026/6/30, 2026.6.30, 2026年6月30日, 20260630, or an Excel serial day number. */
export function readDate(text: string): string | null {
  const t = text.trim();
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) {
    const iso = `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`;
    return isValidDate(iso) ? iso : null;
  }
  m = /^(\d{5})(\.0+)?$/.exec(t);
  if (m) {
    // Excel's 1900 date system: day 25569 is 1970-01-01.
    const d = new Date((Number(m[1]) - 25569) * 86_400_000);
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  }
  return null;
}

const YES = new Set(['是', '有', 'Y', 'YES', '1', '√', 'TRUE', '已建']);
const NO = new Set(['否', '无', 'N', 'NO', '0', '×', 'FALSE', '未建', '']);

function readCode(table: CodeTable<string>, text: string): string | null {
  const t = text.replace(/\s/g, '').replace(/[()]/g, (c) => (c === '(' ? '（' : '）'));
  return table.find((r) => r.label === t || r.code === t || r.label.replace(/[（）·]/g, '') === t.replace(/[（）·]/g, ''))?.code ?? null;
}

export function convertCell(field: ImportField, text: string, regions: Map<string, number>): Converted {
  const t = text.trim();
  switch (field.kind) {
    case 'text':
      return { ok: true, value: t === '' ? null : t };
    case 'uscc':
      return { ok: true, value: t === '' ? null : normalizeUscc(t) };
    case 'int': {
      if (t === '') return { ok: true, value: 0 };
      if (!/^-?\d+(\.0+)?$/.test(t.replace(/,/g, ''))) return { ok: false, message: `应为整数，实际为“${t}”` };
      return { ok: true, value: Number(t.replace(/,/g, '')) };
    }
    case 'date': {
      if (t === '') return { ok: true, value: null };
      const d = readDate(t);
      return d ? { ok: true, value: d } : { ok: false, message: `日期无法识别：“${t}”，应如 2026-06-30` };
    }
    case 'bool': {
      const u = t.toUpperCase();
      if (YES.has(u)) return { ok: true, value: true };
      if (NO.has(u)) return { ok: true, value: false };
      return { ok: false, message: `应填“是”或“否”，实际为“${t}”` };
    }
    case 'code': {
      if (t === '') return { ok: true, value: null };
      const code = readCode(field.codes ?? [], t);
      if (code) return { ok: true, value: code };
      const allowed = (field.codes ?? []).map((r) => r.label);
      return {
        ok: false,
        message: `“${t}”不是有效的${field.label}，可填：${allowed.slice(0, 8).join('、')}${allowed.length > 8 ? '等' : ''}`,
      };
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
      const n = t.replace(/[,，\s元]/g, '');
      if (!/^\d+(\.\d{1,2})?$/.test(n)) return { ok: false, message: `应为金额（元，最多两位小数），实际为“${t}”` };
      return { ok: true, value: Math.round(Number(n) * 100) };
    }
    case 'region': {
      if (t === '') return { ok: true, value: null };
      const id = regions.get(t.replace(/\s/g, ''));
      return id ? { ok: true, value: id } : { ok: false, message: `属地“${t}”不存在，请先在“设置”中添加或改为已有属地` };
    }
  }
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
