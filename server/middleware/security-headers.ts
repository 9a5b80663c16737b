import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { Config } from '../config.ts';

/**
 * Response headers that make an injected script inert even if escaping ever failed: a strict
 * Content-Security-Policy (only our own files run, no inline script or style, no plugins, no
 * framing, forms post only here), plus helmet's other defaults (nosniff, no referrer leaks to
 * other sites, …). Every page script is a static file under /static, so nothing needs
 * 'unsafe-inline' or a nonce. HSTS only when the site is declared https-only: on plain http
 * (the desktop default) it would be ignored, and on a misconfigured proxy it would lock users out.
 */
const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
};

export function securityHeaders(config: Pick<Config, 'secureCookies'>): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    strictTransportSecurity: config.secureCookies === true ? { maxAge: 180 * 24 * 3600, includeSubDomains: false } : false,
    referrerPolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  });
}
