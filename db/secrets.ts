import { randomBytes } from 'node:crypto';
import type { Database } from './connection.ts';

/**
 * A server secret kept in the database (created on first use), so that tokens signed with it
 * — the CSRF tokens — stay valid across restarts and agree between processes on one file.
 * A restored backup brings its own secret; open forms then need a reload, nothing worse.
 */
export function serverSecret(db: Database, name: string): Buffer {
  const read = db.prepare<[string], { value: string }>('SELECT value FROM secrets WHERE name = ?');
  const row = read.get(name);
  if (row) return Buffer.from(row.value, 'base64');
  db.prepare('INSERT OR IGNORE INTO secrets (name, value) VALUES (?, ?)').run(name, randomBytes(32).toString('base64'));
  return Buffer.from(read.get(name)!.value, 'base64');
}
