import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';

const MIGRATIONS_DIR = join(import.meta.dirname, 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Numbered SQL files, `NNN-name.sql`, applied in order; PRAGMA user_version records the last. */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}-[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f, sql: readFileSync(join(dir, f), 'utf8') }));
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Apply every migration newer than the database, each in its own transaction. Foreign keys
 * are off while they run (SQLite's own procedure for rebuilding a table: dropping the old
 * copy would otherwise cascade into its children) and checked before each commit, so a
 * migration that breaks a reference is rolled back whole.
 */
export function migrate(db: Database, migrations = loadMigrations()): number[] {
  const applied: number[] = [];
  const pending = migrations.filter((m) => m.version > schemaVersion(db));
  if (!pending.length) return applied;
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    for (const m of pending) {
      db.transaction(() => {
        // Counted before and after: a reference broken long ago must not stop the database opening.
        const brokenBefore = (db.pragma('foreign_key_check') as unknown[]).length;
        db.exec(m.sql);
        const broken = (db.pragma('foreign_key_check') as unknown[]).length;
        if (broken > brokenBefore) throw new Error(`Migration ${m.name} breaks ${broken - brokenBefore} foreign keys.`);
        db.pragma(`user_version = ${m.version}`);
      })();
      applied.push(m.version);
    }
  } finally {
    if (foreignKeys) db.pragma('foreign_keys = ON');
  }
  return applied;
}
