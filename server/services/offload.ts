import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
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
import type { Response } from 'express';
import type { CandidatesRequest, CandidatesResponse } from './candidates.ts';
import { type Reply, type ReplyBody, type ReviewPage, replyBody } from './offload-reply.ts';
import { performTask } from './offload-task.ts';
import type { ReviewTaskOptions } from './review.ts';

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
  | { kind: 'import-dry-run'; file: string; options: PreviewOptions };

type PreviewOptions = Pick<ImportOptions, 'format' | 'partial' | 'name' | 'maxBytes' | 'maxEntries' | 'actor'>;

export type OffloadResult = { value: unknown } | { error: { code: ErrorCode; message: string; details?: unknown } };

type ValueOf<K extends OffloadTask['kind']> = K extends 'review'
  ? RenderedReview
  : K extends 'align'
    ? DocumentAlignment
    : K extends 'extract'
      ? CandidatesResponse
      : ImportReport;

/**
 * At most this many entries an import preview reads (413 too-many-entries past it). A preview writes
 * and rolls back the whole file on a worker, about 10 s for this many on one core of the
 * reference machine; a stranger's 1M-row CSV took 60 s and held the write lock as long
 * (issue 13). Real imports (editors) have no such cap: they are all or nothing anyway.
 * TERMBRIDGE_MAX_PREVIEW_ENTRIES overrides the 100,000 default (read per request).
 */
export function maxPreviewEntries(): number {
  const n = Number(process.env.TERMBRIDGE_MAX_PREVIEW_ENTRIES);
  return Number.isInteger(n) && n > 0 ? n : 100_000;
}

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
    // Lower priority than the event loop: when both want the core, the scheduler gives the
    // event loop (/healthz, lookups) three times the worker's share (CFS weights 1024 : 335;
    // @napi-rs/nice, per thread on Linux). Not more: at +10 a worker on a machine shared with
    // other busy processes got a tenth of a core, and a 100,000-entry preview ran past its
    // time limit (measured in the attack bench).
    niceIncrement: 5,
    // A document that parses into a huge tree fails its own task, not the process.
    resourceLimits: { maxOldGenerationSizeMb: 1024 },
  });
  return pool;
}

export async function offload<T extends OffloadTask>(db: Database, task: T): Promise<ValueOf<T['kind']>> {
  return (await runTask(db, task)) as ValueOf<T['kind']>;
}

/**
 * The task's result as the HTTP answer's bytes, serialised on the worker (offload-reply.ts):
 * for results that go out whole, so that the event loop neither copies the object graph
 * across threads nor stringifies it.
 */
export function offloadReply(db: Database, task: OffloadTask, reply: Exclude<Reply, { as: 'review-page' }>): Promise<ReplyBody> {
  return runTask(db, task, reply) as Promise<ReplyBody>;
}

/** A review as the review page shows it, projected on the worker (offload-reply.ts). */
export function offloadReviewPage(db: Database, task: Extract<OffloadTask, { kind: 'review' }>, maxIssues: number): Promise<ReviewPage> {
  return runTask(db, task, { as: 'review-page', maxIssues }) as Promise<ReviewPage>;
}

/** Write a reply made by offloadReply (no ETag: hashing megabytes is what we moved away). */
export function sendReply(res: Response, { body, type }: ReplyBody, status = 200): void {
  res.status(status).type(type).setHeader('Content-Length', body.byteLength);
  res.end(body);
}

async function runTask(db: Database, task: OffloadTask, reply?: Reply): Promise<unknown> {
  if (db.memory) {
    const value = await performTask(db, task);
    return reply ? replyBody(task, value, reply) : value;
  }
  let result: OffloadResult;
  try {
    result = await workers().run({ dbPath: db.name, task, reply }, { signal: AbortSignal.timeout(TASK_TIMEOUT_MS) });
  } catch (e) {
    throw asHttpError(e);
  }
  if ('error' in result) {
    const { code, message, details } = result.error;
    throw new TermbridgeError(code, message, { details });
  }
  return result.value;
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
 * In-memory databases import inline from the stream. At most maxPreviewEntries() entries.
 */
export async function dryRunImport(db: Database, input: Readable, given: Omit<PreviewOptions, 'maxEntries'>): Promise<ImportReport> {
  const options: PreviewOptions = { ...given, maxEntries: maxPreviewEntries() };
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
