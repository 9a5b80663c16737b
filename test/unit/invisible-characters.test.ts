import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ConceptRepository } from '../../db/concepts.ts';
import { openDatabase } from '../../db/connection.ts';
import { importStream } from '../../db/interchange/import.ts';
import { seedStarterGlossary } from '../../db/seed.ts';
import { glossarySnapshot } from '../../db/snapshot.ts';
import { buildLookupIndex } from '../../glossary/lookup/index.ts';
import { buildMatcher } from '../../glossary/matching/matcher.ts';
import { reviewDocument, reviewGlossary } from '../../glossary/review/review.ts';
import { fold, foldWithOffsets, originalSpan } from '../../glossary/text/fold.ts';
import { conceptBodySchema } from '../../server/schemas/concept.ts';

// Issue 13, item 14: U+200D, U+00AD, U+2060, U+FEFF inside 普里什蒂纳 (and U+200B inside Latin
// names) hid the name from highlighting and QA; terms with U+202E were accepted.

const { db } = openDatabase(':memory:');
seedStarterGlossary(db);
const starter = glossarySnapshot(db).concepts;
db.close();
const matcher = buildMatcher(starter);
const glossary = reviewGlossary(matcher, starter);

const INVISIBLE: [string, string][] = [
  ['ZERO WIDTH SPACE', '\u200b'],
  ['ZERO WIDTH NON-JOINER', '\u200c'],
  ['ZERO WIDTH JOINER', '\u200d'],
  ['SOFT HYPHEN', '\u00ad'],
  ['WORD JOINER', '\u2060'],
  ['ZERO WIDTH NO-BREAK SPACE (BOM)', '\ufeff'],
  ['MONGOLIAN VOWEL SEPARATOR', '\u180e'],
  ['VARIATION SELECTOR-16', '\ufe0f'],
  ['INVISIBLE SEPARATOR', '\u2063'],
  ['LEFT-TO-RIGHT MARK', '\u200e'],
  ['RIGHT-TO-LEFT OVERRIDE', '\u202e'],
  ['two of them', '\u200d\u00ad'],
];
const NAMES: [string, string][] = [
  ['普里什蒂纳', 'Pristina'],
  ['Pristina', 'Pristina'],
  ['Kosovo', 'Kosovo'],
];

for (const [what, ch] of INVISIBLE) {
  for (const [name, english] of NAMES) {
    test(`a ${what} inside ${name} does not hide it from highlighting and review; offsets cover the original`, () => {
      const cut = Math.floor(name.length / 2);
      const hidden = `${name.slice(0, cut)}${ch}${name.slice(cut)}`;
      const text = `在${hidden}。 In ${hidden}. `;
      const found = matcher.match(text).filter((m) => text.slice(m.start, m.end) === hidden);
      assert.ok(found.length >= 1, `matched in ${JSON.stringify(text)}`);
      const { matches } = reviewDocument(text, glossary);
      const m = matches.find((x) => x.text === hidden);
      assert.ok(m, 'review reports it');
      assert.equal(m!.english, english);
    });
  }
}

test('folding drops invisible characters and keeps offsets into the original', () => {
  const source = 'Kos\u200bovo 普里\u200d什\u00ad蒂纳';
  const folded = foldWithOffsets(source);
  assert.equal(folded.text, 'kosovo 普里什蒂纳');
  const at = folded.text.indexOf('普里什蒂纳');
  assert.deepEqual(originalSpan(folded, at, at + 5), [source.indexOf('普'), source.length]);
  assert.equal(fold('\ufeffKosovo\u2060'), fold('Kosovo'));
});

test('lookup finds a name typed with an invisible character inside', () => {
  const index = buildLookupIndex(starter);
  for (const q of ['普里什\u200d蒂纳', 'Pris\u200btina', 'Kos\u00adovo']) {
    const [first] = index.search(q);
    assert.ok(first, q);
    assert.ok(
      first.terms.some((t: { text: string }) => ['普里什蒂纳', 'Pristina', 'Kosovo'].includes(t.text)),
      `${JSON.stringify(q)} → ${JSON.stringify(first.terms.map((t: { text: string }) => t.text))}`,
    );
  }
});

test('property: inserting invisible characters anywhere in a text changes nothing the matcher finds', () => {
  const invisible = fc.constantFrom(...INVISIBLE.filter(([, c]) => !/[\u202a-\u202e]/.test(c)).map(([, c]) => c));
  fc.assert(
    fc.property(
      fc.constantFrom('在普里什蒂纳和科索沃', 'Pristina and Kosovo, Belgrade', '贝尔格莱德 Kosovo 北約'),
      fc.array(fc.tuple(fc.nat(), invisible), { maxLength: 4 }),
      (text, inserts) => {
        let hidden = text;
        for (const [at, ch] of inserts) {
          const i = at % (hidden.length + 1);
          hidden = hidden.slice(0, i) + ch + hidden.slice(i);
        }
        const plain = matcher.match(text).map((m) => m.term.text);
        const seen = matcher.match(hidden).map((m) => m.term.text);
        assert.deepEqual(seen, plain, JSON.stringify(hidden));
      },
    ),
  );
});

const BIDI = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];

test('a term with a bidi embedding, override or isolate control is refused by the API schema', () => {
  for (const b of BIDI) {
    const r = conceptBodySchema.safeParse({ terms: [{ text: `Kos${b}ovo`, lang: 'en', status: 'preferred' }] });
    assert.equal(r.success, false, `U+${b.charCodeAt(0).toString(16)}`);
  }
  assert.equal(conceptBodySchema.safeParse({ terms: [{ text: 'Kos\u200eovo', lang: 'en' }] }).success, true, 'a bare LRM is accepted');
});

test('a term with a bidi control is refused by every write (repository) and by import, nothing written', async () => {
  const { db } = openDatabase(':memory:');
  const repo = new ConceptRepository(db);
  assert.throws(
    () => repo.create({ terms: [{ text: 'evil\u202eexe.txt', lang: 'en', status: 'preferred' }] }, { actor: 't' }),
    (e: any) => e.code === 'invalid-input' && /bidirectional/.test(e.message),
  );
  const csv = 'en,zh-CN\nKosovo,科索沃\nevil\u202etxt.exe,坏\n';
  await assert.rejects(
    () =>
      importStream(
        db,
        (async function* () {
          yield Buffer.from(csv);
        })(),
        { format: 'csv' },
      ),
    (e: any) => e.code === 'import-refused' && e.status === 400,
  );
  assert.equal(repo.count(), 0);
  db.close();
});
