/**
 * The columns an import understands, per kind of record: the Chinese header of the template, the
 * other names clerks' own sheets use for it (to guess the mapping), and how a cell is read.
 */
import {
  ANNUAL_CHECK_RESULTS,
  type CodeTable,
  EVAL_GRADES,
  FORMATION_METHODS,
  ORG_CATEGORIES,
  ORG_STATUSES,
  ORG_SUBTYPES,
  PARTY_ORG_TYPES,
} from '../../../shared/domain/codes';
import type { MonthDay } from '../../../shared/rules/dateText';

export type ImportKind = 'orgs' | 'partyOrgs' | 'instructors';

export type CellKind = 'text' | 'int' | 'date' | 'bool' | 'code' | 'region' | 'uscc' | 'list' | 'money' | 'orgs';

export interface ImportField {
  key: string;
  label: string;
  required?: boolean;
  kind: CellKind;
  /** For `code`: the table whose labels (or codes) are accepted. */
  codes?: CodeTable<string>;
  /** For `date`: a month alone (2025.03) is taken as this day of it; otherwise refused. */
  month?: MonthDay;
  /** Other header names that mean this column. */
  synonyms: string[];
  help: string;
}

const bool = (key: string, label: string, synonyms: string[] = []): ImportField => ({
  key,
  label,
  kind: 'bool',
  synonyms,
  help: '填“是”或“否”，空白为否',
});

export const IMPORT_FIELDS: Record<ImportKind, ImportField[]> = {
  orgs: [
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
  ],
  partyOrgs: [
    {
      key: 'name',
      label: '党组织名称',
      required: true,
      kind: 'text',
      synonyms: ['名称', '党组织全称', '党支部名称'],
      help: '全称，如“中共××有限公司支部委员会”',
    },
    {
      key: 'type',
      label: '党组织类型',
      required: true,
      kind: 'code',
      codes: PARTY_ORG_TYPES,
      synonyms: ['类型', '组织类型', '党组织类别'],
      help: '党委 / 党总支 / 党支部 / 联合党支部 …',
    },
    {
      key: 'method',
      label: '组建方式',
      required: true,
      kind: 'code',
      codes: FORMATION_METHODS,
      synonyms: ['建立方式', '组建形式'],
      help: '单独组建 / 联合组建 / 挂靠组建 …',
    },
    {
      key: 'regionId',
      label: '所属属地',
      required: true,
      kind: 'region',
      synonyms: ['属地', '所属乡镇', '乡镇（街道）', '所属乡镇（街道）', '乡镇', '街道', '所在镇街', '所属镇街', '镇街'],
      help: '“设置”中的属地名称、简称（如“乌兰”）或行政区划代码',
    },
    {
      key: 'coveredOrgIds',
      label: '覆盖的两新组织',
      required: true,
      kind: 'orgs',
      synonyms: ['覆盖组织', '所在单位', '覆盖单位', '单位名称'],
      help: '单位名称或统一社会信用代码，多个用顿号“、”分隔；单独组建只填1个',
    },
    { key: 'parentName', label: '上级党组织', kind: 'text', synonyms: ['上级党委'], help: '' },
    { key: 'foundedDate', label: '成立时间', kind: 'date', month: 'first', synonyms: ['成立日期', '组建时间'], help: '如 2021-07-01' },
    { key: 'approvalNo', label: '批复文号', kind: 'text', synonyms: ['文号'], help: '' },
    { key: 'secretaryName', label: '书记姓名', kind: 'text', synonyms: ['书记', '党组织书记'], help: '' },
    { key: 'secretaryPhone', label: '书记电话', kind: 'text', synonyms: ['书记联系电话', '联系电话'], help: '手机11位，座机带区号' },
    bool('secretaryIsHead', '书记由负责人担任', ['书记是否负责人', '书记是否为出资人或负责人']),
    { key: 'deputySecretary', label: '副书记', kind: 'text', synonyms: [], help: '' },
    { key: 'committeeMembers', label: '委员', kind: 'text', synonyms: ['支委委员', '委员名单'], help: '' },
    { key: 'partyWorkers', label: '党务工作者数', kind: 'int', synonyms: ['党务工作者'], help: '整数' },
    { key: 'formalMembers', label: '正式党员数', kind: 'int', synonyms: ['正式党员', '党员人数', '党员数'], help: '整数' },
    { key: 'probationaryMembers', label: '预备党员数', kind: 'int', synonyms: ['预备党员'], help: '整数' },
    {
      key: 'lastElectionDate',
      label: '上次换届时间',
      kind: 'date',
      month: 'first',
      synonyms: ['换届时间', '上次换届'],
      help: '如 2024-06-30',
    },
    { key: 'termYears', label: '任期（年）', kind: 'int', synonyms: ['任期'], help: '空白按党委5年、其他3年' },
    { key: 'starRating', label: '星级', kind: 'int', synonyms: ['星级评定'], help: '1—5' },
    {
      key: 'venueChecklist',
      label: '阵地建设',
      kind: 'list',
      synonyms: ['阵地建设达标项', '六有', '八有'],
      help: '达标的项目，用顿号分隔，如“有场所、有设施”',
    },
    { key: 'remarks', label: '备注', kind: 'text', synonyms: ['说明'], help: '' },
  ],
  instructors: [
    { key: 'name', label: '姓名', required: true, kind: 'text', synonyms: ['指导员姓名', '指导员'], help: '' },
    { key: 'unit', label: '工作单位', kind: 'text', synonyms: ['单位', '所在单位'], help: '' },
    { key: 'post', label: '职务', kind: 'text', synonyms: ['职务职级', '现任职务'], help: '' },
    { key: 'phone', label: '联系电话', kind: 'text', synonyms: ['电话', '手机', '手机号码'], help: '手机11位，座机带区号' },
    bool('fullTime', '专职', ['是否专职']),
    { key: 'appointedDate', label: '选派时间', kind: 'date', month: 'first', synonyms: ['选派日期', '任职时间'], help: '如 2025-03-01' },
    { key: 'grids', label: '负责网格', kind: 'text', synonyms: ['网格', '联系网格'], help: '' },
    { key: 'remarks', label: '备注', kind: 'text', synonyms: ['说明'], help: '' },
  ],
};

export const KIND_LABELS: Record<ImportKind, string> = { orgs: '两新组织', partyOrgs: '党组织', instructors: '党建工作指导员' };

/** Header text as clerks vary it: spaces, required marks and full-width brackets do not matter. */
export function normalizeHeader(h: string): string {
  return h
    .replace(/[\s*＊]/g, '')
    .replace(/[（(]/g, '（')
    .replace(/[）)]/g, '）')
    .trim();
}

/** Guesses which field each header means: exact label or synonym first, then a unique containment. */
export function guessMapping(kind: ImportKind, headers: string[], saved: Record<string, string> = {}): Record<string, string | null> {
  const fields = IMPORT_FIELDS[kind];
  const out: Record<string, string | null> = {};
  const taken = new Set<string>();
  const names = (f: ImportField) => [f.label, ...f.synonyms].map(normalizeHeader);
  for (const h of headers) {
    const n = normalizeHeader(h);
    const remembered = saved[n];
    const exact = remembered && fields.some((f) => f.key === remembered) ? remembered : fields.find((f) => names(f).includes(n))?.key;
    if (exact && !taken.has(exact)) {
      out[h] = exact;
      taken.add(exact);
    } else out[h] = null;
  }
  for (const h of headers) {
    if (out[h]) continue;
    const n = normalizeHeader(h);
    if (!n) continue;
    const hits = fields.filter((f) => !taken.has(f.key) && names(f).some((x) => n.includes(x) || x.includes(n)));
    if (hits.length === 1 && hits[0]) {
      out[h] = hits[0].key;
      taken.add(hits[0].key);
    }
  }
  return out;
}
