/**
 * The fewest edits (insertions, deletions, substitutions) that turn `pattern` into some
 * stretch of a text: Myers' bit-parallel approximate matching (J. ACM 46(3), 1999). It is
 * what fuse.js's Bitap score approximates with ignoreLocation on, at a fraction of the
 * cost, so the lookup uses it to choose which of a few thousand n-gram candidates fuse.js
 * should score. Patterns longer than 31 units are cut to their first 31.
 */
export interface SubstringMatcher {
  /** the pattern length actually used (≤ 31) */
  readonly length: number;
  distance(text: string): number;
}

export function substringMatcher(pattern: string): SubstringMatcher {
  const m = Math.min(31, pattern.length);
  // Pattern bits per character: an array for ASCII (pinyin, English), a map for the rest.
  const ascii = new Int32Array(128);
  const other = new Map<number, number>();
  for (let i = 0; i < m; i++) {
    const c = pattern.charCodeAt(i);
    if (c < 128) ascii[c]! |= 1 << i;
    else other.set(c, (other.get(c) ?? 0) | (1 << i));
  }
  const hasOther = other.size > 0;
  const mask = m === 31 ? 0x7fffffff : (1 << m) - 1;
  const last = 1 << (m - 1);
  return {
    length: m,
    distance(text: string): number {
      if (m === 0) return 0;
      let pv = mask;
      let mv = 0;
      let score = m;
      let best = m;
      for (let j = 0; j < text.length; j++) {
        const c = text.charCodeAt(j);
        const eq = c < 128 ? ascii[c]! : hasOther ? (other.get(c) ?? 0) : 0;
        const xv = eq | mv;
        const xh = ((((eq & pv) + pv) & mask) ^ pv) | eq;
        let ph = mv | (~(xh | pv) & mask);
        let mh = pv & xh;
        if (ph & last) score++;
        else if (mh & last) score--;
        if (score < best) best = score;
        ph = (ph << 1) & mask;
        mh = (mh << 1) & mask;
        pv = mh | (~(xv | ph) & mask);
        mv = ph & xv;
      }
      return best;
    },
  };
}
