/**
 * The first screen's reads, asked as soon as this module runs — before React, Mantine and the pages are
 * evaluated, which on an office PC takes most of a second. The query cache then takes the answer that
 * is already under way instead of asking again (queries.ts). Imported first by main.tsx.
 *
 * Only the session (auth.me), the plain 两新组织 list (no filters in the address) and the shell's settings and regions are
 * asked early; an answer not taken within a few seconds, or after any write, is dropped, so it can
 * never stand in for a later read.
 */
import type { ApiResult } from '../../shared/contract';
import { orgListInput } from './orgs/orgListInput';
import { transport } from './transport';

// Generous: on a slow PC the renderer may take seconds to load; the answer is no older than a slow load would make it anyway.
const FRESH_MS = 30_000;
const early = new Map<string, { at: number; answer: Promise<ApiResult<unknown>> }>();
const keyOf = (channel: string, input: unknown) => `${channel} ${JSON.stringify(input ?? {})}`;

function ask(channel: string, input: unknown): void {
  const answer = transport(channel, input);
  // A failure is reported by whoever takes the answer; one never taken must not be an unhandled rejection.
  answer.catch(() => undefined);
  early.set(keyOf(channel, input), { at: performance.now(), answer });
}

/** The answer asked early for exactly this read, once; undefined when there is none (or it is stale). */
export function takeEarly(channel: string, input: unknown): Promise<ApiResult<unknown>> | undefined {
  if (!early.size) return undefined;
  const key = keyOf(channel, input);
  const hit = early.get(key);
  early.delete(key);
  return hit && performance.now() - hit.at < FRESH_MS ? hit.answer : undefined;
}

export function dropEarly(): void {
  early.clear();
}

export function startEarlyReads(hash: string): void {
  // Who is signed in decides what is drawn at all; asked beside the first list, not before it.
  ask('auth.me', {});
  ask('settings.get', {});
  ask('regions.list', {});
  if (hash === '#/orgs' || hash === '#/orgs/') ask('orgs.list', orgListInput({ sort: 'id', dir: 'asc', page: 1 }));
}

startEarlyReads(window.location.hash);
