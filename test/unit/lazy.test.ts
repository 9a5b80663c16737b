import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lazy } from '../../glossary/text/lazy.ts';

test('lazy builds nothing until first use, then builds once and keeps the value', () => {
  let builds = 0;
  const table = lazy(() => {
    builds++;
    return new Uint8Array(4);
  });
  assert.equal(builds, 0);
  const first = table();
  assert.equal(builds, 1);
  assert.equal(table(), first);
  assert.equal(builds, 1);
});

test('lazy keeps an undefined result without building again', () => {
  let builds = 0;
  const nothing = lazy(() => {
    builds++;
    return undefined;
  });
  nothing();
  nothing();
  assert.equal(builds, 1);
});
