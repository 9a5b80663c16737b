import { randomBytes } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Database } from '../../db/connection.ts';
import { type Session, SessionRepository } from '../../db/sessions.ts';
import { type Role, roleAtLeast } from '../../db/users.ts';
import { ANON_COOKIE, cookieOptions, readCookies, SESSION_COOKIE } from '../auth/cookies.ts';
import type { Config } from '../config.ts';

/** What every later middleware and route can read from res.locals. */
export interface AuthLocals {
  /** the logged-in user as views and actorOf() expect it; undefined when anonymous */
  user?: { name: string; role: Role };
  session?: Session;
  /** the role this request acts with: the user's, else what anonymous users may do (null: nothing) */
  role: Role | null;
  /** the value CSRF tokens of this browser are bound to (session or anonymous cookie) */
  csrfBinding?: string;
}

export function authLocals(res: Response): AuthLocals {
  return res.locals as unknown as AuthLocals;
}

function anonymousRole(config: Pick<Config, 'anonymous'>): Role | null {
  return config.anonymous === 'none' ? null : config.anonymous;
}

export function sessionRepository(db: Database, config: Pick<Config, 'sessionIdleHours'>): SessionRepository {
  return new SessionRepository(db, { idleMs: config.sessionIdleHours * 3600_000 });
}

/** Pages (not the API, not static files) get an anonymous cookie so their forms can carry CSRF tokens. */
const wantsAnonCookie = (req: Request) =>
  (req.method === 'GET' || req.method === 'HEAD') && !req.path.startsWith('/api/') && req.path !== '/healthz';

/**
 * Who is asking: reads the session cookie, sets res.locals.user = {name, role} (the layout's
 * account partial and actorOf() read it) and res.locals.role, the effective role. Logging in
 * never lowers what someone may do: a viewer account in anonymous-editor mode still edits.
 */
export function authenticate(db: Database, config: Config): RequestHandler {
  const sessions = sessionRepository(db, config);
  const anonRole = anonymousRole(config);
  return (req, res, next) => {
    const cookies = readCookies(req);
    const locals = authLocals(res);
    const token = cookies[SESSION_COOKIE];
    const session = token ? sessions.find(token) : undefined;
    if (session) {
      locals.session = session;
      locals.user = { name: session.user.name, role: session.user.role };
      locals.role = anonRole && roleAtLeast(anonRole, session.user.role) ? anonRole : session.user.role;
      locals.csrfBinding = `session:${session.tokenHash}`;
      // What a logged-in user sees (their name, their token) must not sit in a shared cache.
      res.set('Cache-Control', 'private, no-cache');
    } else {
      if (token) res.clearCookie(SESSION_COOKIE, cookieOptions(req, config));
      locals.role = anonRole;
      let anon = cookies[ANON_COOKIE];
      if (anon && !/^[\w-]{20,100}$/.test(anon)) anon = undefined;
      if (!anon && wantsAnonCookie(req)) {
        anon = randomBytes(24).toString('base64url');
        cookies[ANON_COOKIE] = anon;
        // A year: it carries no authority, it only ties form tokens to this browser.
        res.cookie(ANON_COOKIE, anon, cookieOptions(req, config, 365 * 24 * 3600_000));
      }
      if (anon) locals.csrfBinding = `anon:${anon}`;
    }
    res.locals.can = { edit: roleAtLeast(locals.role, 'editor'), admin: roleAtLeast(locals.role, 'admin') };
    next();
  };
}
