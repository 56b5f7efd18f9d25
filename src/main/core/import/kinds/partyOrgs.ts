/** 党组织: matched by name within its region; 覆盖的两新组织 named by name or 统一社会信用代码. */
import { FORMATION_METHODS, PARTY_ORG_TYPES } from '../../../../shared/domain/codes';
import { normalizeUscc } from '../../../../shared/rules/uscc';
import { partyOrgFieldsSchema } from '../../../../shared/schemas';
import { camelDb } from '../../camel';
import type { Ctx } from '../../context';
import { inList } from '../../dialect';
import { asFields, createPartyOrgIn, partyOrgRows, updatePartyOrgIn } from '../../services/partyOrgs';
import { bool, type ImportField } from '../fields';
import type { SheetRows } from '../read';
import type { KindAdapter, Match } from './types';

const fields: ImportField[] = [
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
];

/** Party organizations by region and name, with the organizations each covers. */
async function existingPartyOrgs(ctx: Ctx) {
  const db = ctx.ledger.db;
  const covered = new Map<number, number[]>();
  for (const c of await db.selectFrom('coverage').select(['party_org_id as p', 'org_id as o']).orderBy('org_id').execute()) {
    covered.set(c.p, [...(covered.get(c.p) ?? []), c.o]);
  }
  const byKey = new Map<string, Omit<Match, 'by'>>();
  for (const r of await partyOrgRows(camelDb(db)).select('p.id').execute()) {
    const { id, ...stored } = asFields(r);
    const fields = { ...stored, coveredOrgIds: covered.get(id) ?? [] };
    byKey.set(`${r.regionId}|${r.name}`, { id, fields });
  }
  return byKey;
}

interface CoverCandidate {
  id: number;
  name: string;
  uscc: string | null;
  regionId: number;
  partyOrgId: number | null;
  partyOrgName: string | null;
}

/** The organizations a sheet's 覆盖的两新组织 cells name, by code and by name. */
async function coverCandidates(ctx: Ctx, sheet: SheetRows, column: number | undefined) {
  const tokens = new Set<string>();
  if (column != null)
    for (const r of sheet.rows) for (const t of (r.cells[column] ?? '').split(/[、，,；;\n]+/)) if (t.trim()) tokens.add(t.trim());
  const list = [...tokens];
  const db = ctx.ledger.db;
  const rows: CoverCandidate[] = await db
    .selectFrom('orgs as o')
    .leftJoin('coverage as c', 'c.org_id', 'o.id')
    .leftJoin('party_orgs as p', 'p.id', 'c.party_org_id')
    .select(['o.id', 'o.name', 'o.uscc', 'o.region_id as regionId', 'c.party_org_id as partyOrgId', 'p.name as partyOrgName'])
    .where('o.deleted_at', 'is', null)
    .where((eb) => eb.or([inList(db, 'o.uscc', list.map(normalizeUscc)), inList(db, 'o.name', list)]))
    .execute();
  const byUscc = new Map(rows.filter((o) => o.uscc).map((o) => [o.uscc as string, o]));
  const byName = new Map<string, CoverCandidate[]>();
  for (const o of rows) byName.set(o.name, [...(byName.get(o.name) ?? []), o]);
  return { byUscc, byName };
}

export const partyOrgsImport: KindAdapter<typeof partyOrgFieldsSchema._output> = {
  kind: 'partyOrgs',
  fields,
  matchRule: '按同一属地内的党组织名称匹配已有党组织；匹配到的更新，其余新增。',
  schema: partyOrgFieldsSchema,
  async rules(ctx, sheet, columnOf) {
    const existing = await existingPartyOrgs(ctx);
    const candidates = await coverCandidates(ctx, sheet, columnOf.get('coveredOrgIds'));
    /** Which row of this file already claims an organization. */
    const claimed = new Map<number, number>();
    return {
      duplicateKey: (p) => (p.name ? { key: `${p.regionId}|${p.name}`, field: 'name', what: '属地和党组织名称' } : null),
      match(p) {
        const hit = existing.get(`${p.regionId}|${p.name}`);
        return hit && { ...hit, by: '属地内同名' };
      },
      complete(p, cx) {
        if (!Array.isArray(p.coveredOrgIds)) return;
        const ids: number[] = [];
        for (const token of p.coveredOrgIds as string[]) {
          const byCode = candidates.byUscc.get(normalizeUscc(token));
          const named = candidates.byName.get(token) ?? [];
          const inRegion = named.filter((c) => c.regionId === p.regionId);
          const org = byCode ?? (named.length === 1 ? named[0] : inRegion.length === 1 ? inRegion[0] : undefined);
          if (!org) {
            const why =
              named.length > 1 ? `“${token}”对应多个组织，请改填其统一社会信用代码` : `找不到两新组织“${token}”，请先导入或新增该组织`;
            cx.error('coveredOrgIds', why);
            continue;
          }
          if (org.partyOrgId != null && org.partyOrgId !== cx.matchId) {
            cx.error('coveredOrgIds', `“${org.name}”已由“${org.partyOrgName}”覆盖，一个组织只能由一个党组织覆盖`);
            continue;
          }
          const other = claimed.get(org.id);
          if (other && other !== cx.row) {
            cx.error('coveredOrgIds', `“${org.name}”在第${other}行已被覆盖`);
            continue;
          }
          claimed.set(org.id, cx.row);
          ids.push(org.id);
        }
        // In id order, as the ledger keeps them, so an unchanged list is not reported as a change.
        p.coveredOrgIds = ids.sort((a, b) => a - b);
      },
    };
  },
  create: (w, input, audit) => createPartyOrgIn(w, input, audit),
  update: (w, id, input, audit) => updatePartyOrgIn(w, id, input, audit),
};
