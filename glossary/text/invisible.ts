import { lazy } from './lazy.ts';

/**
 * Characters a reader does not see. Two rules live here so that folding, the term checks and
 * the schemas agree on them (issue 13):
 * - Default_Ignorable_Code_Point (zero-width space and joiners, soft hyphen, word joiner,
 *   BOM, variation selectors, bidi marks, Hangul fillers…) is dropped by folding, as combining
 *   marks are: 普里什\u200D蒂纳 and Kos\u200Bovo are the names they look like.
 * - Bidi embedding, override and isolate controls reorder what is shown (a term with U+202E
 *   displays backwards), so a term may not contain them. The weak marks U+200E, U+200F and
 *   U+061C only settle the direction of neutral characters next to them, are common in text
 *   copied from right-to-left pages, and fold away: they are accepted.
 */

/** Default_Ignorable_Code_Point, for pattern replacements */
export const IGNORABLE_RUN = /\p{Default_Ignorable_Code_Point}+/gu;

/**
 * per BMP unit: 1 when Default_Ignorable (the supplementary ones, tags and the like, are left to
 * the surrogate rules). 65,536 regex tests: built on first use, not at import.
 */
const ignorableTable = lazy(() => {
  const table = new Uint8Array(0x10000);
  for (let u = 0; u < 0x10000; u++) {
    if ((u < 0xd800 || u > 0xdfff) && /\p{Default_Ignorable_Code_Point}/u.test(String.fromCharCode(u))) table[u] = 1;
  }
  return table;
});

/** Is this UTF-16 unit an invisible format character? */
export function isIgnorableUnit(code: number): boolean {
  return ignorableTable()[code] === 1;
}

const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;

/** The first bidi embedding/override/isolate control in a text, as "U+202E", or null. */
export function bidiControlIn(text: string): string | null {
  const m = BIDI_CONTROL.exec(text);
  return m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase()}` : null;
}
