/** What the 组织生活 page and a party organization's section both show and do. */
import { ACTIVITY_KINDS } from '../../../shared/domain/activityCodes';
import { labelOf } from '../../../shared/domain/codes';
import type { Activity } from '../../../shared/records/activities';
import { invoke } from '../api';
import { confirmDelete } from '../common';

/** “12 / 10”: 应到 over 实到, a dash for the one not recorded. */
export const attendanceText = (a: Pick<Activity, 'expected' | 'attendance'>) =>
  a.expected == null && a.attendance == null ? '—' : `${a.expected ?? '—'} / ${a.attendance ?? '—'}`;

export function deleteActivity(a: Activity) {
  const what = `${a.partyOrgName} ${a.date} ${labelOf(ACTIVITY_KINDS, a.kind)}`;
  confirmDelete({
    title: '删除组织生活记录',
    name: what,
    body: `确定删除“${what}”这条记录吗？删除后可在操作日志中查到原内容。`,
    run: () => invoke('activities.delete', { id: a.id }),
    after: () => {},
  });
}
