/**
 * Login rate limit of the server edition (issue #15 "Exposed safely"): at most `limit` auth.login
 * attempts per `windowMs` per client address and per user name, on top of the account lockout of
 * issue #14 (which stops guessing one account's password, but not trying one password on every account).
 *
 * Memory is bounded whatever the clients send: at most `maxKeys` keys are tracked (the least recently
 * seen is dropped first) and each holds at most `limit` timestamps.
 */
import net from 'node:net';

export interface LoginLimitOptions {
  /** Attempts allowed within one window (default 10). */
  limit?: number;
  /** Window length in milliseconds (default one minute). */
  windowMs?: number;
  /** Keys (addresses and user names together) tracked at most (default 10,000). */
  maxKeys?: number;
  /** Milliseconds since the epoch; injectable so tests can move time on. */
  now?: () => number;
}

export interface LoginLimiter {
  /**
   * Records an attempt by this address (and user name, when known). Returns 0 when it may go ahead,
   * else the whole seconds to wait; a refused attempt is not recorded, so waiting is always enough.
   */
  attempt(address: string, userName?: string): number;
  /** Keys tracked now (for tests and the limits script). */
  size(): number;
}

/**
 * The key an address is counted under: IPv4-mapped IPv6 as plain IPv4, other IPv6 by its /64 (one
 * machine is usually handed a whole /64, so counting single IPv6 addresses would be no limit at all).
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return `ip:${mapped[1]}`;
  if (net.isIPv6(address)) return `ip6:${expandIPv6(address).slice(0, 4).join(':')}`;
  return `ip:${address}`;
}

function expandIPv6(address: string): string[] {
  const [head = '', tail] = address.split('%', 1)[0]?.split('::') ?? [''];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array(Math.max(0, 8 - left.length - right.length)).fill('0');
  return [...left, ...fill, ...right].map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''));
}

export function createLoginLimiter(o: LoginLimitOptions = {}): LoginLimiter {
  const limit = o.limit ?? 10;
  const windowMs = o.windowMs ?? 60_000;
  const maxKeys = o.maxKeys ?? 10_000;
  const now = o.now ?? Date.now;
  /** Key → times of its attempts still inside the window, oldest first; Map order is least recently seen first. */
  const seen = new Map<string, number[]>();

  const recent = (key: string, t: number): number[] => {
    const times = (seen.get(key) ?? []).filter((x) => x > t - windowMs);
    // Re-inserting moves the key to the most recently seen end.
    seen.delete(key);
    return times;
  };
  const keep = (key: string, times: number[]) => {
    if (times.length === 0) return;
    seen.set(key, times);
    while (seen.size > maxKeys) {
      const oldest = seen.keys().next().value as string;
      seen.delete(oldest);
    }
  };

  return {
    attempt(address, userName) {
      const t = now();
      // Keys nobody has used for a window are dropped from the least recently seen end, a few per call.
      for (const [k, times] of seen) {
        if ((times.at(-1) ?? 0) > t - windowMs) break;
        seen.delete(k);
      }
      const keys = [addressKey(address)];
      const name = userName?.trim().toLowerCase();
      if (name) keys.push(`user:${name.slice(0, 64)}`);
      const lists = keys.map((k) => recent(k, t));
      const full = lists.filter((l) => l.length >= limit);
      const allowed = full.length === 0;
      for (const [i, k] of keys.entries()) keep(k, allowed ? [...(lists[i] as number[]), t] : (lists[i] as number[]));
      if (allowed) return 0;
      // Free again when the oldest attempt that counts against the fullest key leaves the window.
      const until = Math.max(...full.map((l) => (l[l.length - limit] as number) + windowMs));
      return Math.max(1, Math.ceil((until - t) / 1000));
    },
    size: () => seen.size,
  };
}
