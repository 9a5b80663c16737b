import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { conceptFromInput } from '../../glossary/concept/concept.ts';
import type { Concept, Status } from '../../glossary/concept/types.ts';
import { substringMatcher } from '../../glossary/lookup/distance.ts';
import { buildLookupIndex } from '../../glossary/lookup/index.ts';
import { compactKey, queryForms } from '../../glossary/lookup/normalise.ts';
import { boundedCombinations, pinyinKeys, readingsOf } from '../../glossary/lookup/pinyin.ts';

describe('query normalisation', () => {
  const cases: [string, string, string[]][] = [
    ['Traditional folds to Simplified', '貝爾格勒', ['贝尔格勒']],
    ['English case and diacritics fold', 'Thaçi', ['thaci']],
    ['decomposed diacritics fold too', 'Thac\u0327i', ['thaci']],
    ['spaces between pinyin syllables go', 'pu li shi di na', ['pulishidina']],
    ['tone marks go', 'pǔlǐshí', ['pulishi']],
    ['tone numbers give a second, toneless form', 'pu3li3shi2', ['pu3li3shi2', 'pulishi']],
    ['tone numbers with spaces', 'pu3 jing1', ['pu3jing1', 'pujing']],
    ['punctuation and middle dots go', '哈希姆・萨奇', ['哈希姆萨奇']],
    ['apostrophes in pinyin go', "xi'an", ['xian']],
    ['full-width letters fold', 'ＫＯＳＯＶＯ', ['kosovo']],
    ['a name broken across lines', '普里什\n蒂纳', ['普里什蒂纳']],
    ['digits in a name stay (not pinyin)', 'G20', ['g20']],
    ['nothing searchable', ' ·,- ', []],
  ];
  for (const [name, query, forms] of cases) {
    test(`${name}: ${JSON.stringify(query)} → ${JSON.stringify(forms)}`, () => {
      assert.deepEqual(queryForms(query), forms);
    });
  }

  test('a term and the way a translator types it meet on one key', () => {
    assert.equal(compactKey('Washington, D.C.'), compactKey('washington dc'));
    assert.equal(compactKey('普里斯汀納'), compactKey('普里斯汀纳'));
  });

  test('very long queries are cut rather than refused', () => {
    assert.equal(queryForms('a'.repeat(1000))[0]!.length, 64);
  });
});

describe('pinyin keys', () => {
  test('every reading of a polyphonic character is offered, the common one first', () => {
    assert.deepEqual(readingsOf('什').slice().sort(), ['shen', 'shi']);
    assert.ok(readingsOf('长').includes('chang') && readingsOf('长').includes('zhang'));
  });

  test('ü is spelled both u and v, as keyboards type it', () => {
    assert.deepEqual(readingsOf('吕'), ['lu', 'lv']);
  });

  const spellings: [string, string[], string[]][] = [
    ['普里什蒂纳', ['pulishidina', 'pulishendina'], ['plsdn']],
    ['科索沃', ['kesuowo'], ['ksw']],
    ['贝尔格莱德', ['beiergelaide'], ['begld']],
    ['哈希姆萨奇', ['haximusaqi'], ['hxmsq']],
  ];
  for (const [term, full, initials] of spellings) {
    test(`${term} is found as ${[...full, ...initials].join(', ')}`, () => {
      const keys = pinyinKeys(term);
      for (const f of full) assert.ok(keys.full.includes(f), `${f} in ${keys.full}`);
      for (const i of initials) assert.ok(keys.initials.includes(i), `${i} in ${keys.initials}`);
    });
  }

  test('spellings of a name with many polyphonic characters are capped, fewest departures first', () => {
    const options = Array.from({ length: 10 }, () => ['a', 'b']);
    const out = boundedCombinations(options, 8);
    assert.equal(out.length, 8);
    assert.equal(out[0], 'aaaaaaaaaa');
    for (const s of out.slice(1)) assert.equal([...s].filter((c) => c === 'b').length, 1);
  });

  test('a name without polyphonic characters has exactly one spelling', () => {
    assert.deepEqual(pinyinKeys('科索沃').full, ['kesuowo']);
  });
});

describe('edit distance to the closest stretch of a key', () => {
  const cases: [string, string, number][] = [
    ['kosovo', 'kosovo', 0],
    ['koshovo', 'kosovo', 1],
    ['prishtna', 'belgradepristinadialogue', 2],
    ['pristina', 'belgradepristinadialogue', 0],
    ['gwiuhi', 'giwuhi', 2],
    ['abc', '', 3],
    ['科索夫', '科索沃', 1],
  ];
  for (const [pattern, text, d] of cases) {
    test(`${pattern} in ${text || '(empty)'}: ${d}`, () => assert.equal(substringMatcher(pattern).distance(text), d));
  }
});

function concept(id: number, terms: [string, string, Status][]): Concept {
  return conceptFromInput({ terms: terms.map(([text, lang, status]) => ({ text, lang, status })) }, id);
}

describe('ranking', () => {
  const index = buildLookupIndex([
    concept(1, [['Sofia Airport', 'en', 'preferred']]),
    concept(2, [
      ['Sofia', 'en', 'preferred'],
      ['索菲亚', 'zh-CN', 'preferred'],
      ['索非亚', 'zh-CN', 'admitted'],
    ]),
    concept(3, [['Old Sofia Road', 'en', 'preferred']]),
    concept(4, [['Sofiya', 'en', 'admitted']]),
    concept(5, [['Sofija', 'en', 'preferred']]),
    concept(6, [['Sofiyat', 'en', 'preferred']]),
    concept(7, [['索非亚大学', 'zh-CN', 'preferred']]),
  ]);
  const ids = (q: string) => index.search(q).map((r) => r.id);

  test('exact before prefix before infix before fuzzy', () => {
    const got = ids('sofia');
    assert.deepEqual(got.slice(0, 3), [2, 1, 3]);
    assert.ok(got.indexOf(5) > 2, 'the one-edit Sofija after every exact, prefix and infix hit');
  });

  test('preferred before admitted at the same tier', () => {
    // "sofiya" is exactly the admitted term of 4 and a prefix of the preferred term of 6:
    // exactness wins; among prefixes, status decides before length.
    assert.equal(ids('sofiya')[0], 4);
    assert.deepEqual(ids('sofiy').slice(0, 2), [6, 4]);
  });

  test('ties go to the shorter term', () => {
    assert.deepEqual(ids('索非亚').slice(0, 2), [2, 7]);
  });

  test('each concept appears once, with its best match and all its terms', () => {
    const [first] = index.search('索菲亚');
    assert.equal(first?.id, 2);
    assert.equal(first?.matched, '索菲亚');
    assert.equal(first?.english, 'Sofia');
    assert.deepEqual(
      first?.terms.map((t) => `${t.text}/${t.lang}/${t.status}`),
      ['Sofia/en/preferred', '索菲亚/zh-CN/preferred', '索非亚/zh-CN/admitted'],
    );
    assert.equal(new Set(ids('sofi')).size, ids('sofi').length);
  });

  test('scores fall with the tier', () => {
    const scores = index.search('sofia').map((r) => r.score);
    assert.deepEqual(
      [...scores].sort((a, b) => b - a),
      scores,
    );
    assert.equal(scores[0], 1);
  });

  test('an empty or unsearchable query finds nothing', () => {
    assert.deepEqual(index.search(''), []);
    assert.deepEqual(index.search(' - '), []);
  });

  test('the limit is respected', () => {
    assert.equal(index.search('sofi', 2).length, 2);
  });
});
