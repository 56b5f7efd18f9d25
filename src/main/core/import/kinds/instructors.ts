/** 党建工作指导员: matched by name and 工作单位 (by name alone when the sheet has no 工作单位 and the name is unique). */
import { instructorFieldsSchema } from '../../../../shared/schemas';
import { camelDb } from '../../camel';
import { asInstructorFields, createInstructorIn, instructorRows, updateInstructorIn } from '../../services/instructors';
import { bool, type ImportField } from '../fields';
import type { KindAdapter, Match } from './types';

const fields: ImportField[] = [
  { key: 'name', label: '姓名', required: true, kind: 'text', synonyms: ['指导员姓名', '指导员'], help: '' },
  { key: 'unit', label: '工作单位', kind: 'text', synonyms: ['单位', '所在单位'], help: '' },
  { key: 'post', label: '职务', kind: 'text', synonyms: ['职务职级', '现任职务'], help: '' },
  { key: 'phone', label: '联系电话', kind: 'text', synonyms: ['电话', '手机', '手机号码'], help: '手机11位，座机带区号' },
  bool('fullTime', '专职', ['是否专职']),
  { key: 'appointedDate', label: '选派时间', kind: 'date', month: 'first', synonyms: ['选派日期', '任职时间'], help: '如 2025-03-01' },
  { key: 'grids', label: '负责网格', kind: 'text', synonyms: ['网格', '联系网格'], help: '' },
  { key: 'remarks', label: '备注', kind: 'text', synonyms: ['说明'], help: '' },
];

export const instructorsImport: KindAdapter<typeof instructorFieldsSchema._output> = {
  kind: 'instructors',
  fields,
  matchRule: '按姓名和工作单位匹配已有指导员；匹配到的更新，其余新增。',
  schema: instructorFieldsSchema,
  async rules(ctx, _sheet, columnOf) {
    const rows = await instructorRows(camelDb(ctx.ledger.db)).select('i.id').execute();
    const byKey = new Map<string, Omit<Match, 'by'>>();
    const byName = new Map<string, Omit<Match, 'by'>[]>();
    for (const r of rows) {
      const { id, ...fields } = asInstructorFields(r);
      const e = { id, fields };
      byKey.set(`${r.name}|${r.unit ?? ''}`, e);
      byName.set(r.name, [...(byName.get(r.name) ?? []), e]);
    }
    const key = (p: Record<string, unknown>) => `${p.name}|${p.unit ?? ''}`;
    return {
      duplicateKey: (p) => (p.name ? { key: key(p), field: 'name', what: '姓名和工作单位' } : null),
      match(p) {
        const sameName = byName.get(String(p.name)) ?? [];
        const hit = byKey.get(key(p)) ?? (!columnOf.has('unit') && sameName.length === 1 ? sameName[0] : undefined);
        return hit && { ...hit, by: '姓名和工作单位' };
      },
    };
  },
  create: (w, input, audit) => createInstructorIn(w, input, audit),
  update: (w, id, input, audit) => updateInstructorIn(w, id, input, audit),
};
