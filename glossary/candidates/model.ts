import { HAN_CLASS } from '../text/chars.ts';
import { fold } from '../text/fold.ts';

/**
 * A character model of transliterated names, learnt at run time from the glossary's own
 * person and place names (the starter glossary's CLDR territories and cities give several
 * hundred), so no name list is shipped. A character's weight is how many distinct names
 * use it: 斯 尔 克 拉 里 are in a hundred names, 的 in none.
 *
 * Names of fewer than three characters are left out (中国, 美国, 南非 are not
 * transliterations), and so are the generic heads and function characters below, which
 * occur in place names (群岛, 州, 和) without being sounds.
 */
export interface TranslitModel {
  /** distinct names that contain the character */
  count(ch: string): number;
  isTranslit(ch: string): boolean;
  /** used in at least one name: may sit inside a run of transliteration characters */
  isNameChar(ch: string): boolean;
  /** mean log-weight of a string, 0 when a character occurs in no name */
  score(text: string): number;
  size: number;
}

/** Written for this project (not taken from any data set). */
export const NOT_SOUNDS = new Set([
  ...'岛群州地区和第国属大及与之的港城市湾站共联治中新南北省县王部民合本土门各立白非可道都自由山河江湖海峡半洋洲县镇村庄宫社团组织会党府院厅局所署处委员长主席总统理人方面上下年月日时号前后内外是在了对就将向从把被于以并或等也还都又再很最更不没有这那其该各此每为由把给让使',
]);
/** A name part of at least three Han characters (shorter names are rarely transliterations). */
const HAN_NAME = new RegExp(`^${HAN_CLASS}{3,}$`, 'u');

/** A character used in this many names counts as a transliteration character. */
const MIN_COUNT = 3;

export interface ModelNameSource {
  subject?: string | null;
  terms: readonly { text: string; lang: string }[];
}

export function buildTranslitModel(concepts: readonly ModelNameSource[]): TranslitModel {
  const names = new Set<string>();
  for (const c of concepts) {
    if (c.subject !== 'person' && c.subject !== 'place') continue;
    for (const t of c.terms) {
      if (!t.lang.startsWith('zh')) continue;
      for (const part of fold(t.text).split('·')) if (HAN_NAME.test(part)) names.add(part);
    }
  }
  const counts = new Map<string, number>();
  for (const n of names) for (const ch of new Set(n)) if (!NOT_SOUNDS.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const count = (ch: string) => counts.get(ch) ?? 0;
  const isTranslit = (ch: string) => count(ch) >= MIN_COUNT;
  return {
    count,
    isTranslit,
    isNameChar: (ch) => count(ch) >= 1,
    size: names.size,
    score(text) {
      let sum = 0;
      let n = 0;
      for (const ch of text) {
        if (ch === '·') continue;
        const c = count(ch);
        if (c < 1) return 0;
        sum += Math.log(c);
        n++;
      }
      return n ? sum / n : 0;
    },
  };
}
