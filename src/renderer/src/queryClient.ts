/**
 * The one query cache of the renderer, and what a successful write drops from it. Keys are
 * `[channel, input]`, so a channel's reads are found by their first key part.
 */
import { type Query, QueryClient } from '@tanstack/react-query';
import type { Channel } from '../../shared/contract';
import { isWriteChannel } from '../../shared/writeChannels';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // The errors are the core's Chinese sentences; asking again would only repeat them slower.
      retry: false,
      refetchOnWindowFocus: false,
    },
  },
});

/** Reads that only a write to themselves changes: kept across other writes. */
export const STATIC_READS: ReadonlySet<Channel> = new Set<Channel>(['settings.get', 'regions.list', 'reports.list']);

/** Writes after which nothing cached can be trusted (settings, regions, a whole ledger replaced or merged). */
const WIDE_WRITES = /^(settings|regions)\.|^(backup\.restore|import\.commit|exchange\.commit)$/;

/**
 * After a successful write: the affected reads on screen are fetched again at once; the others are
 * dropped, so a page opened later waits for the new answer instead of showing the replaced one.
 */
export function afterWrite(channel: Channel): void {
  if (!isWriteChannel(channel)) return;
  const wide = WIDE_WRITES.test(channel);
  const affected = (q: Query) => wide || !STATIC_READS.has(q.queryKey[0] as Channel);
  queryClient.removeQueries({ predicate: (q) => affected(q) && q.getObserversCount() === 0 });
  void queryClient.invalidateQueries({ predicate: affected });
}
