import { networkInterfaces } from 'node:os';
import type { RequestHandler } from 'express';
import type { Config } from '../config.ts';
import { errorBody, errorStatus } from '../../glossary/errors.ts';

/**
 * DNS rebinding: a page on evil.example re-points its own name at 127.0.0.1 and then reads
 * (or, in single-user editor mode, writes) the glossary with the browser's same-origin
 * blessing. The one thing the attacker cannot change is the Host header, which still says
 * evil.example. So only host names we know are answered: localhost, the loopback addresses,
 * the address the server is bound to (every local interface address when it is bound to all),
 * and whatever $TERMBRIDGE_ALLOWED_HOSTS adds. Anything else gets a 421 before any route runs.
 */
function allowedHostNames(config: Pick<Config, 'host' | 'allowedHosts'>): Set<string> {
  const names = new Set(['localhost', '127.0.0.1', '::1', ...config.allowedHosts.map(normaliseHost)]);
  const bound = normaliseHost(config.host);
  if (bound === '0.0.0.0' || bound === '::' || bound === '') {
    for (const list of Object.values(networkInterfaces())) for (const i of list ?? []) names.add(normaliseHost(i.address));
  } else names.add(bound);
  return names;
}

/** `Example.COM.` → `example.com`, `[::1]` → `::1`; no port. */
function normaliseHost(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
}

/** The host name of a Host header value (`name:port`, `[v6]:port`), or null when it is malformed. */
function hostOfHeader(value: string | undefined): string | null {
  if (!value) return null;
  const m = /^(?:\[([0-9a-f:.]+)\]|([^:[\]\s/@]+))(?::\d{1,5})?$/i.exec(value.trim());
  if (!m) return null;
  return normaliseHost(m[1] ?? m[2]!);
}

export function hostCheck(config: Pick<Config, 'host' | 'allowedHosts'>): RequestHandler {
  const allowed = allowedHostNames(config);
  const any = config.allowedHosts.includes('*');
  return (req, res, next) => {
    if (any) return next();
    // req.host is the Host header, or X-Forwarded-Host when trust proxy says the proxy may set it.
    const host = hostOfHeader(req.host);
    if (host !== null && allowed.has(host)) return next();
    res
      .status(errorStatus('host-not-allowed'))
      .json(
        errorBody(
          'host-not-allowed',
          `This server does not answer to the host name "${String(req.host).slice(0, 100)}". Add it to TERMBRIDGE_ALLOWED_HOSTS to allow it.`,
        ),
      );
  };
}
