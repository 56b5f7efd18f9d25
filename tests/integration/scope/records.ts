/** Scope cases for 两新组织, 党组织, 指导员, 网格, 党员发展, 群团, 年检, 属地 and the statistics. */
import type { Channel } from '../../../src/shared/contract';
import type { ScopeCase } from './types';

export const RECORD_CASES: Partial<Record<Channel, ScopeCase>> = {};
