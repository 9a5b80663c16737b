import type { Concept } from '../glossary/concept/types.ts';
import { ConceptRepository } from './concepts.ts';
import type { Database } from './connection.ts';

/**
 * Indexes derived from the whole glossary (the matcher automaton, the lookup index) are
 * built once and reused until the glossary changes. Every change writes a history row, so
 * the largest history id is a revision number: comparing it costs one indexed query.
 */
interface Entry {
  revision: number;
  value: unknown;
}

const caches = new WeakMap<Database, { concepts?: { revision: number; value: Concept[] }; derived: Map<string, Entry> }>();

function stateOf(db: Database) {
  let s = caches.get(db);
  if (!s) {
    s = { derived: new Map() };
    caches.set(db, s);
  }
  return s;
}

/** All concepts with their terms, as of the current revision. */
export function currentConcepts(db: Database): { revision: number; concepts: Concept[] } {
  const repo = new ConceptRepository(db);
  const revision = repo.revision();
  const s = stateOf(db);
  if (!s.concepts || s.concepts.revision !== revision) s.concepts = { revision, value: repo.all() };
  return { revision, concepts: s.concepts.value };
}

/**
 * `derived(db, 'matcher', buildMatcher)`: the value built from the current concepts, rebuilt
 * only when the revision has moved since it was last built.
 */
export function derived<T>(db: Database, key: string, build: (concepts: Concept[]) => T): T {
  const { revision, concepts } = currentConcepts(db);
  const s = stateOf(db);
  const hit = s.derived.get(key);
  if (hit && hit.revision === revision) return hit.value as T;
  const value = build(concepts);
  s.derived.set(key, { revision, value });
  return value;
}
