import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  dbPath: string;
  /** largest request body (JSON, forms, uploads) in bytes */
  maxBodyBytes: number;
  /**
   * What someone who has not logged in may do ($TERMBRIDGE_ANONYMOUS): `viewer` (default:
   * look up, review, align, export — every read, no write), `none` (everything needs a login),
   * `editor` (single-user desktop mode: every write except user administration, no login).
   */
  anonymous: AnonymousAccess;
  /**
   * Mark cookies `Secure` ($TERMBRIDGE_SECURE_COOKIES): `auto` (default) when the request came
   * over https (as Express sees it, so behind a proxy set trustProxy too), or always/never.
   */
  secureCookies: 'auto' | boolean;
  /** Express `trust proxy` ($TERMBRIDGE_TRUST_PROXY): false, true, a hop count or a subnet list */
  trustProxy: boolean | number | string;
  /** a session ends after this long without a request ($TERMBRIDGE_SESSION_HOURS, default 7 days) */
  sessionIdleHours: number;
  /** requests per minute and client address on /api/* ($TERMBRIDGE_API_RATE_LIMIT); 0 = no limit */
  apiRateLimitPerMinute: number;
  /**
   * anonymous requests per minute and address to the expensive endpoints — review, align,
   * extraction, import previews ($TERMBRIDGE_EXPENSIVE_RATE_LIMIT, default 20); 0 = no limit
   */
  expensiveRateLimitPerMinute: number;
  /** failed logins per account and address within loginWindowMinutes before logins are refused */
  loginMaxFailures: number;
  loginWindowMinutes: number;
  /**
   * host names answered besides localhost, the loopback addresses and the bound address
   * ($TERMBRIDGE_ALLOWED_HOSTS, comma-separated; `*` turns the check off): DNS rebinding defence
   */
  allowedHosts: string[];
}

export const ANONYMOUS_ACCESS = ['none', 'viewer', 'editor'] as const;
export type AnonymousAccess = (typeof ANONYMOUS_ACCESS)[number];

const DEFAULT_DB_PATH = './data/termbase.sqlite';

/** The database path every entry point uses: --db, else $TERMBASE_DB, else ./data/termbase.sqlite. */
export function resolveDbPath(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  const path = flag ?? env.TERMBASE_DB ?? DEFAULT_DB_PATH;
  return path === ':memory:' ? path : resolve(path);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = env.PORT === undefined ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dbPath: resolveDbPath(undefined, env),
    maxBodyBytes: 10 * 1024 * 1024 + 64 * 1024,
    ...securityConfig(env),
  };
}

type SecurityConfig = Pick<
  Config,
  | 'anonymous'
  | 'secureCookies'
  | 'trustProxy'
  | 'sessionIdleHours'
  | 'apiRateLimitPerMinute'
  | 'expensiveRateLimitPerMinute'
  | 'loginMaxFailures'
  | 'loginWindowMinutes'
  | 'allowedHosts'
>;

/** The account and hardening settings from the environment; a bad value stops the start. */
function securityConfig(env: NodeJS.ProcessEnv = process.env): SecurityConfig {
  const anonymous = (env.TERMBRIDGE_ANONYMOUS ?? 'viewer').trim().toLowerCase();
  if (!(ANONYMOUS_ACCESS as readonly string[]).includes(anonymous)) {
    throw new Error(`TERMBRIDGE_ANONYMOUS must be one of ${ANONYMOUS_ACCESS.join(', ')}, not "${env.TERMBRIDGE_ANONYMOUS}"`);
  }
  const secure = (env.TERMBRIDGE_SECURE_COOKIES ?? 'auto').trim().toLowerCase();
  const bool = (v: string) => (['1', 'true', 'yes', 'on'].includes(v) ? true : ['0', 'false', 'no', 'off'].includes(v) ? false : null);
  const secureCookies = secure === 'auto' ? 'auto' : bool(secure);
  if (secureCookies === null) throw new Error(`TERMBRIDGE_SECURE_COOKIES must be auto, true or false, not "${secure}"`);
  const proxy = env.TERMBRIDGE_TRUST_PROXY?.trim();
  // Digits are a hop count (Express: "1" = trust the first proxy), not a boolean.
  const trustProxy = !proxy ? false : /^\d+$/.test(proxy) ? Number(proxy) : (bool(proxy) ?? proxy);
  const number = (name: string, fallback: number, min: number): number => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min) throw new Error(`${name} must be a number ≥ ${min}, not "${raw}"`);
    return n;
  };
  return {
    anonymous: anonymous as AnonymousAccess,
    secureCookies,
    trustProxy,
    sessionIdleHours: number('TERMBRIDGE_SESSION_HOURS', 24 * 7, 0.01),
    apiRateLimitPerMinute: number('TERMBRIDGE_API_RATE_LIMIT', 3000, 0),
    expensiveRateLimitPerMinute: number('TERMBRIDGE_EXPENSIVE_RATE_LIMIT', 20, 0),
    loginMaxFailures: number('TERMBRIDGE_LOGIN_MAX_FAILURES', 5, 1),
    loginWindowMinutes: number('TERMBRIDGE_LOGIN_WINDOW_MINUTES', 15, 0.01),
    allowedHosts: (env.TERMBRIDGE_ALLOWED_HOSTS ?? '')
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean),
  };
}

/**
 * A configuration for tests: in-memory database, port 0, no API rate limit, and anonymous
 * `editor` access so that feature tests can write without logging in. Tests of accounts and
 * roles ask for `{anonymous: 'viewer'}` (or `none`) explicitly.
 */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    dbPath: ':memory:',
    maxBodyBytes: 10 * 1024 * 1024 + 64 * 1024,
    anonymous: 'editor',
    secureCookies: 'auto',
    trustProxy: false,
    sessionIdleHours: 24 * 7,
    apiRateLimitPerMinute: 0,
    expensiveRateLimitPerMinute: 0,
    loginMaxFailures: 5,
    loginWindowMinutes: 15,
    allowedHosts: [],
    ...overrides,
  };
}
