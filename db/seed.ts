import { starterGlossary } from '../glossary/starter/starter.ts';
import { ConceptRepository } from './concepts.ts';
import type { Database } from './connection.ts';

/** Load the starter glossary; concepts already present (by external id) are skipped. */
export function seedStarterGlossary(db: Database, actor = 'seed'): { created: number; skipped: number } {
  return new ConceptRepository(db).createMany(starterGlossary(), { actor });
}
