import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import { openDatabase } from '../../db/connection.ts';
import { seedStarterGlossary } from '../../db/seed.ts';
import { cli } from '../support/cli.ts';
import { removeOrphanSpools } from '../../server/services/spool-cleanup.ts';
import { addUser } from '../support/accounts.ts';

/** Regression tests for issue 13 on the command line and at start-up. */

const tmp = () => mkdtempSync(join(tmpdir(), 'tb-cli-attacks-'));

function seededDb(): string {
  const path = join(tmp(), 'g.sqlite');
  const { db } = openDatabase(path);
  seedStarterGlossary(db);
  db.close();
  return path;
}

const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

describe('align and extract read files as review does', () => {
  test('UTF-16 files with a byte-order mark are aligned and mined like UTF-8 ones', async () => {
    const db = seededDb();
    const dir = tmp();
    const zh = join(dir, 'zh.txt');
    const en = join(dir, 'en.txt');
    writeFileSync(zh, utf16('科索沃总统访问了普里什蒂纳。他随后前往贝尔格莱德。'));
    writeFileSync(en, utf16('The President of Kosovo visited Pristina. He then went to Belgrade.'));
    const aligned = await cli(['align', zh, en, '--db', db, '--json']);
    assert.equal(aligned.code, 0, aligned.stderr);
    const result = JSON.parse(aligned.stdout);
    assert.match(result.sentences.zh.join(''), /科索沃/);
    const english = result.sentences.en.join(' ');
    assert.ok(!english.includes('\u0000') && !english.includes('\ufffd'), english);
    assert.match(english, /Pristina/);
    const extracted = await cli(['extract', zh, '--en', en, '--db', db, '--json']);
    assert.equal(extracted.code, 0, extracted.stderr);
    assert.doesNotMatch(extracted.stdout, /\\u0000|\ufffd/);
  });

  test('a binary file is refused in one line', async () => {
    const file = join(tmp(), 'x.txt');
    writeFileSync(file, Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0, 1, 2, 3]));
    const r = await cli(['extract', file, '--db', seededDb()]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });
});

describe('CLI errors with --json are JSON on stdout', () => {
  test('a missing file, an unknown option or command and a bad import all print {error:{code,message}}', async () => {
    const db = seededDb();
    const bad = join(tmp(), 'bad.csv');
    writeFileSync(bad, 'zh,en\n"北京,Beijing\n');
    for (const args of [
      ['align', '/no/such/file', '/no/such/other', '--json'],
      ['review', '--json', '--nonsense', 'x'],
      ['candidates', 'x', '--json'],
      ['import', bad, '--json'],
    ]) {
      const r = await cli([...args, '--db', db]);
      assert.equal(r.code, 1, args.join(' '));
      const out = JSON.parse(r.stdout);
      assert.equal(typeof out.error.code, 'string', args.join(' '));
      assert.equal(typeof out.error.message, 'string');
      assert.equal(r.stderr.match(/^termbridge: /gm)?.length, 1, r.stderr);
      assert.doesNotMatch(r.stderr, /^\s+at /m, 'no stack');
    }
  });
});

describe('restore', () => {
  test('sessions that were in the backup are dropped', async () => {
    const db = seededDb();
    const { db: conn } = openDatabase(db);
    await addUser(conn, 'ann', 'admin');
    conn.close();
    const { SessionRepository } = await import('../../db/sessions.ts');
    const { db: c2 } = openDatabase(db);
    const { UserRepository } = await import('../../db/users.ts');
    const user = new UserRepository(c2).passwordHash('ann')!.user;
    new SessionRepository(c2, { idleMs: 3600_000 }).create(user.id, { ip: '127.0.0.1' });
    c2.close();
    const file = join(tmp(), 'b.sqlite');
    assert.equal((await cli(['backup', file, '--db', db])).code, 0);
    const target = join(tmp(), 'restored.sqlite');
    const r = await cli(['restore', file, '--db', target]);
    assert.equal(r.code, 0, r.stderr);
    const { db: after } = openDatabase(target);
    assert.equal(after.prepare('SELECT count(*) FROM sessions').pluck().get(), 0);
    assert.equal(after.prepare('SELECT count(*) FROM users').pluck().get(), 1, 'the accounts are restored');
    after.close();
  });
});

describe('start-up', () => {
  test('the spool folders of crashed imports are removed, a live process keeps its own', () => {
    const dir = tmp();
    const dead = join(dir, 'termbridge-import-999999999-abc123');
    const live = join(dir, `termbridge-import-${process.pid}-def456`);
    for (const d of [dead, live]) {
      mkdirSync(d);
      writeFileSync(join(d, 'entries.jsonl'), '{}\n');
    }
    assert.equal(removeOrphanSpools(dir), 1);
    assert.equal(existsSync(dead), false);
    assert.equal(existsSync(live), true);
  });

  test('a read-only database stops the server with one clear line and exit status 1, no stack', async () => {
    const dir = tmp();
    const path = join(dir, 'ro.sqlite');
    const { db } = openDatabase(path);
    db.close();
    chmodSync(path, 0o444);
    chmodSync(dir, 0o555);
    const main = new URL('../../server/main.ts', import.meta.url).pathname;
    const env = { ...process.env, TERMBASE_DB: path, PORT: '0', TERMBRIDGE_DEBUG: '' };
    // root writes through file permissions: run the server as nobody for the test.
    const [cmd, args] =
      process.getuid?.() === 0
        ? ['runuser', ['-u', 'nobody', '--', process.execPath, '--import', 'tsx', main]]
        : [process.execPath, ['--import', 'tsx', main]];
    const r = await promisify(execFile)(cmd, args as string[], { env, cwd: process.cwd(), timeout: 30_000 }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );
    assert.equal(r.code, 1);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0]!, /read-only/);
    assert.doesNotMatch(r.stderr, /^\s+at /m);
  });
});
