import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Piscina } from 'piscina';
import type { Database } from '../../db/connection.ts';
import { type ImportOptions, type ImportReport, importStream, SPOOL_PREFIX } from '../../db/interchange/import.ts';
import type { DocumentAlignment, DocumentSide } from '../../glossary/align/document-alignment.ts';
import { type ErrorCode, TermbridgeError } from '../../glossary/errors.ts';
import type { RenderedReview } from '../../glossary/review/review.ts';
import { alignWithGlossary } from './align.ts';
import { type CandidatesRequest, type CandidatesResponse, proposeCandidates } from './candidates.ts';
import { type ReviewTaskOptions, reviewWithGlossary } from './review.ts';

/**
 * Expensive read-only work — review of a document, alignment, candidate extraction without
 * storing — runs on a worker thread pool (piscina), so that one stranger's 10 MB document does
 * not stop /healthz and lookups for everyone else (issue 13). Import previews too: the worker
 * writes and rolls back on its own connection, so readers go on (WAL) and only other writers
 * wait, as they would behind any import. Each task has a time limit and
 * a heap limit; the queue is bounded and a full queue is a 503 with Retry-After, not an
 * ever-growing backlog. An in-memory database (tests, `:memory:`) cannot be opened from
 * another thread, so there the work runs inline, as it always did.
 */
export type OffloadTask =
  | { kind: 'review'; text: string; options: ReviewTaskOptions }
  | { kind: 'align'; zh: DocumentSide; en: DocumentSide; beads?: { zh: number[]; en: number[] }[] | undefined }
  | { kind: 'extract'; request: Omit<CandidatesRequest, 'store' | 'actor'> }
  /** a dry-run import of a spooled upload (the worker writes and rolls back on its own connection) */
  | { kind: 'import-dry-run'; file: string; options: Pick<ImportOptions, 'format' | 'partial' | 'name' | 'maxBytes' | 'actor'> };

export type OffloadResult = { value: unknown } | { error: { code: ErrorCode; message: string; details?: unknown } };

type ValueOf<K extends OffloadTask['kind']> = K extends 'review'
  ? RenderedReview
  : K extends 'align'
    ? DocumentAlignment
    : K extends 'extract'
      ? CandidatesResponse
      : ImportReport;

/** per task; longer is refused (the largest accepted inputs take a few seconds) */
const TASK_TIMEOUT_MS = 60_000;
/** tasks waiting for a thread beyond those running */
const MAX_QUEUE = 8;

let pool: Piscina | undefined;

function workers(): Piscina {
  pool ??= new Piscina({
    filename: new URL('./offload-worker.ts', import.meta.url).href,
    // One core stays with the event loop (lookups, health, pages).
    maxThreads: Math.max(1, availableParallelism() - 1),
    minThreads: 0,
    idleTimeout: 30_000,
    maxQueue: MAX_QUEUE,
    // The worker loads TypeScript the way the main thread does.
    execArgv: ['--import', 'tsx'],
    // A document that parses into a huge tree fails its own task, not the process.
    resourceLimits: { maxOldGenerationSizeMb: 1024 },
  });
  return pool;
}

function inline(db: Database, task: OffloadTask): unknown {
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

export async function offload<T extends OffloadTask>(db: Database, task: T): Promise<ValueOf<T['kind']>> {
  if (db.memory) return (await inline(db, task)) as ValueOf<T['kind']>;
  let result: OffloadResult;
  try {
    result = await workers().run({ dbPath: db.name, task }, { signal: AbortSignal.timeout(TASK_TIMEOUT_MS) });
  } catch (e) {
    throw asHttpError(e);
  }
  if ('error' in result) {
    const { code, message, details } = result.error;
    throw new TermbridgeError(code, message, { details });
  }
  return result.value as ValueOf<T['kind']>;
}

function asHttpError(e: unknown): Error {
  const err = e as { name?: string; code?: string; message?: string };
  if (err?.name === 'AbortError' || err?.name === 'TimeoutError') {
    return new TermbridgeError('too-complex', 'The document took too long to process. Split it and try again.');
  }
  if (err?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return new TermbridgeError('too-complex', 'The document needs too much memory to process. Split it and try again.');
  }
  if (/queue is at limit/i.test(err?.message ?? '')) {
    return new TermbridgeError('busy', 'The server is busy with other large documents. Try again in a moment.', {
      details: { retryAfter: 5 },
    });
  }
  return e as Error;
}

/** Stop the threads (server shutdown). */
export async function closeOffload(): Promise<void> {
  const p = pool;
  pool = undefined;
  await p?.destroy();
}

/**
 * An import preview off the event loop: the upload is written to a spool file as it arrives
 * (its size cap still applies while streaming), then a worker imports it with a dry run.
 * In-memory databases import inline from the stream.
 */
export async function dryRunImport(
  db: Database,
  input: Readable,
  options: Pick<ImportOptions, 'format' | 'partial' | 'name' | 'maxBytes' | 'actor'>,
): Promise<ImportReport> {
  if (db.memory) return importStream(db, input, { ...options, dryRun: true });
  // Named like the importer's spool folders, so a crashed process's copy is removed at the next start.
  const dir = mkdtempSync(join(tmpdir(), `${SPOOL_PREFIX}${process.pid}-`));
  try {
    const file = join(dir, 'upload');
    await pipeline(input, createWriteStream(file));
    return await offload(db, { kind: 'import-dry-run', file, options });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
