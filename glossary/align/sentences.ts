/**
 * Sentence splitting for alignment: Chinese and English (and other Latin-script languages,
 * which share the English rules without the English abbreviation list mattering much).
 *
 * The text is first cut into blocks (paragraphs, list items, headings), then each block
 * into sentences. A block boundary always ends a sentence. Inside a block, line breaks that
 * a PDF extraction or a hard-wrapped file left in the middle of a sentence are joined back:
 * between two CJK characters they vanish, elsewhere they become one space. See
 * docs/alignment.md for how a document is judged hard-wrapped.
 */

import { isHanChar } from '../text/chars.ts';
import { isCjkUnit } from '../text/fold.ts';

export type SplitLanguage = 'zh' | 'en' | 'latin';

export interface Sentence {
  /** the sentence with internal line breaks joined back and outer white space trimmed */
  text: string;
  /** UTF-16 span in the original text (from the first to the last non-blank character) */
  start: number;
  end: number;
  /** index of the block (paragraph, list item, heading) it belongs to */
  block: number;
}

/** What ends a line that ends a sentence; a wrapped line does not end with one of these. */
const LINE_FINAL = /[。！？；…．.!?:：;」』”’"')）\]】》〉]\s*$/u;
/** A line that starts a list item: bullets, (a), a), 1., 1), 一、, （一）. */
const LIST_ITEM =
  /^\s*(?:[•·▪●◦‣∙*–—-]\s|\(?[0-9]{1,3}[.)]\s|\(?[a-zA-Z][.)]\s|\([ivxlc]{1,5}\)\s|[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十0-9]{1,3}）)/u;

export interface Line {
  text: string;
  start: number;
  /** blank lines (white space only) before this line */
  blanksBefore: number;
  /** leading white space width, for indentation-marked paragraphs */
  indent: number;
}

function linesOf(text: string): Line[] {
  const out: Line[] = [];
  let blanks = 0;
  const re = /[^\n]*(?:\n|$)/g;
  let m: RegExpExecArray | null;
  // biome-ignore lint/suspicious/noAssignInExpressions: the usual exec loop
  while ((m = re.exec(text)) !== null) {
    if (m[0] === '') break;
    const raw = m[0].replace(/\r?\n$/, '');
    if (raw.trim() === '') blanks++;
    else {
      const indent = raw.length - raw.trimStart().length;
      out.push({ text: raw, start: m.index, blanksBefore: out.length === 0 ? 0 : blanks, indent });
      blanks = 0;
    }
    if (re.lastIndex >= text.length) break;
  }
  return out;
}

/**
 * A document is hard-wrapped (PDF extraction, fixed-width text) when its lines stop
 * mid-sentence AND those lines run to about the full width: a wrapped line is cut where
 * the width ran out. A file with one paragraph per line (news, subtitles, most plain text)
 * has few open lines, and those are headings, much shorter than its paragraphs.
 */
function isHardWrapped(lines: Line[]): boolean {
  if (lines.length < 2) return false;
  const lengths = lines.map((l) => l.text.trim().length).sort((a, b) => a - b);
  // The width: the 90th percentile, so that one overlong line does not set it.
  const width = lengths[Math.min(lengths.length - 1, Math.floor(lengths.length * 0.9))]!;
  const open = lines.slice(0, -1).filter((l) => !LINE_FINAL.test(l.text));
  if (open.length === 0) return false;
  const full = open.filter((l) => l.text.trim().length >= 0.6 * width).length;
  return full / open.length >= 0.5 && (lines.length < 4 || open.length / (lines.length - 1) >= 0.3);
}

/**
 * PDF extraction often puts a blank line after every line (seed 000). When most line breaks
 * are followed by exactly one blank line, one blank line is the line pitch and only two or
 * more blank lines mark a paragraph.
 */
function blankLinePitch(lines: Line[]): number {
  if (lines.length < 4) return 0;
  let one = 0;
  for (let i = 1; i < lines.length; i++) if (lines[i]!.blanksBefore === 1) one++;
  return one / (lines.length - 1) > 0.6 ? 1 : 0;
}

interface Block {
  /** the block's text with line breaks joined; map[k] = original offset of text[k] */
  text: string;
  map: number[];
}

/**
 * What the line break between two lines of one block becomes: nothing between CJK characters
 * and after a word hyphenated at the line end ("peace-\nkeeping" keeps its hyphen, loses the
 * break), else one space. `before` is the previous line's text up to its last non-blank
 * character, `next` the next line's first non-blank character. Review reflows its display by
 * the same rule (glossary/review/reflow.ts).
 */
export function lineJoin(before: string, next: string): '' | ' ' {
  const prev = before[before.length - 1] ?? '';
  if (isCjkUnit(prev.charCodeAt(0)) && isCjkUnit(next.charCodeAt(0))) return '';
  if (prev === '-' && /\p{Ll}/u.test(next) && /\p{L}/u.test(before[before.length - 2] ?? '')) return '';
  return ' ';
}

function joinLines(lines: Line[]): Block {
  // Parts joined once at the end: reading the last characters of a growing string flattens
  // it on every line, which made long blocks quadratic.
  const parts: string[] = [];
  const map: number[] = [];
  let last = '';
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li]!;
    const lead = line.text.length - line.text.trimStart().length;
    const body = line.text.trim();
    if (li > 0 && last && lineJoin(last, body[0]!) === ' ') {
      parts.push(' ');
      map.push(line.start + lead - 1);
    }
    for (let k = 0; k < body.length; k++) map.push(line.start + lead + k);
    parts.push(body);
    last = (last + body).slice(-2);
  }
  return { text: parts.join(''), map };
}

export interface LineGroup {
  lines: Line[];
  /** whether blank lines beyond the document's line pitch come before it (a paragraph break, not just a new line) */
  afterBlank: boolean;
}

/**
 * The lines of a text grouped into blocks (paragraphs, list items, headings): PDF and
 * hard-wrapped line breaks inside a paragraph are not block boundaries. Alignment splits
 * sentences within blocks; review reflows its display by them.
 */
export function lineGroups(source: string): LineGroup[] {
  const lines = linesOf(source);
  if (lines.length === 0) return [];
  const wrapped = isHardWrapped(lines);
  const pitch = blankLinePitch(lines);
  const groups: LineGroup[] = [];
  let current: Line[] = [];
  let afterBlank = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const prev = lines[i - 1];
    let breaks = i === 0;
    if (!breaks) {
      if (line.blanksBefore > pitch)
        breaks = true; // a paragraph break
      else if (!wrapped)
        breaks = true; // one paragraph (or heading) per line
      else if (LIST_ITEM.test(line.text))
        breaks = true; // a new list item
      else if (prev && LINE_FINAL.test(prev.text) && line.indent > prev.indent) breaks = true; // indented first line
    }
    if (breaks && current.length) {
      groups.push({ lines: current, afterBlank });
      current = [];
    }
    if (breaks) afterBlank = line.blanksBefore > pitch;
    current.push(line);
  }
  if (current.length) groups.push({ lines: current, afterBlank });
  return groups;
}

function blocksOf(source: string): Block[] {
  return lineGroups(source).map((g) => joinLines(g.lines));
}

// ---------------------------------------------------------------------------------------
// Chinese

const ZH_TERMINAL = new Set(['。', '！', '？', '；', '!', '?', '…', '．']);
const CLOSERS = new Set(['”', '’', '"', "'", '」', '』', '）', ')', '】', '》', '〉', ']', '〕', '｝', '}']);

function zhBoundaries(text: string): number[] {
  const cuts: number[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ZH_TERMINAL.has(ch)) {
      // A full stop between digits is a decimal point (3．5); an ASCII "!" or "?" inside Latin
      // text is handled as Latin by the English rules, but in Chinese text it ends a sentence.
      if (ch === '．' && /[0-9０-９]/.test(text[i - 1] ?? '') && /[0-9０-９]/.test(text[i + 1] ?? '')) {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < text.length && (ZH_TERMINAL.has(text[j]!) || text[j] === '.')) j++; // ……, ？！, ...
      while (j < text.length && CLOSERS.has(text[j]!)) j++;
      // A closing quote after the terminator belongs to this sentence; a terminator right
      // before a closing bracket that is followed by more text in the same clause (“好。”他说)
      // still ends the quoted sentence, as Chinese style treats it.
      cuts.push(j);
      i = j;
      continue;
    }
    i++;
  }
  return cuts;
}

// ---------------------------------------------------------------------------------------
// English and other Latin-script languages

/** Abbreviations after which a full stop does not end a sentence (compared lower-cased). */
const ABBREVIATIONS = new Set(
  (
    'mr mrs ms mx dr prof sr jr st mt ft rev hon gen col lt maj capt cmdr sgt adm gov sen rep pres amb ' +
    'no nos art arts para paras sect ch chap vol vols fig figs p pp op ed eds rev approx est ca cf vs v viz al ' +
    'e.g i.e a.m p.m ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'inc ltd co corp bros dept univ assn ' +
    // German and French, so that the Latin rules do not break "z.B." or "M. Dupont"
    'bzw ca evtl ggf usw vgl z.b d.h u.a s m mm mme mlle env cf etc'
  ).split(/\s+/),
);
/** Abbreviations that often end a sentence too: a full stop after them ends one before a capital. */
const SENTENCE_FINAL_ABBREVIATIONS = new Set(['etc', 'inc', 'ltd', 'co', 'corp', 'jr', 'sr', 'al', 'usw', 'bzw', 'env']);
/** Words that, after "U.S." or "a.m.", show that a new sentence began. */
const SENTENCE_STARTERS = new Set(
  'the a an he she it they we i you his her its their our this that these those there here in on at but and or so yet however meanwhile then when while if as after before some many most mr mrs ms dr'.split(
    ' ',
  ),
);

function latinBoundaries(text: string, language: SplitLanguage): number[] {
  const cuts: number[] = [];
  const re = /[.!?…]+/g;
  let m: RegExpExecArray | null;
  // biome-ignore lint/suspicious/noAssignInExpressions: the usual exec loop
  while ((m = re.exec(text)) !== null) {
    const at = m.index;
    let j = at + m[0].length;
    while (j < text.length && CLOSERS.has(text[j]!)) j++;
    // Also the Chinese terminators, for Chinese quoted inside English.
    const end = j;
    if (end >= text.length) break; // the block's end is a boundary anyway
    if (!/\s/.test(text[end]!)) {
      // "S/PV.8749", "3.5", "U.S.-led", "example.com": no white space, no boundary.
      continue;
    }
    let k = end;
    while (k < text.length && /\s/.test(text[k]!)) k++;
    const next = text.slice(k, k + 40);
    const nextWord = /^[\p{L}\p{N}]+/u.exec(next.replace(/^["'“‘([«¿¡]+/u, ''))?.[0] ?? '';
    const startsUpper = /^["'“‘([«¿¡]*[\p{Lu}\p{N}]/u.test(next) || isHanChar(next);
    if (m[0] === '.' || m[0] === '…') {
      if (!startsUpper) continue; // "Mr. smith" is rare; "e.g. the" and "approx. five" are not
      const before = text.slice(Math.max(0, at - 30), at);
      const token = /([\p{L}\p{N}.'’-]+)$/u.exec(before)?.[1] ?? '';
      const lower = token.toLowerCase();
      const bare = lower.replace(/^.*[-']/u, '');
      // Initials ("John F. Kennedy", "J. K. Rowling") and single letters.
      if (/^\p{Lu}$/u.test(token)) continue;
      // Dotted acronyms ("U.S.", "U.N.", "a.m."): only a sentence starter after them ends a sentence.
      if (/^(?:\p{L}\.)+\p{L}$/u.test(token)) {
        if (!SENTENCE_STARTERS.has(nextWord.toLowerCase())) continue;
      } else if (ABBREVIATIONS.has(bare) || ABBREVIATIONS.has(lower)) {
        if (!SENTENCE_FINAL_ABBREVIATIONS.has(bare)) continue;
        if (!SENTENCE_STARTERS.has(nextWord.toLowerCase())) continue;
      }
      // "No. 5", "para. 12", handled above; an ordinal or list number at the very start of
      // the block ("1. Introduction") is a label, not a sentence.
      if (/^\d{1,3}$/.test(token) && before.trim() === token) continue;
      // German ordinals "am 5. Mai": a number before the stop and a capital after it is
      // ambiguous; in German text the ordinal reading wins.
      if (language === 'latin' && /^\d{1,2}$/.test(token) && /^\p{Lu}\p{Ll}/u.test(nextWord)) continue;
    } else if (!startsUpper && !/^["'“‘([]/.test(next)) {
      // "Yahoo! said" / "what? she asked": lower case after ! or ? continues the sentence.
      continue;
    }
    cuts.push(end);
  }
  return cuts;
}

function cutBlock(block: Block, cuts: number[], blockIndex: number, out: Sentence[]): void {
  let from = 0;
  for (const cut of [...cuts, block.text.length]) {
    if (cut <= from) continue;
    const raw = block.text.slice(from, cut);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (text) {
      const s = from + lead;
      const e = s + text.length - 1;
      out.push({ text, start: block.map[s]!, end: block.map[e]! + 1, block: blockIndex });
    }
    from = cut;
  }
}

/** Split a document into sentences, in order, keeping each sentence's span in the original. */
export function splitSentences(text: string, language: SplitLanguage): Sentence[] {
  const out: Sentence[] = [];
  const blocks = blocksOf(text.replace(/\r\n?/g, '\n').replace(/\u2028|\u2029/g, '\n'));
  // Offsets: \r\n → \n shortens the text; recompute on the normalised copy only when needed.
  const normalised = text.includes('\r') || /\u2028|\u2029/.test(text);
  blocks.forEach((block, b) => {
    const cuts = language === 'zh' ? zhBoundariesMixed(block.text) : latinBoundaries(block.text, language);
    cutBlock(block, cuts, b, out);
  });
  if (normalised) remapCrLf(text, out);
  return out;
}

/** Chinese text with English inside it: Chinese terminators always, Latin full stops by the Latin rules. */
function zhBoundariesMixed(text: string): number[] {
  const cuts = new Set(zhBoundaries(text));
  for (const c of latinBoundaries(text, 'en')) {
    // Only where the Latin stop is followed by more Latin text; "COVID-19. 他" also counts.
    cuts.add(c);
  }
  return [...cuts].sort((a, b) => a - b);
}

/** Offsets were computed on text with \r\n folded to \n; shift them back onto the original. */
function remapCrLf(original: string, sentences: Sentence[]): void {
  const shift: number[] = [];
  let removed = 0;
  for (let i = 0; i < original.length; i++) {
    if (original[i] === '\r' && original[i + 1] === '\n') {
      removed++;
      continue;
    }
    shift.push(removed);
  }
  shift.push(removed);
  for (const s of sentences) {
    s.start += shift[s.start] ?? removed;
    s.end = s.end - 1 + (shift[s.end - 1] ?? removed) + 1;
  }
}
