import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { loadMigrations, migrate, schemaVersion } from '../../db/migrate.ts';

test('migrations apply in order to an empty database and record the schema version', () => {
  const db = new BetterSqlite3(':memory:');
  const applied = migrate(db);
  const all = loadMigrations();
  assert.deepEqual(
    applied,
    all.map((m) => m.version),
  );
  assert.equal(schemaVersion(db), all.at(-1)!.version);
  assert.deepEqual(migrate(db), [], 'a second run applies nothing');
});

test('migration files are numbered without gaps', () => {
  for (const [i, m] of loadMigrations().entries()) assert.equal(m.version, i + 1, m.name);
});

// Schema canary: a schema change must come with a new migration and a new hash here.
test('the schema matches the recorded hash (change it only together with a migration)', () => {
  const db = new BetterSqlite3(':memory:');
  migrate(db);
  const sql = (db.prepare('SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name').all() as { sql: string }[])
    .map((r) => r.sql)
    .join('\n');
  const hash = createHash('sha256').update(sql).digest('hex').slice(0, 16);
  assert.equal(hash, SCHEMA_HASH, `schema hash is now ${hash}`);
});

const SCHEMA_HASH = 'af3cdfce7a4a60e9';
