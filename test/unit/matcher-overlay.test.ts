import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Concept, Term } from '../../glossary/concept/types.ts';
import { buildMatcher, overlayMatcher, type TermMatch } from '../../glossary/matching/matcher.ts';
import { starterGlossary } from '../../glossary/starter/starter.ts';

/**
 * The overlay (db/snapshot.ts after an edit) must match exactly what a matcher built over the
 * edited glossary matches: same spans, same chosen concept and term, same alternatives.
 */
let seed = 11;
const rand = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

let nextTermId = 1_000_000;
function term(text: string, lang: string, status: Term['status'] = 'preferred'): Term {
  return {
    id: nextTermId++,
    text,
    lang,
    status,
    type: null,
    region: null,
    partOfSpeech: null,
    source: null,
    note: null,
    context: null,
    extra: [],
  };
}

const shape = (ms: TermMatch[]) =>
  ms.map((m) => [m.start, m.end, m.conceptId, m.term.id, (m.alternatives ?? []).map((a) => `${a.conceptId}/${a.term.id}`).sort()]);

test('an overlaid matcher matches what a full rebuild over the edited glossary matches', () => {
  const base = starterGlossary().map((c, i) => ({ ...c, id: i + 1 })) as Concept[];
  const full = buildMatcher(base);
  for (let round = 0; round < 12; round++) {
    const byId = new Map(base.map((c) => [c.id, c]));
    const changed = new Set<number>();
    let nextId = base.length + 1 + round * 100;
    for (let e = 0; e < 8; e++) {
      const c = pick(base);
      const kind = rand();
      changed.add(c.id);
      if (kind < 0.25) byId.delete(c.id);
      else if (kind < 0.5) {
        // A longer name around an existing one, and a shared name (a key of another concept).
        const other = pick(base);
        byId.set(c.id, {
          ...c,
          terms: [...c.terms, term(`${c.terms[0]!.text}特别委员会`, 'zh-CN'), term(other.terms[0]!.text, other.terms[0]!.lang, 'admitted')],
        });
      } else if (kind < 0.75) byId.set(c.id, { ...c, terms: c.terms.slice(1) });
      else {
        const id = nextId++;
        changed.add(id);
        byId.set(id, {
          ...c,
          id,
          terms: [term(`${pick(base).terms[0]!.text} ${pick(base).terms[0]!.text}`, 'en'), term(pick(base).terms[0]!.text, 'zh-CN')],
        });
      }
    }
    const current = [...byId.values()].sort((a, b) => a.id - b.id);
    const delta = current.filter((c) => changed.has(c.id));
    const old = base.filter((c) => changed.has(c.id));
    const overlaid = overlayMatcher(full, old, changed, buildMatcher(delta));
    const rebuilt = buildMatcher(current);
    // Documents of glossary names, changed concepts' names among them, with and without spaces.
    const names = [...old, ...delta, ...base.slice(0, 50)].flatMap((c) => c.terms.map((t) => t.text));
    for (let d = 0; d < 20; d++) {
      const text = Array.from({ length: 30 }, () => pick(names)).join(pick(['', ' ', '，', ' and ']));
      assert.deepEqual(shape(overlaid.match(text)), shape(rebuilt.match(text)), `round ${round}: ${text.slice(0, 80)}`);
    }
    assert.equal(overlaid.termCount, rebuilt.termCount, 'term count');
  }
});
