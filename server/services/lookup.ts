import type { Database } from '../../db/connection.ts';
import { derived } from '../../db/derived.ts';
import { buildLookupIndex, type LookupResult } from '../../glossary/lookup/index.ts';

/** The lookup answer for the current glossary; the index is rebuilt only after a change. */
export function lookup(db: Database, q: string, limit: number): { results: LookupResult[] } {
  if (!q.trim()) return { results: [] };
  return { results: derived(db, 'lookup', buildLookupIndex).search(q, limit) };
}
