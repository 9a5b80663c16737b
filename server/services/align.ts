import type { Database } from '../../db/connection.ts';
import { derived } from '../../db/derived.ts';
import { alignDocuments, type DocumentAlignment, type DocumentSide } from '../../glossary/align/document-alignment.ts';
import type { Concept } from '../../glossary/concept/types.ts';
import { buildMatcher } from '../../glossary/matching/matcher.ts';

/**
 * Alignment with the current glossary: the matcher and the concept index are derived once
 * per glossary revision and shared by the API, the page and the CLI. A side given as an
 * array of strings is taken as its sentences, as the caller cut them.
 */
export function alignWithGlossary(
  db: Database,
  zh: DocumentSide,
  en: DocumentSide,
  beads?: readonly { zh: readonly number[]; en: readonly number[] }[],
): DocumentAlignment {
  const matcher = derived(db, 'matcher', buildMatcher);
  const concepts = derived(db, 'concepts-by-id', (all) => new Map<number, Concept>(all.map((c) => [c.id, c])));
  return alignDocuments(zh, en, { matcher, concepts, ...(beads ? { beads } : {}) });
}
