import type { LookupIndex } from './index.ts';
import type { LookupResult } from './result.ts';

/**
 * What lookup answers (issue 17): the concepts the query names, and nothing it merely looks
 * like. A fuzzy match never pads an answer that has an exact, prefix or infix match; when there
 * is none, the few fuzzy matches that passed the cut-off (closeness.ts) are offered as "did you
 * mean", at most MAX_DID_YOU_MEAN, and an empty answer says "no match".
 */

export const MAX_DID_YOU_MEAN = 3;

export interface DidYouMean {
  /** what to search for instead: the English label, else the matched term */
  query: string;
  conceptId: string;
  id: number;
}

export interface LookupAnswer {
  results: LookupResult[];
  /** non-empty only when no result matched the query as typed */
  didYouMean: DidYouMean[];
}

export function answerLookup(index: LookupIndex, query: string, limit: number): LookupAnswer {
  if (!query.trim()) return { results: [], didYouMean: [] };
  const hits = index.search(query, limit);
  const answers = hits.filter((r) => r.match !== 'fuzzy');
  if (answers.length) return { results: answers, didYouMean: [] };
  const close = hits.slice(0, MAX_DID_YOU_MEAN);
  return {
    results: close,
    didYouMean: close.map((r) => ({ query: r.english ?? r.matched, conceptId: r.conceptId, id: r.id })),
  };
}
