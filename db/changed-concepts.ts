import type { Statement } from 'better-sqlite3';
import type { Concept } from '../glossary/concept/types.ts';
import type { ConceptRepository } from './concepts.ts';
import type { Database } from './connection.ts';

/**
 * The concepts changed since a glossary revision, read from concept_history: every write of
 * any process (the server, a CLI import) appends to it, and history ids are never reused, so
 * "history rows above r" is exactly what changed after revision r. Structures built at r are
 * brought up to date from this instead of rebuilt (db/snapshot.ts, db/live-lookup.ts).
 */
export interface ChangedConcepts {
  /** the revision this was read at */
  revision: number;
  /** ids of the concepts created, edited or deleted since */
  ids: number[];
  /** their current versions (deleted ones absent); undefined when there were more than `max` */
  concepts: Concept[] | undefined;
}

const statements = new WeakMap<Database, Statement<[number], { concept_id: number }>>();

/** Call inside a read transaction when the result must agree with other reads. */
export function changedConcepts(db: Database, repo: ConceptRepository, since: number, max: number): ChangedConcepts {
  let stmt = statements.get(db);
  if (!stmt) {
    stmt = db.prepare('SELECT DISTINCT concept_id FROM concept_history WHERE id > ? ORDER BY concept_id');
    statements.set(db, stmt);
  }
  const revision = repo.revision();
  const ids = stmt.all(since).map((r) => r.concept_id);
  if (ids.length > max) return { revision, ids, concepts: undefined };
  const concepts: Concept[] = [];
  for (const id of ids) {
    const c = repo.get(id);
    if (c) concepts.push(c);
  }
  return { revision, ids, concepts };
}

/**
 * `concepts` (sorted by id, as repo.all() returns them) with the changed ones replaced,
 * removed or added, still sorted by id: one merge, linear in the glossary, no sort.
 */
export function patchConcepts(concepts: readonly Concept[], changed: ChangedConcepts & { concepts: Concept[] }): Concept[] {
  const gone = new Set(changed.ids);
  const fresh = changed.concepts; // ascending ids (the query orders them)
  const out: Concept[] = [];
  let f = 0;
  for (const c of concepts) {
    while (f < fresh.length && fresh[f]!.id < c.id) out.push(fresh[f++]!);
    if (!gone.has(c.id)) out.push(c);
  }
  while (f < fresh.length) out.push(fresh[f++]!);
  return out;
}

const marks = new WeakMap<Database, Statement<[number], { mark: string }>>();

/**
 * What identifies revision r of this database's history: its history row (concept, version,
 * action, time). A structure saved at r (the lookup cache file) is only valid for a database
 * whose row r is the same: after a restore of an older backup, new writes can reach the same
 * revision number with other rows.
 */
export function revisionMark(db: Database, revision: number): string {
  let stmt = marks.get(db);
  if (!stmt) {
    stmt = db.prepare("SELECT concept_id || '/' || version || '/' || action || '/' || at AS mark FROM concept_history WHERE id = ?");
    marks.set(db, stmt);
  }
  return stmt.get(revision)?.mark ?? '';
}
