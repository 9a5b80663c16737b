import type { Database } from '../../db/connection.ts';
import { type Role, UserRepository } from '../../db/users.ts';
import { hashPassword } from '../../server/auth/passwords.ts';

/**
 * Create an account directly in the database (the CLI and admin pages are tested elsewhere),
 * with a cheap scrypt cost so that the many logins of the tests stay fast; logins verify with
 * the parameters stored in the hash, so the code path is the real one.
 */
export async function addUser(
  db: Database,
  name: string,
  role: Role,
  password = `${name}-password`,
): Promise<{ name: string; password: string }> {
  new UserRepository(db).create({ name, role, passwordHash: await hashPassword(password, { N: 2 ** 10, r: 8, p: 1 }) }, 'test');
  return { name, password };
}

/**
 * A browser-like HTTP client: keeps cookies, reads the CSRF token from the last page's
 * <meta name="csrf-token">, and sends it with form posts and JSON calls like our pages do.
 */
export class Client {
  readonly cookies = new Map<string, string>();
  csrf = '';
  constructor(readonly base: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size && !headers.has('cookie')) headers.set('cookie', this.cookieHeader());
    const res = await fetch(this.base + path, { redirect: 'manual', ...init, headers });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  /** GET a page and remember its CSRF token. */
  async page(path: string): Promise<{ res: Response; html: string }> {
    const res = await this.fetch(path);
    const html = await res.text();
    const m = /<meta name="csrf-token" content="([^"]*)">/.exec(html);
    if (m) this.csrf = m[1]!;
    return { res, html };
  }

  /** POST a form like a browser would, with the page's token unless `token` says otherwise. */
  form(path: string, fields: Record<string, string>, token: string | null = this.csrf): Promise<Response> {
    const body = new URLSearchParams(fields);
    if (token !== null) body.set('_csrf', token);
    return this.fetch(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  }

  /** A JSON call like our page scripts make: header x-csrf-token from the meta tag. */
  json(method: string, path: string, body?: unknown, token: string | null = this.csrf): Promise<Response> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (token !== null) headers['x-csrf-token'] = token;
    return this.fetch(path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  }

  async login(name: string, password: string): Promise<Response> {
    await this.page('/login');
    const res = await this.form('/login', { name, password });
    await this.page('/');
    return res;
  }
}
