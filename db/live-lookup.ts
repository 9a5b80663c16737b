import { Worker } from 'node:worker_threads';
import { buildLookupIndex, type LookupIndex, lookupIndexFrom, overlayLookupIndex } from '../glossary/lookup/index.ts';
import { changedConcepts, revisionMark } from './changed-concepts.ts';
import { ConceptRepository } from './concepts.ts';
import type { Database } from './connection.ts';
import { buildPackedSnapshot } from './snapshot-build.ts';
import { type PackedSnapshot, packedConceptSource, readSnapshotFile, snapshotFilePath, writeSnapshotFile } from './snapshot-format.ts';
import type { BuildReply } from './snapshot-worker.ts';

/**
 * The lookup index at the current glossary revision, for the server's event loop and the CLI
 * (issue 14). Three layers keep readers from ever waiting for a full build:
 * - a BASE, the packed index at some revision: read from the cache file next to the database
 *   (a restart or a CLI lookup does not rebuild), else built once;
 * - an OVERLAY for the concepts changed since the base (found in concept_history, which every
 *   write of any process appends to): a small index over their current versions, the base
 *   searched without them. An edit is visible at the next lookup, for the cost of reading
 *   the changed concepts;
 * - in the server, a WORKER THREAD that rebuilds the base off the event loop once the overlay
 *   has grown (or after a bulk import), writes the cache file, and hands the packed index over
 *   without copying; until it answers, the previous base and its overlay go on serving.
 */

/** Changed concepts the overlay takes; beyond this a full build is due (a bulk import). */
export const MAX_OVERLAY = 2_000;
/** Changed concepts after which the worker rebuilds the base (the overlay costs a little per edit). */
const REBUILD_AFTER = 200;
/** ...or this long after the base went stale, so that a quiet glossary ends up with a fresh cache file. */
const REBUILD_AFTER_MS = 60_000;

interface Base {
  revision: number;
  index: LookupIndex;
  position(id: number): number;
  size: number;
}

interface State {
  repo: ConceptRepository;
  base?: Base;
  /** the index answering at `revision` (the base itself, or base + overlay) */
  live?: { revision: number; index: LookupIndex };
  /** set in the server: rebuilds go to the worker thread */
  background: boolean;
  building?: Promise<boolean>;
  staleSince?: number;
}

const states = new WeakMap<Database, State>();

function stateOf(db: Database): State {
  let s = states.get(db);
  if (!s) {
    s = {
      repo: new ConceptRepository(db),
      background: false,
    };
    states.set(db, s);
  }
  return s;
}

function adopt(s: State, packed: PackedSnapshot): void {
  const source = packedConceptSource(packed.concepts);
  s.base = { revision: packed.revision, index: lookupIndexFrom(packed.index, source), position: source.position, size: source.length };
  s.live = undefined;
  s.staleSince = undefined;
}

function cachePath(db: Database): string | undefined {
  return db.memory ? undefined : snapshotFilePath(db.name);
}

/** Build the base in this thread (no worker: the CLI, tests on :memory:, or a first start). */
function buildInline(db: Database, s: State): void {
  const packed = buildPackedSnapshot(db, s.repo);
  adopt(s, packed);
  const path = cachePath(db);
  if (path) {
    try {
      writeSnapshotFile(path, packed);
    } catch {
      // A read-only directory only costs the next start its build.
    }
  }
}

/** The base from the cache file when it was written from this database's history, at or before its revision. */
function loadCached(db: Database, s: State, revision: number): boolean {
  const path = cachePath(db);
  const packed = path ? readSnapshotFile(path) : undefined;
  // Not newer than the database, and of its history (a restored backup has another).
  if (!packed || packed.revision > revision || packed.mark !== revisionMark(db, packed.revision)) return false;
  adopt(s, packed);
  return true;
}

/**
 * The lookup index at the current revision. Never builds the whole index while a base exists
 * and the server's worker runs: at worst it reads the concepts changed since the base.
 */
export function liveLookup(db: Database): LookupIndex {
  const s = stateOf(db);
  const revision = s.repo.revision();
  if (s.live && s.live.revision === revision) return s.live.index;
  if (!s.base && !loadCached(db, s, revision)) buildInline(db, s);
  const base = s.base!;
  if (base.revision === revision) {
    s.live = { revision, index: base.index };
    return base.index;
  }
  // Revision, changed ids and their current versions in one read transaction: they belong together.
  const delta = db.transaction(() => changedConcepts(db, s.repo, base.revision, MAX_OVERLAY))();
  s.staleSince ??= Date.now();
  if (!delta.concepts) {
    // A bulk change: a full build. In the server the worker does it and the last index serves meanwhile.
    if (s.background && s.live) {
      requestRebuild(db, s);
      return s.live.index;
    }
    buildInline(db, s);
    return liveLookup(db);
  }
  const excluded = new Uint8Array(base.size);
  for (const id of delta.ids) {
    const p = base.position(id);
    if (p >= 0) excluded[p] = 1;
  }
  const index = overlayLookupIndex(base.index, excluded, buildLookupIndex(delta.concepts));
  s.live = { revision: delta.revision, index };
  if (s.background && (delta.ids.length >= REBUILD_AFTER || Date.now() - s.staleSince >= REBUILD_AFTER_MS)) requestRebuild(db, s);
  return index;
}

// ---- the worker thread ------------------------------------------------------------------

let worker: Worker | undefined;
const pending: ((reply: BuildReply) => void)[] = [];

function theWorker(): Worker {
  if (!worker) {
    // A JavaScript entry that registers tsx's loader, then imports the TypeScript module (an
    // --import tsx in execArgv races the entry's loading: "Unknown file extension .ts").
    const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
    const entry = JSON.stringify(new URL('./snapshot-worker.ts', import.meta.url).href);
    const w = new Worker(`import(${tsx}).then((t) => { t.register(); return import(${entry}); })`, { eval: true });
    w.on('message', (reply: BuildReply) => {
      pending.shift()?.(reply);
      if (!pending.length) w.unref();
    });
    const fail = (message: string) => {
      worker = undefined;
      for (const done of pending.splice(0)) done({ error: message });
    };
    w.on('error', (e) => fail(e.message));
    w.on('exit', (code) => fail(`the snapshot worker exited (${code})`));
    // An idle worker must not keep the process alive (a build under way does: see buildInWorker).
    w.unref();
    worker = w;
  }
  return worker;
}

function buildInWorker(dbPath: string): Promise<PackedSnapshot> {
  return new Promise((resolve, reject) => {
    pending.push((reply) => ('snapshot' in reply ? resolve(reply.snapshot) : reject(new Error(reply.error))));
    const w = theWorker();
    w.ref();
    w.postMessage({ dbPath });
  });
}

function requestRebuild(db: Database, s: State): Promise<boolean> {
  s.building ??= buildInWorker(db.name)
    .then((packed) => {
      // A base never goes back in time (a slower build of an older request cannot win).
      if (!s.base || packed.revision >= s.base.revision) adopt(s, packed);
      return true;
    })
    .catch((e: Error) => {
      // Better a reader waiting for an in-line build than an index that never catches up.
      console.error(`termbridge: rebuilding the lookup index in a worker failed (${e.message}); building in line from now on`);
      s.background = false;
      return false;
    })
    .finally(() => {
      s.building = undefined;
    });
  return s.building;
}

/**
 * Serve this connection's lookups in the background mode (the server): full rebuilds go to a
 * worker thread. Only for database files; an in-memory database cannot be opened twice.
 */
export function serveLookupInBackground(db: Database): void {
  if (db.memory) return;
  stateOf(db).background = true;
}

/**
 * Rebuild the base now in the worker; resolves when it has been adopted (true) or the worker
 * failed (false; lookups then build in line). Lookups meanwhile are answered from the
 * previous base and its overlay. For tests and the benchmark.
 */
export function rebuildLookup(db: Database): Promise<boolean> {
  if (db.memory) {
    buildInline(db, stateOf(db));
    return Promise.resolve(false);
  }
  return requestRebuild(db, stateOf(db));
}

/** Whether a worker rebuild is under way for this connection (tests, the bench). */
export function lookupRebuilding(db: Database): boolean {
  return stateOf(db).building !== undefined;
}

/** Stop the worker thread (server shutdown). */
export async function closeLookupWorker(): Promise<void> {
  const w = worker;
  worker = undefined;
  await w?.terminate();
}
