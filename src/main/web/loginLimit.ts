/**
 * Login rate limit of the server edition (issue #15 "Exposed safely"): at most `limit` attempts at a
 * password (auth.login, auth.setup, auth.changePassword together; see server.ts) per `windowMs` per
 * client address, and per user name for auth.login, on top of the account lockout of
 * issue #14 (which stops guessing one account's password, but not trying one password on every account).
 *
 * Memory is bounded whatever the clients send: at most `maxKeys` keys are tracked (those seen least
 * recently are dropped first) and each holds at most `limit` timestamps.
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
  /**
   * Key → times of its attempts still inside the window, oldest first. Two generations instead of one
   * LRU-ordered map: when the newer one holds half the cap it becomes the older one and the older one
   * is dropped, so the cap holds in O(1) per attempt (walking a Map from its oldest end crosses every
   * entry deleted since, which under a flood made each attempt cost 150 µs).
   */
  let current = new Map<string, number[]>();
  let previous = new Map<string, number[]>();
  const half = Math.max(1, Math.floor(maxKeys / 2));
  let rotatedAt = now();
  let lastAt = Number.NEGATIVE_INFINITY;

  const rotate = (t: number) => {
    previous = current;
    current = new Map();
    rotatedAt = t;
  };
  const recent = (key: string, t: number): number[] => (current.get(key) ?? previous.get(key) ?? []).filter((x) => x > t - windowMs);
  const keep = (key: string, times: number[], t: number) => {
    previous.delete(key);
    if (times.length === 0) {
      current.delete(key);
      return;
    }
    current.set(key, times);
    if (current.size >= half) rotate(t);
  };

  return {
    attempt(address, userName) {
      const t = now();
      if (t - lastAt >= windowMs) {
        // Nothing was tried for a whole window: every attempt held has left it.
        current = new Map();
        previous = new Map();
        rotatedAt = t;
      } else if (t - rotatedAt >= windowMs) rotate(t); // the older generation was last touched a window ago
      lastAt = t;
      const keys = [addressKey(address)];
      const name = userName?.trim().toLowerCase();
      if (name) keys.push(`user:${name.slice(0, 64)}`);
      const lists = keys.map((k) => recent(k, t));
      const full = lists.filter((l) => l.length >= limit);
      const allowed = full.length === 0;
      for (const [i, k] of keys.entries()) keep(k, allowed ? [...(lists[i] as number[]), t] : (lists[i] as number[]), t);
      if (allowed) return 0;
      // Free again when the oldest attempt that counts against the fullest key leaves the window.
      const until = Math.max(...full.map((l) => (l[l.length - limit] as number) + windowMs));
      return Math.max(1, Math.ceil((until - t) / 1000));
    },
    size: () => current.size + previous.size,
  };
}
