import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { buildKnownIndex, extractFromPairs } from '../../glossary/candidates/index.ts';
import type { Concept } from '../../glossary/concept/types.ts';
import { buildMatcher } from '../../glossary/matching/matcher.ts';
import { starterGlossary } from '../../glossary/starter/starter.ts';

// NTREX-128 (CC BY-SA 4.0) is read from ../shared/corpus, never copied into the repo.
const DIR = new URL('../../../shared/corpus/align/ntrex-zh-en/', import.meta.url);
const present = existsSync(new URL('newstest2019-ref.zho-CN.txt', DIR));

test('on 2,000 real news pairs, the strongest bilingual candidates are names with their English', {
  skip: present ? false : `NTREX-128 not found at ${DIR.pathname}`,
}, () => {
  const zh = readFileSync(new URL('newstest2019-ref.zho-CN.txt', DIR), 'utf8').split('\n');
  const en = readFileSync(new URL('newstest2019-src.eng.txt', DIR), 'utf8').split('\n');
  const pairs = zh.map((z, i) => ({ zh: z, en: en[i] ?? '' })).filter((p) => p.zh.trim() && p.en.trim());
  const concepts = starterGlossary().map((c, i) => ({
    ...c,
    id: i + 1,
    terms: c.terms.map((t, k) => ({ ...t, id: i * 1000 + k })),
  })) as unknown as Concept[];
  const r = extractFromPairs(pairs, { known: buildKnownIndex(concepts, buildMatcher(concepts)) });
  const top = r.candidates.slice(0, 15).map((c) => `${c.key}↔${c.forms.find((f) => f.lang === 'en')?.text}`);
  console.log(`top 15: ${top.join(', ')}`);
  for (const pair of ['利文斯顿↔Livingston', '切尔西↔Chelsea', '佩洛西↔Pelosi']) assert.ok(top.includes(pair), pair);
  // Known on both sides (the starter glossary has them): never proposed.
  assert.ok(!r.candidates.some((c) => c.forms.some((f) => f.text === 'United States')));
});
