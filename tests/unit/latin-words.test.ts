import { expect, it } from 'vitest';
import { latinWords } from '../e2e/latin';

it('finds untranslated words and codes, not the words a clerk knows', () => {
  expect(latinWords('操作人 ledger · 字段 delistedDate：event {}')).toEqual(['ledger', 'delistedDate', 'event']);
  expect(latinWords('名称、信用代码或拼音首字母（Ctrl+F）')).toEqual([]);
  expect(latinWords('从Excel导入 · 导出PDF · 模板.xlsx · 旧版 .xls · WPS表格 · 按Enter保存 · 评估等级 5A')).toEqual([]);
  expect(latinWords('统一社会信用代码 91150425MA0N1X2K3L，错码 91150499MA0LCXY01B')).toEqual([]);
  expect(latinWords('大小 12 KB，3.4 MB')).toEqual([]);
  expect(latinWords('Toggle password visibility')).toEqual(['Toggle', 'password', 'visibility']);
  expect(latinWords('已读取 乌兰镇小表.csv', ['乌兰镇小表.csv'])).toEqual([]);
  expect(latinWords('ledger-20261125-080000-startup.sqlite')).toEqual(['ledger', 'startup']);
});
