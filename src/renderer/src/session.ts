/**
 * The signed-in account as the screens see it (issue #14). The shell provides it once the login page
 * is passed; pages ask `useCan(channel)` before showing a button that calls a channel. Hiding is only
 * for the clerk's eyes: the core refuses the call anyway.
 */
import { createContext, useContext } from 'react';
import type { Channel } from '../../shared/contract';
import { mayCall } from '../../shared/domain/roles';
import type { Account } from '../../shared/records/accounts';

export const SessionContext = createContext<Account | null>(null);

export const useAccount = (): Account | null => useContext(SessionContext);

/** Whether the signed-in account may call the channel (false before login). */
export function useCan(channel: Channel): boolean {
  const account = useAccount();
  return account ? mayCall(account.role, channel) : false;
}
