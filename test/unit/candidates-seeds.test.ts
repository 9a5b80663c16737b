import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import {
  buildKnownIndex,
  buildTranslitModel,
  type Candidate,
  extractCandidates,
  type KnownConcept,
} from '../../glossary/candidates/index.ts';
import { conceptsFromInputs } from '../../glossary/concept/concept.ts';
import type { Concept } from '../../glossary/concept/types.ts';
import { buildMatcher } from '../../glossary/matching/matcher.ts';
import { starterGlossary } from '../../glossary/starter/starter.ts';
import { fold } from '../../glossary/text/fold.ts';

/**
 * The issue's "done when" over the seed documents. Two glossaries:
 * - the full starter glossary, as a new termbase has it. Its curated part was written from
 *   these very documents (OSCE, UNMIK, Hashim Thaçi … are in it), so against it almost every
 *   name is "already in the glossary" — which is the right answer and is checked as such;
 * - the starter glossary without the curated entries (CLDR names only): a glossary that has
 *   not seen these documents, to measure what extraction finds in them.
 */
const FIXTURES = new URL('../fixtures/candidates/', import.meta.url);
const SEEDS = new URL('../../../shared/seeds/', import.meta.url);
const LABELS = JSON.parse(readFileSync(new URL('labels.json', FIXTURES), 'utf8')) as { documents: Record<string, { accept: string[] }> };

const FULL = conceptsFromInputs(starterGlossary());
const CLDR_ONLY = conceptsFromInputs(
  starterGlossary()
    .filter((c) => c.externalId?.startsWith('cldr-'))
    .map((c) => ({ ...c, terms: c.terms.filter((t) => t.source?.startsWith('Unicode CLDR')) }))
    .filter((c) => c.terms.length > 0),
);

function extractor(concepts: Concept[]) {
  const known = buildKnownIndex(concepts as KnownConcept[], buildMatcher(concepts));
  const model = buildTranslitModel(concepts);
  return (text: string) => extractCandidates(text, { known, model });
}
const withFull = extractor(FULL);
const withCldr = extractor(CLDR_ONLY);
/** The starter glossary as it would be without the two entries under test. */
const withoutOsceUnmik = extractor(FULL.filter((c) => !c.terms.some((t) => t.text === '欧安组织' || t.text === 'UNMIK')));

const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');
const pairOf = (c: Candidate | undefined) => c?.forms.filter((f) => f.verified).map((f) => [f.text, f.lang, f.type]);
const byForm = (list: Candidate[], text: string) => list.find((c) => c.forms.some((f) => f.verified && f.text === text));

describe('seed 000 (UN Security Council repertoire, PDF text)', () => {
  test('欧安组织 is proposed as the abbreviation of 欧洲安全与合作组织, 科索沃特派团 of its full name', () => {
    const r = withoutOsceUnmik(fixture('000-excerpt.txt'));
    assert.deepEqual(pairOf(byForm(r.candidates, '欧安组织')), [
      ['欧洲安全与合作组织', 'zh-CN', 'fullForm'],
      ['欧安组织', 'zh-CN', 'abbreviation'],
    ]);
    assert.deepEqual(pairOf(byForm(r.candidates, '科索沃特派团')), [
      ['联合国科索沃临时行政当局特派团', 'zh-CN', 'fullForm'],
      ['科索沃特派团', 'zh-CN', 'abbreviation'],
    ]);
    assert.equal(byForm(r.candidates, '欧安组织')!.subject, 'organisation');
  });

  test('with the full starter glossary both are reported as already in the glossary, not proposed', () => {
    const r = withFull(fixture('000-excerpt.txt'));
    for (const form of ['欧安组织', '科索沃特派团', '哈希姆·萨奇']) {
      assert.equal(byForm(r.candidates, form), undefined, form);
      const known = byForm(r.known, form);
      assert.ok(known?.known, `${form} should be listed as known`);
      const concept = FULL.find((c) => c.id === known.known!.conceptId)!;
      assert.ok(concept.terms.some((t) => fold(t.text) === fold(form)));
    }
  });
});

describe('seed 003 (news article, HTML)', () => {
  test('杜加里克 ↔ Stephane Dujarric is proposed as a zh/en pair (not in the starter glossary)', () => {
    const r = withFull(fixture('003-excerpt.html'));
    const c = byForm(r.candidates, '杜加里克');
    assert.deepEqual(pairOf(c), [
      ['杜加里克', 'zh-CN', 'shortForm'],
      ['Stephane Dujarric', 'en', 'fullForm'],
    ]);
    assert.equal(c!.known, null);
    assert.equal(c!.subject, 'person');
  });
});

describe('seed 002 (Taiwanese news, Traditional script)', () => {
  test('names are proposed in the script the document uses', () => {
    const r = withCldr(fixture('002-excerpt.txt'));
    assert.equal(r.script, 'zh-TW');
    assert.ok(r.candidates.every((c) => c.forms.filter((f) => f.verified).every((f) => f.lang === 'zh-TW' || f.lang === 'en')));
  });
});

// Precision of the top 20 per seed document against the hand labels (labels.json, written
// by reading the documents before tuning). A candidate counts as right when its primary form
// is a label.
const seedsPresent = existsSync(SEEDS);
describe('precision over the seed documents', { skip: seedsPresent ? false : `no ../shared/seeds at ${SEEDS.pathname}` }, () => {
  for (const [name, { accept }] of Object.entries(LABELS.documents)) {
    test(`top-20 precision ≥ 0.7 in ${name}`, () => {
      const text = readFileSync(new URL(name, SEEDS), 'utf8');
      const labels = new Set(accept.map(fold));
      const rows: string[] = [];
      for (const [setting, run] of [
        ['CLDR-only glossary', withCldr],
        ['full starter glossary', withFull],
      ] as const) {
        const top = run(text).candidates.slice(0, 20);
        const right = top.filter((c) => labels.has(c.key));
        const precision = top.length ? right.length / top.length : null;
        const wrong = top.filter((c) => !labels.has(c.key)).map((c) => c.key);
        rows.push(
          `${name} · ${setting}: ${top.length} candidates, precision ${precision === null ? 'n/a (nothing new)' : precision.toFixed(2)}${wrong.length ? ` · wrong: ${wrong.join(' ')}` : ''}`,
        );
        if (setting === 'CLDR-only glossary') {
          assert.ok(top.length >= 3, `${name}: too few candidates to measure (${top.length})`);
          assert.ok(precision! >= 0.7, rows.at(-1));
        } else if (precision !== null) assert.ok(precision >= 0.7, rows.at(-1));
      }
      for (const r of rows) console.log(r);
    });
  }
});
