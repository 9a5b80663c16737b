import type { Request, RequestHandler } from 'express';
import { type Role, roleAtLeast } from '../../db/users.ts';
import { TermbridgeError } from '../../glossary/errors.ts';
import { isDryRunQuery } from '../schemas/flags.ts';
import { authLocals } from './session.ts';

/**
 * What a request needs, decided in one place for every route — also the routes other features
 * add later, which are writes unless listed here:
 * - `public`: anyone, even when anonymous access is `none` (log in, static files, health);
 * - `read`:   GET/HEAD/OPTIONS, and the POSTs below that only compute an answer;
 * - `write`:  every other POST/PUT/PATCH/DELETE (concepts, imports, candidate decisions,
 *             reverts…) — an editor;
 * - `admin`:  user administration, any method;
 * - `account`: one's own account (change my password): any logged-in user, whatever the role.
 */
export type Access = 'public' | 'account' | 'read' | 'write' | 'admin';

interface Rule {
  path: RegExp;
  /**
   * further condition on the request (a dry-run flag) when the path alone is not enough; it may
   * read a parsed JSON or form body (the policy runs after the body parsers), never a multipart one
   */
  when?: (req: Request) => boolean;
}

/**
 * READ-ONLY POSTS: requests that use POST only because their input (a document, a pair of
 * documents, a long query) is too big for a URL, and that change nothing in the database.
 * Anonymous viewers may send them. Adding a route here is a security decision: it must not
 * write, and it still goes through CSRF checks like every POST.
 */
const READ_ONLY_POSTS: Rule[] = [
  { path: /^\/api\/lookup$/ }, // lookup with a long query
  { path: /^\/api\/highlight$/ }, // highlight a posted document
  { path: /^\/api\/align$/ }, // align two posted documents
  { path: /^\/review$/ }, // the review page's form: highlight a pasted/uploaded document
  { path: /^\/align$/ }, // the alignment page's form
  // candidate terms from a posted document, when the JSON body asks not to store them
  { path: /^\/api\/candidates\/extract$/, when: (req) => (req.body as { store?: unknown } | undefined)?.store === false },
  // import previews (?dryRun=1 in the URL: a multipart body is not read before the route, and
  // both import routes force a dry run when the URL says so): parse and report, write nothing
  { path: /^\/(api\/)?import$/, when: (req) => isDryRunQuery(req) },
];

/** Reachable by anyone, whatever TERMBRIDGE_ANONYMOUS says. */
const PUBLIC: Rule[] = [
  { path: /^\/login$/ },
  { path: /^\/logout$/ },
  { path: /^\/api\/session$/ },
  { path: /^\/static\// },
  { path: /^\/healthz$/ },
  { path: /^\/favicon\.ico$/ },
];

/** One's own account: logged in, any role (even when anonymous visitors may edit). */
const ACCOUNT: Rule[] = [{ path: /^\/account(\/|$)/ }];

/** User administration: admins only, reading included (the list names every account). */
const ADMIN: Rule[] = [{ path: /^\/(api\/)?users(\/|$)/ }];

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Express matches routes case-insensitively and ignores a trailing slash (`/USERS/` reaches the
 * /users router), so the policy compares the lower-cased path: a rule must never be dodged by
 * spelling a path differently from the way the router accepts it.
 */
const policyPath = (req: Request) => req.path.toLowerCase();
const matches = (rules: Rule[], req: Request) => rules.some((r) => r.path.test(policyPath(req)) && (!r.when || r.when(req)));

export function accessFor(req: Request): Access {
  if (matches(PUBLIC, req)) return 'public';
  if (matches(ADMIN, req)) return 'admin';
  if (matches(ACCOUNT, req)) return 'account';
  if (SAFE_METHODS.has(req.method)) return 'read';
  if (req.method === 'POST' && matches(READ_ONLY_POSTS, req)) return 'read';
  return 'write';
}

const NEEDED: Record<Exclude<Access, 'public' | 'account'>, Role> = { read: 'viewer', write: 'editor', admin: 'admin' };

/** Does this client want JSON rather than a page? The API always does. */
export function wantsJson(req: Request): boolean {
  const path = policyPath(req);
  return path.startsWith('/api/') || path.endsWith('.json') || !req.accepts('html');
}

/**
 * Enforce the table above. Anonymous and not allowed → 401 (JSON) or a redirect to the login
 * page (pages); logged in but not allowed → 403.
 */
export function accessPolicy(): RequestHandler {
  return (req, res, next) => {
    const access = accessFor(req);
    if (access === 'public') return next();
    const locals = authLocals(res);
    if (access === 'account' ? locals.user !== undefined : roleAtLeast(locals.role, NEEDED[access])) return next();
    if (locals.user) {
      const what = access === 'admin' ? 'Only an admin may do this.' : 'Your account may look things up but not change them.';
      return next(new TermbridgeError('forbidden', what));
    }
    if (wantsJson(req)) {
      return next(new TermbridgeError('login-required', 'Log in to do this.'));
    }
    // Back to this page after login; a form post cannot be replayed, so go back to where it came from.
    const back = req.method === 'GET' ? req.originalUrl : refererPath(req);
    res.redirect(303, `/login?next=${encodeURIComponent(back)}`);
  };
}

function refererPath(req: Request): string {
  try {
    const url = new URL(req.get('referer') ?? '');
    if (url.host === req.host) return url.pathname + url.search;
  } catch {}
  return '/';
}
