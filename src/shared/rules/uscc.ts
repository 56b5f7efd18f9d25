/**
 * 统一社会信用代码 (GB 32100-2015) check.
 *
 * @example checkUscc('91350100M000100Y43') // { ok: true, code: '91350100M000100Y43', kind: '91', … }
 */

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** What the first two characters say the organization is. */
export const USCC_KINDS: Record<string, string> = {
  '51': '社会团体',
  '52': '民办非企业单位',
  '53': '基金会',
  '59': '其他民政登记单位',
  '91': '企业',
  '92': '个体工商户',
  '93': '农民专业合作社',
};

export type UsccResult = { ok: true; code: string; kind: string; kindLabel: string | null } | { ok: false; code: string; message: string };

/** Upper-cases and trims what a clerk typed; full-width characters are folded to ASCII. */
export function normalizeUscc(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toUpperCase();
}

/** The check character for the first 17 characters, or null if one of them is not allowed. */
export function usccCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CHARSET.indexOf(first17[i] ?? '');
    if (v < 0) return null;
    sum += v * (WEIGHTS[i] as number);
  }
  const check = (31 - (sum % 31)) % 31;
  return CHARSET[check] as string;
}

export function checkUscc(input: string): UsccResult {
  const code = normalizeUscc(input);
  if (code.length !== 18) {
    return { ok: false, code, message: `统一社会信用代码应为18位，当前为${code.length}位` };
  }
  for (let i = 0; i < 18; i++) {
    const ch = code[i] as string;
    if (!CHARSET.includes(ch)) {
      const hint = 'IOSVZ'.includes(ch) ? `（代码中不使用字母 I、O、S、V、Z）` : '';
      return { ok: false, code, message: `第${i + 1}位“${ch}”不是有效字符${hint}` };
    }
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) {
    return { ok: false, code, message: '第3—8位应为6位数字的行政区划代码' };
  }
  const expected = usccCheckChar(code.slice(0, 17));
  if (expected !== code[17]) {
    return { ok: false, code, message: `校验位错误：第18位应为“${expected}”，实际为“${code[17]}”` };
  }
  const kind = code.slice(0, 2);
  return { ok: true, code, kind, kindLabel: USCC_KINDS[kind] ?? null };
}
