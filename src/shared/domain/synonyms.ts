/**
 * The words clerks write for the coded values, beside the code tables they stand for. Words that
 * could mean more than one code (企业, 其他) are deliberately absent: an import asks the clerk once.
 */
import { ACTIVITY_KIND_WORDS, ACTIVITY_KINDS } from './activityCodes';
import {
  ANNUAL_CHECK_RESULTS,
  type CodeTable,
  EVAL_GRADES,
  FORMATION_METHODS,
  ORG_CATEGORIES,
  ORG_STATUSES,
  ORG_SUBTYPES,
  PARTY_ORG_TYPES,
} from './codes';
import { FUNDING_KINDS, FUNDING_SOURCES } from './fundingCodes';
import { MASS_ORG_KINDS, MODEL_SITE_LEVELS } from './siteCodes';
import { TRAINING_TARGETS } from './trainingCodes';

type Words = Record<string, readonly string[]>;

/** Code → the other words for it. */
const WORDS = new Map<CodeTable<string>, Words>([
  [
    ORG_SUBTYPES,
    {
      association: ['社会团体', '社团', '团体'],
      chamber: ['行业协会商会', '协会', '商会', '行业协会', '行业商会'],
      remote_chamber: ['异地商会'],
      private_nonenterprise: ['民非', '民办非企业', '民办非企业单位', '社会服务机构', '民办非'],
      private_school: ['民办学校', '民办幼儿园', '培训学校', '职业培训学校'],
      private_hospital: ['民营医院', '私立医院', '民营诊所'],
      elderly_care: ['养老机构', '养老院', '敬老院', '养老服务中心'],
      foundation: ['基金会'],
      company: ['有限公司', '有限责任公司', '股份有限公司', '公司', '股份公司', '一人有限公司', '一人有限责任公司'],
      partnership: ['合伙企业', '合伙', '普通合伙企业', '有限合伙企业', '普通合伙', '有限合伙'],
      sole_proprietorship: ['个人独资企业', '个人独资', '独资企业'],
      cooperative: ['合作社', '专业合作社', '农民专业合作社', '农民合作社', '农牧民专业合作社', '牧民专业合作社', '专业合作联社'],
      individual: ['个体户', '个体', '个体工商户', '个体经营户', '个体经营'],
      market: ['商场', '市场', '商贸市场', '专业市场', '集贸市场', '农贸市场', '商场市场'],
    },
  ],
  // As a 类别 (not a 类型), 企业 can only mean the non-public side.
  [ORG_CATEGORIES, { social: ['社会组织'], nonpublic: ['非公', '企业', '非公企业', '非公经济组织', '非公有制经济组织', '非公有制企业'] }],
  [
    ORG_STATUSES,
    {
      normal: ['正常', '存续', '在业', '开业', '营业', '正常经营', '在营'],
      cancelled: ['注销', '已注销'],
      revoked: ['撤销', '已撤销', '被撤销', '吊销', '已吊销', '吊销未注销'],
      suspended: ['歇业', '停业', '停产', '歇业中'],
    },
  ],
  [
    ANNUAL_CHECK_RESULTS,
    {
      pass: ['合格', '通过', '已年检', '已年报'],
      basic: ['基本合格'],
      fail: ['不合格', '未通过'],
      absent: ['未参检', '未年检', '未年报', '未参加', '未报'],
    },
  ],
  // 示范点: the level as a township's list writes it (旗 / 盟 / 自治区 where Inner Mongolia names them so).
  [
    MODEL_SITE_LEVELS,
    {
      county: [
        '县级示范点',
        '县级党建示范点',
        '县级品牌',
        '县级党建品牌',
        '县级示范',
        '县',
        '县级示范党组织',
        '旗级',
        '旗级示范点',
        '旗级党建示范点',
        '旗县级',
        '旗县级示范点',
      ],
      city: [
        '市级示范点',
        '市级党建示范点',
        '市级品牌',
        '市级党建品牌',
        '市级示范',
        '市',
        '市级示范党组织',
        '盟级',
        '盟级示范点',
        '盟市级',
        '盟市级示范点',
      ],
      province: [
        '省级示范点',
        '省级党建示范点',
        '省级品牌',
        '省级党建品牌',
        '省级示范',
        '省',
        '省级示范党组织',
        '自治区级',
        '自治区级示范点',
      ],
    },
  ],
  [
    MASS_ORG_KINDS,
    {
      union: ['工会委员会', '基层工会', '企业工会', '联合工会', '工会小组', '工会组织', '工会联合会'],
      youth: ['团支部', '团委', '团总支', '共青团支部', '共青团委员会', '团组织', '共青团组织', '团工委'],
      women: ['妇委会', '妇女委员会', '妇女联合会', '妇联组织', '妇女小组', '妇女组织', '妇女工作委员会'],
    },
  ],
  [
    EVAL_GRADES,
    {
      '1A': ['A', '1A级', '一A', 'A级'],
      '2A': ['AA', '2A级', '二A', 'AA级'],
      '3A': ['AAA', '3A级', '三A', 'AAA级'],
      '4A': ['AAAA', '4A级', '四A', 'AAAA级'],
      '5A': ['AAAAA', '5A级', '五A', 'AAAAA级'],
    },
  ],
  [
    PARTY_ORG_TYPES,
    {
      committee: ['党委', '基层党委', '党委员会'],
      general_branch: ['党总支', '总支', '党总支部', '总支部'],
      branch: ['党支部', '支部', '独立党支部', '单独党支部'],
      joint_branch: ['联合党支部', '联合支部'],
      temporary: ['临时党支部', '临时支部'],
      functional: ['功能型党组织', '功能型党支部', '功能党支部', '功能型支部'],
    },
  ],
  [
    FORMATION_METHODS,
    {
      single: ['单独组建', '单独', '单建', '独立组建', '单独建立'],
      joint: ['联合组建', '联合', '联建', '联合建立'],
      attached: ['挂靠组建', '挂靠', '挂靠建立'],
      industry: ['行业组建', '行业', '依托行业组建'],
      regional: ['区域化“1+N”', '区域化1+N', '区域化', '1+N', '区域化组建', '区域组建'],
      dispatched: ['派员组建', '派员', '选派组建'],
    },
  ],
  // 经费: the sources of the “四个一” and the kinds, as township sheets name them.
  [
    FUNDING_SOURCES,
    {
      unit: ['企业列支', '单位列支', '企业自筹', '单位自筹', '企业出资', '单位出资', '企业支持'],
      superior: ['上级补充', '上级拨付', '上级拨款', '上级下拨', '上级补助', '组织部拨付', '上级党组织拨付'],
      dues_return: ['党费返还', '返还党费', '党费下拨'],
      fiscal: ['财政补贴', '财政拨款', '财政补助', '财政拨付', '财政资金'],
    },
  ],
  [
    FUNDING_KINDS,
    {
      startup: ['启动经费', '启动资金', '组建经费'],
      activity: ['活动经费', '工作经费', '党建活动经费', '党组织工作经费'],
      secretary_allowance: ['书记补助', '书记补贴', '书记津贴', '书记工作补贴'],
      venue: ['阵地建设经费', '阵地建设', '阵地经费', '活动场所建设经费'],
    },
  ],
  [
    TRAINING_TARGETS,
    {
      secretary: ['书记', '支部书记', '党支部书记', '党组织书记', '两新组织书记'],
      party_worker: ['党务工作者', '党务干部', '党务人员', '党务骨干'],
      activist: ['积极分子', '入党积极分子', '发展对象'],
      member: ['党员', '全体党员', '党员干部'],
      owner: ['业主', '出资人', '企业主', '业主出资人', '非公企业业主', '企业负责人'],
      instructor: ['指导员', '党建指导员', '党建工作指导员'],
    },
  ],
  [ACTIVITY_KINDS, ACTIVITY_KIND_WORDS],
]);

/**
 * A value as clerks vary it: full-width letters and digits, spaces, either kind of bracket or quote
 * mark, and the middle dot do not matter.
 */
export function normalizeWord(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s·•“”"‘’']/g, '')
    .replace(/[【[]/g, '(')
    .replace(/[】\]]/g, ')')
    .toUpperCase();
}

const lookups = new WeakMap<CodeTable<string>, Map<string, string>>();

function lookupOf(table: CodeTable<string>): Map<string, string> {
  let m = lookups.get(table);
  if (m) return m;
  m = new Map();
  for (const r of table) {
    m.set(normalizeWord(r.label), r.code);
    m.set(normalizeWord(r.code), r.code);
  }
  for (const [code, words] of Object.entries(WORDS.get(table) ?? {})) for (const w of words) m.set(normalizeWord(w), code);
  lookups.set(table, m);
  return m;
}

/**
 * The code a clerk's word stands for: a label, a code, or a known other word; a qualifier in
 * brackets after a known word (有限责任公司（自然人投资或控股）, as 营业执照 print it) is dropped.
 * null when the word is unknown or ambiguous.
 */
export function codeOfWord(table: CodeTable<string>, word: string): string | null {
  const m = lookupOf(table);
  const n = normalizeWord(word);
  const hit = m.get(n);
  if (hit) return hit;
  const bare = /^(.+?)\(.*\)$/.exec(n)?.[1];
  return bare ? (m.get(bare) ?? null) : null;
}
