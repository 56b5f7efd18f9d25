/**
 * Chinese messages for the checks zod makes on its own (types, enums, sizes), so that no English
 * reaches a clerk even for inputs the renderer never sends. Field-specific messages in schemas.ts win.
 */
import { z } from 'zod';
import { clip } from './text';

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: '是/否',
  array: '列表',
  object: '对象',
  date: '日期',
};

z.config(z.locales.zhCN());
z.config({
  customError: (issue) => {
    if (issue.code === 'invalid_type') {
      if (issue.input === undefined || issue.input === null) return '必须填写';
      return `应为${TYPE_NAMES[issue.expected] ?? '正确的格式'}`;
    }
    if (issue.code === 'invalid_value') return '不是可选的值';
    if (issue.code === 'unrecognized_keys') {
      const named = issue.keys.slice(0, 3).map((k) => `“${clip(k)}”`);
      return `不认识的字段：${named.join('、')}${issue.keys.length > 3 ? `等${issue.keys.length}个` : ''}`;
    }
    if (issue.code === 'too_small' && issue.origin === 'number') return `不能小于${String(issue.minimum)}`;
    if (issue.code === 'too_big' && issue.origin === 'number') return `不能大于${String(issue.maximum)}`;
    if (issue.code === 'too_small' && issue.origin === 'array') return `至少选择${String(issue.minimum)}项`;
    if (issue.code === 'too_big' && issue.origin === 'array') return `最多${String(issue.maximum)}项`;
    if (issue.code === 'too_big' && issue.origin === 'string') return `不能超过${String(issue.maximum)}个字`;
    if (issue.code === 'too_small' && issue.origin === 'string')
      return Number(issue.minimum) <= 1 ? '必须填写' : `至少${String(issue.minimum)}个字`;
    if (issue.code === 'too_small' || issue.code === 'too_big') return '超出允许的范围';
    if (issue.code === 'invalid_format') return '格式不正确';
    return undefined;
  },
});
