import { TermbridgeError } from '../glossary/errors.ts';
import { AuditLog } from './audit.ts';
import type { Database } from './connection.ts';

/** Roles in increasing power: a viewer reads, an editor also writes, an admin also manages accounts. */
export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function roleAtLeast(role: Role | null | undefined, needed: Role): boolean {
  return role != null && ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

export interface User {
  id: number;
  name: string;
  role: Role;
  /** the account's interface language (a server/i18n locale), null to follow the browser */
  uiLocale: string | null;
  createdAt: string;
  updatedAt: string;
}

interface UserRow {
  id: number;
  name: string;
  role: Role;
  password_hash: string;
  ui_locale: string | null;
  created_at: string;
  updated_at: string;
}

const toUser = (r: UserRow): User => ({
  id: r.id,
  name: r.name,
  role: r.role,
  uiLocale: r.ui_locale,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Account names: what people type at the login form, shown in every audit line. */
function userNameProblem(name: string): string | null {
  if (!name.trim()) return 'a user name is required';
  if (name !== name.trim()) return 'a user name cannot start or end with spaces';
  if (name.length > 64) return 'a user name may have at most 64 characters';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'a user name cannot contain control characters';
  if (/[/?#%\\]/.test(name)) return 'a user name cannot contain / ? # % or \\';
  if (name === 'anonymous' || name.includes(':')) return `"${name}" is reserved`;
  return null;
}

/**
 * Accounts. Password hashes are computed by the caller (server/auth/passwords.ts, async
 * scrypt) and stored here as opaque strings. Every change is written to the audit log in
 * the same transaction; a changed password or role, or a removed account, ends its sessions.
 */
export class UserRepository {
  readonly #db: Database;
  readonly #audit: AuditLog;
  readonly #stmt;

  constructor(db: Database) {
    this.#db = db;
    this.#audit = new AuditLog(db);
    this.#stmt = {
      count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users'),
      list: db.prepare<[], UserRow>('SELECT * FROM users ORDER BY name'),
      byName: db.prepare<[string], UserRow>('SELECT * FROM users WHERE name = ?'),
      byId: db.prepare<[number], UserRow>('SELECT * FROM users WHERE id = ?'),
      insert: db.prepare('INSERT INTO users (name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?)'),
      setRole: db.prepare('UPDATE users SET role = ?, updated_at = ? WHERE id = ?'),
      setUiLocale: db.prepare('UPDATE users SET ui_locale = ?, updated_at = ? WHERE id = ?'),
      setHash: db.prepare('UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?'),
      remove: db.prepare('DELETE FROM users WHERE id = ?'),
      endSessions: db.prepare('DELETE FROM sessions WHERE user_id = ?'),
      admins: db.prepare<[], { n: number }>("SELECT count(*) AS n FROM users WHERE role = 'admin'"),
    };
  }

  count(): number {
    return this.#stmt.count.get()!.n;
  }

  list(): User[] {
    return this.#stmt.list.all().map(toUser);
  }

  get(id: number): User | undefined {
    const row = this.#stmt.byId.get(id);
    return row && toUser(row);
  }

  /** The account with this name (case-insensitive), or undefined. */
  byName(name: string): User | undefined {
    const row = this.#stmt.byName.get(name);
    return row && toUser(row);
  }

  /** The stored password hash, for login only. */
  passwordHash(name: string): { user: User; hash: string } | undefined {
    const row = this.#stmt.byName.get(name);
    return row && { user: toUser(row), hash: row.password_hash };
  }

  create(input: { name: string; role: Role; passwordHash: string }, actor: string): User {
    const problem = userNameProblem(input.name);
    if (problem) throw new TermbridgeError('invalid-input', problem);
    if (!ROLES.includes(input.role)) throw new TermbridgeError('invalid-input', `the role must be one of ${ROLES.join(', ')}`);
    return this.#db.transaction(() => {
      if (this.#stmt.byName.get(input.name)) throw new TermbridgeError('user-exists', `There is already a user "${input.name}".`);
      const at = new Date().toISOString();
      const { lastInsertRowid } = this.#stmt.insert.run(input.name, input.role, input.passwordHash, at, at);
      const user = this.get(Number(lastInsertRowid))!;
      this.#audit.record({
        actor,
        action: 'user-add',
        target: user.name,
        summary: `added ${user.name} (${user.role})`,
        after: { role: user.role },
      });
      return user;
    })();
  }

  setRole(name: string, role: Role, actor: string): User {
    if (!ROLES.includes(role)) throw new TermbridgeError('invalid-input', `the role must be one of ${ROLES.join(', ')}`);
    return this.#db.transaction(() => {
      const user = this.#require(name);
      if (user.role === role) return user;
      this.#keepAnAdmin(user, role);
      this.#stmt.setRole.run(role, new Date().toISOString(), user.id);
      this.#stmt.endSessions.run(user.id);
      this.#audit.record({
        actor,
        action: 'user-role',
        target: user.name,
        summary: `${user.name}: ${user.role} → ${role}`,
        before: { role: user.role },
        after: { role },
      });
      return this.get(user.id)!;
    })();
  }

  /**
   * The account's interface language (null: follow the browser). The caller checks it is one of
   * the interface languages (server/i18n knows them). Not audited: a display preference changes
   * nothing anyone else sees or may do.
   */
  setUiLocale(name: string, uiLocale: string | null): User {
    const user = this.#require(name);
    this.#stmt.setUiLocale.run(uiLocale, new Date().toISOString(), user.id);
    return this.get(user.id)!;
  }

  setPasswordHash(name: string, passwordHash: string, actor: string): void {
    this.#db.transaction(() => {
      const user = this.#require(name);
      this.#stmt.setHash.run(passwordHash, new Date().toISOString(), user.id);
      this.#stmt.endSessions.run(user.id);
      // The hash itself never enters the audit log.
      this.#audit.record({ actor, action: 'user-password', target: user.name, summary: `changed the password of ${user.name}` });
    })();
  }

  remove(name: string, actor: string): void {
    this.#db.transaction(() => {
      const user = this.#require(name);
      this.#keepAnAdmin(user, null);
      this.#stmt.remove.run(user.id);
      this.#audit.record({ actor, action: 'user-remove', target: user.name, summary: `removed ${user.name}`, before: { role: user.role } });
    })();
  }

  #require(name: string): User {
    const user = this.byName(name);
    if (!user) throw new TermbridgeError('user-not-found', `There is no user "${name}".`);
    return user;
  }

  /** The last admin cannot demote or remove themselves out of existence. */
  #keepAnAdmin(user: User, newRole: Role | null): void {
    if (user.role === 'admin' && newRole !== 'admin' && this.#stmt.admins.get()!.n <= 1) {
      throw new TermbridgeError('last-admin', 'This is the only admin; make someone else admin first.');
    }
  }
}
