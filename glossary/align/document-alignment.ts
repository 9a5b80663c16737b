/**
 * The reviewer's job in one call: split a Chinese document and its English counterpart,
 * align them (or take the reviewer's corrected beads), and check the terminology of every
 * pair. This is the shape `POST /api/align` and `termbridge align --json` return.
 */

import { conceptLabel } from '../concept/concept.ts';
import { isEnglish } from '../concept/lang.ts';
import type { Concept } from '../concept/types.ts';
import { TermbridgeError } from '../errors.ts';
import type { Matcher, TermMatch } from '../matching/matcher.ts';
import { alignSentenceLists } from './align-texts.ts';
import { checkTerminology, type QaIssue } from './qa.ts';
import { splitSentences } from './sentences.ts';
import { type TmxUnit, toTmx } from './tmx.ts';

export interface AlignedPair {
  zh: number[];
  en: number[];
  score: number;
  issues: QaIssue[];
}

export interface MatchView {
  start: number;
  end: number;
  conceptId: number;
  lang: string;
  status: string;
}

export interface DocumentAlignment {
  pairs: AlignedPair[];
  sentences: { zh: string[]; en: string[] };
  /** glossary names per sentence, offsets into the sentence text */
  matches: { zh: MatchView[][]; en: MatchView[][] };
  /** every concept named in either text: its English label and approved English terms (for hover text) */
  concepts: Record<string, { label: string; english: string[] }>;
  summary: { pairs: number; issues: Record<QaIssue['type'], number> };
}

export interface AlignDocumentsOptions {
  matcher: Matcher;
  concepts: ReadonlyMap<number, Concept>;
  /** the reviewer's beads (after fixing the alignment by hand): skip the aligner, keep these */
  beads?: readonly { zh: readonly number[]; en: readonly number[] }[];
}

/** Beads must cover each sentence of both sides once, in order, each bead non-empty. */
export function validateBeads(beads: readonly { zh: readonly number[]; en: readonly number[] }[], zhCount: number, enCount: number): void {
  let nextZh = 0;
  let nextEn = 0;
  beads.forEach((b, k) => {
    if (b.zh.length === 0 && b.en.length === 0) throw new TermbridgeError('invalid-beads', `Pair ${k + 1} is empty on both sides.`);
    for (const i of b.zh) {
      if (i !== nextZh)
        throw new TermbridgeError('invalid-beads', `Pair ${k + 1}: Chinese sentence ${i} is out of order (expected ${nextZh}).`);
      nextZh++;
    }
    for (const j of b.en) {
      if (j !== nextEn)
        throw new TermbridgeError('invalid-beads', `Pair ${k + 1}: English sentence ${j} is out of order (expected ${nextEn}).`);
      nextEn++;
    }
  });
  if (nextZh !== zhCount || nextEn !== enCount) {
    throw new TermbridgeError(
      'invalid-beads',
      `The pairs cover ${nextZh} of ${zhCount} Chinese and ${nextEn} of ${enCount} English sentences.`,
    );
  }
}

const view = (m: TermMatch): MatchView => ({
  start: m.start,
  end: m.end,
  conceptId: m.conceptId,
  lang: m.term.lang,
  status: m.term.status,
});

/** More sentences than this on a side is refused: the search would take tens of seconds. */
export const MAX_SENTENCES = 20_000;

export function alignDocuments(zh: string, en: string, options: AlignDocumentsOptions): DocumentAlignment {
  const zhSentences = splitSentences(zh, 'zh');
  const enSentences = splitSentences(en, 'en');
  const longest = Math.max(zhSentences.length, enSentences.length);
  if (longest > MAX_SENTENCES) {
    throw new TermbridgeError(
      'document-too-long',
      `The documents have ${longest} sentences on one side; at most ${MAX_SENTENCES} can be aligned at once. Split them into parts.`,
      {
        status: 413,
      },
    );
  }
  const aligned = options.beads
    ? null
    : alignSentenceLists(zhSentences, enSentences, { sourceLanguage: 'zh', targetLanguage: 'en', matcher: options.matcher });
  const zhMatches = aligned?.sourceMatches ?? zhSentences.map((s) => options.matcher.match(s.text));
  const enMatches = aligned?.targetMatches ?? enSentences.map((s) => options.matcher.match(s.text));
  let beads: { zh: number[]; en: number[]; score: number }[];
  if (options.beads) {
    validateBeads(options.beads, zhSentences.length, enSentences.length);
    // A bead the reviewer set by hand is certain.
    beads = options.beads.map((b) => ({ zh: [...b.zh], en: [...b.en], score: 1 }));
  } else beads = aligned!.beads.map((b) => ({ zh: b.src, en: b.tgt, score: b.score }));
  const zhTexts = zhSentences.map((s) => s.text);
  const enTexts = enSentences.map((s) => s.text);
  const issues = checkTerminology(beads, zhTexts, enTexts, zhMatches, enMatches, options.concepts);
  const counts: Record<QaIssue['type'], number> = { missing: 0, wrong: 0, forbidden: 0, inconsistent: 0 };
  for (const list of issues) for (const i of list) counts[i.type]++;
  const named: DocumentAlignment['concepts'] = {};
  for (const list of [...zhMatches, ...enMatches]) {
    for (const m of list) {
      if (named[m.conceptId]) continue;
      const c = options.concepts.get(m.conceptId);
      const english = (c?.terms ?? [])
        .filter((t) => isEnglish(t.lang) && (t.status === 'preferred' || t.status === 'admitted'))
        .map((t) => t.text);
      named[m.conceptId] = { label: c ? conceptLabel(c) : `#${m.conceptId}`, english };
    }
  }
  return {
    pairs: beads.map((b, k) => ({ ...b, issues: issues[k]! })),
    concepts: named,
    sentences: { zh: zhTexts, en: enTexts },
    matches: { zh: zhMatches.map((ms) => ms.map(view)), en: enMatches.map((ms) => ms.map(view)) },
    summary: { pairs: beads.length, issues: counts },
  };
}

/** Join a pair's sentences back into one segment: no space between Chinese sentences. */
export function pairText(sentences: readonly string[], indices: readonly number[], chinese: boolean): string {
  return indices.map((i) => sentences[i] ?? '').join(chinese ? '' : ' ');
}

export function alignmentToTmx(result: Pick<DocumentAlignment, 'pairs' | 'sentences'>, creationDate?: string): string {
  const units: TmxUnit[] = result.pairs.map((p) => ({
    source: pairText(result.sentences.zh, p.zh, true),
    target: pairText(result.sentences.en, p.en, false),
  }));
  return toTmx(units, { sourceLang: 'zh-CN', targetLang: 'en', ...(creationDate ? { creationDate } : {}) });
}
