import type { Database } from '../../db/connection.ts';
import { type GlossarySnapshot, glossarySnapshot } from '../../db/snapshot.ts';
import { alignDocuments, type DocumentAlignment } from '../../glossary/align/document-alignment.ts';

/**
 * Alignment with the current glossary: the matcher and the concept index come from one
 * snapshot (one revision), shared by the API, the page and the CLI.
 */
export function alignWithGlossary(
  db: Database,
  zh: string,
  en: string,
  beads?: readonly { zh: readonly number[]; en: readonly number[] }[],
  snapshot: GlossarySnapshot = glossarySnapshot(db),
): DocumentAlignment {
  const { matcher, conceptsById: concepts } = snapshot;
  return alignDocuments(zh, en, { matcher, concepts, ...(beads ? { beads } : {}) });
}
