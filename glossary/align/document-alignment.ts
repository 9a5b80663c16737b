/**
 * The reviewer's job in one call: split a Chinese document and its English counterpart,
 * align them (or take the reviewer's corrected beads), and check the terminology of every
 * pair. This is the shape `POST /api/align` and `termbridge align --json` return.
 */

import { conceptLabel, isApproved } from '../concept/concept.ts';
import { isEnglish, normaliseLangTag } from '../concept/lang.ts';
import type { Concept } from '../concept/types.ts';
import { TermbridgeError } from '../errors.ts';
import type { Matcher, TermMatch } from '../matching/matcher.ts';
import { alignSentenceLists } from './align-texts.ts';
import { type DotPlot, dotPlot } from './plot.ts';
import { checkTerminology, type QaIssue } from './qa.ts';
import { isCjkUnit } from '../text/fold.ts';
import { guessLocaleFromScript } from '../text/script.ts';
import { type Sentence, splitSentences } from './sentences.ts';
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
  /** the language tag of each side: the Chinese one from its script (zh-CN or zh-TW), for TMX */
  languages: { zh: string; en: string };
  /** glossary names per sentence, offsets into the sentence text */
  matches: { zh: MatchView[][]; en: MatchView[][] };
  /** every concept named in either text: its English label and approved English terms (for hover text) */
  concepts: Record<string, { label: string; english: string[] }>;
  summary: { pairs: number; issues: Record<QaIssue['type'], number> };
  /** the path as a dot plot, one dot per pair (glossary/align/plot.ts) */
  plot: DotPlot;
}

export interface AlignDocumentsOptions {
  matcher: Matcher;
  concepts: ReadonlyMap<number, Concept>;
  /** the reviewer's beads (after fixing the alignment by hand): skip the aligner, keep these */
  beads?: readonly { zh: readonly number[]; en: readonly number[] }[];
}

/** Beads must cover each sentence of both sides once, in order, each bead non-empty. */
function validateBeads(beads: readonly { zh: readonly number[]; en: readonly number[] }[], zhCount: number, enCount: number): void {
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

/** More sentences than this on a side is refused: the page and the QA are not made for more. */
export const MAX_SENTENCES = 20_000;
/** A longer "sentence" is a text that was never cut into sentences (or not text at all). */
export const MAX_SENTENCE_CHARS = 100_000;

/** One side of the pair: a text to split, or sentences as the caller cut them (used as given). */
export type DocumentSide = string | readonly string[];

/** The lines of a pre-split file, each one sentence: a final line break does not add an empty one. */
export function sentenceLines(text: string): string[] {
  const body = text.replace(/\r?\n$/, '');
  return body === '' ? [] : body.split(/\r?\n/);
}

/**
 * Which of two texts is the Chinese one, by the share of Han characters among letters (the
 * first 200,000 units decide): 0 or 1, or -1 when neither has more Han than the other.
 */
export function chineseSide(first: DocumentSide, second: DocumentSide): 0 | 1 | -1 {
  const han = (side: DocumentSide) => {
    const text = typeof side === 'string' ? side : side.join('\n');
    let cjk = 0;
    let letters = 0;
    for (let i = 0; i < Math.min(text.length, 200_000); i++) {
      const u = text.charCodeAt(i);
      if (isCjkUnit(u)) cjk++;
      else if ((u >= 0x41 && u <= 0x5a) || (u >= 0x61 && u <= 0x7a) || (u >= 0xc0 && u < 0x2000)) letters++;
    }
    return cjk + letters === 0 ? 0 : cjk / (cjk + letters);
  };
  const a = han(first);
  const b = han(second);
  return a === b ? -1 : a > b ? 0 : 1;
}

function sentencesOf(side: DocumentSide, language: 'zh' | 'en', name: string): Sentence[] {
  const sentences =
    typeof side === 'string' ? splitSentences(side, language) : side.map((text, i) => ({ text, start: 0, end: text.length, block: i }));
  if (sentences.length > MAX_SENTENCES) {
    throw new TermbridgeError(
      'document-too-long',
      `The ${name} document has ${sentences.length} sentences; at most ${MAX_SENTENCES} can be aligned at once. Split it into parts.`,
    );
  }
  sentences.forEach((s, i) => {
    if (s.text.length > MAX_SENTENCE_CHARS) {
      throw new TermbridgeError(
        'sentence-too-long',
        `${name} sentence ${i} has ${s.text.length} characters; at most ${MAX_SENTENCE_CHARS} are aligned. Is the text cut into sentences (or lines, with --sentences)?`,
      );
    }
  });
  return sentences;
}

export function alignDocuments(zh: DocumentSide, en: DocumentSide, options: AlignDocumentsOptions): DocumentAlignment {
  const zhSentences = sentencesOf(zh, 'zh', 'Chinese');
  const enSentences = sentencesOf(en, 'en', 'English');
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
      const english = (c?.terms ?? []).filter((t) => isEnglish(t.lang) && isApproved(t.status)).map((t) => t.text);
      named[m.conceptId] = { label: c ? conceptLabel(c) : `#${m.conceptId}`, english };
    }
  }
  return {
    pairs: beads.map((b, k) => ({ ...b, issues: issues[k]! })),
    concepts: named,
    sentences: { zh: zhTexts, en: enTexts },
    languages: { zh: guessLocaleFromScript(zhTexts.join('')), en: 'en' },
    matches: { zh: zhMatches.map((ms) => ms.map(view)), en: enMatches.map((ms) => ms.map(view)) },
    summary: { pairs: beads.length, issues: counts },
    plot: dotPlot(beads, zhTexts.length, enTexts.length),
  };
}

/** Join a pair's sentences back into one segment: no space between Chinese sentences. */
export function pairText(sentences: readonly string[], indices: readonly number[], chinese: boolean): string {
  return indices.map((i) => sentences[i] ?? '').join(chinese ? '' : ' ');
}

export interface AlignmentTmxOptions {
  /** the source side: 'zh' (default) or 'en' when the English text is the original */
  source?: 'zh' | 'en';
  /** language tags the user sets; by default those of the documents (zh-TW text says zh-TW) */
  zhLang?: string;
  enLang?: string;
  creationDate?: string;
}

export function alignmentToTmx(
  result: Pick<DocumentAlignment, 'pairs' | 'sentences'> & Partial<Pick<DocumentAlignment, 'languages'>>,
  options: AlignmentTmxOptions = {},
): string {
  const zhLang = normaliseLangTag(options.zhLang ?? result.languages?.zh ?? guessLocaleFromScript(result.sentences.zh.join('')));
  const enLang = normaliseLangTag(options.enLang ?? result.languages?.en ?? 'en');
  const enFirst = options.source === 'en';
  const units: TmxUnit[] = result.pairs.map((p) => {
    const zh = pairText(result.sentences.zh, p.zh, true);
    const en = pairText(result.sentences.en, p.en, false);
    return enFirst ? { source: en, target: zh } : { source: zh, target: en };
  });
  return toTmx(units, {
    sourceLang: enFirst ? enLang : zhLang,
    targetLang: enFirst ? zhLang : enLang,
    ...(options.creationDate ? { creationDate: options.creationDate } : {}),
  });
}

/** The pairs in vecalign's format, one bead a line (`[0,1]:[2]`), the first file's side first. */
export function alignmentToBeads(result: Pick<DocumentAlignment, 'pairs'>, first: 'zh' | 'en' = 'zh'): string {
  const second = first === 'zh' ? 'en' : 'zh';
  return result.pairs.map((p) => `[${p[first].join(',')}]:[${p[second].join(',')}]\n`).join('');
}
