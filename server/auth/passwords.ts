import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Password hashing with scrypt (memory-hard, in node:crypto, no native add-on). The stored
 * form names its own parameters — `scrypt$N$r$p$salt$hash` in base64 — so the cost can be
 * raised later without invalidating existing hashes. The async scrypt runs on libuv's thread
 * pool, so a login does not stall lookups on the event loop.
 */
const COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** scrypt needs 128·N·r bytes; allow twice that so stronger stored parameters still verify */
const maxmemFor = (N: number, r: number) => 256 * N * r + 1024 * 1024;

/** longer passwords are refused rather than hashed: a 10 MB "password" is a denial of service */
export const MAX_PASSWORD_LENGTH = 1024;
const MIN_PASSWORD_LENGTH = 8;

function derive(password: string, salt: Buffer, N: number, r: number, p: number, bytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, bytes, { N, r, p, maxmem: maxmemFor(N, r) }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/**
 * A fresh salt per password, so equal passwords get different hashes. `cost` is for tests
 * only (test accounts with a cheap hash log in quickly; verification reads the parameters from
 * the stored hash); every account the product creates uses the default.
 */
export async function hashPassword(password: string, cost: { N: number; r: number; p: number } = COST): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, cost.N, cost.r, cost.p, KEY_BYTES);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** A well-formed hash nobody's password matches: verifying against it costs the same time. */
let dummyHash: Promise<string> | undefined;

/**
 * Does the password match the stored hash? Compared in constant time. Pass `null` as the hash
 * when there is no such user: the same work is done, so response time does not reveal
 * which account names exist.
 */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  if (!dummyHash) dummyHash = hashPassword(randomBytes(16).toString('hex'));
  const target = stored ?? (await dummyHash);
  const parts = target.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (!Number.isInteger(N) || !Number.isInteger(r) || !Number.isInteger(p) || expected.length < 16) return false;
  const actual = await derive(password, salt, N, r, p, expected.length);
  return timingSafeEqual(actual, expected) && stored !== null;
}

/** Why a new password is refused, as a kind and its limit (pages say it in their language), or null. */
export interface PasswordProblem {
  kind: 'tooShort' | 'tooLong';
  limit: number;
}

export function passwordRule(password: string): PasswordProblem | null {
  if (password.length < MIN_PASSWORD_LENGTH) return { kind: 'tooShort', limit: MIN_PASSWORD_LENGTH };
  if (password.length > MAX_PASSWORD_LENGTH) return { kind: 'tooLong', limit: MAX_PASSWORD_LENGTH };
  return null;
}

/** The same rule in English words, for the CLI and the audit-free paths that speak English. */
export function passwordProblem(password: string): string | null {
  const problem = passwordRule(password);
  if (!problem) return null;
  return problem.kind === 'tooShort'
    ? `a password needs at least ${problem.limit} characters`
    : `a password may have at most ${problem.limit} characters`;
}
