/**
 * Terminology QA of a translation, pair by aligned pair: every glossary name in a Chinese
 * sentence should be rendered in the aligned English sentence by an approved English term
 * (preferred or admitted) of the same concept. Definitions (docs/alignment.md):
 *
 * - `forbidden`: the English side uses a term whose status is forbidden (any concept).
 * - `wrong`: a Chinese name's concept is not rendered by an approved English term, and the
 *   English side instead has a deprecated English term of that concept, or an approved name
 *   of another concept that nothing on the Chinese side accounts for (paired in order).
 * - `missing`: a Chinese name's concept has no English term at all in the aligned sentence.
 * - `inconsistent`: across the document, one concept is rendered by two rival approved full
 *   forms, by the rule document review uses too (findInconsistency in concept/concept.ts);
 *   flagged where a rendering other than the usual one is used.
 *
 * Concepts without any English term are not checked: there is nothing to expect.
 */

import { conceptLabel, englishTerm, findInconsistency, formKey, isApproved, isInconsistentUse } from '../concept/concept.ts';
import { isChinese, isEnglish } from '../concept/lang.ts';
import type { Concept, Term } from '../concept/types.ts';
import type { TermMatch } from '../matching/matcher.ts';
import { fold } from '../text/fold.ts';

export type QaIssueType = 'missing' | 'wrong' | 'forbidden' | 'inconsistent';

export interface QaSpan {
  /** sentence index on its side */
  sentence: number;
  /** UTF-16 offsets in that sentence's text */
  start: number;
  end: number;
  text: string;
  status: Term['status'];
}

export interface QaIssue {
  type: QaIssueType;
  conceptId: number;
  /** the concept's English label (preferred English term) */
  concept: string;
  zh?: QaSpan;
  en?: QaSpan;
  /** the approved English terms of the concept */
  expected: string[];
  message: string;
}

export interface QaBead {
  zh: readonly number[];
  en: readonly number[];
}

interface Located {
  sentence: number;
  match: TermMatch;
  text: string;
}

const approved = (t: Term) => isApproved(t.status);

const WORD = /[\p{L}\p{N}]/u;

/** `needle` occurs in `hay` (both folded) with no letter or digit right before or after it. */
function containsWord(hay: string, needle: string): boolean {
  if (!needle) return false;
  for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) {
    const before = hay[at - 1];
    const after = hay[at + needle.length];
    if ((!before || !WORD.test(before)) && (!after || !WORD.test(after))) return true;
  }
  return false;
}

function spanOf(l: Located): QaSpan {
  return { sentence: l.sentence, start: l.match.start, end: l.match.end, text: l.text, status: l.match.term.status };
}

function englishTerms(concept: Concept | undefined): Term[] {
  return concept ? concept.terms.filter((t) => isEnglish(t.lang)) : [];
}

function label(concept: Concept | undefined, fallback: number): string {
  return concept ? conceptLabel(concept) : `#${fallback}`;
}

/**
 * QA issues per bead. `zhMatches[i]` / `enMatches[j]` are the matcher's results on sentence
 * i / j (offsets into the sentence text); `zhSentences`/`enSentences` give the matched text.
 */
export function checkTerminology(
  beads: readonly QaBead[],
  zhSentences: readonly string[],
  enSentences: readonly string[],
  zhMatches: readonly TermMatch[][],
  enMatches: readonly TermMatch[][],
  concepts: ReadonlyMap<number, Concept>,
): QaIssue[][] {
  const issues: QaIssue[][] = beads.map(() => []);
  /** per concept: the approved English renderings found, with where */
  const renderings = new Map<number, { bead: number; at: Located }[]>();

  beads.forEach((bead, b) => {
    const zh: Located[] = bead.zh.flatMap((i) =>
      (zhMatches[i] ?? [])
        .filter((m) => isChinese(m.term.lang))
        .map((match) => ({ sentence: i, match, text: zhSentences[i]!.slice(match.start, match.end) })),
    );
    const en: Located[] = bead.en.flatMap((j) =>
      (enMatches[j] ?? [])
        .filter((m) => isEnglish(m.term.lang))
        .map((match) => ({ sentence: j, match, text: enSentences[j]!.slice(match.start, match.end) })),
    );
    const out = issues[b]!;
    for (const e of en) {
      if (e.match.term.status !== 'forbidden') continue;
      const c = concepts.get(e.match.conceptId);
      const expected = englishTerms(c)
        .filter(approved)
        .map((t) => t.text);
      out.push({
        type: 'forbidden',
        conceptId: e.match.conceptId,
        concept: label(c, e.match.conceptId),
        en: spanOf(e),
        expected,
        message: `“${e.text}” is a forbidden term${expected.length ? `; use ${expected.map((x) => `“${x}”`).join(' or ')}` : ''}.`,
      });
    }

    let folded: string | undefined;
    const foldedEn = () => {
      folded ??= fold(bead.en.map((j) => enSentences[j] ?? '').join(' '));
      return folded;
    };
    const zhConcepts = new Map<number, Located>();
    for (const z of zh) if (!zhConcepts.has(z.match.conceptId)) zhConcepts.set(z.match.conceptId, z);
    const used = new Set<Located>();
    const unrendered: { conceptId: number; at: Located; expected: string[] }[] = [];
    for (const [conceptId, at] of zhConcepts) {
      const c = concepts.get(conceptId);
      const expected = englishTerms(c)
        .filter(approved)
        .map((t) => t.text);
      if (englishTerms(c).length === 0) continue;
      const same = en.filter((e) => e.match.conceptId === conceptId);
      for (const e of same) used.add(e);
      const good = same.filter((e) => approved(e.match.term));
      if (good.length) {
        for (const g of good) {
          let list = renderings.get(conceptId);
          if (!list) {
            list = [];
            renderings.set(conceptId, list);
          }
          list.push({ bead: b, at: g });
        }
        continue;
      }
      const deprecated = same.find((e) => e.match.term.status === 'deprecated');
      if (deprecated) {
        out.push({
          type: 'wrong',
          conceptId,
          concept: label(c, conceptId),
          zh: spanOf(at),
          en: spanOf(deprecated),
          expected,
          message: `“${at.text}” is rendered as “${deprecated.text}”, a deprecated form; use ${expected.map((x) => `“${x}”`).join(' or ')}.`,
        });
        continue;
      }
      if (same.length) continue; // only a forbidden form: reported as forbidden above
      // The matcher reports the longest name only: "Belgrade" inside "Belgrade-Pristina
      // Dialogue" is not a match of Belgrade, yet the sentence does render it.
      if (expected.some((term) => containsWord(foldedEn(), fold(term)))) continue;
      unrendered.push({ conceptId, at, expected });
    }

    // English names that no Chinese name of this pair accounts for: the likely wrong renderings.
    const strays = en.filter((e) => !used.has(e) && !zhConcepts.has(e.match.conceptId) && approved(e.match.term));
    for (const u of unrendered) {
      const c = concepts.get(u.conceptId);
      const stray = strays.shift();
      const want = u.expected.map((x) => `“${x}”`).join(' or ');
      if (stray) {
        out.push({
          type: 'wrong',
          conceptId: u.conceptId,
          concept: label(c, u.conceptId),
          zh: spanOf(u.at),
          en: spanOf(stray),
          expected: u.expected,
          message: `“${u.at.text}” is rendered as “${stray.text}”, which names ${label(concepts.get(stray.match.conceptId), stray.match.conceptId)}; expected ${want}.`,
        });
      } else {
        out.push({
          type: 'missing',
          conceptId: u.conceptId,
          concept: label(c, u.conceptId),
          zh: spanOf(u.at),
          expected: u.expected,
          message: `“${u.at.text}” has no English equivalent in the aligned sentence; expected ${want}.`,
        });
      }
    }
  });

  for (const [conceptId, list] of renderings) {
    const c = concepts.get(conceptId);
    const found = findInconsistency(
      list.map((r) => r.at.match.term),
      c && englishTerm(c.terms)?.text,
    );
    if (!found) continue;
    const uses = list.filter((r) => isInconsistentUse(r.at.match.term, found));
    const usual = list.find((r) => formKey(r.at.match.term.text) === found.usual)!.at.match.term.text;
    const usualCount = list.filter((r) => formKey(r.at.match.term.text) === found.usual).length;
    for (const r of uses) {
      issues[r.bead]!.push({
        type: 'inconsistent',
        conceptId,
        concept: label(c, conceptId),
        en: spanOf(r.at),
        expected: [usual],
        message: `“${r.at.text}” here, “${usual}” elsewhere in the document (${usualCount}×): one rendering per document.`,
      });
    }
  }
  return issues;
}
