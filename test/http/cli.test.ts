import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { ConceptRepository } from '../../db/concepts.ts';
import { openDatabase } from '../../db/connection.ts';

const run = promisify(execFile);
const BIN = new URL('../../server/bin.js', import.meta.url).pathname;

async function termbridge(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (e: any) {
    return { code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string };
  }
}

test('termbridge seed fills a new database with the starter glossary (--db)', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'tb-')), 'new.sqlite');
  const r = await termbridge(['seed', '--db', db, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.ok(out.created >= 500);
  const repo = new ConceptRepository(openDatabase(db).db);
  const kosovo = repo.list({ q: '科索夫' }).concepts[0]!;
  assert.ok(kosovo.terms.some((t) => t.text === '科索沃' && t.lang === 'zh-CN'));
  const again = JSON.parse((await termbridge(['seed', '--db', db, '--json'])).stdout);
  assert.equal(again.created, 0, 'seeding twice adds nothing');
});

test('$TERMBASE_DB names the database when --db is absent', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'tb-')), 'env.sqlite');
  const r = await termbridge(['seed'], { TERMBASE_DB: db });
  assert.equal(r.code, 0, r.stderr);
  assert.ok(new ConceptRepository(openDatabase(db).db).count() >= 500);
});

test('an unknown command is a one-line error and exit status 1', async () => {
  const r = await termbridge(['frobnicate']);
  assert.equal(r.code, 1);
  assert.equal(r.stderr.trim().split('\n').length, 1);
  assert.match(r.stderr, /unknown command/);
});

test('an unusable database path is a one-line error, not a stack trace', async () => {
  const r = await termbridge(['seed', '--db', '/etc/hostname/inside-a-file/x.sqlite']);
  assert.equal(r.code, 1);
  assert.equal(r.stderr.trim().split('\n').length, 1);
});
