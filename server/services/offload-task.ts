import { createReadStream } from 'node:fs';
import type { Database } from '../../db/connection.ts';
import { importStream } from '../../db/interchange/import.ts';
import { alignWithGlossary } from './align.ts';
import { proposeCandidates } from './candidates.ts';
import type { OffloadTask } from './offload.ts';
import { reviewWithGlossary } from './review.ts';

/**
 * What an offloaded task computes, on the connection it is given: a pool worker's own
 * (offload-worker.ts), or the caller's for an in-memory database (offload.ts), so both run the
 * same code.
 */
export function performTask(db: Database, task: OffloadTask): unknown {
  switch (task.kind) {
    case 'import-dry-run':
      return importStream(db, createReadStream(task.file), { ...task.options, dryRun: true });
    case 'review':
      return reviewWithGlossary(db, task.text, task.options);
    case 'align':
      return alignWithGlossary(db, task.zh, task.en, task.beads);
    case 'extract':
      return proposeCandidates(db, { ...task.request, store: false, actor: 'anonymous' });
  }
}
