import { englishTerm, termsByLanguage } from '../concept/concept.ts';
import { type Concept, conceptRef, type Status } from '../concept/types.ts';
import type { RecordKind } from './records.ts';

/**
 * One lookup answer as every client shows it (issue 17): a card must say how the query met the
 * concept (exact, prefix, infix, fuzzy; by the term's text, its pinyin or its initials), and
 * enough about the concept to tell two of the same name apart — the country Belize and the
 * CLDR time-zone city Belize share every term, but not their subject or definition — and where
 * the glossary has the name from.
 */

export const MATCH_KINDS = ['exact', 'prefix', 'infix', 'fuzzy'] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

export interface LookupTerm {
  text: string;
  lang: string;
  status: Status;
}

export interface LookupResult {
  /** conceptRef(concept): the external id when there is one, else the numeric id */
  conceptId: string;
  /** the numeric id, for links to /concepts/:id */
  id: number;
  /** 1 for an exact match, 0.9 prefix, 0.8 infix, below 0.7 fuzzy (0.7 × (1 − fuse.js score)) */
  score: number;
  /** the tier the best match came from */
  match: MatchKind;
  /** what of the term matched: its own text, a pinyin spelling or pinyin initials */
  via: RecordKind;
  /** the term whose text (or pinyin) matched */
  matched: string;
  terms: LookupTerm[];
  /** the English preferred (else admitted) term, or null */
  english: string | null;
  subject: string | null;
  /** the concept's definition, cut to one line */
  definition: string | null;
  /** the source of the matched term, else of the label's term */
  source: string | null;
}

/** A definition on a result card is one line: its first line, at most this many characters. */
export const DEFINITION_LINE = 160;

export function oneLine(text: string | null, max = DEFINITION_LINE): string | null {
  if (!text) return null;
  const line = text
    .trim()
    .split(/\r?\n|\r|\u2028|\u2029/, 1)[0]!
    .trim();
  if (!line) return null;
  if (line.length <= max) return line;
  // Cut at a word (or between Han characters) and say so, rather than mid-word.
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

export function lookupResult(concept: Concept, term: number, match: MatchKind, via: RecordKind, score: number): LookupResult {
  const matched = concept.terms[term]!;
  const english = englishTerm(concept.terms) ?? null;
  return {
    conceptId: conceptRef(concept),
    id: concept.id,
    score,
    match,
    via,
    matched: matched.text,
    terms: termsByLanguage(concept.terms).flatMap((g) => g.terms.map((t) => ({ text: t.text, lang: t.lang, status: t.status }))),
    english: english?.text ?? null,
    subject: concept.subject || null,
    definition: oneLine(concept.definition),
    source: matched.source || english?.source || null,
  };
}
