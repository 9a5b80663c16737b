import type { Database } from '../../db/connection.ts';
import { type GlossarySnapshot, glossarySnapshot } from '../../db/snapshot.ts';
import { alignDocuments, type DocumentAlignment, type DocumentSide } from '../../glossary/align/document-alignment.ts';

/**
 * Alignment with the current glossary: the matcher and the concept index come from one
 * snapshot (one revision), shared by the API, the page and the CLI. A side given as an
 * array of strings is taken as its sentences, as the caller cut them.
 */
export function alignWithGlossary(
  db: Database,
  zh: DocumentSide,
  en: DocumentSide,
  beads?: readonly { zh: readonly number[]; en: readonly number[] }[],
  snapshot: GlossarySnapshot = glossarySnapshot(db),
): DocumentAlignment {
  const { matcher, conceptsById: concepts } = snapshot;
  return alignDocuments(zh, en, { matcher, concepts, ...(beads ? { beads } : {}) });
}
