import type { Database } from '../../db/connection.ts';
import { glossarySnapshot } from '../../db/snapshot.ts';
import { answerLookup, type LookupAnswer } from '../../glossary/lookup/answer.ts';

/** The lookup answer for the current glossary; the index is rebuilt only after a change. */
export function lookup(db: Database, q: string, limit: number): LookupAnswer {
  if (!q.trim()) return { results: [], didYouMean: [] };
  return answerLookup(glossarySnapshot(db).lookup, q, limit);
}
