import { describe, expect, it } from 'vitest';
import { checkIdNumber, maskIdNumber } from '../../src/shared/rules/idcard';

const TODAY = '2026-11-25';

describe('居民身份证号 check (GB 11643-1999)', () => {
  it('accepts the standard example with check character X, lower-case too', () => {
    expect(checkIdNumber('11010519491231002X', TODAY)).toEqual({
      ok: true,
      code: '11010519491231002X',
      birth: '1949-12-31',
      sex: 'female',
    });
    expect(checkIdNumber('11010519491231002x', TODAY)).toMatchObject({ ok: true, code: '11010519491231002X' });
  });

  it('reads the sex from the 17th digit', () => {
    expect(checkIdNumber('320106198503120018', TODAY)).toMatchObject({ ok: true, sex: 'male', birth: '1985-03-12' });
    expect(checkIdNumber('320106198503120026', TODAY)).toMatchObject({ ok: true, sex: 'female' });
  });

  it('refuses a wrong check character', () => {
    expect(checkIdNumber('110105194912310021', TODAY)).toMatchObject({ ok: false, message: '校验位错误：第18位应为“X”，实际为“1”' });
  });

  it('refuses impossible and future birth dates', () => {
    expect(checkIdNumber('110105194902300020', TODAY)).toMatchObject({ ok: false, message: '出生日期“19490230”不是有效日期' });
    // A correct check character on a birth date after today.
    expect(checkIdNumber('110105209912310029', TODAY)).toMatchObject({ ok: false, message: '出生日期“2099-12-31”不合理' });
  });

  it('refuses wrong shapes', () => {
    expect(checkIdNumber('1101051949123100', TODAY).ok).toBe(false);
    expect(checkIdNumber('11010519491231002Y', TODAY).ok).toBe(false);
  });

  it('masks all but the region code and the last four', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber(null)).toBe('');
  });
});
