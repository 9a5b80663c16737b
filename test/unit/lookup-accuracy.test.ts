import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, test } from 'node:test';
import { openDatabase } from '../../db/connection.ts';
import { seedStarterGlossary } from '../../db/seed.ts';
import { glossarySnapshot } from '../../db/snapshot.ts';
import { type Concept, conceptRef } from '../../glossary/concept/types.ts';
import type { LookupIndex } from '../../glossary/lookup/index.ts';

interface LabelledQuery {
  query: string;
  kind: string;
  /** preferred English term or external id of the concept the translator is after */
  expected: string;
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/lookup/queries.json', import.meta.url), 'utf8')) as {
  queries: LabelledQuery[];
};

function resolve(concepts: readonly Concept[], expected: string): string {
  const hits = concepts.filter(
    (c) => c.externalId === expected || c.terms.some((t) => t.lang === 'en' && t.status === 'preferred' && t.text === expected),
  );
  assert.equal(hits.length, 1, `"${expected}" should name exactly one starter concept`);
  return conceptRef(hits[0]!);
}

describe('lookup over the starter glossary, with a labelled query set', () => {
  let concepts: readonly Concept[];
  let index: LookupIndex;
  before(() => {
    const { db } = openDatabase(':memory:');
    seedStarterGlossary(db);
    ({ concepts, lookup: index } = glossarySnapshot(db));
  });

  test('the query set covers every kind of query a translator types', () => {
    const kinds = new Set(fixture.queries.map((q) => q.kind));
    for (const kind of [
      'zh-CN',
      'zh-TW',
      'cross-script',
      'english',
      'pinyin',
      'pinyin-spaced',
      'pinyin-tones',
      'initials',
      'prefix',
      'infix',
      'typo',
    ]) {
      assert.ok(kinds.has(kind), `no ${kind} queries`);
    }
    assert.ok(fixture.queries.length >= 60);
  });

  test('top-1 accuracy is at least 0.9 and top-5 at least 0.98', () => {
    let top1 = 0;
    let top5 = 0;
    const misses: string[] = [];
    const byKind = new Map<string, { n: number; top1: number; top5: number }>();
    for (const q of fixture.queries) {
      const want = resolve(concepts, q.expected);
      const got = index.search(q.query, 5).map((r) => r.conceptId);
      const k = byKind.get(q.kind) ?? { n: 0, top1: 0, top5: 0 };
      k.n++;
      if (got[0] === want) {
        top1++;
        k.top1++;
      } else misses.push(`${q.kind} "${q.query}" → ${q.expected} at ${got.indexOf(want) + 1 || '-'} (first: ${got[0] ?? 'nothing'})`);
      if (got.includes(want)) {
        top5++;
        k.top5++;
      }
      byKind.set(q.kind, k);
    }
    const n = fixture.queries.length;
    console.log(`lookup accuracy over ${n} labelled queries: top-1 ${(top1 / n).toFixed(3)}, top-5 ${(top5 / n).toFixed(3)}`);
    for (const [kind, k] of byKind) console.log(`  ${kind.padEnd(13)} ${k.n} queries, top-1 ${k.top1}/${k.n}, top-5 ${k.top5}/${k.n}`);
    for (const m of misses) console.log(`  not first: ${m}`);
    assert.ok(top1 / n >= 0.9, `top-1 ${top1 / n}`);
    assert.ok(top5 / n >= 0.98, `top-5 ${top5 / n}`);
  });
});
