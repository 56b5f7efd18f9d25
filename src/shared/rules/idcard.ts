/**
 * 居民身份证号 (GB 11643-1999) check and masking.
 *
 * @example checkIdNumber('11010519491231002X', '2026-01-01') // { ok: true, birth: '1949-12-31', sex: 'female', … }
 */
import { isValidDate } from './dates';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type IdNumberResult =
  | { ok: true; code: string; birth: string; sex: 'male' | 'female' }
  | { ok: false; code: string; message: string };

export function checkIdNumber(input: string, today: string): IdNumberResult {
  const code = input.replace(/\s+/g, '').toUpperCase();
  if (!/^\d{17}[\dX]$/.test(code)) {
    return { ok: false, code, message: '身份证号应为18位：前17位数字，最后一位为数字或X' };
  }
  const birth = `${code.slice(6, 10)}-${code.slice(10, 12)}-${code.slice(12, 14)}`;
  if (!isValidDate(birth)) {
    return { ok: false, code, message: `出生日期“${code.slice(6, 14)}”不是有效日期` };
  }
  if (birth > today || birth < '1900-01-01') {
    return { ok: false, code, message: `出生日期“${birth}”不合理` };
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(code[i]) * (WEIGHTS[i] as number);
  const expected = CHECK[sum % 11];
  if (expected !== code[17]) {
    return { ok: false, code, message: `校验位错误：第18位应为“${expected}”，实际为“${code[17]}”` };
  }
  const sex = Number(code[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, code, birth, sex };
}

/** Identity numbers are personal information: lists and printouts show only the ends. */
export function maskIdNumber(code: string | null | undefined): string {
  if (!code) return '';
  if (code.length < 10) return '*'.repeat(code.length);
  return `${code.slice(0, 6)}********${code.slice(-4)}`;
}
