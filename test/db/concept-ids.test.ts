import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { ConceptRepository } from '../../db/concepts.ts';
import { openDatabase } from '../../db/connection.ts';
import { loadMigrations, migrate } from '../../db/migrate.ts';
import type { ConceptInput } from '../../glossary/concept/types.ts';

// Issue 13, item 2: ids were SQLite rowids without AUTOINCREMENT, so the newest concept's id
// went to the next one created after it was deleted, together with its history and its
// "Undo delete" (which then overwrote the newcomer).

const as = { actor: 'tester' };
const named = (en: string): ConceptInput => ({ terms: [{ text: en, lang: 'en', status: 'preferred' }] });
const isCode = (code: string) => (e: any) => e?.code === code;

const dir = mkdtempSync(join(tmpdir(), 'tb-ids-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a concept created after the newest one was deleted gets a new id, and a history of its own', () => {
  const repo = new ConceptRepository(openDatabase(':memory:').db);
  const a = repo.create(named('Alpha'), as);
  repo.delete(a.id, a.version, as);
  const b = repo.create(named('Beta'), as);
  assert.notEqual(b.id, a.id);
  assert.deepEqual(
    repo.history(b.id).map((h) => h.action),
    ['create'],
  );
  assert.deepEqual(
    repo.history(a.id).map((h) => h.action),
    ['delete', 'create'],
  );
});

test('undoing a delete brings back that concept under its id and leaves every other concept alone', () => {
  const repo = new ConceptRepository(openDatabase(':memory:').db);
  const a = repo.create(named('Alpha'), as);
  repo.delete(a.id, a.version, as);
  const b = repo.create(named('Beta'), as);
  const undo = repo.history(a.id).find((h) => h.action === 'delete')!;
  const back = repo.revert(a.id, undo.id, as);
  assert.equal(back.id, a.id);
  assert.equal(back.terms[0]!.text, 'Alpha');
  assert.deepEqual(repo.require(b.id).terms[0]!.text, 'Beta');
  assert.equal(repo.require(b.id).version, 1);
  // Undoing the same delete again has nothing to undo: it must not overwrite the restored concept.
  assert.throws(() => repo.revert(a.id, undo.id, as), isCode('concept-exists'));
});

test('every table whose ids users see hands out ids once (AUTOINCREMENT), and a rewritten term gets a fresh id', () => {
  const { db } = openDatabase(':memory:');
  const repo = new ConceptRepository(db);
  const a = repo.create(named('Alpha'), as);
  const termId = a.terms[0]!.id;
  const updated = repo.update(a.id, a.version, named('Alpha2'), as);
  assert.ok(updated.terms[0]!.id > termId, 'a rewritten term gets a new id');
  for (const table of ['concepts', 'terms', 'concept_history', 'users', 'audit_events', 'candidate_documents', 'candidates']) {
    const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) as { sql: string }).sql;
    assert.match(sql, /id\s+INTEGER PRIMARY KEY AUTOINCREMENT/, table);
  }
});

/** A database file as it was before migration 005 (schema version 4), with a reused id already in it. */
function oldDatabase(path: string): { reusedId: number; lostId: number; aliceDeleteId: number } {
  const db = new BetterSqlite3(path);
  migrate(
    db,
    loadMigrations().filter((m) => m.version <= 4),
  );
  db.pragma('foreign_keys = ON');
  const repo = new ConceptRepository(db);
  repo.create(named('One'), as);
  const alice = repo.create(named('Alice'), as);
  repo.delete(alice.id, alice.version, as);
  // The bug itself: Bob gets Alice's id.
  const bob = repo.create(named('Bob'), as);
  assert.equal(bob.id, alice.id, 'the old schema reuses the id (the bug this migration ends)');
  const aliceDeleteId = (
    db.prepare("SELECT id FROM concept_history WHERE concept_id = ? AND action = 'delete'").get(alice.id) as { id: number }
  ).id;
  // The newest concept deleted just before the upgrade: its id must not be handed out afterwards.
  const carol = repo.create(named('Carol'), as);
  repo.delete(carol.id, carol.version, as);
  db.close();
  return { reusedId: bob.id, lostId: carol.id, aliceDeleteId };
}

test('an old database is migrated without renumbering, and ids deleted before the upgrade stay retired', () => {
  const path = join(dir, 'old.sqlite');
  const { reusedId, lostId } = oldDatabase(path);
  const raw = new BetterSqlite3(path, { readonly: true });
  const rows = (table: string) => raw.prepare(`SELECT * FROM ${table} ORDER BY id`).all();
  const before = { concepts: rows('concepts'), terms: rows('terms'), history: rows('concept_history') };
  raw.close();

  const { db } = openDatabase(path);
  const after = {
    concepts: db.prepare('SELECT * FROM concepts ORDER BY id').all(),
    terms: db.prepare('SELECT * FROM terms ORDER BY id').all(),
    history: db.prepare('SELECT * FROM concept_history ORDER BY id').all(),
  };
  assert.deepEqual(after, before, 'every row keeps its id and content');
  assert.equal((db.pragma('foreign_key_check') as unknown[]).length, 0);
  assert.equal(db.pragma('foreign_keys', { simple: true }), 1, 'foreign keys are back on after migrating');
  const repo = new ConceptRepository(db);
  assert.equal(repo.require(reusedId).terms[0]!.text, 'Bob');
  const next = repo.create(named('Dave'), as);
  assert.ok(next.id > lostId, `new id ${next.id} is above the id ${lostId} deleted before the upgrade`);
  db.close();
});

test('on an old database, a concept that got a reused id does not show or undo the earlier concept’s history', () => {
  const path = join(dir, 'old-history.sqlite');
  const { reusedId, aliceDeleteId } = oldDatabase(path);
  const { db } = openDatabase(path);
  const repo = new ConceptRepository(db);
  const history = repo.history(reusedId);
  assert.deepEqual(
    history.map((h) => h.action),
    ['create'],
    'only Bob’s own entries',
  );
  assert.throws(() => repo.revert(reusedId, aliceDeleteId, as), isCode('history-not-found'));
  const bob = repo.require(reusedId);
  assert.equal(bob.terms[0]!.text, 'Bob');
  assert.equal(bob.version, 1);
  db.close();
});

test('a migration that breaks a foreign key is rolled back whole', () => {
  const db = new BetterSqlite3(':memory:');
  migrate(db);
  const version = db.pragma('user_version', { simple: true }) as number;
  db.pragma('foreign_keys = ON');
  const bad = {
    version: version + 1,
    name: 'bad',
    sql: "CREATE TABLE t (id INTEGER PRIMARY KEY); INSERT INTO terms (concept_id, position, text, lang, status) VALUES (999, 0, 'x', 'en', 'preferred');",
  };
  assert.throws(() => migrate(db, [bad]), /foreign key/);
  assert.equal(db.pragma('user_version', { simple: true }), version);
  assert.equal((db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 't'").get() as { n: number }).n, 0);
  assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
});
