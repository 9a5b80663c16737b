/**
 * Why the server or a CLI command cannot start, in one line a person can act on: a read-only
 * database (SQLite says "attempt to write a readonly database" from deep inside a pragma), a
 * directory it may not write, a bad setting. Never a stack.
 */
export function startProblem(e: unknown, dbPath?: string): string {
  const err = e as { code?: string; message?: string };
  const message = String(err?.message ?? e).split('\n')[0]!;
  const where = dbPath ? `the database ${dbPath}` : 'the database';
  if (err?.code === 'SQLITE_READONLY' || /readonly database/i.test(message)) {
    return `${where} is read-only: the server writes to it (and to its -wal file next to it). Make the file and its folder writable, or point TERMBASE_DB at a copy.`;
  }
  if (err?.code === 'SQLITE_CANTOPEN' || err?.code === 'EACCES' || err?.code === 'EROFS') {
    return `cannot open ${where}: ${message}. Check that the folder exists and may be written.`;
  }
  return message;
}
