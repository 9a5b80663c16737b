import type { Database } from '../../db/connection.ts';
import { glossarySnapshot } from '../../db/snapshot.ts';
import type { LookupResult } from '../../glossary/lookup/index.ts';

/** The lookup answer for the current glossary; the index is rebuilt only after a change. */
export function lookup(db: Database, q: string, limit: number): { results: LookupResult[] } {
  if (!q.trim()) return { results: [] };
  return { results: glossarySnapshot(db).lookup.search(q, limit) };
}
