import { closeSync, existsSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { openDatabase } from '../../db/connection.ts';
import { loadMigrations } from '../../db/migrate.ts';
import { type CliContext, CliError, printJson } from './context.ts';

const SQLITE_HEADER = 'SQLite format 3\0';
const REQUIRED_TABLES = ['concepts', 'terms', 'concept_history'];

function options(ctx: CliContext, usage: string) {
  const { values, positionals } = parseArgs({
    args: ctx.args,
    options: { force: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new CliError(usage);
  return { file: positionals[0]!, force: Boolean(values.force) };
}

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');

/**
 * `termbridge backup FILE`: a consistent copy of the live database through SQLite's online
 * backup API, safe while the server runs and writes. Written to a temporary name and renamed,
 * so FILE is never a half-written backup; an existing FILE is kept unless --force.
 */
export async function backup(ctx: CliContext): Promise<void> {
  const { file, force } = options(ctx, 'usage: termbridge backup FILE [--force]');
  if (ctx.dbPath !== ':memory:' && !existsSync(ctx.dbPath)) throw new CliError(`there is no database at ${ctx.dbPath}`);
  if (existsSync(file) && !force) throw new CliError(`${file} exists; choose another name or pass --force to replace it`);
  const { db } = openDatabase(ctx.dbPath);
  const partial = `${file}.partial-${process.pid}`;
  try {
    // After the first step, copy everything that remains in one step. In small steps, every
    // write by the server (another connection) between two steps would restart the copy, and
    // a busy server could starve the backup forever. One step holds only a read transaction,
    // which in WAL mode does not block the server's writers.
    await db.backup(partial, { progress: () => 0x7fffffff });
    // The copy inherits WAL mode; a backup should be one self-contained file.
    const copy = new BetterSqlite3(partial);
    copy.pragma('journal_mode = DELETE');
    copy.close();
    const check = inspect(partial);
    if (check.problem) throw new CliError(`the backup failed its check: ${check.problem}`);
    renameSync(partial, file);
    const result = { file, bytes: statSync(file).size, concepts: check.concepts, schemaVersion: check.version };
    if (ctx.json) printJson(ctx, result);
    else ctx.stderr.write(`Backed up ${ctx.dbPath} to ${file} (${result.concepts} concepts, ${result.bytes} bytes).\n`);
  } finally {
    db.close();
    for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(f, { force: true });
  }
}

/**
 * `termbridge restore FILE`: replace the database with a backup. FILE must be an intact
 * termbridge database (SQLite header, `PRAGMA integrity_check`, our tables, a schema version
 * this program knows); an existing database with content is only replaced with --force, and
 * then a copy of it is kept next to it first. Stop the server before restoring.
 */
export async function restore(ctx: CliContext): Promise<void> {
  const { file, force } = options(ctx, 'usage: termbridge restore FILE [--force]');
  if (!existsSync(file)) throw new CliError(`there is no file ${file}`);
  const check = inspect(file);
  if (check.problem) throw new CliError(`${file} cannot be restored: ${check.problem}`);
  if (ctx.dbPath === ':memory:') throw new CliError('restore needs a database file (--db PATH)');

  let saved: string | null = null;
  if (existsSync(ctx.dbPath)) {
    const current = inspect(ctx.dbPath);
    const hasContent = current.problem !== null || current.concepts > 0 || current.users > 0;
    if (hasContent && !force) {
      throw new CliError(
        `${ctx.dbPath} already holds ${current.concepts} concepts and ${current.users} users; pass --force to replace it (a copy is kept first)`,
      );
    }
    if (hasContent) {
      saved = `${ctx.dbPath}.before-restore-${stamp()}`;
      const { db } = openDatabase(ctx.dbPath);
      try {
        await db.backup(saved, { progress: () => 0x7fffffff });
      } finally {
        db.close();
      }
    }
  }
  const source = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    // The backup API writes through the destination's own pager and locks, so its WAL and
    // journal stay consistent; a plain file copy over a WAL database would not.
    await source.backup(ctx.dbPath);
  } finally {
    source.close();
  }
  // Bring an older backup up to the current schema, then check the result. Sessions in the
  // backup are dropped: a cookie that was valid when the backup was taken (and may since have
  // been logged out, or stolen and its password changed) must not come back to life.
  const { db } = openDatabase(ctx.dbPath);
  try {
    db.prepare('DELETE FROM sessions').run();
  } finally {
    db.close();
  }
  const after = inspect(ctx.dbPath);
  if (after.problem)
    throw new CliError(`the restored database failed its check: ${after.problem}${saved ? `; the previous one is in ${saved}` : ''}`);
  const result = { restored: file, db: ctx.dbPath, concepts: after.concepts, users: after.users, previous: saved };
  if (ctx.json) printJson(ctx, result);
  else {
    ctx.stderr.write(`Restored ${ctx.dbPath} from ${file} (${after.concepts} concepts, ${after.users} users).\n`);
    if (saved) ctx.stderr.write(`The database it replaced is kept as ${saved}.\n`);
  }
}

interface Inspection {
  /** why this is not a usable termbridge database, or null */
  problem: string | null;
  version: number;
  concepts: number;
  users: number;
}

/** Is this file an intact termbridge database? Opened read-only; nothing is changed. */
export function inspect(file: string): Inspection {
  const fail = (problem: string): Inspection => ({ problem, version: 0, concepts: 0, users: 0 });
  const header = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1') !== SQLITE_HEADER) return fail('it is not an SQLite database');
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
    if (integrity.length !== 1 || integrity[0]!.integrity_check !== 'ok') {
      return fail(
        `integrity check failed (${integrity
          .slice(0, 3)
          .map((r) => r.integrity_check)
          .join('; ')})`,
      );
    }
    const version = db.pragma('user_version', { simple: true }) as number;
    const latest = loadMigrations().at(-1)!.version;
    if (version > latest) return fail(`it was written by a newer termbridge (schema ${version}, this one knows up to ${latest})`);
    const tables = new Set(
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name),
    );
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (version < 1 || missing.length) return fail(`it is not a termbridge database (no ${missing.join(', ') || 'schema version'})`);
    const count = (table: string) => (tables.has(table) ? (db!.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n : 0);
    return { problem: null, version, concepts: count('concepts'), users: count('users') };
  } catch (e) {
    return fail(`it cannot be read (${(e as Error).message})`);
  } finally {
    db?.close();
  }
}
