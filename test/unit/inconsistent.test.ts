import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkTerminology } from '../../glossary/align/qa.ts';
import { conceptLabel, conceptsFromInputs, englishTerm } from '../../glossary/concept/concept.ts';
import type { ConceptInput } from '../../glossary/concept/types.ts';
import { buildMatcher } from '../../glossary/matching/matcher.ts';
import { reviewDocument, reviewGlossary } from '../../glossary/review/review.ts';

/**
 * Document review and alignment QA both flag `inconsistent`; they share one rule
 * (findInconsistency in glossary/concept/concept.ts). The same glossary and the same English
 * text must give the same flags in both, in the cases where the two copies used to differ.
 */

const GLOSSARY: ConceptInput[] = [
  {
    externalId: 'pristina',
    terms: [
      { text: '普里什蒂纳', lang: 'zh-CN', status: 'preferred' },
      { text: 'Pristina', lang: 'en', status: 'preferred' },
      { text: 'Prishtina', lang: 'en', status: 'admitted' },
      { text: 'Priština', lang: 'en', status: 'deprecated' },
    ],
  },
  {
    externalId: 'kosovo',
    terms: [
      { text: '科索沃', lang: 'zh-CN', status: 'preferred' },
      { text: 'Kosovo', lang: 'en', status: 'preferred', type: 'fullForm' },
      { text: 'Republic of Kosovo', lang: 'en', status: 'admitted', type: 'fullForm' },
    ],
  },
  {
    externalId: 'nato',
    terms: [
      { text: '北约', lang: 'zh-CN', status: 'preferred' },
      { text: 'North Atlantic Treaty Organization', lang: 'en', status: 'preferred', type: 'fullForm' },
      { text: 'NATO', lang: 'en', status: 'preferred', type: 'acronym' },
    ],
  },
  {
    externalId: 'serbia',
    terms: [
      { text: '塞尔维亚', lang: 'zh-CN', status: 'preferred' },
      { text: 'Serbia', lang: 'en-GB', status: 'admitted' },
      { text: 'Srbija', lang: 'en-US', status: 'admitted' },
    ],
  },
];

const concepts = conceptsFromInputs(GLOSSARY);
const matcher = buildMatcher(concepts);
const byId = new Map(concepts.map((c) => [c.id, c]));

/** QA over sentence pairs i↔i: the English texts it flags `inconsistent`. */
function qaFlags(zh: string[], en: string[]): string[] {
  const beads = zh.map((_, i) => ({ zh: [i], en: [i] }));
  const issues = checkTerminology(
    beads,
    zh,
    en,
    zh.map((s) => matcher.match(s)),
    en.map((s) => matcher.match(s)),
    byId,
  );
  return issues.flat().flatMap((i) => (i.type === 'inconsistent' ? [i.en!.text] : []));
}

/** Review of the English side as one document: the texts it flags `inconsistent`. */
function reviewFlags(en: string[]): string[] {
  const { matches } = reviewDocument(en.join('\n'), reviewGlossary(matcher, concepts), { locale: 'zh-CN' });
  return matches.flatMap((m) => (m.issues.some((i) => i.type === 'inconsistent') ? [m.text] : []));
}

const CASES: { name: string; zhName: string; en: string[]; flagged: string[] }[] = [
  {
    name: 'two rival spellings: the preferred one is the usual one even when used less often',
    zhName: '普里什蒂纳',
    en: ['He visited Prishtina.', 'Prishtina was calm.', 'He left Pristina.'],
    flagged: ['Prishtina', 'Prishtina'],
  },
  {
    name: 'case and width do not make another form',
    zhName: '普里什蒂纳',
    en: ['He visited Pristina.', 'PRISTINA was calm.', 'He left Ｐｒｉｓｔｉｎａ.'],
    flagged: [],
  },
  {
    name: 'a form containing another is the same name, not a rival',
    zhName: '科索沃',
    en: ['Kosovo declared independence.', 'The Republic of Kosovo was recognised.'],
    flagged: [],
  },
  {
    name: 'an acronym beside the full form is house style',
    zhName: '北约',
    en: ['The North Atlantic Treaty Organization met.', 'NATO agreed.'],
    flagged: [],
  },
  {
    name: 'English in two region tags is one language: the more frequent form is usual',
    zhName: '塞尔维亚',
    en: ['Serbia spoke.', 'Srbija answered.', 'Serbia agreed.'],
    flagged: ['Srbija'],
  },
];

describe('review and alignment QA agree on `inconsistent`', () => {
  for (const c of CASES) {
    test(c.name, () => {
      const zh = c.en.map(() => `${c.zhName}。`);
      const qa = qaFlags(zh, c.en);
      const review = reviewFlags(c.en);
      assert.deepEqual(review, qa, 'review and QA flag the same forms');
      assert.deepEqual(qa, c.flagged);
    });
  }

  test('a deprecated form is flagged for its status by both, never as a rival', () => {
    const en = ['He visited Priština.', 'Priština was calm.', 'He left Prishtina.'];
    assert.deepEqual(reviewFlags(en), []);
    assert.deepEqual(
      qaFlags(
        en.map(() => '普里什蒂纳。'),
        en,
      ),
      [],
    );
  });
});

describe('the English name of a concept', () => {
  test('any English tag counts, preferred before admitted, plain en before a region', () => {
    const serbia = concepts[3]!;
    assert.equal(englishTerm(serbia.terms)?.text, 'Serbia');
    assert.equal(conceptLabel(serbia), 'Serbia');
    const [c] = conceptsFromInputs([
      {
        terms: [
          { text: 'Colour', lang: 'en-GB', status: 'preferred' },
          { text: 'Color', lang: 'en', status: 'preferred' },
          { text: '颜色', lang: 'zh-CN', status: 'preferred' },
        ],
      },
    ]);
    assert.equal(conceptLabel(c!), 'Color');
    const { matches } = reviewDocument('颜色', reviewGlossary(buildMatcher([c!]), [c!]), { locale: 'zh-CN' });
    assert.equal(matches[0]?.english, 'Color');
  });
});
