/**
 * The state of a searchable, filterable, sortable, paged list, kept in the address so Back returns
 * to the same view. Changing the search, a filter or the order goes back to page 1.
 */
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { replaceQuery, useRoute } from './router';

export function useListState<F extends string, S extends string>(path: string, filterKeys: readonly F[], defaultSort: S) {
  const { query: initial } = useRoute();
  const [query, setQueryRaw] = useState(initial.get('query') ?? '');
  const [filters, setFilters] = useState(() => Object.fromEntries(filterKeys.map((k) => [k, initial.get(k)])) as Record<F, string | null>);
  const [sort, setSort] = useState<S>((initial.get('sort') as S | null) ?? defaultSort);
  const [dir, setDir] = useState<'asc' | 'desc'>(initial.get('dir') === 'desc' ? 'desc' : 'asc');
  const [page, setPage] = useState(Number(initial.get('page') ?? 1) || 1);
  const [debounced] = useDebouncedValue(query, 250);

  useEffect(() => {
    replaceQuery(path, {
      query: debounced,
      ...filters,
      sort: sort === defaultSort ? null : sort,
      dir: dir === 'desc' && dir,
      page: page > 1 && page,
    });
  }, [path, debounced, filters, sort, dir, page, defaultSort]);

  return {
    query,
    /** The search text after a short pause in typing: what to send to the core. */
    debounced,
    setQuery(v: string) {
      setQueryRaw(v);
      setPage(1);
    },
    filters,
    setFilter(key: F, v: string | null) {
      setFilters((f) => ({ ...f, [key]: v }));
      setPage(1);
    },
    sort,
    dir,
    onSort(field: S) {
      if (sort === field) setDir(dir === 'asc' ? 'desc' : 'asc');
      else {
        setSort(field);
        setDir('asc');
      }
      setPage(1);
    },
    page,
    setPage,
  };
}
