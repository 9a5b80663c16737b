import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Config } from '../config.ts';
import { authLocals } from './session.ts';
import { errorBody } from '../../glossary/errors.ts';

/**
 * A per-address budget on /api (config.apiRateLimitPerMinute, 0 = none): enough for a team
 * behind one NAT address and for the load script, small enough that one runaway script cannot
 * starve everyone. Counts live in memory: a restart forgives, which is acceptable for a limit
 * meant against accidents and floods, not a security boundary (login throttling is in SQLite).
 */
export function apiRateLimit(config: Pick<Config, 'apiRateLimitPerMinute'>): RequestHandler {
  return perMinute(config.apiRateLimitPerMinute);
}

/** POSTs whose cost grows with a 10–50 MB input (server/middleware/access.ts lets viewers send them). */
const EXPENSIVE = /^\/(api\/highlight|review|api\/align|align|api\/candidates\/extract|api\/import|import)\/?$/i;

/**
 * A much smaller budget for anonymous callers of the expensive endpoints: each may cost
 * seconds of a worker thread, and a stranger sending the largest accepted inputs in a loop
 * should wait, not occupy the pool. Logged-in users are not counted (they are known people).
 * Runs after authenticate (it reads res.locals.user).
 */
export function expensiveRateLimit(config: Pick<Config, 'expensiveRateLimitPerMinute'>): RequestHandler {
  const limited = perMinute(config.expensiveRateLimitPerMinute, 'expensive');
  return (req, res, next) => {
    if (req.method !== 'POST' || !EXPENSIVE.test(req.path) || authLocals(res).user) return next();
    limited(req, res, next);
  };
}

function perMinute(limit: number, prefix = 'api'): RequestHandler {
  if (!limit) return (_req, _res, next) => next();
  return rateLimit({
    keyGenerator: (req) => `${prefix}:${ipKeyGenerator(req.ip ?? 'unknown')}`,
    windowMs: 60_000,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, res, _next, options) => {
      res
        .status(options.statusCode)
        .json(errorBody('rate-limited', `Too many requests: at most ${limit} a minute. Wait a moment and try again.`));
    },
  });
}
