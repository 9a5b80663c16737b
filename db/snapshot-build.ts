import { packLookupIndex } from '../glossary/lookup/index.ts';
import { revisionMark } from './changed-concepts.ts';
import type { ConceptRepository } from './concepts.ts';
import type { Database } from './connection.ts';
import { type PackedSnapshot, packConcepts, SNAPSHOT_FORMAT } from './snapshot-format.ts';

/**
 * The packed lookup snapshot at the current revision: revision and concepts read in one read
 * transaction (so they belong together), then the index built over them. The worker thread
 * runs this for the server; the CLI runs it in line when there is no valid cache file.
 */
export function buildPackedSnapshot(db: Database, repo: ConceptRepository): PackedSnapshot {
  const { revision, mark, concepts } = db.transaction(() => {
    const r = repo.revision();
    return { revision: r, mark: revisionMark(db, r), concepts: repo.all() };
  })();
  return { format: SNAPSHOT_FORMAT, revision, mark, index: packLookupIndex(concepts), concepts: packConcepts(concepts) };
}
