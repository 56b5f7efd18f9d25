/**
 * One audit row as a clerk reads it: who did it, which record (by its name, deleted records too), and
 * each field's before / after in Chinese. The core gathers the names the rows refer to (AuditLookups);
 * everything else follows from the row.
 */
import { labelOf } from '../domain/codes';
import { MASS_ORG_KINDS, MODEL_SITE_LEVELS } from '../domain/siteCodes';
import type { AuditFieldView } from '../types';
import {
  AUDIT_ENTITIES,
  auditFieldLabel,
  CODED_AUDIT_FIELDS,
  COUNTED_KINDS,
  caseStepTitle,
  codedAuditField,
  HIDDEN_AUDIT_FIELDS,
  NAMED_REFERENCES,
  REFERENCE_FIELDS,
} from './labels';

export interface RawAuditEntry {
  at: string;
  actor: string;
  entity: string;
  entityId: number;
  action: string;
  before: unknown;
  after: unknown;
}

type RefKind = 'region' | 'org' | 'partyOrg' | 'instructor' | 'leader';

export interface AuditLookups {
  names: Record<RefKind, Map<number, string>>;
  cases: Map<number, { partyOrgId: number; year: number }>;
  assignments: Map<number, { instructorId: number; orgId: number }>;
  /** `at` of the demo data's writes: they were made by the seed loader, not by the clerk. */
  seedStamps: Set<string>;
  /** Minutes east of UTC of the clerk's clock, for stamps inside a row. */
  utcOffset: number;
}

export interface AuditRefs {
  leader: Set<number>;
  region: Set<number>;
  org: Set<number>;
  partyOrg: Set<number>;
  instructor: Set<number>;
  case: Set<number>;
  assignment: Set<number>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const ids = (v: unknown): number[] => (Array.isArray(v) ? v : [v]).filter((x): x is number => typeof x === 'number');

/** The records a page of rows refers to, so the core can read their names in a few queries. */
export function auditRefs(rows: RawAuditEntry[]): AuditRefs {
  const refs: AuditRefs = {
    leader: new Set(),
    region: new Set(),
    org: new Set(),
    partyOrg: new Set(),
    instructor: new Set(),
    case: new Set(),
    assignment: new Set(),
  };
  const walk = (v: unknown) => {
    if (Array.isArray(v)) for (const x of v) walk(x);
    if (!isObj(v)) return;
    for (const [k, x] of Object.entries(v)) {
      const kind = REFERENCE_FIELDS[k];
      if (kind) for (const id of ids(x)) refs[kind].add(id);
      if (k === 'instructor_id') for (const id of ids(x)) refs.instructor.add(id);
      walk(x);
    }
  };
  for (const r of rows) {
    walk(r.before);
    walk(r.after);
    if ((r.entity === 'region' || r.entity === 'leader') && r.action === 'reorder') {
      for (const id of [...ids(r.before), ...ids(r.after)]) refs[r.entity].add(id);
    }
    if (r.entity === 'org' || r.entity === 'partyOrg' || r.entity === 'instructor' || r.entity === 'region' || r.entity === 'leader') {
      refs[r.entity].add(r.entityId);
    }
    if (r.entity === 'rating') refs.partyOrg.add(r.entityId);
    if (r.entity === 'mass_org') refs.org.add(r.entityId);
    if (r.entity === 'member_year') refs.org.add(r.entityId);
    if (r.entity === 'case') refs.case.add(r.entityId);
    if (r.entity === 'assignment') refs.assignment.add(r.entityId);
  }
  return refs;
}

const LIST_MAX = 10;

function nameList(names: string[]): string {
  if (names.length === 0) return '空';
  const shown = names.slice(0, LIST_MAX).join('、');
  return names.length > LIST_MAX ? `${shown}等${names.length}个` : shown;
}

function nameOf(look: AuditLookups, kind: RefKind, id: number): string {
  return look.names[kind].get(id) ?? `${AUDIT_ENTITIES[kind]}（编号${id}）`;
}

const WORK_KEY_KINDS: Record<string, string> = {
  funding: '经费',
  training: '培训班',
  activity: '组织生活',
  grid: '网格',
  site: '示范点',
  massOrg: '群团组织',
  inspection: '年检',
  memberYear: '党员发展',
};

/** `org:uscc:…`, `party:属地|名称`… (exchange keys) as the record they stand for. */
function recordKeyText(key: string): string {
  const [kind, ...rest] = key.split(':');
  // The #13 records' keys hold the keys of what they belong to: “经费 乌兰镇 某公司党支部 2026-03-01 …”.
  const work = kind ? WORK_KEY_KINDS[kind] : undefined;
  if (work)
    return `${work} ${rest
      .join(':')
      .replace(/(party|instructor|org:name|org:uscc|org):/g, '')
      .replace(/\|/g, ' ')
      .trim()}`;
  const body = rest.join(':');
  if (kind === 'org' && body.startsWith('uscc:')) return `统一社会信用代码为${body.slice(5)}的两新组织`;
  const text = kind === 'org' ? body.replace(/^name:/, '') : body;
  const [first = '', second = ''] = text.split('|');
  const named = kind === 'instructor' ? (second ? `${first}（${second}）` : first) : second ? `${second}（${first}）` : first;
  return `${AUDIT_ENTITIES[kind === 'party' ? 'partyOrg' : (kind ?? '')] ?? '记录'}${named}`;
}

/** A stored UTC stamp on the clerk's clock. */
function stamp(iso: string, utcOffset: number): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t + utcOffset * 60_000).toISOString().slice(0, 16).replace('T', ' ');
}

function countsText(v: Obj): string {
  const parts = Object.entries(v)
    .filter(([, n]) => typeof n === 'number')
    .map(([k, n]) => `${COUNTED_KINDS[k] ?? auditFieldLabel('', k) ?? `未命名项目（${k}）`}${n}个`);
  return parts.length ? parts.join('、') : '空';
}

/** “label value，label value”: an object inside a row (a plan, an unknown detail). */
function partsText(entity: string, action: string, v: Obj, look: AuditLookups, bare: ReadonlySet<string> = new Set()): string {
  const parts: string[] = [];
  for (const [k, x] of Object.entries(v)) {
    if (HIDDEN_AUDIT_FIELDS.has(k) || x == null || x === '') continue;
    const named = NAMED_REFERENCES[k];
    if (named && v[named]) continue;
    if (isObj(x) && k === 'plan') {
      parts.push(partsText(entity, action, x, look));
      continue;
    }
    const value = showAuditValue(entity, action, k, x, look);
    parts.push(bare.has(k) ? value : `${labelOrKey(entity, k)} ${value}`);
  }
  return parts.join('，');
}

function labelOrKey(entity: string, key: string): string {
  return auditFieldLabel(entity, key) ?? `未命名项目（${key}）`;
}

/** The case step of a row as the timeline tells it: “制定整顿方案：整顿措施 …，整顿时限 2026-06-30”. */
function stepText(action: string, d: Obj, look: AuditLookups): string {
  const { passed, ...rest } = d;
  const body = partsText('case', action, rest, look, new Set(['note', 'reason']));
  const title = caseStepTitle(action, passed, d.belowLineReason);
  return body ? `${title}：${body}` : title;
}

export function showAuditValue(entity: string, action: string, key: string, v: unknown, look: AuditLookups): string {
  if (v === null || v === undefined || v === '') return '空';
  if (typeof v === 'boolean') return key === 'passed' ? (v ? '通过' : '未通过') : v ? '是' : '否';
  const ref = REFERENCE_FIELDS[key];
  if (ref) return Array.isArray(v) ? nameList(ids(v).map((id) => nameOf(look, ref, id))) : nameOf(look, ref, Number(v));
  const coded = codedAuditField(entity, key);
  if (coded && typeof v === 'string') return labelOf(coded, v);
  if (key === 'event' && isObj(v)) return stepText(action, v, look);
  if ((key === 'orgKey' || key === 'coveredOrgKeys' || key === 'keptLocal') && (typeof v === 'string' || Array.isArray(v))) {
    return nameList((Array.isArray(v) ? v : [v]).map((k) => recordKeyText(String(k))));
  }
  if (key === 'assignments' && Array.isArray(v)) {
    return nameList(v.filter(isObj).map((a) => `${recordKeyText(String(a.orgKey))}（${a.fromDate}起${a.toDate ? `至${a.toDate}` : ''}）`));
  }
  if (key === 'futureAssignments' && Array.isArray(v)) {
    return nameList(v.filter(isObj).map((a) => `${nameOf(look, 'instructor', Number(a.instructor_id))}（${a.from_date}起）`));
  }
  if (key === 'attendees' && Array.isArray(v)) return nameList(v.filter(isObj).map((a) => attendeeText(a, look)));
  if (isObj(v) && (key === 'counts' || key === 'created' || key === 'updated')) return countsText(v);
  if (key === 'exportedAt' && typeof v === 'string') return stamp(v, look.utcOffset);
  if (Array.isArray(v)) return nameList(v.map((x) => (isObj(x) ? partsText(entity, action, x, look) : String(x))));
  if (isObj(v)) return partsText(entity, action, v, look) || '空';
  return String(v);
}

/** A training class's attendee: “张三（某公司党支部书记）”, “李四（指导员）”, “王五（某公司）”. */
function attendeeText(a: Obj, look: AuditLookups): string {
  const name = typeof a.name === 'string' && a.name ? a.name : '';
  if (typeof a.partyOrgId === 'number') return `${name || '书记'}（${nameOf(look, 'partyOrg', a.partyOrgId)}书记）`;
  if (typeof a.instructorId === 'number') return `${name || nameOf(look, 'instructor', a.instructorId)}（指导员）`;
  return typeof a.unit === 'string' && a.unit ? `${name}（${a.unit}）` : name;
}

/** Rows whose before / after is not one record's fields, made into fields. */
function normalized(e: RawAuditEntry): [Obj | null, Obj | null] {
  if (e.entity === 'region' && e.action === 'reorder') return [{ order: e.before }, { order: e.after }];
  if (e.entity === 'leader' && e.action === 'reorder') return [{ leaderOrder: e.before }, { leaderOrder: e.after }];
  if (e.entity === 'class' && Array.isArray(e.before) && isObj(e.after)) {
    const ids = Array.isArray(e.after.partyOrgIds) ? (e.after.partyOrgIds as number[]) : [];
    const had = new Map(e.before.filter(isObj).map((b) => [b.partyOrgId as number, (b.class as string | null) ?? null]));
    const earlier = ids.map((id) => had.get(id) ?? null);
    const uniform = earlier.every((c) => c === earlier[0]);
    let summary: string | null = earlier[0] ?? null;
    if (!uniform) {
      const counts = new Map<string, number>();
      for (const c of earlier) {
        const label = c ? labelOf(CODED_AUDIT_FIELDS.class ?? [], c) : '未定级';
        counts.set(label, (counts.get(label) ?? 0) + 1);
      }
      summary = [...counts].map(([label, n]) => `${label}${n}个`).join('、');
    }
    return [{ partyOrgIds: ids, class: summary ?? '未定级' }, e.after];
  }
  const wrap = (v: unknown): Obj | null => (v == null ? null : isObj(v) ? v : { value: v });
  return [wrap(e.before), wrap(e.after)];
}

/** Each field of the row, labelled, its values in words, changed ones marked; a case's step first. */
export function auditFieldViews(e: RawAuditEntry, look: AuditLookups): AuditFieldView[] {
  const [before, after] = normalized(e);
  const keys = [...new Set([...Object.keys(after ?? {}), ...Object.keys(before ?? {})])].filter((k) => !HIDDEN_AUDIT_FIELDS.has(k));
  keys.sort((a, b) => Number(b === 'event') - Number(a === 'event'));
  const side = (o: Obj | null, k: string) => (o == null || !Object.hasOwn(o, k) ? null : showAuditValue(e.entity, e.action, k, o[k], look));
  return keys.map((k) => ({
    key: k,
    label: labelOrKey(e.entity, k),
    before: side(before, k),
    after: side(after, k),
    changed: before != null && after != null && JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  }));
}

/** The record a row is about, by name: “红山街道甲公司党支部 2026年度整顿”, “系统设置”… */
export function auditRecordName(e: RawAuditEntry, look: AuditLookups): string {
  const snap = isObj(e.after) ? e.after : isObj(e.before) ? e.before : {};
  const text = (v: unknown) => (typeof v === 'string' && v ? v : null);
  const po = (id: unknown) => (typeof id === 'number' ? nameOf(look, 'partyOrg', id) : '');
  switch (e.entity) {
    case 'org':
    case 'partyOrg':
    case 'instructor':
      return text(snap.name) ?? nameOf(look, e.entity, e.entityId);
    case 'region':
      return e.action === 'reorder' ? '全部属地' : (text(snap.name) ?? nameOf(look, 'region', e.entityId));
    case 'leader':
      return e.action === 'reorder' ? '全部包联领导' : (text(snap.name) ?? nameOf(look, 'leader', e.entityId));
    case 'settings':
      return '系统设置';
    case 'case': {
      const c = look.cases.get(e.entityId) ?? { partyOrgId: snap.partyOrgId, year: snap.year };
      return `${po(c.partyOrgId)} ${c.year}年度整顿`;
    }
    case 'class': {
      const list = Array.isArray(snap.partyOrgIds) ? ids(snap.partyOrgIds) : [];
      const first = po(list[0]);
      return `${list.length > 1 ? `${first}等${list.length}个党组织` : first} ${e.entityId}年度`;
    }
    case 'rating':
      return `${po(e.entityId)} ${snap.year ?? ''}年度星级`;
    case 'screening_deferral':
      return `${text(snap.partyOrgName) ?? po(snap.partyOrgId)} ${snap.year ?? ''}年度`;
    case 'assignment': {
      const a = look.assignments.get(e.entityId) ?? { instructorId: snap.instructorId, orgId: snap.orgId };
      return `${nameOf(look, 'instructor', Number(a.instructorId))} 选派至 ${nameOf(look, 'org', Number(a.orgId))}`;
    }
    case 'training':
      return `${text(snap.startDate) ?? ''} ${text(snap.topic) ?? '培训班'}`.trim();
    case 'member_year':
      return `${nameOf(look, 'org', e.entityId)} ${snap.year ?? ''}年度党员发展`;
    case 'exchange':
      return text(snap.exchangeFile) ?? '数据交换';
    case 'ledger':
      return '全部台账';
    case 'funding':
      return `${po(snap.partyOrgId)} ${text(snap.date) ?? ''}经费`;
    case 'activity': {
      const kind = typeof snap.kind === 'string' ? labelOf(codedAuditField('activity', 'kind') ?? [], snap.kind) : '';
      return `${po(snap.partyOrgId)} ${text(snap.date) ?? ''}${kind}`;
    }
    case 'grid':
      return `${text(snap.name) ?? `网格（编号${e.entityId}）`}（${po(snap.partyOrgId)}）`;
    case 'model_site':
      return `${po(snap.partyOrgId)} ${snap.year ?? ''}年${labelOf(MODEL_SITE_LEVELS, snap.level as never)}示范点`;
    case 'mass_org':
      return `${nameOf(look, 'org', e.entityId)} ${labelOf(MASS_ORG_KINDS, snap.kind as never)}`;
    case 'inspection':
      return `${nameOf(look, 'org', Number(snap.orgId))} ${snap.year ?? ''}年度年检`;
    case 'user': {
      // A password change carries only the user name; the other rows the name and 姓名 as well.
      const who = text(snap.userName) ?? `编号${e.entityId}`;
      return text(snap.name) ? `账号 ${text(snap.name)}（${who}）` : `账号 ${who}`;
    }
    default:
      return '';
  }
}

/** Who wrote the row: the clerk, the demo data, an import or an exchange file (named). */
export function auditActor(e: RawAuditEntry, look: AuditLookups): string {
  if (look.seedStamps.has(e.at)) return '演示数据';
  const tag = isObj(e.after) ? e.after : {};
  // Who ran it, then how (rows from before accounts carry only the local user, left unsaid).
  const who = e.actor === '本机用户' ? '' : `${e.actor} `;
  if (typeof tag.importFile === 'string') return `${who}导入（${tag.importFile}）`;
  if (e.action === 'exchange' && typeof tag.exchangeFile === 'string') return `${who}数据交换（${tag.exchangeFile}）`;
  return e.actor;
}
