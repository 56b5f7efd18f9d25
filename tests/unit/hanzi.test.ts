import { describe, expect, it } from 'vitest';
import { foldHanzi, matchesName } from '../../src/shared/rules/hanzi';
import { TRADITIONAL_PAIRS } from '../../src/shared/rules/hanziTable';

describe('繁/简 folding', () => {
  it('folds the characters of this field’s names and keeps everything else', () => {
    expect(foldHanzi('中共克什克騰旗非公有制經濟組織黨建工作聯合會')).toBe('中共克什克腾旗非公有制经济组织党建工作联合会');
    expect(foldHanzi('黨會區協業務組織員團聯華發經濟')).toBe('党会区协业务组织员团联华发经济');
    expect(foldHanzi('張偉（陳氏）ABC-123 商務服務中心')).toBe('张伟（陈氏）ABC-123 商务服务中心');
    expect(foldHanzi('党建工作指导站')).toBe('党建工作指导站');
    expect(foldHanzi('')).toBe('');
  });

  it('is a table of single characters to their simplified forms, folding twice changes nothing', () => {
    const chars = [...TRADITIONAL_PAIRS];
    expect(chars.length % 2).toBe(0);
    for (let i = 0; i < chars.length; i += 2) {
      const simplified = chars[i + 1] as string;
      expect(foldHanzi(simplified), `${chars[i]}→${simplified}`).toBe(simplified);
    }
  });

  it('finds a traditional name by simplified input and the other way round, or by pinyin initials', () => {
    expect(matchesName('黨建', ['党建工作指导站'])).toBe(true);
    expect(matchesName('党建', ['黨建工作指導站'])).toBe(true);
    expect(matchesName('联合会', ['非公經濟聯合會'])).toBe(true);
    expect(matchesName('张伟', [null, '商會', '張偉'])).toBe(true);
    expect(matchesName('  ', ['甲公司'])).toBe(true);
    expect(matchesName('乙', ['甲公司', null])).toBe(false);
    expect(matchesName('DJ', ['党建工作站'], 'djgzz')).toBe(true);
    expect(matchesName('dj', ['党建工作站'])).toBe(false);
    expect(matchesName('党建a', ['党建工作站'], 'djgzz')).toBe(false);
  });
});
