/**
 * Strict and lax precision/recall/F1 over beads, with the definitions of vecalign's
 * score.py (after Sennrich & Volk 2011), so our figures compare with published ones:
 *
 * - a bead is a pair (source ids, target ids); beads empty on both sides are ignored;
 * - precision: each test bead is a strict hit if it equals a gold bead, else a lax hit if
 *   some gold bead links one of its source ids to one of its target ids;
 * - recall: the same count with gold and test swapped, after removing every bead that is
 *   empty on one side (insertions and deletions) from both;
 * - counts are summed over all documents before dividing (micro average); 0/0 gives 0.
 */

export interface ScoreBead {
  src: readonly number[];
  tgt: readonly number[];
}

export interface BeadCounts {
  strictHit: number;
  strictMiss: number;
  laxHit: number;
  laxMiss: number;
}

export interface BeadScores {
  precisionStrict: number;
  recallStrict: number;
  f1Strict: number;
  precisionLax: number;
  recallLax: number;
  f1Lax: number;
}

const keyOf = (b: ScoreBead) => `${b.src.join(',')}:${b.tgt.join(',')}`;

/** Count how many `test` beads are found in `gold`, strictly and laxly. */
export function countMatches(gold: readonly ScoreBead[], test: readonly ScoreBead[]): BeadCounts {
  const goldKeys = new Set(gold.filter((b) => b.src.length || b.tgt.length).map(keyOf));
  const links = new Map<number, Set<number>>();
  for (const b of gold) {
    for (const s of b.src) {
      let set = links.get(s);
      if (!set) {
        set = new Set();
        links.set(s, set);
      }
      for (const t of b.tgt) set.add(t);
    }
  }
  const counts: BeadCounts = { strictHit: 0, strictMiss: 0, laxHit: 0, laxMiss: 0 };
  const seen = new Set<string>();
  for (const b of test) {
    if (!b.src.length && !b.tgt.length) continue;
    const key = keyOf(b);
    if (seen.has(key)) continue; // score.py works on sets of beads
    seen.add(key);
    if (goldKeys.has(key)) {
      counts.strictHit++;
      counts.laxHit++;
      continue;
    }
    counts.strictMiss++;
    const overlap = b.src.some((s) => b.tgt.some((t) => links.get(s)?.has(t)));
    if (overlap) counts.laxHit++;
    else counts.laxMiss++;
  }
  return counts;
}

const ratio = (a: number, b: number) => (a + b === 0 ? 0 : a / (a + b));
const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

/** Score several documents at once: lists of gold and test beads, one entry per document. */
export function scoreAlignments(golds: readonly (readonly ScoreBead[])[], tests: readonly (readonly ScoreBead[])[]): BeadScores {
  if (golds.length !== tests.length) throw new Error('scoreAlignments: as many gold as test documents are needed');
  const p: BeadCounts = { strictHit: 0, strictMiss: 0, laxHit: 0, laxMiss: 0 };
  const r: BeadCounts = { strictHit: 0, strictMiss: 0, laxHit: 0, laxMiss: 0 };
  const add = (acc: BeadCounts, c: BeadCounts) => {
    acc.strictHit += c.strictHit;
    acc.strictMiss += c.strictMiss;
    acc.laxHit += c.laxHit;
    acc.laxMiss += c.laxMiss;
  };
  golds.forEach((gold, d) => {
    const test = tests[d]!;
    add(p, countMatches(gold, test));
    const both = (b: ScoreBead) => b.src.length > 0 && b.tgt.length > 0;
    add(r, countMatches(test.filter(both), gold.filter(both)));
  });
  const precisionStrict = ratio(p.strictHit, p.strictMiss);
  const precisionLax = ratio(p.laxHit, p.laxMiss);
  const recallStrict = ratio(r.strictHit, r.strictMiss);
  const recallLax = ratio(r.laxHit, r.laxMiss);
  return {
    precisionStrict,
    recallStrict,
    f1Strict: f1(precisionStrict, recallStrict),
    precisionLax,
    recallLax,
    f1Lax: f1(precisionLax, recallLax),
  };
}

/** Parse one bead per line in the `[0, 1]:[2]` format of Bleualign, vecalign and Bertalign. */
export function parseBeads(text: string): ScoreBead[] {
  const out: ScoreBead[] = [];
  for (const [n, line] of text.split('\n').entries()) {
    if (!line.trim()) continue;
    const m = /^\s*\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\]\s*$/.exec(line);
    if (!m) throw new Error(`line ${n + 1}: not a bead: ${line.slice(0, 60)}`);
    const ids = (s: string) => (s.trim() ? s.split(',').map((x) => Number(x.trim())) : []);
    out.push({ src: ids(m[1]!), tgt: ids(m[2]!) });
  }
  return out;
}
