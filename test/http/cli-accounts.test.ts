import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { ConceptRepository } from '../../db/concepts.ts';
import { openDatabase } from '../../db/connection.ts';
import { UserRepository } from '../../db/users.ts';
import { verifyPassword } from '../../server/auth/passwords.ts';
import { cli } from '../support/cli.ts';

const BIN = new URL('../../server/bin.js', import.meta.url).pathname;
const tmp = () => mkdtempSync(join(tmpdir(), 'tb-accounts-'));

function withDb<T>(path: string, f: (db: ReturnType<typeof openDatabase>['db']) => T): T {
  const { db } = openDatabase(path);
  try {
    return f(db);
  } finally {
    db.close();
  }
}

describe('termbridge user', () => {
  test('user add with $TERMBRIDGE_PASSWORD creates an account whose password verifies (real binary, --json)', async () => {
    const db = join(tmp(), 't.sqlite');
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, 'user', 'add', 'ann', '--role', 'admin', '--db', db, '--json'], {
      env: { ...process.env, TERMBRIDGE_PASSWORD: 'correct horse battery' },
    });
    assert.equal(JSON.parse(stdout).user.role, 'admin');
    const hash = withDb(db, (d) => new UserRepository(d).passwordHash('ann')!.hash);
    assert.match(hash, /^scrypt\$/);
    assert.ok(!hash.includes('correct horse'));
    assert.equal(await verifyPassword('correct horse battery', hash), true);
    assert.equal(await verifyPassword('correct horse batterY', hash), false);
  });

  const refusals: [string, string[], RegExp][] = [
    ['without a role', ['user', 'add', 'bob', '--password', 'long enough'], /--role must be one of viewer, editor, admin/],
    ['with an unknown role', ['user', 'add', 'bob', '--role', 'root', '--password', 'long enough'], /--role must be/],
    ['with a short password', ['user', 'add', 'bob', '--role', 'editor', '--password', 'short'], /at least 8 characters/],
    ['without a password and no terminal', ['user', 'add', 'bob', '--role', 'editor'], /give the password with --password/],
    ['for an existing name (any case)', ['user', 'add', 'ANN', '--role', 'editor', '--password', 'long enough'], /already a user "ANN"/],
    ['with a reserved name', ['user', 'add', 'anonymous', '--role', 'editor', '--password', 'long enough'], /reserved/],
    ['demoting the last admin', ['user', 'role', 'ann', 'editor'], /only admin/],
  ];
  for (const [what, args, message] of refusals) {
    test(`user add/role ${what} fails with one line and exit status 1`, async () => {
      const db = join(tmp(), 't.sqlite');
      assert.equal((await cli(['user', 'add', 'ann', '--role', 'admin', '--password', 'first-admin', '--db', db])).code, 0);
      const saved = process.env.TERMBRIDGE_PASSWORD;
      delete process.env.TERMBRIDGE_PASSWORD;
      try {
        const r = await cli([...args, '--db', db]);
        assert.equal(r.code, 1);
        assert.match(r.stderr, message);
        assert.equal(r.stderr.trim().split('\n').length, 1);
      } finally {
        if (saved !== undefined) process.env.TERMBRIDGE_PASSWORD = saved;
      }
    });
  }

  test('user role, passwd, list and remove; each change is in the audit', async () => {
    const db = join(tmp(), 't.sqlite');
    await cli(['user', 'add', 'ann', '--role', 'admin', '--password', 'first-admin', '--db', db]);
    await cli(['user', 'add', 'bob', '--role', 'viewer', '--password', 'bob-password', '--db', db]);
    assert.equal((await cli(['user', 'role', 'bob', 'editor', '--db', db])).code, 0);
    assert.equal((await cli(['user', 'passwd', 'bob', '--password', 'new-password', '--db', db])).code, 0);
    const list = JSON.parse((await cli(['user', 'list', '--db', db, '--json'])).stdout);
    assert.deepEqual(
      list.users.map((u: { name: string; role: string }) => `${u.name}:${u.role}`),
      ['ann:admin', 'bob:editor'],
    );
    assert.equal((await cli(['user', 'remove', 'bob', '--db', db])).code, 0);
    const actions = withDb(db, (d) => d.prepare('SELECT action FROM audit_events ORDER BY id').all() as { action: string }[]).map(
      (r) => r.action,
    );
    assert.deepEqual(actions, ['user-add', 'user-add', 'user-role', 'user-password', 'user-remove']);
  });
});

describe('termbridge backup and restore', () => {
  async function seeded(): Promise<string> {
    const db = join(tmp(), 'live.sqlite');
    withDb(db, (d) => {
      const repo = new ConceptRepository(d);
      for (const text of ['Kosovo', 'Pristina', 'Belgrade'])
        repo.create({ terms: [{ text, lang: 'en', status: 'preferred' }] }, { actor: 't' });
    });
    return db;
  }
  const terms = (db: string) => withDb(db, (d) => new ConceptRepository(d).all().map((c) => c.terms[0]!.text));

  test('backup writes a checked copy; restore brings it back after later changes, keeping the replaced database', async () => {
    const db = await seeded();
    const file = join(tmp(), 'backup.sqlite');
    const b = await cli(['backup', file, '--db', db, '--json']);
    assert.equal(b.code, 0, b.stderr);
    assert.equal(JSON.parse(b.stdout).concepts, 3);
    withDb(db, (d) => new ConceptRepository(d).create({ terms: [{ text: 'Sofia', lang: 'en', status: 'preferred' }] }, { actor: 't' }));
    assert.equal(terms(db).length, 4);

    const refused = await cli(['restore', file, '--db', db]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /already holds 4 concepts.*--force/);
    assert.equal(terms(db).length, 4, 'nothing was overwritten');

    const r = await cli(['restore', file, '--db', db, '--force', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(terms(db), ['Kosovo', 'Pristina', 'Belgrade']);
    assert.ok(existsSync(out.previous), 'the replaced database is kept');
    assert.deepEqual(terms(out.previous).length, 4);
    withDb(db, (d) => assert.equal(d.pragma('integrity_check', { simple: true }), 'ok'));
  });

  test('a backup taken while another connection keeps writing is intact and consistent', async () => {
    const db = await seeded();
    const { db: writer } = openDatabase(db);
    const repo = new ConceptRepository(writer);
    // Bulk up the database so that the backup takes several steps, then write between them.
    writer.transaction(() => {
      for (let i = 0; i < 3000; i++)
        repo.create({ note: 'x'.repeat(500), terms: [{ text: `bulk ${i}`, lang: 'en', status: 'preferred' }] }, { actor: 't' });
    })();
    let writes = 0;
    const timer = setInterval(() => {
      repo.create({ terms: [{ text: `during ${writes++}`, lang: 'en', status: 'preferred' }] }, { actor: 't' });
    }, 1);
    try {
      const file = join(tmp(), 'hot.sqlite');
      const r = await cli(['backup', file, '--db', db, '--json']);
      assert.equal(r.code, 0, r.stderr);
      const copy = new BetterSqlite3(file, { readonly: true });
      assert.equal(copy.pragma('integrity_check', { simple: true }), 'ok');
      // Consistent: every concept in the copy has its terms and its history row.
      const orphans = copy
        .prepare(
          'SELECT count(*) FROM concepts c WHERE NOT EXISTS (SELECT 1 FROM terms t WHERE t.concept_id = c.id) OR NOT EXISTS (SELECT 1 FROM concept_history h WHERE h.concept_id = c.id)',
        )
        .pluck()
        .get();
      assert.equal(orphans, 0);
      assert.ok((copy.prepare('SELECT count(*) FROM concepts').pluck().get() as number) >= 3003);
      copy.close();
    } finally {
      clearInterval(timer);
      writer.close();
    }
  });

  test('restore into a new database needs no --force', async () => {
    const file = join(tmp(), 'b.sqlite');
    await cli(['backup', file, '--db', await seeded()]);
    const target = join(tmp(), 'fresh.sqlite');
    assert.equal((await cli(['restore', file, '--db', target])).code, 0);
    assert.equal(terms(target).length, 3);
  });

  test('backup never overwrites an existing file without --force, and leaves no partial file', async () => {
    const db = await seeded();
    const dir = tmp();
    const file = join(dir, 'exists.sqlite');
    writeFileSync(file, 'precious');
    const r = await cli(['backup', file, '--db', db]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /exists.*--force/);
    assert.equal(statSync(file).size, 'precious'.length);
    assert.equal((await cli(['backup', file, '--db', db, '--force'])).code, 0);
    assert.deepEqual(readdirSync(dir), ['exists.sqlite']);
    assert.equal(terms(file).length, 3);
  });

  const badFiles: [string, (path: string) => void, RegExp][] = [
    ['a text file', (p) => writeFileSync(p, 'not a database at all'), /not an SQLite database/],
    [
      'another program’s SQLite database',
      (p) => {
        const d = new BetterSqlite3(p);
        d.exec('CREATE TABLE notes (x)');
        d.close();
      },
      /not a termbridge database/,
    ],
    [
      'a damaged database',
      (p) => {
        const d = new BetterSqlite3(p);
        d.exec(
          'CREATE TABLE concepts (x); CREATE TABLE terms (x); CREATE TABLE concept_history (x); CREATE INDEX i ON terms(x); PRAGMA user_version = 1',
        );
        const insert = d.prepare('INSERT INTO terms VALUES (?)');
        d.transaction(() => {
          for (let i = 0; i < 2000; i++) insert.run(`term ${i} `.repeat(5));
        })();
        d.close();
        // Scribble over the middle of the file: pages of the table and its index disagree.
        const fd = openSync(p, 'r+');
        writeSync(fd, Buffer.alloc(3000, 0x41), 0, 3000, Math.floor(statSync(p).size / 2));
        closeSync(fd);
      },
      /integrity check failed|cannot be read|malformed/,
    ],
  ];
  for (const [what, make, message] of badFiles) {
    test(`restore refuses ${what} and leaves the database alone`, async () => {
      const db = await seeded();
      const bad = join(tmp(), 'bad.sqlite');
      make(bad);
      const r = await cli(['restore', bad, '--db', db, '--force']);
      assert.equal(r.code, 1);
      assert.match(r.stderr, message);
      assert.equal(terms(db).length, 3);
    });
  }
});

test('the first `npm start` on a database without accounts says how to create the admin', async () => {
  const { spawn } = await import('node:child_process');
  const db = join(tmp(), 'first.sqlite');
  openDatabase(db).db.close(); // exists already: no seeding, a quicker start
  const child = spawn(process.execPath, ['--import', 'tsx', new URL('../../server/main.ts', import.meta.url).pathname], {
    env: { ...process.env, PORT: '0', TERMBASE_DB: db },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "listening" line in:\n${out}`)), 60_000);
    child.stdout.on('data', () => {
      if (out.includes('listening')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}:\n${out}`)));
  }).finally(() => child.kill('SIGTERM'));
  assert.match(out, /No user accounts yet/);
  assert.match(out, /npx termbridge user add admin --role admin --db \S+first\.sqlite/);
});
