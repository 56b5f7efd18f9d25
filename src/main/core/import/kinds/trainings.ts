/**
 * 培训班 from a sheet: 培训时间 as the clerks write it (“2025.3.12-3.14”, “2025年3月12日至14日”, or
 * separate 开始 / 结束 columns), their words for the target group (业主, 积极分子 …) and “220人次”.
 * Matched by start date, topic and region; attendees are not imported and are kept on update.
 */
import { TRAINING_TARGETS } from '../../../../shared/domain/trainingCodes';
import { trainingFieldsSchema } from '../../../../shared/records/trainings';
import { isValidDate } from '../../../../shared/rules/dates';
import { readDateText } from '../../../../shared/rules/dateText';
import { createTrainingIn, trainingSnapshots, updateTrainingIn } from '../../services/trainings';
import type { ImportField } from '../fields';
import type { KindAdapter, Match, Partial } from './types';

const fields: ImportField[] = [
  {
    key: 'dates',
    label: '培训时间',
    kind: 'text',
    synonyms: ['培训日期', '举办时间', '起止时间', '培训起止时间', '时间', '日期'],
    help: '如 2025-03-12，或起止 2025.3.12-3.14；也可分填开始、结束日期',
  },
  { key: 'startDate', label: '开始日期', kind: 'date', synonyms: ['开始时间', '开班时间', '起始日期'], help: '如 2025-03-12' },
  { key: 'endDate', label: '结束日期', kind: 'date', synonyms: ['结束时间', '结业时间', '截止日期'], help: '空白为与开始日期同一天' },
  {
    key: 'topic',
    label: '培训主题',
    required: true,
    kind: 'text',
    synonyms: ['培训内容', '主题', '培训班名称', '班次名称', '培训名称', '内容'],
    help: '最多100字',
  },
  {
    key: 'target',
    label: '培训对象',
    required: true,
    kind: 'code',
    codes: TRAINING_TARGETS,
    synonyms: ['对象', '参训对象', '培训人员类别'],
    help: '书记、党务工作者、入党积极分子、党员、业主、指导员或其他',
  },
  {
    key: 'organizer',
    label: '举办单位',
    required: true,
    kind: 'text',
    synonyms: ['主办单位', '承办单位', '组织单位', '举办部门'],
    help: '如 旗委组织部、某苏木党委',
  },
  {
    key: 'regionId',
    label: '所属属地',
    kind: 'region',
    synonyms: ['举办属地', '属地', '所在镇街', '镇街', '乡镇', '苏木镇'],
    help: '属地举办的填属地名称，旗（县）级举办的留空',
  },
  { key: 'place', label: '培训地点', kind: 'text', synonyms: ['地点', '举办地点', '培训场所'], help: '' },
  { key: 'sessions', label: '期数', kind: 'int', synonyms: ['培训期数', '举办期数', '班次数'], help: '空白为1期' },
  {
    key: 'attendances',
    label: '培训人次',
    required: true,
    kind: 'int',
    synonyms: ['人次', '参训人数', '参训人次', '培训人数', '参加人数'],
    help: '如 220 或 220人次',
  },
  { key: 'remarks', label: '备注', kind: 'text', synonyms: ['说明'], help: '' },
];

type Period = { ok: true; start: string; end: string } | { ok: false; message: string };

const pad = (n: string) => n.padStart(2, '0');

/** The end of “2025.3.12-3.14” / “…至14日”: a full date, or month and day, or a day of the start's month. */
function endOf(start: string, text: string): string | null {
  const full = readDateText(text);
  if (full.ok) return full.value;
  let m = /^(\d{1,2})[-/.月](\d{1,2})[日号]?$/.exec(text);
  if (m) return `${start.slice(0, 4)}-${pad(m[1] as string)}-${pad(m[2] as string)}`;
  m = /^(\d{1,2})[日号]?$/.exec(text);
  if (m) return `${start.slice(0, 7)}-${pad(m[1] as string)}`;
  return null;
}

/** 培训时间 as one cell: a day, or a start and an end joined by -, —, ~, 至 or 到. */
export function readPeriod(text: string): Period {
  const t = text.normalize('NFKC').replace(/\s/g, '');
  const wrong: Period = { ok: false, message: `培训时间无法识别：“${text.trim()}”，应如 2025-03-12 或 2025.3.12-3.14` };
  const one = readDateText(t);
  if (one.ok) return one.monthOnly ? wrong : { ok: true, start: one.value, end: one.value };
  for (const sep of t.matchAll(/至|到|~|—+|-{1,2}/g)) {
    const at = sep.index ?? 0;
    const start = readDateText(t.slice(0, at));
    if (!start.ok || start.monthOnly) continue;
    const end = endOf(start.value, t.slice(at + sep[0].length));
    if (!end || !isValidDate(end)) continue;
    if (end < start.value) return { ok: false, message: `培训时间“${text.trim()}”的结束日期早于开始日期` };
    return { ok: true, start: start.value, end };
  }
  return wrong;
}

export const trainingsImport: KindAdapter<typeof trainingFieldsSchema._output> = {
  kind: 'trainings',
  fields,
  matchRule: '按开始日期、培训主题和所属属地匹配已有培训班；匹配到的更新（已登记的参训人员保留），其余新增。',
  schema: trainingFieldsSchema,
  async rules(ctx) {
    const today = ctx.today();
    const existing = await trainingSnapshots(ctx.ledger.db);
    const key = (p: Partial) => `${p.startDate}|${p.topic}|${p.regionId ?? ''}`;
    const byKey = new Map<string, Omit<Match, 'by'>>(
      existing.map((e) => [key(e.fields as unknown as Partial), { id: e.id, fields: e.fields as unknown as Record<string, unknown> }]),
    );
    const problems = new WeakMap<Partial, string>();
    // The first look at a row (its duplicate check) reads 培训时间 into the two dates the schema has.
    const dated = (p: Partial) => {
      if (typeof p.dates === 'string') {
        const r = readPeriod(p.dates);
        if (r.ok) {
          p.startDate ??= r.start;
          p.endDate ??= r.end;
        } else problems.set(p, r.message);
        delete p.dates;
      }
      if (typeof p.startDate === 'string' && p.endDate == null) p.endDate = p.startDate;
      return p;
    };
    return {
      duplicateKey: (p) => (dated(p).startDate && p.topic ? { key: key(p), field: 'topic', what: '开始日期、培训主题和所属属地' } : null),
      match(p) {
        const hit = byKey.get(key(dated(p)));
        return hit && { ...hit, by: '开始日期、培训主题和所属属地' };
      },
      complete(p, cx) {
        const problem = problems.get(p);
        if (problem) cx.error('dates', problem);
        else if (cx.matchId == null && !p.startDate) cx.error('dates', '请填写培训时间');
        if (typeof p.endDate === 'string' && p.endDate > today)
          cx.error('dates', `培训时间不能晚于今天（${today}）：只登记已经举办的培训班`);
      },
    };
  },
  // The preview checked the dates against today; the rows are written as it showed them.
  create: (w, input, audit) => createTrainingIn(w, input, null, audit),
  update: (w, id, input, audit) => updateTrainingIn(w, id, input, null, audit),
  title: (p, cell) => `${cell('dates') || p.startDate || ''} ${p.topic ?? ''}`.trim(),
};
