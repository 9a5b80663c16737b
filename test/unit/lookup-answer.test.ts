import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { openDatabase } from '../../db/connection.ts';
import { seedStarterGlossary } from '../../db/seed.ts';
import { glossarySnapshot } from '../../db/snapshot.ts';
import { conceptFromInput } from '../../glossary/concept/concept.ts';
import { answerLookup, MAX_DID_YOU_MEAN } from '../../glossary/lookup/answer.ts';
import { buildLookupIndex, type LookupIndex } from '../../glossary/lookup/index.ts';
import { spellsSyllablesOf } from '../../glossary/lookup/pinyin.ts';
import { DEFINITION_LINE, oneLine } from '../../glossary/lookup/result.ts';

describe('lookup answers over the starter glossary (issue 17)', () => {
  let index: LookupIndex;
  before(() => {
    const { db } = openDatabase(':memory:');
    seedStarterGlossary(db);
    index = glossarySnapshot(db).lookup;
  });

  // query → the first answer's English label, how it matched, and whether the answer is a "did you mean".
  const GOOD: [string, string, string, string][] = [
    ['NATO', 'North Atlantic Treaty Organization', 'exact', 'term'],
    ['北约组织', 'North Atlantic Treaty Organization', 'exact', 'term'],
    ['KFOR', 'Kosovo Force', 'exact', 'term'],
    ['联络小组', 'Contact Group', 'exact', 'term'],
    ['Thaci', 'Hashim Thaçi', 'exact', 'term'],
    ['Viet Nam', 'Viet Nam', 'exact', 'term'],
    ['plsdn', 'Pristina', 'exact', 'initials'],
    ['pu li shi di na', 'Pristina', 'exact', 'pinyin'],
    ['shidina', 'Pristina', 'infix', 'pinyin'],
    ['shi di na', 'Pristina', 'infix', 'pinyin'],
    ['hedisali', 'Ahtisaari', 'infix', 'pinyin'],
    ['什蒂', 'Pristina', 'infix', 'term'],
    ['Specialist Chambers', 'Kosovo Specialist Chambers', 'infix', 'term'],
  ];
  for (const [query, english, match, via] of GOOD) {
    test(`${query}: ${english} (${match} by ${via}), no fuzzy padding, no "did you mean"`, () => {
      const answer = answerLookup(index, query, 10);
      assert.equal(answer.results[0]?.english, english, JSON.stringify(answer.results.map((r) => r.english)));
      assert.deepEqual([answer.results[0]!.match, answer.results[0]!.via], [match, via]);
      assert.ok(answer.results.every((r) => r.match !== 'fuzzy'));
      assert.deepEqual(answer.didYouMean, []);
    });
  }

  // Misspellings: no answer matches as typed, so the close names come as "did you mean".
  const TYPOS: [string, string][] = [
    ['Koshovo', 'Kosovo'],
    ['Prishtna', 'Pristina'],
    ['Ahtisari', 'Ahtisaari'],
    ['Belgarde', 'Belgrade'],
  ];
  for (const [query, meant] of TYPOS) {
    test(`${query}: did you mean ${meant}?`, () => {
      const answer = answerLookup(index, query, 10);
      assert.ok(answer.didYouMean.length >= 1 && answer.didYouMean.length <= MAX_DID_YOU_MEAN);
      assert.equal(answer.didYouMean[0]!.query, meant);
      assert.ok(answer.results.every((r) => r.match === 'fuzzy'));
      assert.equal(answer.results.length, answer.didYouMean.length);
    });
  }

  // Names and strings the glossary does not have: no match, and no least bad guess.
  const JUNK = ['OTAN', 'KFRO', 'Qwerty', 'Zyxwvut', 'Genève', 'sijidi', 'xyzzy', 'nato tang', '北约秘书处长官'];
  for (const query of JUNK) {
    test(`${query}: no match`, () => {
      assert.deepEqual(answerLookup(index, query, 10), { results: [], didYouMean: [] });
    });
  }

  test('the country Belize and the time-zone city Belize are told apart by subject or definition', () => {
    const { results } = answerLookup(index, 'Belize', 10);
    assert.equal(results.length, 2);
    const told = new Set(results.map((r) => `${r.subject}\u0000${r.definition}`));
    assert.equal(told.size, 2);
    for (const r of results) assert.ok(r.source, `${r.conceptId} names its source`);
  });

  test('every answer card has a subject, a one-line definition and a source from the starter data', () => {
    for (const q of ['Kosovo', '秘书长', 'Under-Secretary-General', 'UNOSEK', '马尔蒂·阿赫蒂萨里']) {
      for (const r of answerLookup(index, q, 5).results) {
        assert.ok(r.subject, `${q} → ${r.conceptId}: subject`);
        assert.ok(r.definition && !/\n/.test(r.definition), `${q} → ${r.conceptId}: definition`);
        assert.ok(r.source, `${q} → ${r.conceptId}: source`);
      }
    }
  });
});

describe('pinyin infixes are whole syllables from a syllable on', () => {
  const cases: [string, string, boolean][] = [
    ['普里什蒂纳', 'shidina', true],
    ['普里什蒂纳', 'lishidi', true],
    ['普里什蒂纳', 'shendina', true], // another reading of 什
    ['普里什蒂纳', 'hidina', false], // starts inside a syllable
    ['普里什蒂纳', 'shidin', false], // ends inside one
    ['普里什蒂纳', 'na', false], // one syllable is too little
    ['普里什蒂纳', 'pulishi', false], // from the first syllable it is a prefix, not an infix
    ['洛塘', 'otan', false],
  ];
  for (const [key, q, expected] of cases) {
    test(`${q} in ${key}: ${expected}`, () => assert.equal(spellsSyllablesOf(key, q), expected));
  }
});

test('a glossary of its own: a pinyin infix finds the name, letters across syllables do not', () => {
  const index = buildLookupIndex([
    conceptFromInput({ terms: [{ text: '阿赫蒂萨里', lang: 'zh-CN', status: 'preferred' }] }, 1),
    conceptFromInput({ terms: [{ text: '洛塘', lang: 'zh-CN', status: 'preferred' }] }, 2),
  ]);
  assert.deepEqual(
    answerLookup(index, 'disali', 10).results.map((r) => [r.matched, r.match, r.via]),
    [['阿赫蒂萨里', 'infix', 'pinyin']],
  );
  assert.deepEqual(answerLookup(index, 'otan', 10).results, []);
});

test('a definition on a card is its first line, cut at a word', () => {
  assert.equal(oneLine('Capital of Kosovo.\nSecond line.'), 'Capital of Kosovo.');
  assert.equal(oneLine('   '), null);
  assert.equal(oneLine(null), null);
  const long = oneLine('word '.repeat(100))!;
  assert.ok(long.length <= DEFINITION_LINE && long.endsWith('…') && !long.includes('wor…'));
});
