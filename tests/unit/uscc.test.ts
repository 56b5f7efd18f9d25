import { describe, expect, it } from 'vitest';
import { checkUscc, usccCheckChar } from '../../src/shared/rules/uscc';

// Codes published on real certificates (public registers), used as ground truth for the check character.
const REAL = ['91350100M000100Y43', '91110000600001760P', '53100000500021676K'];
// A 社会团体 code whose weighted sum is a multiple of 31: check value 31, written as 0.
const CHECK_ZERO = '511504995000010280';

describe('统一社会信用代码 check (GB 32100-2015)', () => {
  it.each(REAL)('accepts the published code %s', (code) => {
    expect(checkUscc(code)).toMatchObject({ ok: true, code });
  });

  it('accepts lower-case and full-width input and normalises it', () => {
    expect(checkUscc('91350100m000100y43')).toMatchObject({ ok: true, code: '91350100M000100Y43' });
    expect(checkUscc(' 9135 0100M000100Y43 ')).toMatchObject({ ok: true, code: '91350100M000100Y43' });
    expect(checkUscc('９１350100M000100Y43')).toMatchObject({ ok: true, code: '91350100M000100Y43' });
  });

  it('names the kind from the first two characters', () => {
    expect(checkUscc(CHECK_ZERO)).toMatchObject({ ok: true, kind: '51', kindLabel: '社会团体' });
    expect(checkUscc('91350100M000100Y43')).toMatchObject({ ok: true, kind: '91', kindLabel: '企业' });
  });

  it('refuses a wrong check character and says which one is expected', () => {
    const r = checkUscc('91350100M000100Y44');
    expect(r.ok).toBe(false);
    expect(r.ok === false && r.message).toBe('校验位错误：第18位应为“3”，实际为“4”');
  });

  it.each(['I', 'O', 'S', 'V', 'Z'])('refuses the letter %s, which codes never use', (letter) => {
    const code = `91350100M000100${letter}43`;
    const r = checkUscc(code);
    expect(r.ok).toBe(false);
    expect(r.ok === false && r.message).toContain(`第16位“${letter}”不是有效字符`);
    expect(r.ok === false && r.message).toContain('I、O、S、V、Z');
  });

  it('refuses wrong lengths and non-numeric region codes', () => {
    expect(checkUscc('91350100M000100Y4')).toMatchObject({ ok: false, message: '统一社会信用代码应为18位，当前为17位' });
    expect(checkUscc('')).toMatchObject({ ok: false });
    const bad = `91A50100M000100Y4`;
    const withCheck = bad + (usccCheckChar(bad) ?? '0');
    expect(checkUscc(withCheck)).toMatchObject({ ok: false, message: '第3—8位应为6位数字的行政区划代码' });
  });

  it('computes the check character so that 31 becomes 0', () => {
    for (const code of REAL) expect(usccCheckChar(code.slice(0, 17))).toBe(code[17]);
    expect(usccCheckChar(CHECK_ZERO.slice(0, 17))).toBe('0');
    expect(usccCheckChar('9135010OM000100Y4')).toBeNull();
  });
});
