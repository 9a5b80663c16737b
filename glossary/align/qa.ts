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
  /** what the sentence says, as values: pages word it in their own language (server/i18n/align-wording.ts) */
  params: QaIssueParams;
  /** the English sentence, for the API, the TMX notes and the CSV */
  message: string;
}

/** The values of a QA issue sentence; which ones are set follows the issue's type. */
export interface QaIssueParams {
  /** the name as written: the Chinese name (missing, wrong) or the English term (forbidden, inconsistent) */
  written: string;
  /** wrong: the English words used instead */
  used?: string;
  /** wrong: the concept those words name, when they are an approved name of another concept (else a deprecated form) */
  other?: string;
  /** the approved English terms to use (inconsistent: the usual rendering) */
  expected: string[];
  /** inconsistent: how often the usual rendering occurs in the document */
  count?: number;
}

const quoted = (terms: readonly string[]) => terms.map((x) => `“${x}”`).join(' or ');

/** The English sentence of a QA issue (the API's, the TMX's and the CSV's words). */
function qaMessage(type: QaIssueType, p: QaIssueParams): string {
  switch (type) {
    case 'forbidden':
      return `“${p.written}” is a forbidden term${p.expected.length ? `; use ${quoted(p.expected)}` : ''}.`;
    case 'wrong':
      return p.other === undefined
        ? `“${p.written}” is rendered as “${p.used}”, a deprecated form; use ${quoted(p.expected)}.`
        : `“${p.written}” is rendered as “${p.used}”, which names ${p.other}; expected ${quoted(p.expected)}.`;
    case 'missing':
      return `“${p.written}” has no English equivalent in the aligned sentence; expected ${quoted(p.expected)}.`;
    case 'inconsistent':
      return `“${p.written}” here, “${p.expected[0]}” elsewhere in the document (${p.count}×): one rendering per document.`;
  }
}

/** Both forms of an issue's sentence from its values. */
const worded = (type: QaIssueType, params: QaIssueParams) => ({ type, params, message: qaMessage(type, params) });

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
        ...worded('forbidden', { written: e.text, expected }),
        conceptId: e.match.conceptId,
        concept: label(c, e.match.conceptId),
        en: spanOf(e),
        expected,
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
          ...worded('wrong', { written: at.text, used: deprecated.text, expected }),
          conceptId,
          concept: label(c, conceptId),
          zh: spanOf(at),
          en: spanOf(deprecated),
          expected,
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
      if (stray) {
        const other = label(concepts.get(stray.match.conceptId), stray.match.conceptId);
        out.push({
          ...worded('wrong', { written: u.at.text, used: stray.text, other, expected: u.expected }),
          conceptId: u.conceptId,
          concept: label(c, u.conceptId),
          zh: spanOf(u.at),
          en: spanOf(stray),
          expected: u.expected,
        });
      } else {
        out.push({
          ...worded('missing', { written: u.at.text, expected: u.expected }),
          conceptId: u.conceptId,
          concept: label(c, u.conceptId),
          zh: spanOf(u.at),
          expected: u.expected,
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
        ...worded('inconsistent', { written: r.at.text, expected: [usual], count: usualCount }),
        conceptId,
        concept: label(c, conceptId),
        en: spanOf(r.at),
        expected: [usual],
      });
    }
  }
  return issues;
}
