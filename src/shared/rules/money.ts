/** Money is stored in 分 (integers) and typed and printed in 元 with at most two decimals. */

/** The most one payment may be: 1亿元, in 分. */
export const MAX_FEN = 100_000_000 * 100;

/** “1,234.50” for 123450 分. */
export function yuanText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * 元 as typed (a number, or text with thousands separators) to 分, or the clerk's problem with it.
 * Counted in text, not floating point, so 0.29元 is 29分 and never 28.999….
 */
export function readYuan(value: unknown): { fen: number } | { problem: string } {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : typeof value === 'string' ? value : '';
  const t = text.normalize('NFKC').replace(/[,\s]/g, '');
  if (t === '') return { problem: '请填写金额' };
  if (/^-/.test(t)) return { problem: '金额不能为负数' };
  const m = /^(\d+)(?:\.(\d*))?$/.exec(t);
  if (!m) return { problem: '金额应为数字（元），如 5000 或 1200.50' };
  const decimals = m[2] ?? '';
  if (decimals.replace(/0+$/, '').length > 2) return { problem: '金额最多两位小数（到分）' };
  const fen = Number(m[1]) * 100 + Number(decimals.padEnd(2, '0').slice(0, 2));
  if (!Number.isSafeInteger(fen) || fen > MAX_FEN) return { problem: '金额不能超过1亿元' };
  return { fen };
}
