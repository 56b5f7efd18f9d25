/**
 * The desktop app's 导出 Excel: what the main process accepts from the page before it opens the save
 * dialog, and how it tells the clerk a chosen file could not be written. Electron cannot run here;
 * the dialog and the write itself are thin (src/main/electron/reportExport.ts).
 */
import { describe, expect, it, vi } from 'vitest';
import { reportFileName } from '../../src/main/core/reports/xlsx';
import { parseReportExport } from '../../src/shared/shellHelpers';

vi.mock('electron', () => ({ dialog: {} }));
const { writeFailure } = await import('../../src/main/electron/reportExport');

describe('the ledger to export', () => {
  it('accepts a ledger and the filters it takes', () => {
    expect(parseReportExport({ report: 'orgs', filters: { regionId: 3, coverage: 'none' } })).toEqual({
      report: 'orgs',
      filters: { regionId: 3, coverage: 'none' },
    });
    expect(parseReportExport({ report: 'cases', filters: { year: 2026, state: 'rectifying' } }).report).toBe('cases');
  });

  it.each([
    [{ report: 'passwords', filters: {} }, '请选择台账'],
    [{ report: '../../etc/passwd', filters: {} }, '请选择台账'],
    [{ report: 'orgs', filters: { regionId: -1 } }, '无法导出'],
    [{ report: 'orgs', filters: { year: 1900 } }, '年度不早于2000年'],
    [{ report: 'orgs', filters: { coverage: 'all' } }, '无法导出'],
    [null, '无法导出'],
    ['orgs', '无法导出'],
  ])('refuses %j in Chinese before any dialog opens', (input, words) => {
    expect(() => parseReportExport(input)).toThrow(words);
    try {
      parseReportExport(input);
    } catch (e) {
      expect((e as Error).message).toMatch(/^无法导出：/);
      expect((e as Error).message).not.toMatch(/[A-Za-z]{4,}/);
    }
  });

  it('suggests the ledger’s title and counting day as the file name', () => {
    expect(reportFileName({ title: '两新组织党建工作台账', asOf: '2026-06-30' })).toBe('两新组织党建工作台账（2026-06-30）.xlsx');
  });
});

describe('a file that cannot be written', () => {
  it.each([
    ['EBUSY', '正被其他程序'],
    ['EPERM', '正被其他程序'],
    ['EACCES', '没有写入该位置的权限'],
    ['ENOSPC', '磁盘空间不足'],
    ['EIO', '请换一个位置重试'],
  ])('%s is told in Chinese, without the errno or a path', (code, words) => {
    const message = writeFailure(Object.assign(new Error(`${code}: open 'C:\\Users\\x\\a.xlsx'`), { code }));
    expect(message).toContain(words);
    expect(message).not.toContain(code);
    expect(message).not.toMatch(/[\\/]/);
  });
});
