import { z } from 'zod';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../../glossary/lookup/index.ts';

/**
 * `GET /api/lookup?q=&limit=` and `/?q=`. An empty or missing q is not an error: a
 * search-as-you-type box asks with an empty box whenever the translator clears it, and the
 * answer is simply no results.
 */
export const lookupQuerySchema = z.object({
  q: z.string().max(200, 'must be at most 200 characters').default(''),
  limit: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(MAX_LIMIT, `must be at most ${MAX_LIMIT}`)
    .default(DEFAULT_LIMIT),
});
