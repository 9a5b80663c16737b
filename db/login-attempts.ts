import type { Database } from './connection.ts';

/**
 * Failed logins, counted in SQLite so that a restart does not reset the count. Two keys per
 * failure: "account|address" stops guessing one account's password from one place, and the
 * address alone (with a larger allowance) stops trying one password against many accounts.
 * A success clears the account|address count.
 */
export class LoginThrottle {
  readonly #stmt;
  readonly maxFailures: number;
  readonly windowMs: number;
  /** the per-address allowance, across all account names */
  readonly maxPerAddress: number;

  constructor(db: Database, options: { maxFailures: number; windowMs: number }) {
    this.maxFailures = options.maxFailures;
    this.windowMs = options.windowMs;
    this.maxPerAddress = options.maxFailures * 10;
    this.#stmt = {
      insert: db.prepare('INSERT INTO login_failures (key, at) VALUES (?, ?)'),
      recent: db.prepare<[string, number], { n: number; first: number | null }>(
        'SELECT count(*) AS n, min(at) AS first FROM login_failures WHERE key = ? AND at > ?',
      ),
      clear: db.prepare('DELETE FROM login_failures WHERE key = ?'),
      purge: db.prepare('DELETE FROM login_failures WHERE at <= ?'),
      forgiveOne: db.prepare(
        'DELETE FROM login_failures WHERE rowid IN (SELECT rowid FROM login_failures WHERE key = ? AND at = ? LIMIT 1)',
      ),
    };
  }

  static accountKey(name: string, address: string): string {
    return `${name.trim().toLowerCase()}|${address}`;
  }

  /** Milliseconds until another attempt is allowed; 0 when a login may be tried now. */
  retryAfterMs(name: string, address: string, now = Date.now()): number {
    const since = now - this.windowMs;
    let wait = 0;
    for (const [key, max] of [
      [LoginThrottle.accountKey(name, address), this.maxFailures],
      [address, this.maxPerAddress],
    ] as const) {
      const { n, first } = this.#stmt.recent.get(key, since)!;
      if (n >= max && first !== null) wait = Math.max(wait, first + this.windowMs - now);
    }
    return Math.max(0, wait);
  }

  recordFailure(name: string, address: string, now = Date.now()): void {
    this.#stmt.purge.run(now - this.windowMs);
    this.#stmt.insert.run(LoginThrottle.accountKey(name, address), now);
    this.#stmt.insert.run(address, now);
  }

  /**
   * Count an attempt as a failure before its password is checked, and return the reservation.
   * The check is asynchronous (scrypt): recording only after it let 40 parallel guesses all
   * pass the limit. A success hands the reservation back to recordSuccess().
   */
  reserve(name: string, address: string, now = Date.now()): number {
    this.recordFailure(name, address, now);
    return now;
  }

  /** Clears the account|address count, and takes back the address-wide failure a reservation added. */
  recordSuccess(name: string, address: string, reservedAt?: number): void {
    this.#stmt.clear.run(LoginThrottle.accountKey(name, address));
    if (reservedAt !== undefined) this.#stmt.forgiveOne.run(address, reservedAt);
  }
}
