/**
 * Who is calling, for the length of one request. `dispatch` runs every handler inside `withCaller`, so
 * the services can filter by the caller's regions and `write` can name the account in the audit rows
 * without every service signature carrying the caller (issue #14). Outside a request (start-up, the
 * seed, tests calling services directly) there is no caller and nothing is narrowed.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { type RoleCode, roleHasRegions } from '../../shared/domain/roles';
import { notFound } from './errors';

/** The account behind a live session: what the channels check roles and regions against. */
export interface Caller {
  userId: number;
  userName: string;
  name: string;
  role: RoleCode;
  regionIds: number[];
  mustChangePassword: boolean;
}

const store = new AsyncLocalStorage<Caller>();

export const withCaller = <T>(caller: Caller, fn: () => T): T => store.run(caller, fn);
export const currentCaller = (): Caller | undefined => store.getStore();

/** How an audit row names an account: 姓名（用户名）. */
export const actorName = (c: { name: string; userName: string }): string => `${c.name}（${c.userName}）`;

/** The regions the caller may see, or null for all of them (every role but 乡镇经办). */
export function visibleRegions(): readonly number[] | null {
  const c = store.getStore();
  return c && roleHasRegions(c.role) ? c.regionIds : null;
}

/**
 * A list's region filter narrowed to the caller's regions: null = no filter, [] = nothing visible
 * (a 乡镇经办 asking for another region gets an empty list, not an error).
 */
export function regionScope(requested?: number | null): number[] | null {
  const mine = visibleRegions();
  if (mine === null) return requested ? [requested] : null;
  if (requested) return mine.includes(requested) ? [requested] : [];
  return [...mine];
}

export function mayTouchRegion(regionId: number | null | undefined): boolean {
  const mine = visibleRegions();
  if (mine === null) return true;
  return regionId !== null && regionId !== undefined && mine.includes(regionId);
}

/**
 * Refuses a record of another region as if it did not exist: a 乡镇经办 learns nothing of other
 * regions' ids by trying them.
 */
export function assertRegion(regionId: number | null | undefined, what: string, id: number): void {
  if (!mayTouchRegion(regionId)) throw notFound(what, id);
}
