/**
 * Dates as clerks type them into a sheet, read to ISO `YYYY-MM-DD`: 2025-03-01, 2025.3.1,
 * 2025/3/1, 2025年3月1日, 20250301, or an Excel serial day number that arrived as text (45717).
 * Fields that are often known only to the month also take 2025.03 / 2025-3 / 2025年3月.
 */
import { isValidDate } from './dates';

export type DateText =
  | { ok: true; value: string /** Set when a month stood for a day. */; monthOnly?: boolean }
  | { ok: false; message: string };

/** Which day a month-only value stands for, when a field accepts one. */
export type MonthDay = 'first' | 'last';

const pad = (n: number) => String(n).padStart(2, '0');

/** Excel's 1900 date system: serial 25569 is 1970-01-01; 10000—99999 covers 1927—2173. */
function fromSerial(serial: number): string {
  const d = new Date((serial - 25569) * 86_400_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function readDateText(text: string, month?: MonthDay): DateText {
  // A CSV saved from Excel writes a date cell with its time (2025/3/1 0:00): the day is what counts.
  const t = text
    .normalize('NFKC')
    .trim()
    .replace(/(\d)\s+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/, '$1')
    .replace(/\s/g, '');
  const wrong = { ok: false as const, message: `日期无法识别：“${text.trim()}”，应如 2026-06-30` };
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) {
    const iso = `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`;
    return isValidDate(iso) ? { ok: true, value: iso } : { ok: false, message: `日期不存在：“${text.trim()}”` };
  }
  m = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(t);
  if (m) {
    const mo = Number(m[2]);
    if (!month) return { ok: false, message: `“${text.trim()}”只有年月，请填写到日，如 2026-06-30` };
    if (mo < 1 || mo > 12) return { ok: false, message: `日期不存在：“${text.trim()}”` };
    const day = month === 'first' ? 1 : new Date(Date.UTC(Number(m[1]), mo, 0)).getUTCDate();
    return { ok: true, value: `${m[1]}-${pad(mo)}-${pad(day)}`, monthOnly: true };
  }
  m = /^(\d{5})(\.0+)?$/.exec(t);
  if (m) return { ok: true, value: fromSerial(Number(m[1])) };
  return wrong;
}
