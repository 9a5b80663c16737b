/**
 * The worker side of server/services/offload.ts: runs one expensive, read-only computation on
 * its own connection to the database file (opened read-only, kept for the worker's life, so
 * the glossary's matcher is built once per revision per worker, as on the main thread).
 */
import BetterSqlite3 from 'better-sqlite3';
import { openDatabase } from '../../db/connection.ts';
import type { Database } from '../../db/connection.ts';
import { isTermbridgeError } from '../../glossary/errors.ts';
import type { OffloadResult, OffloadTask } from './offload.ts';
import { type Reply, replyBody } from './offload-reply.ts';
import { performTask } from './offload-task.ts';

const connections = new Map<string, Database>();

function connection(path: string, write = false): Database {
  const key = `${write ? 'rw' : 'ro'}:${path}`;
  let db = connections.get(key);
  if (!db) {
    db = write ? openDatabase(path).db : new BetterSqlite3(path, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    connections.set(key, db);
  }
  return db;
}

export default async function run({ dbPath, task, reply }: { dbPath: string; task: OffloadTask; reply?: Reply }): Promise<OffloadResult> {
  try {
    const value = await compute(dbPath, task);
    // Serialised here when it is the whole answer: the event loop only writes the bytes out.
    return { value: reply ? replyBody(task, value, reply) : value };
  } catch (e) {
    // Errors cross the thread as plain data: the main thread rebuilds the TermbridgeError.
    if (isTermbridgeError(e)) return { error: { code: e.code, message: e.message, details: e.details } };
    throw e;
  }
}

/** A preview writes and rolls back, so it needs a writable connection; the rest read. */
function compute(dbPath: string, task: OffloadTask): unknown {
  return performTask(connection(dbPath, task.kind === 'import-dry-run'), task);
}
