/**
 * Password hashes with scrypt from node:crypto: memory-hard (so a stolen ledger file cannot be guessed
 * at GPU speed), built into Node and Electron (no native binding to ship for Windows, Linux x64 and
 * arm64). Each hash carries its own random salt and its cost parameters, so the cost can be raised
 * later and old hashes still verify.
 */
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

/** One of OWASP's scrypt settings: 64 MiB per hash, a few tenths of a second at a login. */
export const DEFAULT_COST = { N: 2 ** 16, r: 8, p: 2 };
let COST = DEFAULT_COST;

/**
 * Tests log in hundreds of times on a shared machine; they hash at a low cost. Verification reads the
 * cost from each hash, so the code paths are the same.
 */
export function cheapHashesForTests(): void {
  COST = { N: 2 ** 10, r: 8, p: 1 };
}
const KEY_BYTES = 32;
const SALT_BYTES = 16;

function derive(password: string, salt: Buffer, o: { N: number; r: number; p: number }, bytes = KEY_BYTES): Promise<Buffer> {
  // maxmem must exceed 128·N·r (Node's default 32 MiB is exactly that at N = 2^15).
  const options: ScryptOptions = { ...o, maxmem: 256 * o.N * o.r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, bytes, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64. */
export async function hashPassword(password: string, cost = COST): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  // A tampered row must not make us allocate gigabytes.
  if (![params.N, params.r, params.p].every(Number.isSafeInteger) || params.N > 2 ** 20 || params.r > 32 || params.p > 16) return false;
  const expected = Buffer.from(hash, 'base64');
  if (expected.length < 16 || expected.length > 128) return false;
  const key = await derive(password, Buffer.from(salt, 'base64'), params, expected.length);
  return timingSafeEqual(key, expected);
}

/** A hash of no one's password: an unknown user name costs the same time as a wrong password. */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(18).toString('base64'));
  return decoy;
}
