import assert from 'node:assert/strict';
import { test } from 'node:test';
import { highlightDocuments, lookupQueries, runLoad } from '../../scripts/load.ts';

// Only that the load script works (npm run bench relies on it); its figures are not asserted here.
test('the load script drives lookup (and highlight when present) and reports requests/s and p99 without errors', async () => {
  const result = await runLoad({ durationSeconds: 1, connections: 2, verbose: false });
  assert.ok(result.lookup.requests > 0);
  assert.equal(result.lookup.errors, 0);
  assert.equal(result.lookup.non2xx, 0, 'every lookup answered 2xx');
  assert.ok(Number.isFinite(result.lookup.rps) && Number.isFinite(result.lookup.p99_ms));
  if (result.highlight) assert.equal(result.highlight.non2xx, 0, 'every highlight answered 2xx');
  assert.ok((result.concepts ?? 0) > 500, 'on the starter glossary');
});

test('the load uses varied queries and documents that contain glossary names', () => {
  const queries = lookupQueries();
  assert.ok(queries.length >= 100);
  assert.ok(queries.some((q) => /\p{Script=Han}/u.test(q)) && queries.some((q) => /^[a-z]/.test(q)));
  const docs = highlightDocuments(3, 500);
  assert.equal(docs.length, 3);
  assert.ok(docs.every((d) => d.length >= 500));
});
