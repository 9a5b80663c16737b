import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { addUser, Client } from '../support/accounts.ts';
import { startServer, type TestServer } from '../support/server.ts';

/**
 * Issue 14: an edit reaches lookup and review on a running server — one made through the API
 * and one made by another process (a CLI import into the same database file). Untimed: each
 * check polls until the change is visible, with a generous deadline; speed is the bench's.
 */
const run = promisify(execFile);
const BIN = new URL('../../server/bin.js', import.meta.url).pathname;
const DEADLINE_MS = 30_000;
const dir = mkdtempSync(join(tmpdir(), 'tb-live-edits-'));
let s: TestServer;

before(async () => {
  // A file, not :memory:, so that the CLI (another process) and the review workers share it.
  s = await startServer({ seed: true, config: { dbPath: join(dir, 'live.sqlite'), anonymous: 'viewer' } });
});
after(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

async function lookupIds(q: string): Promise<string[]> {
  const res = await fetch(`${s.url}/api/lookup?q=${encodeURIComponent(q)}`);
  assert.equal(res.status, 200);
  return ((await res.json()).results as { matched: string }[]).map((r) => r.matched);
}

async function highlighted(text: string): Promise<string[]> {
  const res = await fetch(`${s.url}/api/highlight`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });
  assert.equal(res.status, 200);
  const body = await res.json();
  return (body.matches as { start: number; end: number }[]).map((m) => text.slice(m.start, m.end));
}

/** Poll until `check` holds or the deadline passes. */
async function eventually(what: string, check: () => Promise<boolean>): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    assert.ok(Date.now() - start < DEADLINE_MS, `${what} not visible after ${DEADLINE_MS} ms`);
    await sleep(100);
  }
}

test('a concept created through the API reaches lookup and highlight', async () => {
  const term = 'Quuxland Authority';
  assert.deepEqual(await lookupIds(term), [], 'not there before the edit');
  await addUser(s.db, 'edna', 'editor');
  const c = new Client(s.url);
  assert.equal((await c.login('edna', 'edna-password')).status, 303);
  const res = await c.json('POST', '/api/concepts', { terms: [{ text: term, lang: 'en', status: 'preferred' }] });
  assert.equal(res.status, 201, JSON.stringify(await res.clone().json()));
  await eventually('the API edit in lookup', async () => (await lookupIds(term)).includes(term));
  await eventually('the API edit in highlight', async () => (await highlighted(`The ${term} met today.`)).includes(term));
});

test('a concept imported by the CLI (another process) reaches lookup and highlight', async () => {
  const csv = join(dir, 'import.csv');
  writeFileSync(csv, 'en,zh-CN\nZorblatt Commission,佐布拉特委员会\n');
  assert.deepEqual(await lookupIds('Zorblatt Commission'), [], 'not there before the import');
  await run(process.execPath, [BIN, 'import', csv, '--db', join(dir, 'live.sqlite'), '--json']);
  await eventually('the CLI import in lookup', async () => (await lookupIds('佐布拉特委员会')).includes('佐布拉特委员会'));
  await eventually('the CLI import in highlight', async () =>
    (await highlighted('The Zorblatt Commission (佐布拉特委员会) met.')).includes('Zorblatt Commission'),
  );
});
