/**
 * The values clerks write in their own sheets, read word by word: code words, counts, dates,
 * regions by short name or code, and the lines under a table that are not records.
 */
import { describe, expect, it } from 'vitest';
import { whyNotRecord } from '../../src/main/core/import/nonRecords';
import {
  ANNUAL_CHECK_RESULTS,
  EVAL_GRADES,
  FORMATION_METHODS,
  ORG_CATEGORIES,
  ORG_STATUSES,
  ORG_SUBTYPES,
  PARTY_ORG_TYPES,
} from '../../src/shared/domain/codes';
import { codeOfWord } from '../../src/shared/domain/synonyms';
import { readDateText } from '../../src/shared/rules/dateText';
import { readInteger } from '../../src/shared/rules/numberText';
import { matchRegion } from '../../src/shared/rules/regionMatch';

describe('组织类型 words', () => {
  const cases: [string, string][] = [
    ['有限公司', 'company'],
    ['有限责任公司', 'company'],
    ['股份有限公司', 'company'],
    ['公司', 'company'],
    ['有限责任公司（自然人投资或控股）', 'company'],
    ['有限责任公司(自然人独资)', 'company'],
    ['非公企业(公司)', 'company'],
    ['非公企业（公司）', 'company'],
    ['company', 'company'],
    ['个人独资企业', 'sole_proprietorship'],
    ['个人独资', 'sole_proprietorship'],
    ['合伙企业', 'partnership'],
    ['合伙', 'partnership'],
    ['合作社', 'cooperative'],
    ['专业合作社', 'cooperative'],
    ['农民专业合作社', 'cooperative'],
    ['农牧民专业合作社', 'cooperative'],
    ['个体户', 'individual'],
    ['个体', 'individual'],
    ['个体工商户', 'individual'],
    ['民非', 'private_nonenterprise'],
    ['民办非企业', 'private_nonenterprise'],
    ['民办非企业单位', 'private_nonenterprise'],
    ['民办非企业单位（社会服务机构）', 'private_nonenterprise'],
    ['民办非企业单位 (社会服务机构)', 'private_nonenterprise'],
    ['社团', 'association'],
    ['社会团体', 'association'],
    ['协会', 'chamber'],
    ['商会', 'chamber'],
    ['行业协会商会', 'chamber'],
    ['异地商会', 'remote_chamber'],
    ['养老院', 'elderly_care'],
    ['基金会', 'foundation'],
    ['商场·市场', 'market'],
    ['市场', 'market'],
    [' 有 限 公 司 ', 'company'],
  ];
  it.each(cases)('%s → %s', (word, code) => {
    expect(codeOfWord(ORG_SUBTYPES, word)).toBe(code);
  });
  it.each(['企业', '其他', '外星企业', '', '公司企业'])('“%s” stays for the clerk to answer', (word) => {
    expect(codeOfWord(ORG_SUBTYPES, word)).toBeNull();
  });
});

describe('other coded columns', () => {
  it.each([
    [ORG_CATEGORIES, '非公', 'nonpublic'],
    [ORG_CATEGORIES, '非公有制经济组织', 'nonpublic'],
    [ORG_CATEGORIES, '社会组织', 'social'],
    [ORG_CATEGORIES, '企业', 'nonpublic'],
    [ORG_STATUSES, '存续', 'normal'],
    [ORG_STATUSES, '在业', 'normal'],
    [ORG_STATUSES, '已注销', 'cancelled'],
    [ORG_STATUSES, '吊销', 'revoked'],
    [ORG_STATUSES, '停业', 'suspended'],
    [ANNUAL_CHECK_RESULTS, '已年报', 'pass'],
    [ANNUAL_CHECK_RESULTS, '基本合格', 'basic'],
    [ANNUAL_CHECK_RESULTS, '未年检', 'absent'],
    [EVAL_GRADES, 'AAA', '3A'],
    [EVAL_GRADES, '３Ａ', '3A'],
    [EVAL_GRADES, '4A级', '4A'],
    [PARTY_ORG_TYPES, '支部', 'branch'],
    [PARTY_ORG_TYPES, '总支', 'general_branch'],
    [PARTY_ORG_TYPES, '联合支部', 'joint_branch'],
    [FORMATION_METHODS, '单建', 'single'],
    [FORMATION_METHODS, '联建', 'joint'],
    [FORMATION_METHODS, '挂靠', 'attached'],
    [FORMATION_METHODS, '区域化"1+N"', 'regional'],
    [FORMATION_METHODS, '1+N', 'regional'],
  ] as const)('%#: %s → %s', (table, word, code) => {
    expect(codeOfWord(table, word)).toBe(code);
  });
  it('其他 is no code of any table', () => {
    for (const t of [ORG_CATEGORIES, ORG_STATUSES, ANNUAL_CHECK_RESULTS, PARTY_ORG_TYPES, FORMATION_METHODS]) {
      expect(codeOfWord(t, '其他')).toBeNull();
    }
  });
});

describe('counts as written', () => {
  it.each([
    ['15人', 15],
    ['30 人', 30],
    ['1,200', 1200],
    ['１２', 12],
    ['１，２００人', 1200],
    ['12.0', 12],
    ['0', 0],
    ['3年', 3],
    [' 8 名 ', 8],
  ])('“%s” → %i', (text, n) => {
    expect(readInteger(text)).toBe(n);
  });
  it.each(['约20', '若干', '12.5', '1,2', '12,00', '二十', '20余人', '15-20', ''])('“%s” is refused', (text) => {
    expect(readInteger(text)).toBeNull();
  });
});

describe('dates as written', () => {
  it.each([
    ['2025-03-01', '2025-03-01'],
    ['2025.3.1', '2025-03-01'],
    ['2025/3/1', '2025-03-01'],
    ['2025年3月1日', '2025-03-01'],
    ['２０２５年３月１日', '2025-03-01'],
    ['20250301', '2025-03-01'],
    ['45717', '2025-03-01'],
    ['45717.0', '2025-03-01'],
  ])('“%s” → %s', (text, iso) => {
    expect(readDateText(text)).toEqual({ ok: true, value: iso });
  });
  it.each([
    ['2025-3-1 0:00:00', '2025-03-01'],
    ['2025/3/1 0:00', '2025-03-01'],
    ['2025/03/01 14:30:05', '2025-03-01'],
    ['2025年3月1号', '2025-03-01'],
  ])('with the time a CSV export adds, or 号 for 日: “%s” → %s', (text, iso) => {
    expect(readDateText(text)).toEqual({ ok: true, value: iso });
  });
  it('a time alone is no date', () => {
    expect(readDateText('14:30').ok).toBe(false);
  });
  it('a month alone, for fields that take one: the first or the last day', () => {
    expect(readDateText('2025.03', 'first')).toEqual({ ok: true, value: '2025-03-01', monthOnly: true });
    expect(readDateText('2025年3月', 'last')).toEqual({ ok: true, value: '2025-03-31', monthOnly: true });
    expect(readDateText('2024-2', 'last')).toEqual({ ok: true, value: '2024-02-29', monthOnly: true });
    expect(readDateText('2025.03')).toEqual({ ok: false, message: '“2025.03”只有年月，请填写到日，如 2026-06-30' });
    expect(readDateText('2025.13', 'first')).toEqual({ ok: false, message: '日期不存在：“2025.13”' });
  });
  it('impossible or unreadable dates are refused, quoting the cell', () => {
    expect(readDateText('2025-02-30')).toEqual({ ok: false, message: '日期不存在：“2025-02-30”' });
    expect(readDateText('2025年2月29日')).toEqual({ ok: false, message: '日期不存在：“2025年2月29日”' });
    expect(readDateText('明年春天')).toEqual({ ok: false, message: '日期无法识别：“明年春天”，应如 2026-06-30' });
  });
});

describe('regions by the names people use', () => {
  const regions = [
    { id: 1, name: '新城街道', code: '150499001' },
    { id: 2, name: '乌兰镇', code: '150499100' },
    { id: 3, name: '哈达苏木', code: '150499200' },
    { id: 4, name: '青山经济技术开发区', code: '150499400' },
    { id: 5, name: '白音苏木', code: null },
    { id: 6, name: '白音镇', code: null },
  ];
  it('full name, code and short name', () => {
    expect(matchRegion(regions, '乌兰镇')).toMatchObject({ ok: true, by: 'name', region: { id: 2 } });
    expect(matchRegion(regions, ' 乌兰 镇')).toMatchObject({ ok: true, by: 'name', region: { id: 2 } });
    expect(matchRegion(regions, '乌兰')).toMatchObject({ ok: true, by: 'short', region: { id: 2 } });
    expect(matchRegion(regions, '新城')).toMatchObject({ ok: true, by: 'short', region: { id: 1 } });
    expect(matchRegion(regions, '新城街道办事处')).toMatchObject({ ok: true, by: 'short', region: { id: 1 } });
    expect(matchRegion(regions, '哈达')).toMatchObject({ ok: true, by: 'short', region: { id: 3 } });
    expect(matchRegion(regions, '青山')).toMatchObject({ ok: true, by: 'short', region: { id: 4 } });
    expect(matchRegion(regions, '150499100')).toMatchObject({ ok: true, by: 'code', region: { id: 2 } });
  });
  it('with the county written before it, or the 开发区 by its kind', () => {
    expect(matchRegion(regions, '青山旗乌兰镇')).toMatchObject({ ok: true, by: 'short', region: { id: 2 } });
    expect(matchRegion(regions, '青山旗新城街道办事处')).toMatchObject({ ok: true, by: 'short', region: { id: 1 } });
    expect(matchRegion(regions, '青山县哈达')).toMatchObject({ ok: true, by: 'short', region: { id: 3 } });
    expect(matchRegion(regions, '开发区')).toMatchObject({ ok: true, by: 'short', region: { id: 4 } });
    // A name that merely ends like a region (another county's 查干白音) is no match.
    expect(matchRegion(regions, '查干白音')).toEqual({ ok: false, candidates: [] });
    expect(matchRegion(regions, '外县火星镇')).toEqual({ ok: false, candidates: [] });
  });
  it('two candidates or none: no match', () => {
    expect(matchRegion(regions, '白音')).toEqual({ ok: false, candidates: [regions[4], regions[5]] });
    expect(matchRegion(regions, '火星镇')).toEqual({ ok: false, candidates: [] });
    expect(matchRegion(regions, '镇')).toEqual({ ok: false, candidates: [] });
    expect(matchRegion(regions, '150499999')).toEqual({ ok: false, candidates: [] });
  });
});

describe('rows that are not records', () => {
  it.each([
    [['', '合计', '', '', '120'], '合计行（“合计”）'],
    [['合 计', '', '3'], '合计行（“合计”）'],
    [['小计：', '', '3'], '合计行（“小计：”）'],
    [['总计', '8家'], '合计行（“总计”）'],
    [['填表人：张三', '', '审核人：李四'], '表尾的填表、审核信息（“填表人：张三”）'],
    [['审核人：李四'], '表尾的填表、审核信息（“审核人：李四”）'],
    [['审核 李四'], '表尾的填表、审核信息（“审核 李四”）'],
    [['填报单位（盖章）：乌兰镇党委'], '表尾的填表、审核信息（“填报单位（盖章）：乌兰镇党委”）'],
    [['', '填报日期：2026年6月30日'], '表尾的填表、审核信息（“填报日期：2026年6月30日”）'],
    [['制表：乌兰镇党委'], '表尾的填表、审核信息（“制表：乌兰镇党委”）'],
    [['联系电话：0477-1234567'], '表尾的填表、审核信息（“联系电话：0477-1234567”）'],
    [['注：本表由各镇街于每月5日前报送组织部。'], '表下的注释说明（“注：本表由各镇街于每月5日前报送组织部。”）'],
    [['说明：1.人数以年报为准'], '表下的注释说明（“说明：1.人数以年报为准”）'],
    [['合计（个）', '', '12'], '合计行（“合计（个）”）'],
    [['审核人签字：'], '表尾的填表、审核信息（“审核人签字：”）'],
    [['填表人签名：王小明'], '表尾的填表、审核信息（“填表人签名：王小明”）'],
    [['制表单位：乌兰镇党委'], '表尾的填表、审核信息（“制表单位：乌兰镇党委”）'],
    [['填报时间：2025年11月20日'], '表尾的填表、审核信息（“填报时间：2025年11月20日”）'],
    [['填表人：王小明      审核人：李主任'], '表尾的填表、审核信息（“填表人：王小明 审核人：李主任”）'],
  ])('%j', (cells, reason) => {
    expect(whyNotRecord(cells)).toBe(reason);
  });
  it.each([
    [['1', '合计科技有限公司', '有限公司']],
    [['2', '乌兰镇注册会计师事务所']],
    [['说明书印刷厂', '公司']],
    [['3', '审计所', '公司']],
    [['审核科技有限公司', '公司']],
    [['联系人服务中心', '民非']],
  ])('a record: %j', (cells) => {
    expect(whyNotRecord(cells)).toBeNull();
  });
});
