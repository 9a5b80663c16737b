import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Config } from '../config.ts';

/**
 * A per-address budget on /api (config.apiRateLimitPerMinute, 0 = none): enough for a team
 * behind one NAT address and for the load script, small enough that one runaway script cannot
 * starve everyone. Counts live in memory: a restart forgives, which is acceptable for a limit
 * meant against accidents and floods, not a security boundary (login throttling is in SQLite).
 */
export function apiRateLimit(config: Pick<Config, 'apiRateLimitPerMinute'>): RequestHandler {
  const limit = config.apiRateLimitPerMinute;
  if (!limit) return (_req, _res, next) => next();
  return rateLimit({
    windowMs: 60_000,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, res, _next, options) => {
      res.status(options.statusCode).json({
        error: { code: 'rate-limited', message: `Too many requests: at most ${limit} a minute. Wait a moment and try again.` },
      });
    },
  });
}
