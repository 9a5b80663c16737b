import { type FoldedText, foldWithOffsets, isCjkUnit } from '../text/fold.ts';
import { guessLocaleFromScript } from '../text/script.ts';
import type { Evidence } from './types.ts';

/**
 * A document prepared once for every extractor: markup masked, folded for comparison, and
 * the script it is written in. Masking replaces tags and URLs with spaces of the same
 * length, so offsets into the masked text are offsets into what the user pasted.
 */
export interface PreparedText {
  original: string;
  masked: string;
  folded: FoldedText;
  /** the language tag of the forms as written: zh-TW for a document in Traditional script */
  script: 'zh-CN' | 'zh-TW';
  /**
   * gaps[i] = 1 when the original has spaces (not a line break, not markup) between folded
   * units i - 1 and i, both CJK. Chinese puts no spaces inside words, so such a space is a word
   * boundary that folding dropped: a letter whose punctuation was lost separates names with
   * spaces (`格奥尔基 阿纳尼耶夫先生 萨比特 布罗卡伊先生`). A line break is not one: PDF text
   * breaks lines inside names.
   */
  gaps: Uint8Array;
}

const MARKUP = /<\/?[A-Za-z][^<>]{0,2000}>|&(?:#\d{1,6}|#x[0-9a-fA-F]{1,6}|[A-Za-z]{2,8});|\bhttps?:\/\/[^\s<>"'（）]{1,2000}/g;
const MAX_COMMENT = 20000;

/**
 * Comments are found by a scan, not by the regex: a lazy `<!--[\s\S]{0,N}?-->` retries up to N
 * characters from every `<!--`, so text made of unclosed `<!--` costs N per character. The
 * next `-->` is looked up once and reused until the scan passes it, which keeps this linear.
 */
function maskComments(text: string): string {
  let out = '';
  let last = 0;
  let close = -1;
  for (let i = text.indexOf('<!--'); i >= 0; i = text.indexOf('<!--', i)) {
    if (close < i + 4) close = text.indexOf('-->', i + 4);
    if (close < 0) break;
    if (close + 3 - i > MAX_COMMENT) {
      i += 4;
      continue;
    }
    out += text.slice(last, i) + ' '.repeat(close + 3 - i);
    last = i = close + 3;
  }
  return last ? out + text.slice(last) : text;
}

function maskMarkup(text: string): string {
  return maskComments(text).replace(MARKUP, (m) => ' '.repeat(m.length));
}

export function prepareText(original: string): PreparedText {
  const masked = maskMarkup(original);
  const folded = foldWithOffsets(masked);
  return { original, masked, folded, script: guessLocaleFromScript(masked), gaps: spaceGaps(original, folded) };
}

function spaceGaps(original: string, folded: FoldedText): Uint8Array {
  const { text, offsets } = folded;
  const gaps = new Uint8Array(text.length + 1);
  for (let i = 1; i < text.length; i++) {
    const from = offsets[i - 1]! + 1;
    const to = offsets[i]!;
    if (to === from || !isCjkUnit(text.charCodeAt(i - 1)) || !isCjkUnit(text.charCodeAt(i))) continue;
    // only spaces: a line break (PDF) or masked markup (`<b>`, a URL) is not a space between words
    if (/^[^\S\r\n]+$/.test(original.slice(from, to))) gaps[i] = 1;
  }
  return gaps;
}

/** Original [start, end) of a folded span. */
export function toOriginal(doc: PreparedText, start: number, end: number): [number, number] {
  return [doc.folded.offsets[start]!, doc.folded.offsets[end - 1]! + 1];
}

const SENTENCE_END = /[。！？!?；;]/;
const MAX_SENTENCE = 80;

/**
 * The sentence around an original span: back and forward to sentence punctuation, at most
 * MAX_SENTENCE characters each way. Line breaks do not end a sentence (PDF text breaks lines,
 * often with blank lines, in the middle of one); they are removed between CJK characters.
 */
export function evidenceAt(doc: PreparedText, start: number, end: number): Evidence {
  const t = doc.masked;
  let s = start;
  while (s > 0 && start - s < MAX_SENTENCE && !SENTENCE_END.test(t[s - 1]!)) s--;
  let e = end;
  while (e < t.length && e - end < MAX_SENTENCE && !SENTENCE_END.test(t[e - 1] ?? '')) e++;
  while (s < start && /\s/.test(t[s]!)) s++;
  const raw = t.slice(s, e);
  return { sentence: joinCjkLines(raw).trim().replace(/\s+/g, ' '), sentenceStart: s, start, end };
}

/** Drop white space between CJK characters (line breaks from PDF extraction), as folding does. */
export function joinCjkLines(text: string): string {
  return text.replace(/[ \t\r\n\u3000\u00a0]+/g, (run: string, at: number) =>
    isCjkUnit(text.charCodeAt(at - 1)) && isCjkUnit(text.charCodeAt(at + run.length)) ? '' : run,
  );
}
