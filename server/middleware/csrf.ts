import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { Database } from '../../db/connection.ts';
import { serverSecret } from '../../db/secrets.ts';
import { TermbridgeError } from '../../glossary/errors.ts';
import { readCookies } from '../auth/cookies.ts';
import { authLocals } from './session.ts';

const CSRF_HEADER = 'x-csrf-token';
const CSRF_FIELD = '_csrf';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Cross-site request forgery protection (design: docs/security.md).
 *
 * Tokens are HMAC(server secret, binding) where the binding is the session (logged in) or a
 * random anonymous cookie (not logged in): a signed double-submit that needs no server state
 * per form, and that a page on another site can neither read nor compute.
 *
 * Every unsafe request (POST/PUT/PATCH/DELETE, read-only POSTs included) is checked:
 * 1. a browser's own word that it is cross-site — `Sec-Fetch-Site: cross-site|same-site`, or
 *    an `Origin` that is not this host (or is "null") — is refused outright;
 * 2. a request that comes from a browser — it carries our cookies, an Origin or Sec-Fetch-Site
 *    — must carry the token: form field `_csrf`, header `x-csrf-token` (fetch calls, from
 *    <meta name="csrf-token">) or query `_csrf`. A multipart upload whose token sits inside
 *    the body (not parsed here) passes when the browser vouches it is same-origin instead.
 * Requests with none of those marks (curl, scripts, tests) carry no ambient credential a
 * forger could borrow — no cookie means no session — so they need no token.
 */
export function csrfProtection(db: Database): RequestHandler {
  const secret = serverSecret(db, 'csrf');
  const sign = (binding: string) => createHmac('sha256', secret).update(binding).digest('base64url');

  return (req, res, next) => {
    const locals = authLocals(res);
    // Lazily computed: most requests (API reads, static files) never render a form.
    let memo: { binding: string; token: string } | undefined;
    const token = (): string => {
      const binding = locals.csrfBinding;
      if (!binding) return '';
      if (memo?.binding !== binding) memo = { binding, token: sign(binding) };
      return memo.token;
    };
    Object.defineProperty(res.locals, 'csrfToken', { configurable: true, enumerable: true, get: token, set: () => {} });
    if (!UNSAFE.has(req.method)) return next();

    const site = req.get('sec-fetch-site');
    const origin = req.get('origin');
    if ((site && site !== 'same-origin' && site !== 'none') || (origin !== undefined && !sameHost(origin, req))) {
      return next(forbidden('This request came from another site.'));
    }
    const cookies = readCookies(req);
    const fromBrowser = Object.keys(cookies).length > 0 || origin !== undefined || site !== undefined;
    if (!fromBrowser) return next();

    const sent = submittedToken(req);
    if (sent === undefined && req.is('multipart/form-data') && (site === 'same-origin' || origin !== undefined)) return next();
    if (sent === undefined) return next(forbidden('The form is missing its security token. Reload the page and try again.'));
    const expected = locals.csrfBinding ? sign(locals.csrfBinding) : undefined;
    if (!expected || !equal(sent, expected)) {
      return next(forbidden('The form has expired or did not come from this site. Reload the page and try again.'));
    }
    next();
  };
}

function submittedToken(req: Request): string | undefined {
  const header = req.get(CSRF_HEADER);
  if (header) return header;
  const body = req.body as Record<string, unknown> | undefined;
  if (body && typeof body === 'object' && typeof body[CSRF_FIELD] === 'string') return body[CSRF_FIELD] as string;
  const query = req.query[CSRF_FIELD];
  return typeof query === 'string' ? query : undefined;
}

function sameHost(origin: string, req: Request): boolean {
  if (origin === 'null') return false;
  try {
    return new URL(origin).host === req.host;
  } catch {
    return false;
  }
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const forbidden = (message: string) => new TermbridgeError('csrf-failed', message);
