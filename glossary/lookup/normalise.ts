import { foldUnit, isWhiteUnit } from '../text/fold.ts';

/**
 * The comparison form of lookup keys and queries. On top of fold() (script, width, case,
 * diacritics) everything that is not a letter or a digit is dropped: translators type
 * `pu li shi di na`, `Washington DC`, `哈希姆萨奇` or `xi'an`, and the glossary writes
 * `普里什蒂纳`, `Washington, D.C.`, `哈希姆·萨奇`. Without separators all of these meet.
 */
const KEEP = new Uint8Array(0x10000);
for (let u = 0; u < 0x10000; u++) {
  // Surrogate halves are kept: together they are a supplementary-plane ideograph.
  if ((u >= 0xd800 && u <= 0xdfff) || /[\p{L}\p{N}]/u.test(String.fromCharCode(u))) KEEP[u] = 1;
}

/** fold() unit by unit, keeping letters and digits only (one pass: this runs for every term at index time). */
export function compactKey(text: string): string {
  // Most terms are already in compact form (科索沃, or after the first unit that changes):
  // find the first unit that does, and build a new string only from there.
  let i = 0;
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isWhiteUnit(code) || !KEEP[code] || foldUnit(code) !== code) break;
  }
  if (i === text.length) return text;
  const units: number[] = [];
  for (let j = 0; j < i; j++) units.push(text.charCodeAt(j));
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isWhiteUnit(code)) continue;
    const f = foldUnit(code);
    if (KEEP[f]) units.push(f);
  }
  return fromCharCodes(units);
}

/** String.fromCharCode over any number of units: spreading a long array overflows the stack. */
function fromCharCodes(units: readonly number[]): string {
  const CHUNK = 8192;
  if (units.length <= CHUNK) return String.fromCharCode(...units);
  let out = '';
  for (let i = 0; i < units.length; i += CHUNK) out += String.fromCharCode(...units.slice(i, i + CHUNK));
  return out;
}

/** Pinyin typed with tone numbers (`pu3li3shi2`): letters with digits 1–5 between syllables. */
const TONE_NUMBERED = /^(?:[a-z]+[1-5]?)+$/;

/**
 * The forms a query is searched under: its compact key, and — when it reads as pinyin with
 * tone numbers — the same without the digits. Tone marks need nothing: fold() strips them.
 * An empty array means there is nothing to search for.
 */
/** Longer queries are cut: no name is longer, and gram counts stay within a byte. */
export const MAX_QUERY_KEY = 64;

export function queryForms(query: string): string[] {
  const key = compactKey(query.slice(0, MAX_QUERY_KEY * 4)).slice(0, MAX_QUERY_KEY);
  if (!key) return [];
  const forms = [key];
  if (/\d/.test(key) && TONE_NUMBERED.test(key)) {
    const toneless = key.replace(/[1-5]/g, '');
    if (toneless && toneless !== key) forms.push(toneless);
  }
  return forms;
}
