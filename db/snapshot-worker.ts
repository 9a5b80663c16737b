/**
 * The worker thread behind db/snapshot.ts: reads the glossary on its own read-only connection
 * (WAL lets it read while the server writes), builds the packed lookup index off the event
 * loop, writes it next to the database file for the next start, and hands it to the main
 * thread without copying (transferred typed arrays).
 */
import { parentPort } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { ConceptRepository } from './concepts.ts';
import type { Database } from './connection.ts';
import { buildPackedSnapshot } from './snapshot-build.ts';
import { snapshotFilePath, transferList, writeSnapshotFile } from './snapshot-format.ts';

export interface BuildRequest {
  dbPath: string;
}

export type BuildReply = { snapshot: import('./snapshot-format.ts').PackedSnapshot } | { error: string };

const connections = new Map<string, { db: Database; repo: ConceptRepository }>();

function open(path: string) {
  let c = connections.get(path);
  if (!c) {
    const db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    c = { db, repo: new ConceptRepository(db) };
    connections.set(path, c);
  }
  return c;
}

parentPort?.on('message', ({ dbPath }: BuildRequest) => {
  let reply: BuildReply;
  try {
    const { db, repo } = open(dbPath);
    const snapshot = buildPackedSnapshot(db, repo);
    try {
      writeSnapshotFile(snapshotFilePath(dbPath), snapshot);
    } catch {
      // A read-only directory only costs the next start its build.
    }
    parentPort!.postMessage({ snapshot } satisfies BuildReply, transferList(snapshot));
    return;
  } catch (e) {
    reply = { error: (e as Error).message };
  }
  parentPort!.postMessage(reply);
});
