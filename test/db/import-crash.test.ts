import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../db/connection.ts';
import { syntheticConcepts } from '../../glossary/interchange/entries.ts';
import { writeTbx } from '../../glossary/interchange/tbx/write.ts';

const dir = mkdtempSync(join(tmpdir(), 'termbridge-crash-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const BIN = fileURLToPath(new URL('../../server/bin.js', import.meta.url));

test('an import killed with SIGKILL mid-way leaves an intact database with all or none of the file', async (t) => {
  const file = join(dir, 'big.tbx');
  const out = createWriteStream(file);
  await writeTbx(() => syntheticConcepts(20_000), out);
  out.end();
  await once(out, 'finish');
  const dbPath = join(dir, 'crash.sqlite');
  openDatabase(dbPath).db.close();

  const child = spawn(process.execPath, [BIN, 'import', file, '--db', dbPath], { stdio: ['ignore', 'ignore', 'pipe'] });
  // Kill once it reports writing: the transaction is open and part of the file is in it.
  let exited = false;
  await new Promise<void>((resolve) => {
    child.stderr.on('data', (d: Buffer) => {
      if (/writing/.test(d.toString())) resolve();
    });
    child.on('exit', () => {
      exited = true;
      resolve();
    });
  });
  const killedMidWrite = !exited;
  child.kill('SIGKILL');
  await once(child, 'exit').catch(() => undefined);

  const { db } = openDatabase(dbPath);
  assert.equal(db.pragma('integrity_check', { simple: true }) as string, 'ok');
  const n = (db.prepare('SELECT count(*) AS n FROM concepts').get() as { n: number }).n;
  assert.ok(n === 0 || n === 20_000, `all or none, not ${n}`);
  if (killedMidWrite) assert.equal(n, 0, 'killed inside the transaction: none of it');
  t.diagnostic(`killed during the write phase: ${killedMidWrite}; concepts afterwards: ${n}`);
  db.close();
});
