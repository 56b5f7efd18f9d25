/** 培训对象: the one main group a training class is held for, in the order the county's reports list them. */
import type { CodeTable } from './codes';

export const TRAINING_TARGETS = [
  { code: 'secretary', label: '党组织书记' },
  { code: 'party_worker', label: '党务工作者' },
  { code: 'activist', label: '入党积极分子' },
  { code: 'member', label: '党员' },
  { code: 'owner', label: '业主（出资人）' },
  { code: 'instructor', label: '党建指导员' },
  { code: 'other', label: '其他' },
] as const satisfies CodeTable<string>;
export type TrainingTarget = (typeof TRAINING_TARGETS)[number]['code'];
