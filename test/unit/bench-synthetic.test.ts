import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { hasHan } from '../../glossary/text/chars.ts';
import { generateQueries, QUERY_KINDS } from '../../scripts/bench/queries.ts';
import { generateGlossary, toConcepts } from '../../scripts/bench/synthetic.ts';
import { writeTbxFile } from '../../scripts/bench/tbx.ts';

// The benchmark's generator only: no timing here (speed belongs in `npm run bench`).

test('the synthetic glossary is the same for the same seed and different for another', () => {
  const a = generateGlossary({ count: 2000, seed: 7 });
  const b = generateGlossary({ count: 2000, seed: 7 });
  const c = generateGlossary({ count: 2000, seed: 8 });
  assert.deepEqual(a, b);
  assert.notDeepEqual(
    a.map((e) => e.zhCN),
    c.map((e) => e.zhCN),
  );
});

test('a smaller glossary is the start of a larger one with the same seed', () => {
  const small = generateGlossary({ count: 300, seed: 3 });
  const large = generateGlossary({ count: 3000, seed: 3 });
  assert.deepEqual(small, large.slice(0, 300));
});

test('the synthetic glossary has the requested count, each concept with zh-CN, zh-TW and English preferred forms', () => {
  const entries = generateGlossary({ count: 5000 });
  assert.equal(entries.length, 5000);
  for (const e of entries) {
    const preferred = (lang: string) => e.input.terms.filter((t) => t.lang === lang && t.status === 'preferred').map((t) => t.text);
    assert.deepEqual(preferred('zh-CN'), [e.zhCN]);
    assert.deepEqual(preferred('zh-TW'), [e.zhTW]);
    assert.deepEqual(preferred('en'), [e.en]);
    assert.ok(hasHan(e.zhCN) && hasHan(e.zhTW), e.zhCN);
    assert.match(e.en, /^\p{Lu}/u);
    assert.equal(e.pinyin.length, [...e.zhCN.replace('·', '')].length, `one pinyin syllable per character of ${e.zhCN}`);
  }
  assert.equal(new Set(entries.map((e) => e.zhCN)).size, entries.length, 'zh-CN preferred forms are unique');
  assert.equal(new Set(entries.map((e) => e.en.toLowerCase())).size, entries.length, 'English preferred forms are unique');
  assert.equal(new Set(entries.map((e) => e.externalId)).size, entries.length);
});

test('the synthetic glossary mixes statuses, regional forms and person names as a real one does', () => {
  const entries = generateGlossary({ count: 5000 });
  const statuses = new Set(entries.flatMap((e) => e.input.terms.map((t) => t.status)));
  assert.ok(statuses.has('admitted') && statuses.has('deprecated'));
  const terms = entries.flatMap((e) => e.input.terms);
  assert.ok(terms.filter((t) => t.status === 'preferred').length > terms.length * 0.8, 'mostly preferred');
  // Taiwan forms are Traditional (opencc) and some use another transliteration character.
  assert.ok(entries.filter((e) => e.zhTW !== e.zhCN).length > entries.length / 2);
  assert.ok(
    entries.some((e) => e.zhCN.includes('·') && e.en.includes(' ')),
    'person names with a middle dot',
  );
  assert.ok(
    entries.some((e) => /[^a-z ]/i.test(e.en)),
    'some English names carry diacritics',
  );
});

test('stored concepts from the generator carry the external ids and numbered terms', () => {
  const concepts = toConcepts(generateGlossary({ count: 50 }));
  assert.deepEqual(
    concepts.map((c) => c.id),
    Array.from({ length: 50 }, (_, i) => i + 1),
  );
  assert.equal(concepts[0]!.externalId, 'syn-000001');
  const termIds = concepts.flatMap((c) => c.terms.map((t) => t.id));
  assert.equal(new Set(termIds).size, termIds.length);
});

test('benchmark queries are deterministic, cover every kind, and name a concept of the glossary', () => {
  const entries = generateGlossary({ count: 3000 });
  const queries = generateQueries(entries, 220, 11);
  assert.deepEqual(queries, generateQueries(entries, 220, 11));
  assert.equal(queries.length, 220);
  assert.deepEqual(new Set(queries.map((q) => q.kind)), new Set(QUERY_KINDS));
  const ids = new Map(entries.map((e) => [e.externalId, e]));
  for (const q of queries) {
    const e = ids.get(q.expected);
    assert.ok(e, q.expected);
    if (q.kind === 'zh-CN') assert.equal(q.query, e.zhCN);
    if (q.kind === 'pinyin') assert.equal(q.query, e.pinyin.join(''));
    if (q.kind === 'en-typo') assert.notEqual(q.query, e.en.toLowerCase());
  }
});

const SCHEMA = fileURLToPath(new URL('../../../shared/corpus/tbx/schemas/TBXcoreStructV03_TBX-Basic_integrated.rng', import.meta.url));
const jing = spawnSync('jing', [], { stdio: 'ignore' }).error ? null : 'jing';

test('the benchmark TBX file is valid TBX-Basic v3', {
  skip: !jing ? 'jing is not installed' : !existsSync(SCHEMA) ? `schema not found at ${SCHEMA}` : false,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-tbx-'));
  try {
    const file = join(dir, 'sample.tbx');
    await writeTbxFile(generateGlossary({ count: 60 }), file);
    execFileSync('jing', [SCHEMA, file], { stdio: 'pipe' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
