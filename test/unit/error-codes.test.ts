import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ERRORS, isErrorCode, TermbridgeError } from '../../glossary/errors.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|js)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

/** Where a code is written as a literal: thrown, answered, or given to a reader's `fail`. */
const CODE_SITES = [
  /new TermbridgeError\(\s*'([^']+)'/g,
  /\berror(?:Body|Status|Message)\(\s*'([^']+)'/g,
  /\bhttpError\(\s*'([^']+)'/g,
  /\bfail\([^;]*?,\s*'([a-z0-9-]+)'\)/g,
  /\bcode:\s*'([^']+)'/g,
];
/** `const code = a ? 'x' : 'y';`: every literal of the expression */
const CODE_EXPRESSION = /\bconst code\s*=([^;]*);/g;
/** zod's own issue code, not one of ours */
const NOT_OURS = new Set(['custom']);

test('every error code written in the source is in the registry, with a status', () => {
  const unregistered: string[] = [];
  let seen = 0;
  for (const dir of ['glossary', 'server', 'db', 'scripts']) {
    for (const file of sourceFiles(dir)) {
      const text = readFileSync(file, 'utf8');
      const literals = [
        ...CODE_SITES.flatMap((re) => [...text.matchAll(re)].map((m) => m[1]!)),
        ...[...text.matchAll(CODE_EXPRESSION)].flatMap((m) => [...m[1]!.matchAll(/'([a-z0-9-]+)'/g)].map((l) => l[1]!)),
      ];
      for (const code of literals) {
        if (NOT_OURS.has(code)) continue;
        seen++;
        if (!isErrorCode(code)) unregistered.push(`${relative(root, file)}: ${code}`);
      }
    }
  }
  assert.ok(seen > 50, `the scan found the codes (${seen})`);
  assert.deepEqual(unregistered, []);
});

test('each registered code has a 4xx or 5xx status and a message, and TermbridgeError takes both from it', () => {
  for (const [code, { status, message }] of Object.entries(ERRORS)) {
    assert.ok(status >= 400 && status < 600, `${code}: ${status}`);
    assert.ok(message.length > 0, code);
    assert.ok(isErrorCode(code));
    const e = new TermbridgeError(code as keyof typeof ERRORS);
    assert.equal(e.status, status);
    assert.equal(e.message, message);
  }
  assert.equal(isErrorCode('no-such-code'), false);
  assert.equal(isErrorCode('toString'), false);
});
