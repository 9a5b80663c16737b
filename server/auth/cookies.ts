import type { CookieOptions, Request } from 'express';
import type { Config } from '../config.ts';

export const SESSION_COOKIE = 'tb_session';
/** a random value identifying an anonymous browser, only to bind its CSRF tokens to */
export const ANON_COOKIE = 'tb_anon';

/** The request's cookies (no cookie-parser: two cookies do not need a dependency). */
export function readCookies(req: Request): Record<string, string> {
  const cached = (req as Request & { cookies?: Record<string, string> }).cookies;
  if (cached) return cached;
  const out: Record<string, string> = {};
  const header = req.headers.cookie;
  if (header) {
    for (const part of header.split(';')) {
      const eq = part.indexOf('=');
      if (eq < 0) continue;
      const name = part.slice(0, eq).trim();
      if (!name || name in out) continue; // the first one wins, as browsers send the most specific first
      let value = part.slice(eq + 1).trim();
      if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
      try {
        out[name] = decodeURIComponent(value);
      } catch {
        out[name] = value;
      }
    }
  }
  (req as Request & { cookies?: Record<string, string> }).cookies = out;
  return out;
}

/**
 * Every cookie we set: invisible to page scripts (httpOnly), not sent on cross-site
 * sub-requests or form posts (SameSite=Lax, which still lets a link from elsewhere arrive
 * logged in), and Secure when the request came over https (or always/never by config).
 */
export function cookieOptions(req: Request, config: Pick<Config, 'secureCookies'>, maxAgeMs?: number): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies === 'auto' ? req.secure : config.secureCookies,
    path: '/',
    ...(maxAgeMs === undefined ? {} : { maxAge: maxAgeMs }),
  };
}
