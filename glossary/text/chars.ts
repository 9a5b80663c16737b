/**
 * Character classes: the one definition of which code points are Han ideographs, radicals,
 * middle dots, full-width forms and the wider "CJK" class that white-space joining uses.
 * Folding, lookup, alignment, candidates and CSV language guessing all ask here, so that they
 * agree on what a Chinese character is (they used to carry seven different ranges).
 *
 * Ranges are explicit rather than \p{Script=Han}: that property also covers 々, 〇 and the
 * radicals, which are not ideographs a name is written in, and the code-point ranges are what
 * the lookup tables (indexed by UTF-16 unit) need anyway.
 */

/** An inclusive range of code points. */
export type CodeRange = readonly [first: number, last: number];

/** CJK Unified Ideographs and Extensions A–J (Unicode 17). */
export const HAN_IDEOGRAPHS: readonly CodeRange[] = [
  [0x3400, 0x4dbf], // Extension A
  [0x4e00, 0x9fff], // CJK Unified Ideographs
  [0x20000, 0x2a6df], // Extension B
  [0x2a700, 0x2b73f], // Extension C
  [0x2b740, 0x2b81f], // Extension D
  [0x2b820, 0x2ceaf], // Extension E
  [0x2ceb0, 0x2ebef], // Extension F
  [0x2ebf0, 0x2ee5f], // Extension I
  [0x30000, 0x3134f], // Extension G
  [0x31350, 0x323af], // Extension H
  [0x323b0, 0x3347f], // Extension J
];

/** CJK Compatibility Ideographs and their supplement. */
export const HAN_COMPATIBILITY: readonly CodeRange[] = [
  [0xf900, 0xfaff],
  [0x2f800, 0x2fa1f],
];

/** CJK Radicals Supplement and Kangxi Radicals: not ideographs, but CJK for white-space joining. */
export const HAN_RADICALS: readonly CodeRange[] = [[0x2e80, 0x2fdf]];

/** Hiragana and Katakana. */
export const KANA: readonly CodeRange[] = [[0x3040, 0x30ff]];

/** CJK punctuation (not the ideographic space) and the full-width and half-width punctuation. */
const CJK_PUNCTUATION: readonly CodeRange[] = [
  [0x3001, 0x303f],
  [0xff01, 0xff0f],
  [0xff1a, 0xff20],
  [0xff5b, 0xff65],
];

/** Full-width ASCII ！ to ～: each is its ASCII character plus FULL_WIDTH_OFFSET. */
export const FULL_WIDTH_ASCII: CodeRange = [0xff01, 0xff5e];
export const FULL_WIDTH_OFFSET = 0xfee0;

/** The middle dots that separate the parts of a transliterated name; they fold to U+00B7. */
export const MIDDLE_DOTS = '·・•‧･∙⋅';

/** Han ideographs, unified or compatibility: the characters Chinese names are written in. */
export const HAN: readonly CodeRange[] = [...HAN_IDEOGRAPHS, ...HAN_COMPATIBILITY];

/**
 * The CJK class of white-space joining (PRODUCT.md: line breaks inside Chinese names are
 * ignored): Han, radicals, kana, CJK punctuation. The unit-level table that uses it
 * (glossary/text/fold.ts) adds the middle dots and, for supplementary characters, the surrogates.
 */
export const CJK: readonly CodeRange[] = [...HAN_RADICALS, ...CJK_PUNCTUATION, ...KANA, ...HAN];

function inRanges(ranges: readonly CodeRange[], code: number): boolean {
  for (const [first, last] of ranges) if (code >= first && code <= last) return true;
  return false;
}

/** True for a Han ideograph code point. */
export function isHanCodePoint(code: number): boolean {
  return inRanges(HAN, code);
}

/** True when the first character of `ch` (a whole code point) is a Han ideograph. */
export function isHanChar(ch: string | undefined): boolean {
  return ch !== undefined && ch.length > 0 && isHanCodePoint(ch.codePointAt(0)!);
}

/** True when the text contains a Han ideograph. */
export function hasHan(text: string): boolean {
  for (const ch of text) if (isHanCodePoint(ch.codePointAt(0)!)) return true;
  return false;
}

/**
 * For loops over UTF-16 units: a BMP Han ideograph, or either half of a surrogate pair. Every
 * Han extension beyond A lies outside the BMP, and a unit cannot tell which plane-1/2/3
 * character it belongs to, so surrogates count as Han here.
 */
export function isHanUnit(code: number): boolean {
  hanUnits ??= unitTable(HAN, true);
  return hanUnits[code] === 1;
}
let hanUnits: Uint8Array | undefined;

function unitTable(ranges: readonly CodeRange[], surrogates: boolean): Uint8Array {
  const table = new Uint8Array(0x10000);
  markUnits(table, ranges, 1, surrogates);
  return table;
}

export function hasHanUnit(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isHanUnit(text.charCodeAt(i))) return true;
  return false;
}

/** Every BMP code point of the ranges, in order (for building per-unit tables). */
export function bmpCodes(ranges: readonly CodeRange[]): number[] {
  const out: number[] = [];
  for (const [first, last] of ranges) for (let u = first; u <= Math.min(last, 0xffff); u++) out.push(u);
  return out;
}

/** Fill `table[unit] = value` for every BMP unit of the ranges (and both surrogate halves when `surrogates`). */
export function markUnits(table: Uint8Array, ranges: readonly CodeRange[], value: number, surrogates = false): void {
  for (const u of bmpCodes(ranges)) table[u] = value;
  if (surrogates) for (let u = 0xd800; u <= 0xdfff; u++) table[u] = value;
}

/** A regular-expression character class (for the `u` flag), e.g. `${regexClass(HAN)}{2,12}`. */
export function regexClass(ranges: readonly CodeRange[]): string {
  const hex = (c: number) => `\\u{${c.toString(16)}}`;
  return `[${ranges.map(([first, last]) => `${hex(first)}-${hex(last)}`).join('')}]`;
}

/** HAN as a regular-expression class (`u` flag), for patterns such as `\(${HAN_CLASS}{2,12}\)`. */
export const HAN_CLASS = regexClass(HAN);

const FULL_WIDTH_RE = new RegExp(regexClass([FULL_WIDTH_ASCII]), 'gu');

/** Full-width ASCII as ASCII, so that ２０２０ and 2020 meet; other characters unchanged. */
export function toHalfWidth(text: string): string {
  return text.replace(FULL_WIDTH_RE, (ch) => String.fromCharCode(ch.charCodeAt(0) - FULL_WIDTH_OFFSET));
}
