/**
 * The arithmetic behind the .xlsx row heights and column widths (the LibreOffice overlap test in
 * tests/integration/xlsx-overlap.test.ts checks the result on paper).
 */
import { describe, expect, it } from 'vitest';
import { columnWidths, HEADER_PT, headerText, innerUnits, lineCount, textUnits, wrapLines } from '../../src/main/core/reports/xlsxLayout';
import type { ReportColumn } from '../../src/shared/reports/types';

const NOTE = '党支部2026年组织开展“三会一课”12次，主题党日活动ABC-3项，整改问题清单第15条已销号；Party branch meeting held twice.';

describe('wrapping', () => {
  it.each([8, 12, 20, 40])('keeps every character and fits each line in %d units', (units) => {
    const lines = wrapLines(NOTE, units, 10);
    expect(lines.join('')).toBe(NOTE);
    for (const l of lines) expect(textUnits(l.trimEnd(), 10)).toBeLessThanOrEqual(units + 1e-9);
    expect(lineCount(NOTE, units, 10)).toBe(lines.length);
  });

  // From 12 units every word fits a line; a narrower column cuts words, as the office suites do.
  it('never starts a line with closing punctuation', () => {
    for (let units = 12; units < 60; units++) {
      for (const l of wrapLines(NOTE, units, 10).slice(1)) expect('，。、；：？！）》」』】”’,.;:?!)').not.toContain(l[0]);
    }
  });

  it('counts a Chinese character as wide as two digits', () => {
    expect(textUnits('中', 10)).toBeCloseTo(textUnits('00', 10) / 1.1, 5);
    expect(lineCount('一二三四五', textUnits('一二三四五', 10), 10)).toBe(1);
    expect(lineCount('一二三四五', textUnits('一二三四', 10), 10)).toBe(2);
  });
});

describe('column widths', () => {
  const cols: ReportColumn[] = [
    { key: 'seq', label: '序号', width: 3, format: 'int' },
    { key: 'name', label: '单位名称', width: 16 },
    { key: 'date', label: '拟建时间', width: 7, format: 'date' },
    { key: 'note', label: '未建原因', width: 12 },
  ];
  const rows = [{ seq: 100000, name: '青山旗乌兰镇商会', date: '2026-06-30', note: NOTE.repeat(3) }];

  it('give every column its whole content when the page has room', () => {
    const [seq, name, date] = columnWidths(cols, [{ ...rows[0], note: '无' }], 200) as number[];
    expect(seq).toBeGreaterThanOrEqual(textUnits('100000', 10));
    expect(name).toBeGreaterThanOrEqual(textUnits('青山旗乌兰镇商会', 10));
    expect(date).toBeGreaterThanOrEqual(textUnits('2026-06-30', 10));
  });

  it('keep a short number column’s header on one line when the page has room', () => {
    const stats: ReportColumn[] = [
      { key: 'region', label: '属地', width: 10 },
      { key: 'formal', label: '正式党员', width: 5, format: 'int' },
      { key: 'orgs', label: '两新组织（家）', width: 5, format: 'int' },
    ];
    const widths = columnWidths(stats, [{ region: '新城街道', formal: 342, orgs: 81 }], 100) as number[];
    for (const [i, c] of stats.entries()) expect(wrapLines(c.label, innerUnits(widths[i] as number), HEADER_PT * 1.05)).toEqual([c.label]);
    // Never at the cost of a text column: a page too narrow for every header leaves 属地 whole and wraps the headers.
    const narrow = columnWidths(stats, [{ region: '青山经济技术开发区', formal: 342, orgs: 81 }], 40) as number[];
    expect(narrow[0]).toBeGreaterThanOrEqual(textUnits('青山经济技术开发区', 10));
    expect(narrow.reduce((s, w) => s + w, 0)).toBeLessThanOrEqual(40);
  });

  it('put a header’s unit on a line of its own when the header does not fit its column', () => {
    const w = (chars: number) => textUnits('字'.repeat(chars), HEADER_PT * 1.05) + 1.5;
    expect(headerText('两新组织（家）', w(7))).toBe('两新组织（家）');
    expect(headerText('两新组织（家）', w(5))).toBe('两新组织\n（家）');
    expect(headerText('其中业主培训（人次）', w(4.5))).toBe('其中业主培训\n（人次）');
    expect(headerText('其中非公经济组织', w(4))).toBe('其中非公经济组织');
  });

  it('shrink the longest text first when the page is narrow; dates and numbers never wrap', () => {
    const wide = columnWidths(cols, rows, 200) as number[];
    const narrow = columnWidths(cols, rows, 70) as number[];
    expect(narrow[3]).toBeLessThan(wide[3] as number);
    expect(narrow.slice(0, 3)).toEqual(wide.slice(0, 3));
    expect(narrow.reduce((s, w) => s + w, 0)).toBeLessThanOrEqual(71);
  });
});
