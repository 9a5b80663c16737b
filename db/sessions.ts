import { createHash, randomBytes } from 'node:crypto';
import type { Database } from './connection.ts';
import type { Role } from './users.ts';

/** What a request learns from a valid session cookie. */
export interface SessionUser {
  id: number;
  name: string;
  role: Role;
  /** the account's interface language, null to follow the browser */
  uiLocale: string | null;
}

export interface Session {
  /** the SHA-256 of the cookie token: the key in the table, never sent to the browser */
  tokenHash: string;
  user: SessionUser;
  createdAt: string;
  expiresAt: string;
}

interface SessionRow {
  token_hash: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  user_id: number;
  name: string;
  role: Role;
  ui_locale: string | null;
}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url');

/** Touching a session on every request would make every lookup a write; once a minute is enough. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Login sessions in SQLite, so that they survive a restart and several processes agree.
 * The browser holds a random 256-bit token; the table holds its hash. A session expires after
 * `idleMs` without use (sliding), and always after `maxAgeMs`.
 */
export class SessionRepository {
  readonly #stmt;
  readonly idleMs: number;
  readonly maxAgeMs: number;

  constructor(db: Database, options: { idleMs: number; maxAgeMs?: number }) {
    this.idleMs = options.idleMs;
    this.maxAgeMs = options.maxAgeMs ?? Math.max(options.idleMs, 30 * 24 * 3600_000);
    this.#stmt = {
      insert: db.prepare(
        `INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, ip, user_agent)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      find: db.prepare<[string], SessionRow>(
        `SELECT s.token_hash, s.created_at, s.last_seen_at, s.expires_at, u.id AS user_id, u.name, u.role, u.ui_locale
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`,
      ),
      touch: db.prepare('UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE token_hash = ?'),
      remove: db.prepare('DELETE FROM sessions WHERE token_hash = ?'),
      removeForUser: db.prepare('DELETE FROM sessions WHERE user_id = ?'),
      purge: db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
    };
  }

  /** Start a session; returns the token for the cookie (the only time it exists in clear). */
  create(userId: number, meta: { ip?: string | undefined; userAgent?: string | undefined } = {}): { token: string; session: Session } {
    const token = randomBytes(32).toString('base64url');
    const now = Date.now();
    const at = new Date(now).toISOString();
    const expires = new Date(now + this.idleMs).toISOString();
    this.#stmt.purge.run(at);
    this.#stmt.insert.run(hashToken(token), userId, at, at, expires, meta.ip ?? null, meta.userAgent?.slice(0, 300) ?? null);
    return { token, session: this.find(token)! };
  }

  /** The live session for a cookie token, extended on use; undefined when unknown or expired. */
  find(token: string): Session | undefined {
    if (!token || token.length > 100) return undefined;
    const key = hashToken(token);
    const row = this.#stmt.find.get(key);
    if (!row) return undefined;
    const now = Date.now();
    const expires = Date.parse(row.expires_at);
    const absoluteEnd = Date.parse(row.created_at) + this.maxAgeMs;
    if (expires <= now || absoluteEnd <= now) {
      this.#stmt.remove.run(key);
      return undefined;
    }
    let expiresAt = row.expires_at;
    if (now - Date.parse(row.last_seen_at) > TOUCH_EVERY_MS) {
      expiresAt = new Date(Math.min(now + this.idleMs, absoluteEnd)).toISOString();
      this.#stmt.touch.run(new Date(now).toISOString(), expiresAt, key);
    }
    return {
      tokenHash: key,
      user: { id: row.user_id, name: row.name, role: row.role, uiLocale: row.ui_locale },
      createdAt: row.created_at,
      expiresAt,
    };
  }

  /** Log out: the token stops working at once. */
  end(token: string): void {
    this.#stmt.remove.run(hashToken(token));
  }

  endAllFor(userId: number): void {
    this.#stmt.removeForUser.run(userId);
  }
}
