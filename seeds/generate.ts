/**
 * Writes seeds/demo-county.json: an invented county-level unit (青山旗, 150499) with its 苏木, 镇,
 * 街道 and a 开发区, about 330 两新组织, 140 party organizations and 28 instructors.
 *
 *   npx tsx seeds/generate.ts        # or: npm run seed:generate
 *
 * Deterministic: one seeded PRNG (mulberry32), no Math.random, no clock. The figures are checked
 * before the file is written (the four county rates on two days, every flag, every code), so a
 * change to the recipe that breaks the demo fails here rather than in front of a clerk.
 */

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SeedFile, SeedInstructor, SeedOrg, SeedPartyOrg, SeedRegion } from '../src/main/core/seed';
import { ACCOUNT_DEFAULTS } from '../src/main/core/services/accounts';
import {
  type AnnualCheck,
  DEFAULT_SITUATIONS,
  type EvalGrade,
  FORMATION_METHODS,
  type FormationMethod,
  ORG_FLAGS,
  ORG_SUBTYPES,
  type OrgStatus,
  type OrgSubtype,
  PARTY_ORG_FLAGS,
  PARTY_ORG_TYPES,
  type PartyOrgType,
  type RegionKind,
  VENUE_STANDARDS,
} from '../src/shared/domain/codes';
import { addToCounts, type CoverageFigures, emptyCounts, figures, formatRatio, isActiveOn } from '../src/shared/rules/coverage';
import { orgFlags } from '../src/shared/rules/orgFlags';
import { partyOrgFlags } from '../src/shared/rules/partyOrgFlags';
import { checkUscc, usccCheckChar } from '../src/shared/rules/uscc';
import type { Settings } from '../src/shared/types';
import { buildActivitySeed, electionDueSoon } from './activities';
import { buildCaseSeed } from './cases';
import { buildFundingSeed, type YearlyFunding } from './funding';
import { buildGridSeed } from './grids';
import { buildMemberSeed } from './members';
import { buildSiteSeed } from './sites';
import { buildTrainingSeed } from './trainings';

const COUNTY = '青山旗';
const COUNTY_CODE = '150499';
/** The days the demo is checked on: the tests' fixed clock and the day the demo was made. */
const CHECK_DAYS = ['2026-06-30', '2026-11-25'];

// ---------------------------------------------------------------- randomness

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rnd = mulberry32(0x150499);
const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
const chance = (p: number) => rnd() < p;
function pick<T>(a: readonly T[]): T {
  if (a.length === 0) throw new Error('pick from an empty list');
  return a[Math.floor(rnd() * a.length)] as T;
}
function weighted<T>(pairs: readonly (readonly [T, number])[]): T {
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  let x = rnd() * total;
  for (const [v, w] of pairs) {
    x -= w;
    if (x < 0) return v;
  }
  return (pairs[pairs.length - 1] as readonly [T, number])[0];
}
/** A list written as one line of words. */
const words = (s: string) => s.trim().split(/\s+/);
const times = <T>(n: number, v: T): T[] => Array.from({ length: n }, () => v);
function shuffle<T>(a: T[]): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
  return a;
}
/** Takes `n` items out of `pool` (removing them), each drawn with probability proportional to `weight`. */
function draw<T>(pool: T[], n: number, weight: (t: T) => number): T[] {
  const out: T[] = [];
  while (out.length < n && pool.length > 0) {
    const total = pool.reduce((s, t) => s + weight(t), 0);
    let x = rnd() * total;
    let idx = pool.length - 1;
    for (let i = 0; i < pool.length; i++) {
      x -= weight(pool[i] as T);
      if (x < 0) {
        idx = i;
        break;
      }
    }
    out.push(pool.splice(idx, 1)[0] as T);
  }
  return out;
}

// ---------------------------------------------------------------- dates

const DAY = 86_400_000;
const toDay = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
const fromDay = (t: number) => new Date(t).toISOString().slice(0, 10);
function dateBetween(from: string, to: string): string {
  const a = toDay(from);
  const b = toDay(to);
  return fromDay(a + Math.floor(rnd() * (Math.floor((b - a) / DAY) + 1)) * DAY);
}
const maxDate = (a: string, b: string) => (a > b ? a : b);
const minDate = (a: string, b: string) => (a < b ? a : b);
const addDays = (s: string, n: number) => fromDay(toDay(s) + n * DAY);

// ---------------------------------------------------------------- people and phones

const SURNAMES = words(
  '王 李 张 刘 陈 杨 赵 黄 周 吴 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 彭 曾 田 于 董 袁 白 包 宝 吕 任 姜 崔 范 贾 孟 程 常 侯 石',
);
const GIVEN = words(
  '建国 志强 海峰 丽华 秀英 桂兰 玉梅 俊杰 晓东 文博 国庆 春燕 红梅 立新 振华 宏伟 淑芬 永利 德胜 金花 明 伟 磊 静 敏 刚 勇 丹 军 杰 涛 鹏 霞 斌 超 燕 颖 海军 凤英 志刚 红霞 晓燕 建军 玉华 树林 长青 子涵 雨轩 思远 佳琪 浩然 婷婷 宇航 晓峰 春雷 秀兰 金山 铁柱 福林 桂芝',
);
const MONGOLIAN = words(
  '巴特尔 其木格 乌日娜 斯琴高娃 格日勒图 萨仁高娃 朝鲁门 宝音图 阿拉坦仓 孟和 额尔敦 敖日格乐 那日苏 苏日娜 哈斯 图雅 吉日嘎拉 乌力吉 塔娜 毕力格 娜仁 特木尔 阿木古楞 满都拉',
);
function person(): string {
  if (chance(0.2)) return pick(MONGOLIAN);
  return pick(SURNAMES) + pick(GIVEN);
}
const MOBILE_PREFIXES = words('130 131 132 133 135 136 137 138 139 150 151 152 155 156 157 158 159 180 181 182 183 185 186 187 188 189');
function mobile(): string {
  return pick(MOBILE_PREFIXES) + String(int(0, 99_999_999)).padStart(8, '0');
}

// ---------------------------------------------------------------- regions

type Group = 'social' | 'company' | 'coop' | 'individual' | 'market';

interface RegionDef extends SeedRegion {
  roads: string[];
  villages: string[];
  /** How organizations of each group are spread over the regions. */
  weight: Record<Group, number>;
}

const REGIONS: RegionDef[] = [
  {
    name: '新城街道',
    kind: 'subdistrict',
    code: '150499001',
    roads: ['振兴路', '团结路', '新华大街', '民族街', '朝阳路', '站前路'],
    villages: ['振兴社区', '团结社区', '朝阳社区'],
    weight: { social: 32, company: 24, coop: 0.5, individual: 22, market: 5 },
  },
  {
    name: '红山街道',
    kind: 'subdistrict',
    code: '150499002',
    roads: ['红山路', '北环路', '建设路', '文化街', '长青路'],
    villages: ['红山社区', '文化社区', '长青社区'],
    weight: { social: 26, company: 20, coop: 0.5, individual: 18, market: 4 },
  },
  {
    name: '乌兰镇',
    kind: 'township',
    code: '150499100',
    roads: ['乌兰大街', '兴隆街'],
    villages: ['乌兰村', '兴隆村', '太平村', '新发村'],
    weight: { social: 8, company: 12, coop: 10, individual: 10, market: 2 },
  },
  {
    name: '巴彦镇',
    kind: 'township',
    code: '150499101',
    roads: ['巴彦大街', '富民路'],
    villages: ['巴彦村', '永丰村', '红旗村', '东升村'],
    weight: { social: 6, company: 10, coop: 10, individual: 8, market: 1 },
  },
  {
    name: '宝日镇',
    kind: 'township',
    code: '150499102',
    roads: ['宝日街', '前进路'],
    villages: ['宝日村', '富民村', '前进村'],
    weight: { social: 5, company: 8, coop: 9, individual: 7, market: 1 },
  },
  {
    name: '哈达苏木',
    kind: 'sumu',
    code: '150499200',
    roads: ['哈达街'],
    villages: ['哈达嘎查', '查干嘎查', '宝力格嘎查', '阿拉坦嘎查'],
    weight: { social: 2, company: 3, coop: 12, individual: 5, market: 1 },
  },
  {
    name: '额尔敦苏木',
    kind: 'sumu',
    code: '150499201',
    roads: ['额尔敦街'],
    villages: ['额尔敦嘎查', '白音嘎查', '巴彦塔拉嘎查', '乌兰哈达嘎查'],
    weight: { social: 2, company: 3, coop: 12, individual: 5, market: 1 },
  },
  {
    name: '白音苏木',
    kind: 'sumu',
    code: '150499202',
    roads: ['白音街'],
    villages: ['白音嘎查', '呼和嘎查', '哈日嘎查', '乌力吉嘎查'],
    weight: { social: 2, company: 3, coop: 10, individual: 4, market: 1 },
  },
  {
    name: '青山经济技术开发区',
    kind: 'park',
    code: '150499400',
    roads: ['创业大道', '纬一路', '经二路', '纬三路', '科技路'],
    villages: [],
    weight: { social: 3, company: 40, coop: 0.5, individual: 2, market: 1 },
  },
];
const regionByName = (name: string) => REGIONS.find((r) => r.name === name) as RegionDef;

/** 乌兰镇党委, 新城街道党工委, 青山经济技术开发区党工委. */
function regionParty(r: RegionDef): string {
  return r.kind === 'subdistrict' || r.kind === 'park' ? `${r.name}党工委` : `${r.name}党委`;
}
/** 青山旗乌兰镇, but 青山经济技术开发区 as it is. */
function countyRegion(r: RegionDef): string {
  return r.name.startsWith('青山') ? r.name : `${COUNTY}${r.name}`;
}
function regionGov(r: RegionDef): string {
  if (r.kind === 'subdistrict') return `${r.name}办事处`;
  if (r.kind === 'park') return '青山经济技术开发区管理委员会';
  return `${r.name}人民政府`;
}
function streetAddress(r: RegionDef): string {
  const prefix = r.kind === 'park' ? '青山经济技术开发区' : `${COUNTY}${r.name}`;
  return `${prefix}${pick(r.roads)}${int(1, 399)}号`;
}

// ---------------------------------------------------------------- organizations

const BRANDS = words(
  '泰和 华源 利民 兴旺 恒通 金桥 鑫盛 宏达 瑞丰 永盛 德隆 天骄 蒙源 嘉禾 福瑞 祥泰 昌盛 荣达 正阳 安泰 聚丰 同盛 汇通 顺达 博远 众诚 兴安 塞北 北疆 金穗 绿源 益农 丰泽 万通 广源 诚信 金鼎 润泽 新隆 远大 恒泰 盛元 裕丰 腾飞 东方 四季 万家 康源 晨光 金帆 华泰 鼎盛 协力 庆丰 富源 天宇 佳和 瑞祥 恒信 旭日 弘毅 明德 锦程 骏马 银河 金辉 宝丰 吉祥 如意 和顺 安达 星火 蓝天 青松 翰林 百川 启航 鸿福 长盛 苍穹',
);

/** Company words with the GB/T 4754 section they fall in. */
const COMPANY_WORDS: [string, string][] = [
  ['建材', '制造业'],
  ['新型建材', '制造业'],
  ['建筑工程', '建筑业'],
  ['建筑安装工程', '建筑业'],
  ['路桥工程', '建筑业'],
  ['商贸', '批发和零售业'],
  ['农资', '批发和零售业'],
  ['物流', '交通运输、仓储和邮政业'],
  ['运输', '交通运输、仓储和邮政业'],
  ['供应链管理', '交通运输、仓储和邮政业'],
  ['快递', '交通运输、仓储和邮政业'],
  ['餐饮管理', '住宿和餐饮业'],
  ['酒店管理', '住宿和餐饮业'],
  ['乳业', '制造业'],
  ['肉业', '制造业'],
  ['食品', '制造业'],
  ['绒毛制品', '制造业'],
  ['饲料', '制造业'],
  ['机械制造', '制造业'],
  ['农牧业科技', '农、林、牧、渔业'],
  ['草业', '农、林、牧、渔业'],
  ['新能源', '电力、热力、燃气及水生产和供应业'],
  ['热力', '电力、热力、燃气及水生产和供应业'],
  ['矿业', '采矿业'],
  ['信息技术', '信息传输、软件和信息技术服务业'],
  ['网络科技', '信息传输、软件和信息技术服务业'],
  ['物业服务', '房地产业'],
  ['房地产开发', '房地产业'],
  ['汽车销售服务', '批发和零售业'],
  ['医药连锁', '批发和零售业'],
  ['电子商务', '批发和零售业'],
  ['粮油', '批发和零售业'],
  ['旅游开发', '租赁和商务服务业'],
  ['劳务服务', '租赁和商务服务业'],
  ['保安服务', '租赁和商务服务业'],
  ['文化传媒', '文化、体育和娱乐业'],
  ['环保科技', '水利、环境和公共设施管理业'],
  ['家政服务', '居民服务、修理和其他服务业'],
  ['工程咨询', '科学研究和技术服务业'],
  ['测绘', '科学研究和技术服务业'],
];
/** Words every demo must have, so the 行业 party organizations find their members. */
const FORCED_COMPANY_WORDS = ['物流', '物流', '运输', '运输', '供应链管理', '物流', '运输', '快递', '快递', '餐饮管理', '酒店管理'];
const INDIVIDUAL_WORDS: [string, string][] = [
  ['手把肉馆', '住宿和餐饮业'],
  ['蒙餐馆', '住宿和餐饮业'],
  ['烧烤店', '住宿和餐饮业'],
  ['家常菜馆', '住宿和餐饮业'],
  ['茶餐厅', '住宿和餐饮业'],
  ['快递服务站', '交通运输、仓储和邮政业'],
  ['便利店', '批发和零售业'],
  ['超市', '批发和零售业'],
  ['五金建材店', '批发和零售业'],
  ['农资经销部', '批发和零售业'],
  ['奶食品店', '批发和零售业'],
  ['服装店', '批发和零售业'],
  ['手机店', '批发和零售业'],
  ['药店', '批发和零售业'],
  ['汽车修理部', '居民服务、修理和其他服务业'],
  ['美发店', '居民服务、修理和其他服务业'],
  ['家电维修部', '居民服务、修理和其他服务业'],
];
const FORCED_INDIVIDUAL_WORDS = ['手把肉馆', '蒙餐馆', '家常菜馆', '烧烤店', '快递服务站', '快递服务站'];
const CATERING_WORDS = new Set(['餐饮管理', '酒店管理', '手把肉馆', '蒙餐馆', '烧烤店', '家常菜馆', '茶餐厅']);
const EXPRESS_WORDS = new Set(['快递', '快递服务站']);
const LOGISTICS_WORDS = new Set(['物流', '运输', '供应链管理']);

interface Made {
  name: string;
  industry: string | null;
  supervisorUnit: string | null;
  word: string | null;
  village: string | null;
  address: string;
}

const usedNames = new Set<string>();
function unique(make: () => string): string {
  for (let i = 0; i < 200; i++) {
    const n = make();
    if (!usedNames.has(n)) {
      usedNames.add(n);
      return n;
    }
  }
  throw new Error('ran out of names');
}
function uniqueFrom(list: readonly string[], fallback: () => string): string {
  const free = list.filter((n) => !usedNames.has(n));
  if (free.length > 0) {
    const n = pick(free);
    usedNames.add(n);
    return n;
  }
  return unique(fallback);
}

const GOV = {
  civil: '青山旗民政局',
  market: '青山旗市场监督管理局',
  culture: '青山旗文学艺术界联合会',
  sports: '青山旗文化旅游体育局',
  league: '共青团青山旗委员会',
  science: '青山旗科学技术协会',
  women: '青山旗妇女联合会',
  veterans: '青山旗退役军人事务局',
  disabled: '青山旗残疾人联合会',
  commerce: '青山旗工商业联合会',
  education: '青山旗教育局',
  labour: '青山旗人力资源和社会保障局',
  health: '青山旗卫生健康委员会',
  agriculture: '青山旗农牧局',
};
const SOCIAL_SECTOR = '公共管理、社会保障和社会组织';
const CULTURE_SECTOR = '文化、体育和娱乐业';

const ASSOCIATIONS: [string, string, string][] = [
  ['作家协会', GOV.culture, CULTURE_SECTOR],
  ['书法家协会', GOV.culture, CULTURE_SECTOR],
  ['摄影家协会', GOV.culture, CULTURE_SECTOR],
  ['美术家协会', GOV.culture, CULTURE_SECTOR],
  ['音乐家协会', GOV.culture, CULTURE_SECTOR],
  ['乌力格尔协会', GOV.culture, CULTURE_SECTOR],
  ['诗词学会', GOV.culture, CULTURE_SECTOR],
  ['民族文化研究会', GOV.culture, CULTURE_SECTOR],
  ['老年体育协会', GOV.sports, CULTURE_SECTOR],
  ['篮球协会', GOV.sports, CULTURE_SECTOR],
  ['足球协会', GOV.sports, CULTURE_SECTOR],
  ['马术协会', GOV.sports, CULTURE_SECTOR],
  ['搏克协会', GOV.sports, CULTURE_SECTOR],
  ['志愿者协会', GOV.league, SOCIAL_SECTOR],
  ['青年创业协会', GOV.league, SOCIAL_SECTOR],
  ['慈善协会', GOV.civil, SOCIAL_SECTOR],
  ['科普协会', GOV.science, '科学研究和技术服务业'],
  ['养蜂协会', GOV.science, '农、林、牧、渔业'],
  ['个体劳动者协会', GOV.market, SOCIAL_SECTOR],
  ['私营企业协会', GOV.market, SOCIAL_SECTOR],
  ['家庭教育研究会', GOV.women, SOCIAL_SECTOR],
  ['退役军人志愿服务协会', GOV.veterans, SOCIAL_SECTOR],
  ['残疾人互助协会', GOV.disabled, SOCIAL_SECTOR],
];
/** 行业协会商会: since the 2015 decoupling most have no 业务主管单位; 商会 stay with the 工商联. */
const CHAMBERS: [string, string | null, string][] = [
  ['建筑业协会', null, '建筑业'],
  ['物流协会', null, '交通运输、仓储和邮政业'],
  ['旅游协会', null, '租赁和商务服务业'],
  ['汽车维修行业协会', null, '居民服务、修理和其他服务业'],
  ['美容美发行业协会', null, '居民服务、修理和其他服务业'],
  ['家政服务协会', null, '居民服务、修理和其他服务业'],
  ['房地产业协会', null, '房地产业'],
  ['奶业协会', null, '农、林、牧、渔业'],
  ['肉羊产业协会', null, '农、林、牧、渔业'],
  ['电子商务协会', null, '批发和零售业'],
  ['物业管理协会', null, '房地产业'],
  ['青年企业家商会', GOV.commerce, SOCIAL_SECTOR],
  ['女企业家商会', GOV.commerce, SOCIAL_SECTOR],
  ['新城街道商会', GOV.commerce, SOCIAL_SECTOR],
  ['乌兰镇商会', GOV.commerce, SOCIAL_SECTOR],
  ['农资行业协会', null, '批发和零售业'],
  ['运输行业协会', null, '交通运输、仓储和邮政业'],
];
const REMOTE_CHAMBERS = ['浙江商会', '河北商会', '山东商会', '福建商会', '河南商会', '江苏商会', '山西商会'];
const NONENTERPRISE: [string, string, string][] = [
  ['社会工作服务中心', GOV.civil, SOCIAL_SECTOR],
  ['家庭综合服务中心', GOV.civil, SOCIAL_SECTOR],
  ['社区服务中心', GOV.civil, SOCIAL_SECTOR],
  ['公益服务中心', GOV.civil, SOCIAL_SECTOR],
  ['志愿服务中心', GOV.league, SOCIAL_SECTOR],
  ['青少年活动中心', GOV.league, SOCIAL_SECTOR],
  ['心理咨询服务中心', GOV.health, '卫生和社会工作'],
  ['残疾人康复中心', GOV.disabled, '卫生和社会工作'],
  ['体育俱乐部', GOV.sports, CULTURE_SECTOR],
  ['健身服务中心', GOV.sports, CULTURE_SECTOR],
  ['文化传承中心', GOV.sports, CULTURE_SECTOR],
  ['婚姻家庭服务中心', GOV.women, SOCIAL_SECTOR],
  ['农牧民技术服务中心', GOV.agriculture, '农、林、牧、渔业'],
  ['文化艺术培训中心', GOV.education, '教育'],
];
const SCHOOLS: [string, string][] = [
  ['民办幼儿园', GOV.education],
  ['幼儿园', GOV.education],
  ['双语幼儿园', GOV.education],
  ['蒙古族幼儿园', GOV.education],
  ['实验学校', GOV.education],
  ['外国语学校', GOV.education],
  ['艺术培训学校', GOV.education],
  ['职业技能培训学校', GOV.labour],
];
const HOSPITALS = ['医院', '蒙医医院', '口腔医院', '中医医院', '眼科医院', '康复医院', '骨科医院'];
const ELDERLY = ['养老院', '养老服务中心', '老年公寓', '颐养院', '护理院', '居家养老服务中心'];
const FOUNDATIONS = ['青山旗教育发展基金会', '青山旗草原生态保护基金会', '青山旗乡村振兴基金会', '青山旗见义勇为基金会'];
const PARTNERSHIPS: [string, string][] = [
  ['会计师事务所（普通合伙）', '租赁和商务服务业'],
  ['税务师事务所（普通合伙）', '租赁和商务服务业'],
  ['资产评估事务所（普通合伙）', '租赁和商务服务业'],
  ['投资管理中心（有限合伙）', '金融业'],
  ['建筑工程合伙企业（普通合伙）', '建筑业'],
];
const SOLE: [string, string][] = [
  ['砖厂', '制造业'],
  ['汽车修理厂', '居民服务、修理和其他服务业'],
  ['养殖场', '农、林、牧、渔业'],
  ['加油站', '批发和零售业'],
  ['印刷厂', '制造业'],
  ['家具厂', '制造业'],
  ['洗煤厂', '制造业'],
  ['商务服务中心', '租赁和商务服务业'],
  ['驾驶员培训中心', '教育'],
  ['沙石料场', '采矿业'],
];
const COOP_WORDS = words(
  '肉羊养殖 肉牛养殖 农牧业 种植 马铃薯种植 杂粮种植 农机服务 奶牛养殖 饲草料种植 沙棘种植 蔬菜种植 绒山羊养殖 中药材种植 葵花种植 奶食品加工',
);
const MARKETS: [string, string][] = [
  ['农贸市场', '租赁和商务服务业'],
  ['建材市场', '批发和零售业'],
  ['商厦', '批发和零售业'],
  ['购物中心', '批发和零售业'],
  ['牲畜交易市场', '租赁和商务服务业'],
  ['二手车交易市场', '租赁和商务服务业'],
  ['小商品市场', '批发和零售业'],
  ['综合批发市场', '批发和零售业'],
  ['家居广场', '批发和零售业'],
];

function make(subtype: OrgSubtype, r: RegionDef, forcedWord?: string): Made {
  const base = {
    industry: null as string | null,
    supervisorUnit: null as string | null,
    word: null as string | null,
    village: null as string | null,
  };
  const street = () => streetAddress(r);
  switch (subtype) {
    case 'association': {
      const [n, sup, ind] = pick(ASSOCIATIONS.filter(([x]) => !usedNames.has(`${COUNTY}${x}`)));
      usedNames.add(`${COUNTY}${n}`);
      return { ...base, name: `${COUNTY}${n}`, supervisorUnit: sup, industry: ind, address: street() };
    }
    case 'chamber': {
      const [n, sup, ind] = pick(CHAMBERS.filter(([x]) => !usedNames.has(`${COUNTY}${x}`)));
      usedNames.add(`${COUNTY}${n}`);
      return { ...base, name: `${COUNTY}${n}`, supervisorUnit: sup, industry: ind, address: street() };
    }
    case 'remote_chamber': {
      const name = uniqueFrom(
        REMOTE_CHAMBERS.map((x) => `${COUNTY}${x}`),
        () => `${COUNTY}${pick(BRANDS)}商会`,
      );
      return { ...base, name, supervisorUnit: GOV.commerce, industry: SOCIAL_SECTOR, address: street() };
    }
    case 'private_nonenterprise': {
      const [w, sup, ind] = pick(NONENTERPRISE);
      return { ...base, name: unique(() => `${COUNTY}${pick(BRANDS)}${w}`), supervisorUnit: sup, industry: ind, address: street() };
    }
    case 'private_school': {
      const [w, sup] = pick(SCHOOLS);
      return { ...base, name: unique(() => `${COUNTY}${pick(BRANDS)}${w}`), supervisorUnit: sup, industry: '教育', address: street() };
    }
    case 'private_hospital': {
      const w = pick(HOSPITALS);
      return {
        ...base,
        name: unique(() => `${COUNTY}${pick(BRANDS)}${w}`),
        supervisorUnit: GOV.health,
        industry: '卫生和社会工作',
        address: street(),
      };
    }
    case 'elderly_care': {
      const w = pick(ELDERLY);
      return {
        ...base,
        name: unique(() => `${COUNTY}${pick(BRANDS)}${w}`),
        supervisorUnit: GOV.civil,
        industry: '卫生和社会工作',
        address: street(),
      };
    }
    case 'foundation': {
      const name = uniqueFrom(FOUNDATIONS, () => `${COUNTY}${pick(BRANDS)}助学基金会`);
      return {
        ...base,
        name,
        supervisorUnit: name.includes('教育') ? GOV.education : GOV.civil,
        industry: SOCIAL_SECTOR,
        address: street(),
      };
    }
    case 'company': {
      const entry = forcedWord ? (COMPANY_WORDS.find(([w]) => w === forcedWord) as [string, string]) : pick(COMPANY_WORDS);
      const [w, ind] = entry;
      const name = unique(() =>
        weighted<string>([
          [`内蒙古${pick(BRANDS)}${w}有限公司`, 3],
          [`内蒙古青山${pick(BRANDS)}${w}有限公司`, 2],
          [`${COUNTY}${pick(BRANDS)}${w}有限责任公司`, 3],
          [`青山${pick(BRANDS)}${w}有限公司`, 2],
          [`${COUNTY}${pick(BRANDS)}${w}有限公司`, 2],
        ]),
      );
      return { ...base, name, industry: ind, word: w, address: street() };
    }
    case 'partnership': {
      const [w, ind] = pick(PARTNERSHIPS);
      return { ...base, name: unique(() => `${COUNTY}${pick(BRANDS)}${w}`), industry: ind, word: w, address: street() };
    }
    case 'sole_proprietorship': {
      const [w, ind] = pick(SOLE);
      const village = r.villages.length && chance(0.5) ? pick(r.villages) : null;
      return {
        ...base,
        name: unique(() => `${COUNTY}${pick(BRANDS)}${w}`),
        industry: ind,
        word: w,
        village,
        address: village ? `${COUNTY}${r.name}${village}` : street(),
      };
    }
    case 'cooperative': {
      const village = r.villages.length ? pick(r.villages) : `${pick(BRANDS)}村`;
      const w = pick(COOP_WORDS);
      const short = village.replace(/(嘎查|村|社区)$/, '');
      const name = unique(() =>
        weighted<string>([
          [`${COUNTY}${short}${pick(COOP_WORDS)}专业合作社`, 3],
          [`${COUNTY}${pick(BRANDS)}${w}专业合作社`, 2],
          [`${COUNTY}${r.name}${village}${pick(COOP_WORDS)}专业合作社`, 1],
        ]),
      );
      return { ...base, name, industry: '农、林、牧、渔业', word: w, village, address: `${COUNTY}${r.name}${village}` };
    }
    case 'individual': {
      const entry = forcedWord ? (INDIVIDUAL_WORDS.find(([w]) => w === forcedWord) as [string, string]) : pick(INDIVIDUAL_WORDS);
      const [w, ind] = entry;
      const name = unique(() => (chance(0.3) ? `${COUNTY}${r.name.slice(0, 2)}${pick(SURNAMES)}记${w}` : `${COUNTY}${pick(BRANDS)}${w}`));
      return { ...base, name, industry: ind, word: w, address: street() };
    }
    case 'market': {
      const [w, ind] = pick(MARKETS);
      return { ...base, name: unique(() => `${COUNTY}${pick(BRANDS)}${w}`), industry: ind, word: w, address: street() };
    }
  }
}

function groupOf(subtype: OrgSubtype): Group {
  const row = ORG_SUBTYPES.find((s) => s.code === subtype);
  if (row?.category === 'social') return 'social';
  if (subtype === 'cooperative') return 'coop';
  if (subtype === 'individual') return 'individual';
  if (subtype === 'market') return 'market';
  return 'company';
}

const EMPLOYEES: Record<OrgSubtype, [number, number]> = {
  association: [2, 12],
  chamber: [2, 8],
  remote_chamber: [2, 6],
  private_nonenterprise: [3, 35],
  private_school: [12, 90],
  private_hospital: [30, 180],
  elderly_care: [8, 50],
  foundation: [2, 5],
  company: [6, 120],
  partnership: [3, 18],
  sole_proprietorship: [3, 28],
  cooperative: [5, 45],
  individual: [1, 6],
  market: [8, 60],
};

/** How the organization's party work is arranged; decides its members and its party organization. */
type Role =
  | 'single' // 单独组建
  | 'mustBuild' // 3+ members without 单独组建 (应建未建)
  | 'joint'
  | 'attached'
  | 'industry'
  | 'regional'
  | 'dispatched'
  | 'work' // instructor only
  | 'none' // neither
  | 'out'; // not in scope

interface GenOrg {
  key: number;
  subtype: OrgSubtype;
  region: RegionDef;
  made: Made;
  role: Role | null;
  /** For 应建未建 organizations: how they are (not) covered. */
  mustBuildAs?: 'joint' | 'attached' | 'work' | 'none';
  anchor: boolean;
  formal: number;
  probationary: number;
  employees: number;
  legalRep: string;
  legalRepPhone: string;
  legalRepIsMember: boolean;
  investorIsMember: boolean;
  status: OrgStatus;
  outOfScope: boolean;
  outOfScopeReason: string | null;
  noPartyReason: string | null;
  plannedBuildDate: string | null;
  remarks: string | null;
  uscc: string | null;
  ref: string;
}

let nextKey = 1;
const orgs: GenOrg[] = [];

function addOrg(subtype: OrgSubtype, region: RegionDef, made: Made, anchor = false): GenOrg {
  const o: GenOrg = {
    key: nextKey++,
    subtype,
    region,
    made,
    role: null,
    anchor,
    formal: 0,
    probationary: 0,
    employees: int(...EMPLOYEES[subtype]),
    legalRep: person(),
    legalRepPhone: mobile(),
    legalRepIsMember: false,
    investorIsMember: false,
    status: 'normal',
    outOfScope: false,
    outOfScopeReason: null,
    noPartyReason: null,
    plannedBuildDate: null,
    remarks: null,
    uscc: null,
    ref: '',
  };
  orgs.push(o);
  return o;
}

function regionFor(subtype: OrgSubtype): RegionDef {
  const g = groupOf(subtype);
  return weighted(REGIONS.map((r) => [r, r.weight[g]] as const));
}

// Named organizations the demo is built around (the party organization each gets is set below).
function anchor(name: string, subtype: OrgSubtype, regionName: string, over: Partial<Made> & { employees?: number } = {}): GenOrg {
  usedNames.add(name);
  const r = regionByName(regionName);
  const made: Made = {
    name,
    industry: over.industry ?? null,
    supervisorUnit: over.supervisorUnit ?? null,
    word: over.word ?? null,
    village: over.village ?? null,
    address: over.address ?? streetAddress(r),
  };
  const o = addOrg(subtype, r, made, true);
  if (over.employees != null) o.employees = over.employees;
  return o;
}

const A = {
  energy: anchor('内蒙古青山能源集团有限公司', 'company', '青山经济技术开发区', {
    industry: '电力、热力、燃气及水生产和供应业',
    employees: 860,
  }),
  hospital: anchor('青山旗仁和医院', 'private_hospital', '新城街道', {
    industry: '卫生和社会工作',
    supervisorUnit: GOV.health,
    employees: 420,
  }),
  taihe: anchor('内蒙古青山泰和建材有限公司', 'company', '青山经济技术开发区', { industry: '制造业', word: '建材', employees: 310 }),
  school: anchor('青山旗育才实验学校', 'private_school', '红山街道', { industry: '教育', supervisorUnit: GOV.education, employees: 160 }),
  dairy: anchor('内蒙古蒙源乳业有限公司', 'company', '青山经济技术开发区', { industry: '制造业', word: '乳业', employees: 280 }),
  builder: anchor('青山旗鸿运建筑工程有限责任公司', 'company', '新城街道', { industry: '建筑业', word: '建筑工程', employees: 190 }),
  kindergarten: anchor('青山旗阳光民办幼儿园', 'private_school', '红山街道', {
    industry: '教育',
    supervisorUnit: GOV.education,
    employees: 26,
  }),
  elderly: anchor('青山旗康宁养老院', 'elderly_care', '乌兰镇', { industry: '卫生和社会工作', supervisorUnit: GOV.civil, employees: 34 }),
  catering: anchor('青山旗餐饮行业协会', 'chamber', '新城街道', { industry: '住宿和餐饮业', employees: 5 }),
  coop: anchor('青山旗红山农牧业专业合作社', 'cooperative', '乌兰镇', {
    industry: '农、林、牧、渔业',
    village: '兴隆村',
    address: '青山旗乌兰镇兴隆村',
    employees: 38,
  }),
  wenzhou: anchor('青山旗温州商会', 'remote_chamber', '新城街道', { industry: SOCIAL_SECTOR, supervisorUnit: GOV.commerce, employees: 6 }),
  // Its pinyin initials contain “mzj”: the search-by-initials example of the manual.
  mzj: anchor('青山旗民政局家属院物业服务中心', 'sole_proprietorship', '新城街道', { industry: '房地产业', employees: 9 }),
  duplicate: anchor('内蒙古青山泰和建材有限责任公司', 'company', '青山经济技术开发区', { industry: '制造业', word: '建材', employees: 0 }),
};

/** How many organizations of each sub-type, anchors included: about 30% social, 70% non-public. */
const SUBTYPE_COUNTS: Record<OrgSubtype, number> = {
  association: 18,
  chamber: 16,
  remote_chamber: 6,
  private_nonenterprise: 20,
  private_school: 14,
  private_hospital: 8,
  elderly_care: 10,
  foundation: 4,
  company: 128,
  partnership: 8,
  sole_proprietorship: 16,
  cooperative: 40,
  individual: 30,
  market: 12,
};

for (const s of ORG_SUBTYPES) {
  const have = orgs.filter((o) => o.subtype === s.code).length;
  const forced = s.code === 'company' ? [...FORCED_COMPANY_WORDS] : s.code === 'individual' ? [...FORCED_INDIVIDUAL_WORDS] : [];
  for (let i = have; i < SUBTYPE_COUNTS[s.code]; i++) {
    const r = regionFor(s.code);
    addOrg(s.code, r, make(s.code, r, forced.shift()));
  }
}

// ---------------------------------------------------------------- scope and roles

const free = () => orgs.filter((o) => o.role == null);

// Out of scope: ~4% 注销 / 歇业 / 撤销, two 空壳, one duplicate registration.
A.duplicate.role = 'out';
A.duplicate.outOfScope = true;
A.duplicate.outOfScopeReason = `重复登记：与“${A.taihe.made.name}”为同一主体，已报市场监管部门核实`;
A.duplicate.employees = 0;
{
  const pool = free().filter((o) => !o.anchor);
  const statuses: OrgStatus[] = [
    ...times<OrgStatus>(5, 'cancelled'),
    ...times<OrgStatus>(5, 'suspended'),
    ...times<OrgStatus>(3, 'revoked'),
  ];
  for (const o of draw(pool, statuses.length, (x) =>
    x.subtype === 'individual' || x.subtype === 'company' || x.subtype === 'cooperative' ? 3 : 1,
  )) {
    o.role = 'out';
    o.status = statuses.shift() as OrgStatus;
    const when = dateBetween('2024-03-01', '2026-04-30');
    o.remarks =
      o.status === 'cancelled'
        ? `${when.slice(0, 4)}年${Number(when.slice(5, 7))}月已办理注销登记`
        : o.status === 'suspended'
          ? '停业歇业，暂无经营'
          : '登记证书已被登记机关撤销';
  }
  const shells = draw(
    pool.filter((o) => o.subtype === 'company'),
    2,
    () => 1,
  );
  const reasons = ['空壳企业：实地核查无经营场所、无从业人员', '空壳企业：连续两年未报送年度报告，登记地址查无此企业'];
  for (const o of shells) {
    pool.splice(pool.indexOf(o), 1);
    o.role = 'out';
    o.outOfScope = true;
    o.outOfScopeReason = reasons.shift() as string;
    o.employees = 0;
  }
}

// Anchors' roles.
for (const o of [A.energy, A.hospital, A.taihe, A.school, A.dairy, A.builder, A.kindergarten, A.elderly, A.coop, A.wenzhou])
  o.role = 'single';
A.catering.role = 'industry';
A.mzj.role = 'work';

type Affinity = Partial<Record<OrgSubtype, number>>;
const byAffinity = (aff: Affinity) => (o: GenOrg) => aff[o.subtype] ?? 0.3;

// 行业组建: the organizations of one trade.
const INDUSTRY_GROUPS: { key: string; size: number; test: (o: GenOrg) => boolean }[] = [
  { key: 'logistics', size: 6, test: (o) => o.subtype === 'company' && LOGISTICS_WORDS.has(o.made.word ?? '') },
  { key: 'catering', size: 6, test: (o) => CATERING_WORDS.has(o.made.word ?? '') },
  { key: 'education', size: 5, test: (o) => o.subtype === 'private_school' },
  { key: 'elderly', size: 4, test: (o) => o.subtype === 'elderly_care' },
  { key: 'express', size: 4, test: (o) => EXPRESS_WORDS.has(o.made.word ?? '') },
];
const industryMembers = new Map<string, GenOrg[]>();
for (const g of INDUSTRY_GROUPS) {
  const picked = draw(
    free().filter((o) => !o.anchor && g.test(o)),
    g.size,
    () => 1,
  );
  for (const o of picked) o.role = 'industry';
  industryMembers.set(g.key, picked);
}
industryMembers.get('catering')?.unshift(A.catering);

function assignRole(role: Role, n: number, aff: Affinity, filter: (o: GenOrg) => boolean = () => true): GenOrg[] {
  const picked = draw(
    free().filter((o) => !o.anchor && filter(o)),
    n,
    byAffinity(aff),
  );
  for (const o of picked) o.role = role;
  return picked;
}

assignRole('single', 86, {
  company: 5,
  private_hospital: 6,
  private_school: 4,
  chamber: 3,
  remote_chamber: 4,
  association: 1.5,
  private_nonenterprise: 1.5,
  elderly_care: 2,
  foundation: 0.5,
  partnership: 1,
  sole_proprietorship: 1,
  cooperative: 2.5,
  individual: 0.15,
  market: 3,
});
const dispatched = assignRole('dispatched', 6, { company: 3, market: 1.5, private_nonenterprise: 1 }, (o) => o.region.kind !== 'sumu');
const attached = assignRole(
  'attached',
  12,
  { association: 4, cooperative: 4, chamber: 1, remote_chamber: 1, foundation: 2, private_nonenterprise: 1 },
  (o) => ['association', 'cooperative', 'chamber', 'remote_chamber', 'foundation', 'private_nonenterprise'].includes(o.subtype),
);
const regional = new Map<RegionDef, GenOrg[]>();
for (const [i, r] of REGIONS.entries()) {
  regional.set(
    r,
    assignRole(
      'regional',
      [3, 3, 3, 3, 2, 2, 2, 3, 3][i] ?? 2,
      { individual: 3, company: 1.5, sole_proprietorship: 1.5, cooperative: 1, market: 0.5 },
      (o) => o.region === r,
    ),
  );
}
const mustBuild = assignRole('mustBuild', 12, {
  company: 3,
  cooperative: 2,
  private_nonenterprise: 1,
  association: 1,
  sole_proprietorship: 1,
  market: 1,
  chamber: 1,
  individual: 0.3,
});
mustBuild.forEach((o, i) => {
  o.mustBuildAs = i < 2 ? 'joint' : i < 4 ? 'attached' : i < 9 ? 'work' : 'none';
});
const none = assignRole('none', 17, {
  individual: 3,
  company: 2,
  cooperative: 2,
  sole_proprietorship: 1,
  association: 1,
  private_nonenterprise: 1,
  partnership: 1,
});
assignRole('joint', 56, {
  company: 3,
  sole_proprietorship: 2,
  partnership: 1,
  individual: 2,
  cooperative: 2.5,
  association: 1,
  private_nonenterprise: 1.5,
  chamber: 0.5,
  market: 0.5,
  elderly_care: 0.5,
});
for (const o of free()) o.role = 'work';

// ---------------------------------------------------------------- members and the organization's own fields

const ANCHOR_MEMBERS: [GenOrg, number, number][] = [
  [A.energy, 60, 4],
  [A.hospital, 56, 2],
  [A.taihe, 52, 1],
  [A.school, 38, 2],
  [A.dairy, 45, 1],
  [A.builder, 33, 2],
  [A.kindergarten, 4, 0],
  [A.elderly, 3, 1],
  [A.coop, 4, 0],
  [A.wenzhou, 5, 0],
  [A.catering, 2, 0],
  [A.mzj, 0, 0],
  [A.duplicate, 0, 0],
];
for (const [o, f, p] of ANCHOR_MEMBERS) {
  o.formal = f;
  o.probationary = p;
}

const oneOrTwo = () =>
  weighted([
    [1, 6],
    [2, 4],
  ] as const);
const zeroToTwo = () =>
  weighted([
    [0, 3],
    [1, 4.5],
    [2, 2.5],
  ] as const);
let bigSingles = 0;
for (const o of orgs) {
  if (o.anchor) continue;
  switch (o.role) {
    case 'single': {
      // A few large ones (20–30) besides the anchors; most have 3–12.
      const big = bigSingles < 4 && (o.subtype === 'company' || o.subtype === 'private_hospital' || o.subtype === 'market') && chance(0.3);
      if (big) bigSingles++;
      o.formal = big
        ? int(20, 30)
        : weighted([
            [int(3, 6), 60],
            [int(7, 12), 30],
            [int(13, 19), 10],
          ] as const);
      o.probationary = chance(0.3) ? int(1, 2) : 0;
      break;
    }
    case 'mustBuild':
      o.formal = int(3, 5);
      break;
    case 'joint':
      o.formal = oneOrTwo();
      break;
    case 'attached':
    case 'industry':
      o.formal = zeroToTwo();
      break;
    case 'regional':
    case 'dispatched':
      o.formal = 0;
      break;
    case 'work':
    case 'none':
      o.formal = chance(0.22) ? oneOrTwo() : 0;
      break;
    case 'out':
      o.formal = chance(0.3) ? oneOrTwo() : 0;
      break;
    default:
      break;
  }
  if (o.role !== 'single' && o.formal > 0 && chance(0.1)) o.probationary = 1;
}
// At least one organization with a member or two and no party organization (有党员未建组织), whatever the draw.
const firstNone = none[0];
if (firstNone) firstNone.formal = 1;

const STATUS_RATES: Record<AnnualCheck, number> = { pass: 74, basic: 14, fail: 4, absent: 5 };
function annualCheck(o: GenOrg): AnnualCheck | null {
  if (o.status !== 'normal' || o.outOfScope)
    return weighted<AnnualCheck | null>([
      ['absent', 3],
      ['fail', 1],
      [null, 2],
    ]);
  if (o.subtype === 'individual' && chance(0.3)) return null;
  return weighted(Object.entries(STATUS_RATES).map(([k, w]) => [k as AnnualCheck, w] as const));
}
function evalGrade(o: GenOrg): EvalGrade | null {
  if (groupOf(o.subtype) !== 'social') return null;
  return weighted<EvalGrade | null>([
    [null, 35],
    ['1A', 2],
    ['2A', 10],
    ['3A', 30],
    ['4A', 18],
    ['5A', 5],
  ]);
}

for (const o of orgs) {
  o.employees = Math.max(o.employees, o.formal + o.probationary + (o.outOfScope ? 0 : int(1, 6)));
  if (o.outOfScope) o.employees = 0;
  if (o.formal > 0) {
    o.legalRepIsMember = chance(o.role === 'single' ? 0.55 : 0.35);
    o.investorIsMember = groupOf(o.subtype) === 'company' && chance(0.25);
  }
}

// Why there is no party organization, and when one is planned.
const REASON_NO_MEMBERS = [
  '暂无党员，已选派党建工作指导员',
  '无正式党员，正在培养入党积极分子',
  '从业人员流动性大，暂无党员',
  '新成立企业，暂无党员',
];
const REASON_FEW = ['党员不足3名，拟纳入联合党支部', '党员人数不足，待与周边企业联合组建', '党员组织关系在原籍，暂未转入'];
const REASON_MUST = ['负责人对党建工作认识不足，正在做工作', '党员组织关系尚未转入', '已提交组建申请，待审批'];
let pastPlans = 0;
for (const o of orgs) {
  if (o.role === 'mustBuild') {
    o.noPartyReason = pick(REASON_MUST);
    // Half of them were promised for a date already past (拟建逾期).
    o.plannedBuildDate =
      pastPlans < 6 && chance(0.6) ? pick(['2025-06-30', '2025-12-31', '2026-03-31']) : pick(['2026-12-31', '2027-06-30']);
    if (o.plannedBuildDate < '2026-06-30') pastPlans++;
    continue;
  }
  if (o.role !== 'work' && o.role !== 'none') continue;
  if (chance(0.25)) continue; // no reason recorded (未填未建原因)
  if (o.formal === 0) {
    o.noPartyReason = pick(REASON_NO_MEMBERS);
  } else {
    o.noPartyReason = pick(REASON_FEW);
    if (chance(0.6)) o.plannedBuildDate = pick(['2025-12-31', '2026-12-31', '2027-06-30']);
  }
}
A.mzj.noPartyReason = '暂无党员，已选派党建工作指导员';

// ---------------------------------------------------------------- 统一社会信用代码

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const usedCodes = new Set<string>();
function uscc(kind: string, social: boolean): string {
  for (;;) {
    let body = social ? 'MJ' : 'MA';
    for (let i = 0; i < 7; i++) body += chance(0.7) ? String(int(0, 9)) : (CHARSET[int(10, 30)] as string);
    const first17 = `${kind}${COUNTY_CODE}${body}`;
    const code = first17 + (usccCheckChar(first17) as string);
    if (!usedCodes.has(code)) {
      usedCodes.add(code);
      return code;
    }
  }
}
const kindOf = (s: OrgSubtype) => ORG_SUBTYPES.find((x) => x.code === s)?.uscc as string;
{
  // ~5% have no code recorded; individuals, 合作社 and old 社团 most often.
  const pool = orgs.filter((o) => !o.anchor);
  const noCode = new Set(draw(pool, 16, byAffinity({ individual: 5, cooperative: 2, association: 2, sole_proprietorship: 1.5 })));
  for (const o of orgs) if (!noCode.has(o)) o.uscc = uscc(kindOf(o.subtype), groupOf(o.subtype) === 'social');
  // Two copied wrongly (the check character), as found in an old ledger.
  const inScope = (o: GenOrg) => o.uscc != null && !o.anchor && o.status === 'normal' && !o.outOfScope;
  for (const o of draw(pool.filter(inScope), 2, () => 1)) {
    const code = o.uscc as string;
    const wrong = CHARSET[(CHARSET.indexOf(code[17] as string) + int(1, 30)) % 31] as string;
    o.uscc = code.slice(0, 17) + wrong;
    o.remarks = '信用代码抄录自2019年台账，待与营业执照核对';
  }
  // Two whose code's kind disagrees with the sub-type: an 个体工商户 code on a company, an enterprise code on a 协会.
  const company = pool.find((o) => inScope(o) && o.subtype === 'company' && checkUscc(o.uscc as string).ok);
  const association = pool.find((o) => inScope(o) && o.subtype === 'chamber' && checkUscc(o.uscc as string).ok);
  if (company) company.uscc = uscc('92', false);
  if (association) association.uscc = uscc('91', false);
}

// ---------------------------------------------------------------- party organizations

const LIUYOU = VENUE_STANDARDS.liuyou.items;

interface GenPartyOrg {
  fields: Omit<SeedPartyOrg, 'coveredOrgRefs'>;
  covered: GenOrg[];
  /** A year's funding by source in 分, made into dated payments by ./funding.ts. */
  funding: YearlyFunding;
}
const partyOrgs: GenPartyOrg[] = [];

function approvalNo(parent: string, year: string): string {
  const n = int(3, 68);
  if (parent.startsWith(COUNTY)) {
    const abbr = parent.includes('非公')
      ? '青非公党发'
      : parent.includes('社会组织')
        ? '青社党发'
        : parent.includes('个体私营')
          ? '青个私党发'
          : '青组字';
    return `${abbr}〔${year}〕${n}号`;
  }
  return `${parent.slice(0, 2)}党发〔${year}〕${n}号`;
}

function venue(stars: number | null): string[] {
  const k =
    stars == null ? int(0, 4) : stars === 5 ? 6 : stars === 4 ? int(5, 6) : stars === 3 ? int(4, 5) : stars === 2 ? int(2, 4) : int(1, 3);
  const keep = new Set(shuffle([...LIUYOU]).slice(0, k));
  return LIUYOU.filter((i) => keep.has(i));
}

interface PartyOrgSpec {
  name: string;
  type: PartyOrgType;
  method: FormationMethod;
  region: RegionDef;
  parentName: string;
  covered: GenOrg[];
  formal: number;
  probationary: number;
  founded?: [string, string];
  /** The covered organization whose 负责人 may be the secretary. */
  head?: GenOrg;
  remarks?: string | null;
}

function addPartyOrg(s: PartyOrgSpec): GenPartyOrg {
  const founded = dateBetween(...(s.founded ?? ['2010-03-01', '2025-10-31']));
  const term = s.type === 'committee' ? 5 : 3;
  // Elections keep everyone in term on both check days unless made overdue below.
  const electionFrom = s.type === 'committee' ? '2021-12-01' : '2023-12-01';
  const lastElectionDate = founded >= electionFrom ? null : dateBetween(electionFrom, '2025-12-31');
  const members = s.formal + s.probationary;
  const headIsSecretary = s.head?.legalRepIsMember === true && chance(0.6);
  const secretaryName = headIsSecretary ? (s.head as GenOrg).legalRep : person();
  const secretaryPhone = headIsSecretary ? (s.head as GenOrg).legalRepPhone : mobile();
  const deputy = members >= 7 && chance(0.6) ? person() : null;
  let committeeMembers: string | null = null;
  if (members >= 7) {
    const posts = ['组织委员', '宣传委员', '纪检委员'].slice(0, members >= 15 ? 3 : 2);
    committeeMembers = [
      `${secretaryName}（书记）`,
      ...(deputy ? [`${deputy}（副书记）`] : []),
      ...posts.map((p) => `${person()}（${p}）`),
    ].join('、');
  }
  const stars = chance(0.15)
    ? null
    : weighted([
        [1, 5],
        [2, 15],
        [3, 40],
        [4, 28],
        [5, 12],
      ] as const);
  const isFirm = s.covered.some((o) => groupOf(o.subtype) === 'company' || o.subtype === 'market');
  const fields: GenPartyOrg['fields'] = {
    name: s.name,
    type: s.type,
    method: s.method,
    regionName: s.region.name,
    parentName: s.parentName,
    foundedDate: founded,
    approvalNo: chance(0.9) ? approvalNo(s.parentName, founded.slice(0, 4)) : null,
    secretaryName,
    secretaryPhone,
    secretaryIsHead: headIsSecretary,
    deputySecretary: deputy,
    committeeMembers,
    partyWorkers: members >= 30 ? int(2, 4) : int(1, 2),
    formalMembers: s.formal,
    probationaryMembers: s.probationary,
    lastElectionDate,
    termYears: term,
    starRating: stars,
    venueChecklist: venue(stars),
    remarks: s.remarks ?? null,
  };
  // Drawn right after venue() as before, so every later draw (and the demo's figures) stays the same.
  const funding: YearlyFunding = {
    superior: chance(0.6) ? int(5, 50) * 10_000 : 0,
    duesReturn: Math.round((s.formal * int(20, 60)) / 10) * 1_000,
    unit: s.method === 'single' ? (isFirm ? int(0, 30) : int(0, 8)) * 100_000 : 0,
    fiscal: s.method === 'regional' ? int(2, 5) * 100_000 : s.method === 'joint' && chance(0.5) ? int(1, 3) * 100_000 : 0,
  };
  const p = { fields, covered: s.covered, funding };
  partyOrgs.push(p);
  return p;
}

function parentOfSingle(o: GenOrg): string {
  const g = groupOf(o.subtype);
  if (g === 'social') return '青山旗社会组织综合党委';
  if (g === 'coop') return regionParty(o.region);
  if (g === 'individual' || g === 'market') return '青山旗个体私营经济组织党委';
  if (o.region.kind === 'park') return regionParty(o.region);
  return chance(0.6) ? '青山旗非公有制经济组织党委' : regionParty(o.region);
}

/** 中共青山旗泰和建材有限公司支部委员会: the name as on the seal. */
function sealName(orgName: string, type: PartyOrgType): string {
  const base = orgName.startsWith('青山') || orgName.startsWith('内蒙古') ? orgName : `${COUNTY}${orgName}`;
  const suffix =
    type === 'committee' ? '委员会' : type === 'general_branch' ? '总支部委员会' : type === 'temporary' ? '临时支部委员会' : '支部委员会';
  return `中共${base}${suffix}`;
}

// 单独组建.
const SINGLE_TYPES = new Map<GenOrg, PartyOrgType>([
  [A.energy, 'committee'],
  [A.school, 'general_branch'],
  [A.dairy, 'general_branch'],
  [A.builder, 'general_branch'],
]);
for (const o of orgs.filter((x) => x.role === 'single')) {
  const type = SINGLE_TYPES.get(o) ?? 'branch';
  const early: [string, string] = o.formal >= 20 ? ['2008-05-01', '2016-12-31'] : ['2012-01-01', '2025-09-30'];
  addPartyOrg({
    name: sealName(o.made.name, type),
    type,
    method: 'single',
    region: o.region,
    parentName: parentOfSingle(o),
    covered: [o],
    formal: o.formal,
    probationary: o.probationary,
    founded: early,
    head: o,
  });
}

// 联合组建: 2–5 organizations of one region with a member or two each.
const CN_ORD = ['第一', '第二', '第三', '第四', '第五', '第六'];
{
  const joint = orgs.filter((o) => o.role === 'joint' || (o.role === 'mustBuild' && o.mustBuildAs === 'joint'));
  const groups: { region: RegionDef; theme: string; orgs: GenOrg[] }[] = [];
  for (const r of REGIONS) {
    // Social organizations with social ones, firms with firms: sorted by group, then cut into runs.
    const order: Group[] = ['social', 'company', 'market', 'individual', 'coop'];
    const here = shuffle(joint.filter((o) => o.region === r)).sort(
      (a, b) => order.indexOf(groupOf(a.subtype)) - order.indexOf(groupOf(b.subtype)),
    );
    if (here.length === 1) {
      // One alone cannot form a 联合 branch: it keeps an instructor instead.
      const o = here[0] as GenOrg;
      if (o.role === 'mustBuild') o.mustBuildAs = 'work';
      else o.role = 'work';
      continue;
    }
    const n = here.length;
    if (n === 0) continue;
    const g = Math.min(Math.floor(n / 2), Math.max(Math.ceil(n / 5), Math.round(n / 3.2)));
    for (let i = 0; i < g; i++) {
      const size = Math.floor(n / g) + (i < n % g ? 1 : 0);
      const members = here.splice(0, size);
      const social = members.filter((o) => groupOf(o.subtype) === 'social').length;
      const coops = members.filter((o) => o.subtype === 'cooperative').length;
      const individuals = members.filter((o) => o.subtype === 'individual').length;
      const firms = members.length - social - coops - individuals;
      const theme =
        social * 2 > members.length
          ? '社会组织'
          : coops * 2 > members.length
            ? '农牧民专业合作社'
            : individuals * 2 > members.length
              ? '个体工商户'
              : social === 0
                ? firms * 2 >= members.length
                  ? '非公企业'
                  : '非公经济组织'
                : '两新组织';
      groups.push({ region: r, theme, orgs: members });
    }
  }
  const seen = new Map<string, number>();
  const total = new Map<string, number>();
  for (const g of groups) total.set(`${g.region.name}${g.theme}`, (total.get(`${g.region.name}${g.theme}`) ?? 0) + 1);
  for (const g of groups) {
    const key = `${g.region.name}${g.theme}`;
    const i = seen.get(key) ?? 0;
    seen.set(key, i + 1);
    const ord = (total.get(key) ?? 1) > 1 ? CN_ORD[i] : '';
    let formal = g.orgs.reduce((s, o) => s + o.formal, 0);
    if (formal < 3) {
      const o = g.orgs[0] as GenOrg;
      o.formal += 3 - formal;
      formal = 3;
    }
    addPartyOrg({
      name: `中共${countyRegion(g.region)}${g.theme}${ord}联合支部委员会`,
      type: 'joint_branch',
      method: 'joint',
      region: g.region,
      parentName: regionParty(g.region),
      covered: g.orgs,
      formal,
      probationary: g.orgs.reduce((s, o) => s + o.probationary, 0),
      founded: ['2016-01-01', '2025-10-31'],
      head: pick(g.orgs),
    });
  }
}

// 挂靠组建: attached to the 机关支部 of the 业务主管单位, or to the village (嘎查) branch.
{
  const all = [...attached, ...mustBuild.filter((o) => o.mustBuildAs === 'attached')];
  const hosts = new Map<string, { region: RegionDef; orgs: GenOrg[] }>();
  for (const o of all) {
    let host: string;
    let region = o.region;
    if (o.subtype === 'cooperative' && o.made.village) host = `中共${countyRegion(o.region)}${o.made.village}支部委员会`;
    else if (o.made.supervisorUnit) {
      host = `中共${o.made.supervisorUnit}机关支部委员会`;
      region = regionByName('新城街道');
    } else host = `中共${countyRegion(o.region)}机关支部委员会`;
    const h = hosts.get(host) ?? { region, orgs: [] };
    h.orgs.push(o);
    hosts.set(host, h);
  }
  for (const [name, h] of hosts) {
    for (let i = 0; i < h.orgs.length; i += 3) {
      const covered = h.orgs.slice(i, i + 3);
      const own = int(5, 14);
      addPartyOrg({
        name: i === 0 ? name : name.replace('支部委员会', `第${CN_ORD[i / 3]?.slice(1)}支部委员会`),
        type: 'branch',
        method: 'attached',
        region: h.region,
        parentName: name.includes('机关') && !name.includes(h.region.name) ? '青山旗直属机关工委' : regionParty(h.region),
        covered,
        formal: own + covered.reduce((s, o) => s + o.formal, 0),
        probationary: int(0, 1),
        founded: ['2009-01-01', '2022-12-31'],
        remarks: `${covered.map((o) => o.made.name).join('、')}挂靠本支部开展组织生活`,
      });
    }
  }
}

// 行业组建.
{
  const sum = (k: string) => (industryMembers.get(k) ?? []).reduce((s, o) => s + o.formal, 0);
  const covered = (k: string) => industryMembers.get(k) ?? [];
  const INDUSTRY_SPECS: Omit<PartyOrgSpec, 'covered' | 'formal' | 'probationary'>[] = [
    {
      name: `中共${COUNTY}物流行业委员会`,
      type: 'committee',
      method: 'industry',
      region: regionByName('青山经济技术开发区'),
      parentName: '青山旗非公有制经济组织党委',
    },
    {
      name: `中共${COUNTY}餐饮行业联合支部委员会`,
      type: 'joint_branch',
      method: 'industry',
      region: regionByName('新城街道'),
      parentName: '青山旗社会组织综合党委',
      head: A.catering,
      remarks: `依托${A.catering.made.name}组建`,
    },
    {
      name: `中共${COUNTY}民办教育行业联合支部委员会`,
      type: 'joint_branch',
      method: 'industry',
      region: regionByName('红山街道'),
      parentName: '青山旗社会组织综合党委',
    },
    {
      name: `中共${COUNTY}养老服务行业支部委员会`,
      type: 'branch',
      method: 'industry',
      region: regionByName('新城街道'),
      parentName: '青山旗社会组织综合党委',
    },
    {
      name: `中共${COUNTY}快递外卖行业功能型支部委员会`,
      type: 'functional',
      method: 'industry',
      region: regionByName('新城街道'),
      parentName: '青山旗非公有制经济组织党委',
      remarks: '由快递员、外卖送餐员中的党员组成',
    },
  ];
  const keys = ['logistics', 'catering', 'education', 'elderly', 'express'];
  INDUSTRY_SPECS.forEach((spec, i) => {
    const k = keys[i] as string;
    if (covered(k).length === 0) throw new Error(`no organizations for the ${k} industry branch`);
    const extra = spec.type === 'committee' ? int(12, 18) : int(3, 9);
    addPartyOrg({ ...spec, covered: covered(k), formal: sum(k) + extra, probationary: int(0, 2), founded: ['2017-01-01', '2023-06-30'] });
  });
}

// 区域化“1+N”: one regional branch per region.
for (const [r, covered] of regional) {
  const big = r.name === '新城街道';
  addPartyOrg({
    name: `${r.name}两新组织区域党支部`,
    type: 'branch',
    method: 'regional',
    region: r,
    parentName: regionParty(r),
    covered,
    formal: big ? 98 : int(5, 16),
    probationary: big ? 5 : int(0, 2),
    founded: ['2019-01-01', '2024-06-30'],
    remarks: big ? '网格内两新组织党员、流动党员统一编入，按网格设党小组' : `覆盖${r.name}网格内暂无党员的两新组织`,
  });
}

// 派员组建: members sent in where the organization has none.
{
  const kinds: PartyOrgType[] = ['temporary', 'temporary', 'branch', 'branch'];
  const list = [...dispatched];
  for (const type of kinds) {
    const covered = list.splice(0, list.length > kinds.length ? 2 : 1);
    if (covered.length === 0) break;
    const first = covered[0] as GenOrg;
    addPartyOrg({
      name: sealName(first.made.name, type),
      type,
      method: 'dispatched',
      region: first.region,
      parentName: regionParty(first.region),
      covered,
      formal: int(3, 4),
      probationary: 0,
      founded: ['2023-01-01', '2025-12-31'],
      remarks: `由${pick(['青山旗委组织部', regionGov(first.region), '青山旗市场监督管理局'])}选派党员组建`,
    });
  }
}

// Party organizations in trouble, for the flags a clerk acts on.
{
  const branchy = (p: GenPartyOrg) => ['branch', 'joint_branch', 'general_branch'].includes(p.fields.type);
  const plain = partyOrgs.filter((p) => branchy(p) && p.fields.formalMembers + p.fields.probationaryMembers <= 50);
  // 换届逾期: elected 2019–2021 on a 3-year term, and the 物流行业党委 on a 5-year one.
  for (const p of draw([...plain], 7, () => 1)) {
    p.fields.foundedDate = dateBetween('2011-01-01', '2018-12-31');
    p.fields.lastElectionDate = dateBetween('2019-03-01', '2021-09-30');
    p.fields.starRating = weighted([
      [null, 1],
      [1, 2],
      [2, 2],
    ] as const);
    p.fields.venueChecklist = venue(p.fields.starRating);
  }
  const logistics = partyOrgs.find((p) => p.fields.name === `中共${COUNTY}物流行业委员会`) as GenPartyOrg;
  logistics.fields.foundedDate = '2017-04-18';
  logistics.fields.lastElectionDate = '2020-05-20';
  // 书记空缺.
  for (const p of draw(
    plain.filter((x) => x.fields.method !== 'single' || x.fields.formalMembers < 7),
    4,
    () => 1,
  )) {
    const old = p.fields.secretaryName;
    p.fields.secretaryName = null;
    p.fields.secretaryPhone = null;
    p.fields.secretaryIsHead = false;
    if (p.fields.committeeMembers && old) p.fields.committeeMembers = p.fields.committeeMembers.replace(`${old}（书记）、`, '');
    p.fields.remarks = [p.fields.remarks, '原书记调离，待补选'].filter(Boolean).join('；');
  }
  // 7+ members and no 支委会 yet.
  const sizable = partyOrgs.filter(
    (p) =>
      p.fields.type !== 'committee' &&
      p.fields.type !== 'general_branch' &&
      p.fields.secretaryName != null &&
      p.fields.formalMembers + p.fields.probationaryMembers >= 7 &&
      p.fields.formalMembers + p.fields.probationaryMembers <= 50,
  );
  for (const p of draw(sizable, 4, () => 1)) {
    p.fields.committeeMembers = null;
    p.fields.deputySecretary = null;
  }
}

// ---------------------------------------------------------------- instructors

interface InstructorDef {
  name: string;
  unit: string;
  post: string;
  fullTime: boolean;
  region: RegionDef | null;
  grids: string | null;
}
const instructorDefs: InstructorDef[] = [
  { name: '王海峰', unit: '青山旗委组织部', post: '组织员', fullTime: true, region: null, grids: null },
  { name: '其木格', unit: '青山旗委组织部', post: '两新工委专职副书记', fullTime: true, region: null, grids: null },
  { name: '刘晓东', unit: '青山旗委组织部', post: '四级主任科员', fullTime: true, region: null, grids: null },
  { name: '张丽华', unit: '青山旗市场监督管理局', post: '个体私营经济党建指导员', fullTime: false, region: null, grids: '全旗个体工商户' },
  { name: '孙建军', unit: '青山旗市场监督管理局', post: '登记注册股股长', fullTime: false, region: null, grids: null },
  { name: '巴特尔', unit: '青山旗民政局', post: '社会组织管理股股长', fullTime: false, region: null, grids: '全旗社会组织' },
  { name: '郭志刚', unit: '青山旗工商业联合会', post: '副主席', fullTime: false, region: null, grids: '全旗商会' },
  { name: '赵春燕', unit: '青山旗非公有制经济组织党委', post: '专职党建指导员', fullTime: true, region: null, grids: null },
];
const TOWNSHIP_POSTS = ['组织委员', '党建办主任', '党建工作指导员', '驻村第一书记', '社区党委书记', '退休干部（返聘）'];
for (const r of REGIONS) {
  const n = r.name === '新城街道' || r.kind === 'park' ? 3 : 2;
  for (let i = 0; i < n; i++) {
    const post = i === 0 ? '组织委员' : pick(TOWNSHIP_POSTS);
    const grid = int(1, 6);
    instructorDefs.push({
      name: person(),
      unit: post === '社区党委书记' && r.villages[0] ? `${r.name}${pick(r.villages)}` : regionGov(r),
      post,
      fullTime: post === '党建工作指导员' || post === '退休干部（返聘）' ? chance(0.5) : chance(0.25),
      region: r,
      grids: `${r.name}第${grid}网格${chance(0.6) ? `、第${grid + 1}网格` : ''}`,
    });
  }
}
{
  const names = new Set<string>();
  for (const d of instructorDefs) {
    while (names.has(d.name)) d.name = person();
    names.add(d.name);
  }
}

interface GenInstructor {
  def: InstructorDef;
  appointed: string;
  phone: string;
  assignments: { org: GenOrg; fromDate: string; toDate: string | null }[];
}
const instructors: GenInstructor[] = instructorDefs.map((def) => ({
  def,
  appointed: dateBetween('2021-03-01', '2025-06-30'),
  phone: mobile(),
  assignments: [],
}));
const countyLevel = instructors.filter((t) => t.def.region == null);
const localOf = (r: RegionDef) => instructors.filter((t) => t.def.region === r);

function assign(t: GenInstructor, o: GenOrg, ended = false) {
  if (t.assignments.some((a) => a.org === o)) return false;
  if (ended) {
    const from = dateBetween(maxDate(t.appointed, '2021-06-01'), maxDate(t.appointed, '2023-12-31'));
    const to = dateBetween(minDate(addDays(from, 180), '2025-12-31'), '2025-12-31');
    t.assignments.push({ org: o, fromDate: from, toDate: to });
  } else {
    t.assignments.push({ org: o, fromDate: dateBetween(maxDate(t.appointed, '2022-01-01'), '2026-04-30'), toDate: null });
  }
  return true;
}
function instructorFor(o: GenOrg): GenInstructor {
  const local = localOf(o.region);
  if (groupOf(o.subtype) === 'social' && chance(0.4)) return instructors.find((t) => t.def.unit === '青山旗民政局') as GenInstructor;
  if (o.subtype === 'individual' && chance(0.4)) return instructors.find((t) => t.def.name === '张丽华') as GenInstructor;
  return local.length && chance(0.75) ? pick(local) : pick(countyLevel);
}

const workOrgs = orgs.filter((o) => o.role === 'work' || (o.role === 'mustBuild' && o.mustBuildAs === 'work'));
for (const o of workOrgs) {
  assign(instructorFor(o), o);
  if (chance(0.08)) assign(pick(countyLevel), o);
}
// Some covered organizations keep a township instructor as well.
for (const o of draw(
  orgs.filter((x) => x.role === 'joint' || x.role === 'regional'),
  6,
  () => 1,
)) {
  const local = localOf(o.region);
  assign(local.length ? pick(local) : pick(countyLevel), o);
}
// Ended assignments: an organization whose instructor left (now 未覆盖), cancelled ones, earlier instructors.
const earlyInstructors = instructors.filter((t) => t.appointed <= '2023-06-30');
for (const o of [...none.slice(1, 4), ...orgs.filter((x) => x.status === 'cancelled').slice(0, 3), ...draw([...workOrgs], 2, () => 1)]) {
  assign(pick(earlyInstructors), o, true);
}

// ---------------------------------------------------------------- output

REGIONS.forEach((r, ri) => {
  const here = shuffle(orgs.filter((o) => o.region === r));
  for (const [i, o] of here.entries()) o.ref = `org-${String(ri + 1).padStart(2, '0')}${String(i + 1).padStart(3, '0')}`;
});
const ordered = [...orgs].sort((a, b) => a.ref.localeCompare(b.ref));

function seedOrg(o: GenOrg): SeedOrg {
  const social = groupOf(o.subtype) === 'social';
  const row = ORG_SUBTYPES.find((s) => s.code === o.subtype);
  const big = o.employees >= 25;
  return {
    ref: o.ref,
    name: o.made.name,
    uscc: o.uscc,
    category: (row?.category ?? 'nonpublic') as SeedOrg['category'],
    subtype: o.subtype,
    registrationAuthority: social ? GOV.civil : GOV.market,
    supervisorUnit: social ? o.made.supervisorUnit : null,
    industry: o.made.industry,
    regionName: o.region.name,
    address: o.made.address,
    legalRep: o.legalRep,
    legalRepPhone: o.legalRepPhone,
    legalRepIsMember: o.legalRepIsMember,
    investorIsMember: o.investorIsMember,
    employees: o.employees,
    formalMembers: o.formal,
    probationaryMembers: o.probationary,
    activists: o.formal > 0 ? int(0, 3) : chance(0.3) ? int(1, 2) : 0,
    hasUnion: big ? chance(0.7) : chance(0.12),
    hasYouthLeague: o.employees >= 50 ? chance(0.45) : chance(0.04),
    hasWomenFederation: o.employees >= 30 ? chance(0.35) : chance(0.05),
    annualCheck: annualCheck(o),
    evalGrade: evalGrade(o),
    status: o.status,
    outOfScope: o.outOfScope,
    outOfScopeReason: o.outOfScopeReason,
    noPartyReason: o.noPartyReason,
    plannedBuildDate: o.plannedBuildDate,
    remarks: o.remarks ?? (o.made.supervisorUnit == null && o.subtype === 'chamber' ? '已与行政机关脱钩' : null),
  };
}

const seedOrgs = ordered.map(seedOrg);
const seedPartyOrgs: SeedPartyOrg[] = partyOrgs.map((p) => ({ ...p.fields, coveredOrgRefs: p.covered.map((o) => o.ref) }));
const seedInstructors: SeedInstructor[] = instructors.map((t) => ({
  name: t.def.name,
  unit: t.def.unit,
  post: t.def.post,
  phone: t.phone,
  fullTime: t.def.fullTime,
  appointedDate: t.appointed,
  grids: t.def.grids,
  remarks: t.def.post.startsWith('退休') ? '退休干部返聘担任党建工作指导员' : null,
  assignments: t.assignments
    .sort((a, b) => a.fromDate.localeCompare(b.fromDate))
    .map((a) => ({ orgRef: a.org.ref, fromDate: a.fromDate, toDate: a.toDate })),
}));

const settings: Settings = {
  countyName: COUNTY,
  countyCode: COUNTY_CODE,
  reportingUnit: '中共青山旗委组织部',
  venueStandard: 'liuyou',
  situations: [...DEFAULT_SITUATIONS],
  venueThreshold: 4,
  backupKeepDaily: 7,
  backupKeepMonthly: 12,
  passLine: 70,
  ...ACCOUNT_DEFAULTS,
};
const seed: SeedFile = {
  settings,
  regions: REGIONS.map((r) => ({ name: r.name, kind: r.kind as RegionKind, code: r.code })),
  orgs: seedOrgs,
  partyOrgs: seedPartyOrgs,
  instructors: seedInstructors,
  ...buildCaseSeed(seedPartyOrgs),
  funding: buildFundingSeed(partyOrgs.map((p) => ({ ...p.fields, funding: p.funding }))),
  grids: buildGridSeed(seedOrgs, seedPartyOrgs, seedInstructors),
  ...buildSiteSeed(seedOrgs, seedPartyOrgs),
  memberYears: buildMemberSeed(seedOrgs),
};
seed.trainings = buildTrainingSeed(seed.regions, seedPartyOrgs, seedInstructors);
electionDueSoon(seed.partyOrgs, new Set((seed.cases ?? []).map((c) => c.partyOrgName)));
seed.activities = buildActivitySeed(seed.partyOrgs);

// ---------------------------------------------------------------- checks

const problems: string[] = [];
const expect = (ok: boolean, what: string) => {
  if (!ok) problems.push(what);
};

function countyFigures(day: string): { f: CoverageFigures; orgFlagCodes: Set<string>; partyFlagCodes: Set<string> } {
  const method = new Map<string, FormationMethod>();
  for (const p of seed.partyOrgs) for (const r of p.coveredOrgRefs) method.set(r, p.method);
  const active = new Map<string, number>();
  for (const t of seed.instructors) {
    for (const a of t.assignments) if (isActiveOn(a, day)) active.set(a.orgRef, (active.get(a.orgRef) ?? 0) + 1);
  }
  const c = emptyCounts();
  const orgFlagCodes = new Set<string>();
  for (const o of seed.orgs) {
    const facts = {
      status: o.status,
      outOfScope: o.outOfScope,
      formalMembers: o.formalMembers,
      coveringMethod: method.get(o.ref) ?? null,
      activeInstructors: active.get(o.ref) ?? 0,
      category: o.category,
      subtype: o.subtype,
      uscc: o.uscc,
      noPartyReason: o.noPartyReason,
      plannedBuildDate: o.plannedBuildDate,
    };
    addToCounts(c, facts);
    for (const h of orgFlags(facts, day)) orgFlagCodes.add(h.code);
  }
  const partyFlagCodes = new Set<string>();
  for (const p of seed.partyOrgs) for (const h of partyOrgFlags(p, day)) partyFlagCodes.add(h.code);
  return { f: figures(c), orgFlagCodes, partyFlagCodes };
}

const within = (r: { rate: number | null }, lo: number, hi: number) => r.rate != null && r.rate >= lo && r.rate <= hi;
const report: string[] = [];
for (const day of CHECK_DAYS) {
  const { f, orgFlagCodes, partyFlagCodes } = countyFigures(day);
  report.push(
    `${day}：在统计范围 ${f.inScope} / ${f.total}；单独组建 ${f.single}，联合等覆盖 ${f.shared}，仅工作覆盖 ${f.workOnly}，未覆盖 ${f.none}`,
    `  组织覆盖率 ${formatRatio(f.orgCoverage)}；工作覆盖率 ${formatRatio(f.workCoverage)}；单独组建率 ${formatRatio(f.singleRate)}；应建尽建率 ${formatRatio(f.buildRate)}`,
  );
  expect(within(f.orgCoverage, 65, 80), `${day} 组织覆盖率 ${formatRatio(f.orgCoverage)} 不在 65–80%`);
  expect(within(f.workCoverage, 90, 95), `${day} 工作覆盖率 ${formatRatio(f.workCoverage)} 不在 90–95%`);
  expect(within(f.singleRate, 25, 35), `${day} 单独组建率 ${formatRatio(f.singleRate)} 不在 25–35%`);
  expect(within(f.buildRate, 80, 90), `${day} 应建尽建率 ${formatRatio(f.buildRate)} 不在 80–90%`);
  expect(f.none >= 15 && f.none <= 25, `${day} 未覆盖 ${f.none} 个，应为 15–25 个`);
  for (const flag of ORG_FLAGS) expect(orgFlagCodes.has(flag.code), `${day} 没有组织触发“${flag.label}”`);
  for (const flag of PARTY_ORG_FLAGS) expect(partyFlagCodes.has(flag.code), `${day} 没有党组织触发“${flag.label}”`);
}
for (const s of ORG_SUBTYPES)
  expect(
    seed.orgs.some((o) => o.subtype === s.code),
    `没有“${s.label}”`,
  );
for (const m of FORMATION_METHODS)
  expect(
    seed.partyOrgs.some((p) => p.method === m.code),
    `没有“${m.label}”的党组织`,
  );
for (const t of PARTY_ORG_TYPES)
  expect(
    seed.partyOrgs.some((p) => p.type === t.code),
    `没有“${t.label}”`,
  );
expect(seed.orgs.length >= 300 && seed.orgs.length <= 360, `组织 ${seed.orgs.length} 个，应为 300–360 个`);
expect(seed.partyOrgs.length >= 110 && seed.partyOrgs.length <= 150, `党组织 ${seed.partyOrgs.length} 个，应为 110–150 个`);
expect(seed.instructors.length >= 25 && seed.instructors.length <= 30, `指导员 ${seed.instructors.length} 名，应为 25–30 名`);
expect(
  seed.orgs.some((o) => o.name.includes('民政局')),
  '没有名称含“民政局”的组织',
);
const social = seed.orgs.filter((o) => o.category === 'social').length / seed.orgs.length;
expect(social > 0.25 && social < 0.35, `社会组织占 ${(social * 100).toFixed(1)}%，应约为 30%`);

const here = path.dirname(fileURLToPath(import.meta.url));
const file = path.join(here, 'demo-county.json');
const lines = (rows: unknown[]) => rows.map((r) => `  ${JSON.stringify(r)}`).join(',\n');
const text = `{
 "settings": ${JSON.stringify(seed.settings)},
 "regions": [
${lines(seed.regions)}
 ],
 "orgs": [
${lines(seed.orgs)}
 ],
 "partyOrgs": [
${lines(seed.partyOrgs)}
 ],
 "instructors": [
${lines(seed.instructors)}
 ],
 "ratings": [
${lines(seed.ratings ?? [])}
 ],
 "classes": [
${lines(seed.classes ?? [])}
 ],
 "cases": [
${lines(seed.cases ?? [])}
 ],
 "funding": [
${lines(seed.funding ?? [])}
 ],
 "trainings": [
${lines(seed.trainings ?? [])}
 ],
 "activities": [
${lines(seed.activities ?? [])}
 ],
 "grids": [
${lines(seed.grids ?? [])}
 ],
 "modelSites": [
${lines(seed.modelSites ?? [])}
 ],
 "massOrgs": [
${lines(seed.massOrgs ?? [])}
 ],
 "inspections": [
${lines(seed.inspections ?? [])}
 ],
 "memberYears": [
${lines(seed.memberYears ?? [])}
 ]
}
`;

console.log(report.join('\n'));
console.log(
  `属地 ${seed.regions.length} 个，两新组织 ${seed.orgs.length} 个（社会组织 ${(social * 100).toFixed(1)}%），党组织 ${seed.partyOrgs.length} 个，指导员 ${seed.instructors.length} 名`,
);
if (problems.length) {
  console.error(`示例数据不合要求，未写入文件：\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
fs.writeFileSync(file, text);
console.log(`已写入 ${path.relative(process.cwd(), file)}（${(Buffer.byteLength(text) / 1024).toFixed(0)} KB）`);
