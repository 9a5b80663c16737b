import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = new URL('../../server/bin.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'tb-interchange-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function termbridge(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args]);
    return { code: 0, stdout, stderr };
  } catch (e: any) {
    return { code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string };
  }
}

test('termbridge import --json reports created/updated/skipped/errors; --dry-run writes nothing; export round-trips', async () => {
  const db = join(dir, 'a.sqlite');
  const csv = join(dir, 'g.csv');
  writeFileSync(csv, 'en,zh-CN,zh-TW\nKosovo,科索沃,科索夫\nBelgrade,贝尔格莱德,貝爾格勒\n');
  const dry = await termbridge(['import', csv, '--db', db, '--dry-run', '--json']);
  assert.equal(dry.code, 0, dry.stderr);
  assert.deepEqual((({ created, updated, skipped, errors }) => ({ created, updated, skipped, errors }))(JSON.parse(dry.stdout)), {
    created: 2,
    updated: 0,
    skipped: 0,
    errors: [],
  });
  const out = join(dir, 'out.tbx');
  await termbridge(['export', '--db', db, '--format', 'tbx', '--out', out]);
  assert.doesNotMatch(readFileSync(out, 'utf8'), /Kosovo/, 'the dry run wrote nothing');

  const real = await termbridge(['import', csv, '--db', db, '--json']);
  assert.equal(JSON.parse(real.stdout).created, 2);
  const exported = await termbridge(['export', '--db', db, '--format', 'tbx2008', '--lang', 'zh-TW']);
  assert.equal(exported.code, 0);
  assert.match(exported.stdout, /<term>貝爾格勒<\/term>/);
  assert.doesNotMatch(exported.stdout, /<term>Kosovo<\/term>/);
});

test('a refused file exits 1 with one line on stderr and the errors as JSON', async () => {
  const db = join(dir, 'b.sqlite');
  const bad = join(dir, 'bad.tbx');
  writeFileSync(bad, '<martif type="TBX"><text><body><termEntry><langSet xml:lang="en"><tig><term>x</term></tig></langSet></termEntry>');
  const r = await termbridge(['import', bad, '--db', db, '--json']);
  assert.equal(r.code, 1);
  assert.equal(
    r.stderr
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('termbridge:')).length,
    1,
  );
  assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/, 'no stack trace');
  const report = JSON.parse(r.stdout);
  assert.equal(report.created, 0);
  assert.match(report.errors[0].message, /line 1, column \d+/);
});
