import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { openDatabase } from '../../db/connection.ts';
import { glossarySnapshot } from '../../db/snapshot.ts';
import { seedStarterGlossary } from '../../db/seed.ts';
import { conceptFromInput } from '../../glossary/concept/concept.ts';
import { isCloseMatch, maxEdits } from '../../glossary/lookup/closeness.ts';
import { buildLookupIndex, type LookupIndex } from '../../glossary/lookup/index.ts';
import { containsFromWordStart } from '../../glossary/lookup/normalise.ts';

describe('closeness of a fuzzy match (the cut-off)', () => {
  const cases: [string, string, string, boolean][] = [
    ['a swapped pair of letters is one edit', 'belgarde', 'belgrade', true],
    ['a dropped letter', 'prishtna', 'prishtina', true],
    ['two edits on an eight-letter name', 'gutteres', 'guterres', true],
    ['a four-letter acronym is known or not', 'kfor', 'ifor', false],
    ['a name is not the start of a longer one', 'thaci', 'thailand', false],
    ['a query is not a stretch inside a longer key', 'kfor', 'fortaleza', false],
    ['three edits on six letters is another word', 'otanin', 'bhutan', false],
  ];
  for (const [name, query, key, close] of cases) {
    test(`${name}: ${query} ~ ${key} is ${close ? '' : 'not '}close`, () => {
      assert.equal(isCloseMatch(query, key), close);
    });
  }
  test('edits allowed grow with the query: none below five units', () => {
    assert.deepEqual([1, 4, 5, 7, 8, 12, 16].map(maxEdits), [0, 0, 1, 1, 2, 3, 4]);
  });
});

describe('infixes start at a word of the term', () => {
  const cases: [string, string, boolean][] = [
    ['Kosovo Specialist Chambers', 'specialistchambers', true],
    ['Constitutional Framework for Provisional Self-Government', 'kfor', false],
    ['普里什蒂纳', '什蒂', true],
    ['UNMIK和Kosovo', 'kosovo', true],
  ];
  for (const [text, key, expected] of cases) {
    test(`${JSON.stringify(key)} in ${JSON.stringify(text)}: ${expected}`, () => {
      assert.equal(containsFromWordStart(text, key), expected);
    });
  }
});

describe('lookup over the starter glossary says when it does not know (issue 17)', () => {
  let index: LookupIndex;
  before(() => {
    const { db } = openDatabase(':memory:');
    seedStarterGlossary(db);
    index = glossarySnapshot(db).lookup;
  });
  const english = (q: string) => index.search(q, 10).map((r) => r.english);

  // Queries for names the starter glossary does not have, and the junk they used to bring.
  const UNKNOWN: [string, string][] = [
    ['OTAN', 'Rarotonga'],
    ['KFRO', 'Fortaleza'],
    ['Qwerty', ''],
    ['Zyxwvut', ''],
    ['Genève', ''],
  ];
  for (const [query, junk] of UNKNOWN) {
    test(`${query}: no match${junk ? `, not ${junk}` : ''}`, () => {
      assert.deepEqual(english(query), []);
    });
  }

  const KNOWN: [string, string][] = [
    ['NATO', 'North Atlantic Treaty Organization'],
    ['Thaci', 'Hashim Thaçi'],
    ['KFOR', 'Kosovo Force'],
    ['联络小组', 'Contact Group'],
    ['Ahtisari', 'Ahtisaari'],
  ];
  for (const [query, first] of KNOWN) {
    test(`${query} finds ${first} first, and no fuzzy look-alike pads the answer`, () => {
      const results = index.search(query, 10);
      assert.equal(results[0]?.english, first);
      const exact = results[0]!.score === 1;
      if (exact)
        assert.ok(
          results.every((r) => r.score >= 0.8),
          `${query}: ${results.map((r) => `${r.english} ${r.score}`)}`,
        );
    });
  }

  test('NATO no longer brings Kwajalein Atoll (pinyin syllables run together are not infixes)', () => {
    assert.ok(!english('NATO').includes('Kwajalein Atoll'));
  });
});

test('a small glossary: a typo finds its name, an unrelated word finds nothing', () => {
  const concepts = [
    conceptFromInput({ terms: [{ text: 'Mariupol', lang: 'en', status: 'preferred' }] }, 1),
    conceptFromInput({ terms: [{ text: 'Fortaleza', lang: 'en', status: 'preferred' }] }, 2),
  ];
  const index = buildLookupIndex(concepts);
  assert.deepEqual(
    index.search('Mariupl').map((r) => r.english),
    ['Mariupol'],
  );
  assert.deepEqual(index.search('Kfor'), []);
});
