import type { Database } from '../../db/connection.ts';
import { liveLookup } from '../../db/live-lookup.ts';
import { answerLookup, type LookupAnswer } from '../../glossary/lookup/answer.ts';

/** The lookup answer for the current glossary (db/live-lookup.ts: never a full rebuild on a reader's time in the server). */
export function lookup(db: Database, q: string, limit: number): LookupAnswer {
  if (!q.trim()) return { results: [], didYouMean: [] };
  return answerLookup(liveLookup(db), q, limit);
}
