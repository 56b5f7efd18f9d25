/** 两新组织: matched by 统一社会信用代码, else by name within its region. */
import {
  ANNUAL_CHECK_RESULTS,
  categoryOfSubtype,
  EVAL_GRADES,
  ORG_CATEGORIES,
  ORG_STATUSES,
  ORG_SUBTYPES,
  type OrgSubtype,
} from '../../../../shared/domain/codes';
import { normalizeUscc } from '../../../../shared/rules/uscc';
import { orgFieldsSchema } from '../../../../shared/schemas';
import { camelDb } from '../../camel';
import { inList } from '../../dialect';
import { asOrgFields, createOrgIn, orgRows, updateOrgIn } from '../../services/orgs';
import { bool, type ImportField } from '../fields';
import type { KindAdapter, Match } from './types';

const fields: ImportField[] = [
  {
    key: 'name',
    label: '单位名称',
    required: true,
    kind: 'text',
    synonyms: ['组织名称', '名称', '企业名称', '单位全称', '社会组织名称', '企业（单位）名称'],
    help: '全称，最多100字',
  },
  {
    key: 'uscc',
    label: '统一社会信用代码',
    kind: 'uscc',
    synonyms: ['信用代码', '社会信用代码', '统一代码', '组织机构代码'],
    help: '18位，校验位须正确；可空',
  },
  {
    key: 'category',
    label: '组织类别',
    kind: 'code',
    codes: ORG_CATEGORIES,
    synonyms: ['类别', '组织大类'],
    help: '社会组织 / 非公经济组织；可空，按组织类型推定',
  },
  {
    key: 'subtype',
    label: '组织类型',
    required: true,
    kind: 'code',
    codes: ORG_SUBTYPES,
    synonyms: ['类型', '单位类型', '企业类型', '组织形式'],
    help: '从下拉列表中选择',
  },
  {
    key: 'regionId',
    label: '所属属地',
    required: true,
    kind: 'region',
    synonyms: [
      '属地',
      '所属乡镇',
      '乡镇（街道）',
      '所属乡镇（街道）',
      '乡镇',
      '街道',
      '所在乡镇',
      '所在镇街',
      '所属镇街',
      '镇街',
      '所在乡镇（街道）',
      '所在苏木镇',
      '苏木乡镇',
      '所属苏木（镇）',
    ],
    help: '“设置”中的属地名称、简称（如“乌兰”）或行政区划代码',
  },
  { key: 'registrationAuthority', label: '登记管理机关', kind: 'text', synonyms: ['登记机关'], help: '' },
  { key: 'supervisorUnit', label: '业务主管单位', kind: 'text', synonyms: ['主管单位', '行业主管部门'], help: '' },
  { key: 'industry', label: '所属行业', kind: 'text', synonyms: ['行业'], help: '' },
  { key: 'address', label: '地址', kind: 'text', synonyms: ['住所', '注册地址', '经营地址', '办公地址'], help: '' },
  { key: 'legalRep', label: '法定代表人（负责人）', kind: 'text', synonyms: ['法定代表人', '负责人', '法人代表', '法人'], help: '' },
  {
    key: 'legalRepPhone',
    label: '负责人电话',
    kind: 'text',
    synonyms: ['联系电话', '电话', '手机', '联系方式'],
    help: '手机11位，座机带区号',
  },
  bool('legalRepIsMember', '负责人是党员', ['负责人是否党员', '法人是否党员']),
  bool('investorIsMember', '出资人是党员', ['出资人是否党员']),
  {
    key: 'employees',
    label: '从业人员数',
    kind: 'int',
    synonyms: ['从业人员', '职工人数', '员工人数', '职工数', '从业人数', '员工数'],
    help: '整数',
  },
  { key: 'formalMembers', label: '正式党员数', kind: 'int', synonyms: ['正式党员', '党员人数', '党员数'], help: '整数' },
  { key: 'probationaryMembers', label: '预备党员数', kind: 'int', synonyms: ['预备党员'], help: '整数' },
  { key: 'activists', label: '入党积极分子数', kind: 'int', synonyms: ['入党积极分子', '积极分子'], help: '整数' },
  bool('hasUnion', '已建工会', ['工会', '是否建立工会']),
  bool('hasYouthLeague', '已建共青团', ['共青团', '团组织', '是否建立团组织']),
  bool('hasWomenFederation', '已建妇联', ['妇联', '妇女组织']),
  {
    key: 'annualCheck',
    label: '年检（年报）结果',
    kind: 'code',
    codes: ANNUAL_CHECK_RESULTS,
    synonyms: ['年检结果', '年报结果', '年检'],
    help: '合格 / 基本合格 / 不合格 / 未参检',
  },
  { key: 'evalGrade', label: '评估等级', kind: 'code', codes: EVAL_GRADES, synonyms: ['社会组织评估等级'], help: '1A—5A' },
  {
    key: 'status',
    label: '经营状态',
    kind: 'code',
    codes: ORG_STATUSES,
    synonyms: ['状态', '登记状态'],
    help: '正常 / 注销 / 撤销 / 歇业；空白为正常',
  },
  bool('outOfScope', '不纳入统计'),
  { key: 'outOfScopeReason', label: '不纳入统计原因', kind: 'text', synonyms: [], help: '标记不纳入统计时必填' },
  { key: 'noPartyReason', label: '未建原因', kind: 'text', synonyms: ['未建党组织原因', '未组建原因'], help: '' },
  {
    key: 'plannedBuildDate',
    label: '拟建时间',
    kind: 'date',
    month: 'last',
    synonyms: ['计划组建时间', '拟组建时间'],
    help: '如 2026-12-31',
  },
  { key: 'remarks', label: '备注', kind: 'text', synonyms: ['说明'], help: '' },
];

export const orgsImport: KindAdapter<typeof orgFieldsSchema._output> = {
  kind: 'orgs',
  fields,
  matchRule: '有统一社会信用代码的按代码匹配已有组织，否则按同一属地内的单位名称匹配；匹配到的更新，其余新增。',
  schema: orgFieldsSchema,
  async rules(ctx, sheet, columnOf) {
    // Only the organizations with one of the sheet's codes or names: quick in a ledger of 100,000.
    const values = (key: string, norm: (s: string) => string = (s) => s) => {
      const i = columnOf.get(key);
      return i == null ? [] : [...new Set(sheet.rows.map((r) => norm(r.cells[i] ?? '')).filter(Boolean))];
    };
    const db = camelDb(ctx.ledger.db);
    const rows = await orgRows(db)
      .select('o.id')
      .where((eb) => eb.or([inList(db, 'o.uscc', values('uscc', normalizeUscc)), inList(db, 'o.name', values('name'))]))
      .execute();
    const byUscc = new Map<string, Omit<Match, 'by'>>();
    const byName = new Map<string, Omit<Match, 'by'>>();
    for (const r of rows) {
      const { id, ...fields } = asOrgFields(r);
      const e = { id, fields };
      if (r.uscc) byUscc.set(r.uscc, e);
      byName.set(`${r.regionId}|${r.name}`, e);
    }
    return {
      duplicateKey(p) {
        const uscc = typeof p.uscc === 'string' ? p.uscc : null;
        // A row without a name is already an error of its own; “重复” on top would only be noise.
        if (!uscc && !p.name) return null;
        return uscc
          ? { key: `uscc:${uscc}`, field: 'uscc', what: '统一社会信用代码' }
          : { key: `name:${p.regionId}|${p.name}`, field: 'name', what: '属地和名称' };
      },
      match(p) {
        const byCode = typeof p.uscc === 'string' && p.uscc ? byUscc.get(p.uscc) : undefined;
        if (byCode) return { ...byCode, by: '统一社会信用代码' };
        const named = byName.get(`${p.regionId}|${p.name}`);
        return named && { ...named, by: '属地内同名' };
      },
      complete(p) {
        if (p.subtype && !p.category) p.category = categoryOfSubtype(p.subtype as OrgSubtype);
      },
    };
  },
  create: (w, input, audit) => createOrgIn(w, input, audit),
  update: (w, id, input, audit) => updateOrgIn(w, id, input, audit),
};
