import damerauLevenshtein from 'damerau-levenshtein';

/**
 * When a fuzzy match is an answer (issue 17). fuse.js, with ignoreLocation, scores the query
 * against the best stretch of a key, so an acronym that is not in the glossary (KFOR) finds
 * "for" inside Fortaleza one edit away, and a name finds the start of a longer one (Thaci in
 * Thailand). Lookup must say "no match" then, not offer the least bad guess. A fuzzy match
 * counts only when the query is a misspelling of the whole key: few edits (Damerau-Levenshtein,
 * so that a swapped pair of letters is one edit) for the query's length — none below five
 * units (an acronym or a short name is known or not), one up to seven, then one per four.
 *
 * Exact, prefix and infix matches contain the query as typed and are not cut.
 */

export function maxEdits(queryLength: number): number {
  if (queryLength < 5) return 0;
  if (queryLength < 8) return 1;
  return Math.floor(queryLength / 4);
}

/** `query` and `key` are compact keys (normalise.ts). */
export function isCloseMatch(query: string, key: string): boolean {
  const allowed = maxEdits(query.length);
  if (allowed === 0 || Math.abs(key.length - query.length) > allowed) return false;
  return damerauLevenshtein(query, key).steps <= allowed;
}
