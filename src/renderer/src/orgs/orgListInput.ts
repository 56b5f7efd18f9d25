/** What the 两新组织 list asks the core for, from its address state; shared with the early read of the first screen. */
import type { Input } from '../../../shared/contract';

export const ORG_PAGE = 50;

type ListInput = Input<'orgs.list'>;

export interface OrgListState {
  query?: string;
  regionId?: string | number;
  category?: ListInput['category'];
  coverage?: ListInput['coverage'];
  flag?: ListInput['flag'];
  sort: NonNullable<ListInput['sort']>;
  dir: 'asc' | 'desc';
  page: number;
}

export function orgListInput(s: OrgListState): ListInput {
  return {
    query: s.query || undefined,
    regionId: s.regionId ? Number(s.regionId) : undefined,
    category: s.category,
    coverage: s.coverage,
    flag: s.flag,
    sort: s.sort,
    dir: s.dir,
    offset: (s.page - 1) * ORG_PAGE,
    limit: ORG_PAGE,
  };
}
