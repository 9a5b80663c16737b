import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { TermbridgeError } from '../glossary/errors.ts';
import { migrate } from './migrate.ts';

export type { Database };

export interface OpenedDatabase {
  db: Database;
  /** true when the file did not exist before (the caller may seed it) */
  created: boolean;
}

/**
 * Open (and migrate) a database file, or `:memory:` for tests. WAL lets readers (lookups)
 * go on while an import writes; foreign keys are off by default in SQLite, so turn them on.
 */
export function openDatabase(path: string): OpenedDatabase {
  const memory = path === ':memory:';
  const created = memory || !existsSync(path);
  let db: Database;
  try {
    if (!memory) mkdirSync(dirname(path), { recursive: true });
    db = new BetterSqlite3(path);
  } catch (e) {
    throw new TermbridgeError('database-unavailable', `Cannot open the database ${path}: ${(e as Error).message}`);
  }
  if (!memory) db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  migrate(db);
  return { db, created };
}
