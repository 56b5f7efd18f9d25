/** Scope cases for 整顿 cases, 排查, 分类定级, 培训, 组织生活, 示范点, 经费, reports and exchange. */
import type { Channel } from '../../../src/shared/contract';
import type { ScopeCase } from './types';

export const WORK_CASES: Partial<Record<Channel, ScopeCase>> = {};
