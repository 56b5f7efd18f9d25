/**
 * A page's state kept in the address (`#/orgs?regionId=3&page=2`), so Back returns to the same view.
 * Each page declares a zod schema for its search params: every field ends in `.catch(…)`, so a value
 * someone typed or an old link carries that the page does not know falls back to the default instead
 * of reaching the core. Writes replace the history entry (no entry per keystroke).
 */
import { useDebouncedValue } from '@mantine/hooks';
import { useCallback, useEffect, useMemo, useState } from 'react';
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
  page: () => z.coerce.number().int().min(1).max(100_000).catch(1),
  sort: <T extends string>(values: readonly T[], fallback: NoInfer<T>) => z.enum(values as [T, ...T[]]).catch(fallback),
  dir: () => z.enum(['asc', 'desc']).catch('asc'),
};

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
  const update = useCallback(
    (patch: Partial<T>) => {
      setParams(
        (prev) => {
          const defaults = read(new URLSearchParams()) as Values;
          const next = { ...read(prev), ...patch } as Values;
          const q = new URLSearchParams();
          for (const [k, v] of prev) if (!(k in next)) q.set(k, v);
          for (const [k, v] of Object.entries(next)) {
            if (v !== undefined && v !== null && v !== '' && v !== defaults[k]) q.set(k, String(v));
          }
          return q;
        },
        { replace: true },
      );
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
 * A searchable, filterable, sortable, paged list. The search box's text is the page's own state (a
 * keystroke re-renders nothing else); it reaches the address and the core after a short pause.
 * Changing the search, a filter or the order goes back to page 1.
 */
export function useListState<T extends ListParams>(schema: z.ZodType<T>, debounceMs = 80) {
  const [values, update] = useSearchState(schema);
  const [query, setQueryRaw] = useState(values.query);
  const [debounced] = useDebouncedValue(query, debounceMs);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the paused search text is written back
  useEffect(() => {
    if (debounced.trim() !== values.query) update({ query: debounced.trim(), page: 1 } as Partial<T>);
  }, [debounced]);

  return {
    values,
    query,
    /** The search text after the pause: what to send to the core. */
    debounced: debounced.trim(),
    setQuery: setQueryRaw,
    filters: values,
    setFilter<K extends keyof T>(key: K, v: T[K] | null) {
      update({ [key]: v ?? undefined, page: 1 } as Partial<T>);
    },
    sort: values.sort as T['sort'],
    dir: values.dir,
    onSort(field: T['sort']) {
      const dir = values.sort === field && values.dir === 'asc' ? 'desc' : 'asc';
      update({ sort: field, dir, page: 1 } as Partial<T>);
    },
    page: values.page,
    setPage(page: number) {
      update({ page } as Partial<T>);
    },
  };
}
