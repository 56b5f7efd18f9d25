/**
 * Reads and writes through the query cache. `useApi(channel, input)` is keyed by `[channel, input]`,
 * so two pages asking the same thing share one request and one answer; a write (any `invoke` of a
 * write channel, or `useApiMutation`) drops the reads it can affect.
 */
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { Channel, Input, Output } from '../../shared/contract';
import { invoke } from './api';
import { errorText } from './common';

export interface ApiOptions {
  /** false: wait (e.g. until an id is known); data stays undefined. */
  enabled?: boolean;
  /** Lists: keep the previous answer on screen while the next one loads. */
  keepPrevious?: boolean;
  /** How long an answer counts as fresh, in ms (0: asked again when a page mounts). */
  staleTime?: number;
  /** Polls every n ms while the page shows (e.g. a running import's progress). */
  refetchInterval?: number | false;
}

export function useApi<C extends Channel>(channel: C, input: Input<C>, options: ApiOptions = {}) {
  const q = useQuery({
    queryKey: [channel, input] as const,
    queryFn: ({ signal }) => invoke(channel, input, signal),
    enabled: options.enabled,
    placeholderData: options.keepPrevious ? keepPreviousData : undefined,
    staleTime: options.staleTime,
    refetchInterval: options.refetchInterval,
  });
  return {
    data: q.data as Output<C> | undefined,
    /** The failure as the clerk reads it (Chinese), or null. */
    error: q.error ? errorText(q.error) : null,
    /** Nothing to show yet (first load of this input, no previous answer kept). */
    isLoading: q.isLoading,
    /** A request is under way (also while a kept previous answer is shown). */
    isFetching: q.isFetching,
    /** The data on screen belongs to an earlier input (keepPrevious). */
    isPlaceholderData: q.isPlaceholderData,
    refetch: q.refetch,
  };
}

/** A write with its pending state; success drops the affected reads (invoke does that). */
export function useApiMutation<C extends Channel>(channel: C) {
  return useMutation<Output<C>, unknown, Input<C>>({ mutationFn: (input) => invoke(channel, input) });
}

/** The regions, fetched once and shared by every picker and table. */
export function useRegions() {
  return useApi('regions.list', {}, { staleTime: 5 * 60_000 });
}

/** The unit's settings, fetched once and shared. */
export function useSettings() {
  return useApi('settings.get', {}, { staleTime: 5 * 60_000 });
}
