/**
 * A page's state kept in the address (`#/orgs?regionId=3&page=2`), so Back returns to the same view.
 * Each page declares a zod schema for its search params: every field ends in `.catch(…)`, so a value
 * someone typed or an old link carries that the page does not know falls back to the default instead
 * of reaching the core. Writes replace the history entry (no entry per keystroke).
 */
import { useDebouncedCallback } from '@mantine/hooks';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { z } from 'zod';

/** Building blocks for search-param schemas. */
export const param = {
  text: (max = 100) => z.string().max(max).catch(''),
  /** A record id as the text the Select holds ('12'), or undefined. */
  id: () =>
    z
      .string()
      .regex(/^[1-9]\d{0,9}$/)
      .optional()
      .catch(undefined),
  oneOf: <T extends string>(values: readonly T[]) =>
    z
      .enum(values as [T, ...T[]])
      .optional()
      .catch(undefined),
  /** A four-digit year, or none (the list's own default). */
  year: () =>
    z
      .string()
      .regex(/^\d{4}$/)
      .optional()
      .catch(undefined),
  /**
   * A record list's year (经费, 培训, 组织生活, 示范点, 年检): this year unless the clerk picked another or
   * 全部年度 (`all`), so every list opens on the same year. Read it with `yearInput`.
   */
  listYear: () =>
    z
      .string()
      .regex(/^(\d{4}|all)$/)
      .catch(() => String(new Date().getFullYear())),
  page: () => z.coerce.number().int().min(1).max(100_000).catch(1),
  sort: <T extends string>(values: readonly T[], fallback: NoInfer<T>) => z.enum(values as [T, ...T[]]).catch(fallback),
  dir: () => z.enum(['asc', 'desc']).catch('asc'),
};

/** The search part of the address as it is now (the hash router writes it before the page redraws). */
function addressParams(): URLSearchParams {
  const hash = window.location.hash;
  const at = hash.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : hash.slice(at + 1));
}

type Values = Record<string, string | number | boolean | undefined | null>;

/** The parsed search params and a writer that merges a patch (params the schema does not name are kept). */
export function useSearchState<T extends Values>(schema: z.ZodType<T>) {
  const [params, setParams] = useSearchParams();
  const read = useCallback(
    (p: URLSearchParams): T => {
      const r = schema.safeParse(Object.fromEntries(p));
      return r.success ? r.data : (schema.safeParse({}).data as T);
    },
    [schema],
  );
  const values = useMemo(() => read(params), [read, params]);
  // react-router's `prev` is the address of the last render: two changes before the page redraws
  // (two date boxes left in quick succession) would each start from it and the first would be lost.
  // So a change starts from the one before it until the address has caught up.
  const pending = useRef<URLSearchParams | null>(null);
  const update = useCallback(
    (patch: Partial<T>) => {
      const prev = pending.current ?? addressParams();
      const defaults = read(new URLSearchParams()) as Values;
      const next = { ...read(prev), ...patch } as Values;
      const q = new URLSearchParams();
      for (const [k, v] of prev) if (!(k in next)) q.set(k, v);
      for (const [k, v] of Object.entries(next)) {
        if (v !== undefined && v !== null && v !== '' && v !== defaults[k]) q.set(k, String(v));
      }
      pending.current = q;
      setTimeout(() => {
        if (pending.current === q) pending.current = null;
      }, 0);
      setParams(q, { replace: true });
    },
    [read, setParams],
  );
  return [values, update] as const;
}

export interface ListParams extends Values {
  query: string;
  sort: string;
  dir: 'asc' | 'desc';
  page: number;
}

/**
 * A searchable, filterable, sortable, paged list over `useSearchState`. Its setters keep their
 * identity across renders, so memoized filter bars and tables are not drawn again per keystroke.
 * The search box is `<ListSearch>` (its text is its own state). The list asks the core at each
 * keystroke (a superseded request is cancelled); the address follows after a pause, since writing
 * it redraws the whole route. Changing the search, a filter or the order goes back to page 1.
 */
export function useListState<T extends ListParams>(schema: z.ZodType<T>) {
  const [values, update] = useSearchState(schema);
  const [text, setText] = useState(values.query);
  const search = text.trim();
  const latest = useRef({ values, update });
  latest.current = { values, update };
  const patch = useCallback((p: Partial<T>) => latest.current.update(p), []);
  const writeQuery = useDebouncedCallback((v: string) => patch({ query: v, page: 1 } as Partial<T>), 250);
  const writeRef = useRef(writeQuery);
  writeRef.current = writeQuery;
  const setQuery = useCallback((v: string) => {
    setText(v);
    writeRef.current(v.trim());
  }, []);
  const setFilter = useCallback(
    <K extends keyof T>(key: K, v: T[K] | null) => patch({ [key]: v ?? undefined, page: 1 } as Partial<T>),
    [patch],
  );
  const onSort = useCallback(
    (field: T['sort']) => {
      const { sort, dir } = latest.current.values;
      patch({ sort: field, dir: sort === field && dir === 'asc' ? 'desc' : 'asc', page: 1 } as Partial<T>);
    },
    [patch],
  );
  const setPage = useCallback((page: number) => patch({ page } as Partial<T>), [patch]);

  return {
    values,
    /** The box's text as typed (for a controlled input; `<ListSearch>` keeps its own). */
    query: text,
    /** The search to send to the core: the text trimmed, at once (the name is from the first version, which paused here). */
    debounced: search,
    setQuery,
    filters: values,
    setFilter,
    sort: values.sort as T['sort'],
    dir: values.dir,
    onSort,
    /** Page 1 while a new search has not reached the address yet. */
    page: search === values.query ? values.page : 1,
    setPage,
  };
}
