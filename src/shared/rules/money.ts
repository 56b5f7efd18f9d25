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
 * 元 as typed or as a clerk's sheet writes it (“5,000”, “5000元”, “￥1200.50”, “0.5万元”) to 分, or the
 * clerk's problem with it. Counted in text, not floating point, so 0.29元 is 29分 and never 28.999….
 */
export function readYuan(value: unknown): { fen: number } | { problem: string } {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : typeof value === 'string' ? value : '';
  let t = text
    .normalize('NFKC')
    .replace(/[,\s]/g, '')
    .replace(/^[¥￥]/, '');
  const wan = /万元?$/.test(t);
  t = t.replace(/万?元?$/, '');
  if (t === '') return { problem: '请填写金额' };
  if (/^-/.test(t)) return { problem: '金额不能为负数' };
  const m = /^(\d+)(?:\.(\d*))?$/.exec(t);
  if (!m) return { problem: '金额应为数字（元），如 5000 或 1200.50' };
  // 万元 moves the point four places: 0.5万 is 5000元.
  const digits = `${m[1]}${m[2] ?? ''}`;
  const point = (m[1] as string).length + (wan ? 4 : 0);
  const whole = digits.slice(0, point).padEnd(point, '0');
  const decimals = digits.slice(point);
  if (decimals.replace(/0+$/, '').length > 2) return { problem: '金额最多两位小数（到分）' };
  const fen = Number(whole) * 100 + Number(decimals.padEnd(2, '0').slice(0, 2));
  if (!Number.isSafeInteger(fen) || fen > MAX_FEN) return { problem: '金额不能超过1亿元' };
  return { fen };
}
