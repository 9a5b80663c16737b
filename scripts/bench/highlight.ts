import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { AhoCorasick as MonyoneFast } from '@monyone/aho-corasick/fast';
import { AhoCorasick as MonyoneGreedy } from '@monyone/aho-corasick/greedy';
import type { Concept } from '../../glossary/concept/types.ts';
import { fold, foldWithOffsets } from '../../glossary/text/fold.ts';
import { log, median, round, settle, timed } from './stats.ts';
import { chance, pick, type SyntheticEntry, seededRandom, toConcepts } from './synthetic.ts';

/**
 * Matcher throughput with 100,000 terms on a 5 MB document, against the two things an
 * engineer would otherwise reach for, in the same process on the same text and terms:
 * - @monyone/aho-corasick, its greedy (leftmost-longest, non-overlapping) variant: the same
 *   semantics as ours, and the one the target compares with. Its double-array variant
 *   (`/fast`, every match, overlapping ones included) is timed too and reported beside it.
 * - one JavaScript regex alternation, longest alternatives first (leftmost-longest for
 *   literals), Latin terms wrapped in look-arounds for the word boundaries our matcher keeps.
 * Both alternatives get the text and terms already folded, so their figures leave folding
 * out, while ours includes it (the product matches the original text); folding alone is
 * measured separately. All speeds are in characters of the original text per second.
 */

export interface HighlightBenchOptions {
  /** terms in the matcher (whole concepts from the start of the synthetic glossary) */
  terms: number;
  megabytes: number;
  seed: number;
  /** timed rounds (medians reported; ratios are the median of the per-round ratios) */
  repeats: number;
  /** the regex is slow: it runs on this many leading characters of the text */
  regexChars: number;
}

export interface HighlightReport {
  terms: number;
  concepts: number;
  text_chars: number;
  text_mb: number;
  text_source: string;
  build_ms: number;
  /** timed rounds; each times ours, folding, monyone and the regex in turn (medians reported) */
  rounds: number;
  matches: number;
  mchars_per_s: number;
  fold_mchars_per_s: number;
  /** the simplest possible pass over the same text: read each char code, one table lookup */
  scan_mchars_per_s: number;
  /** ours ÷ that pass, per round, median (issue 14: at least 0.5) */
  vs_scan_ratio: number;
  monyone_build_ms: number;
  monyone_matches: number;
  monyone_mchars_per_s: number;
  vs_monyone_ratio: number;
  /** the package's double-array variant: all matches, overlapping ones too (not our semantics) */
  monyone_fast_build_ms: number;
  monyone_fast_matches: number;
  monyone_fast_mchars_per_s: number;
  vs_monyone_fast_ratio: number;
  regex_compile_ms: number;
  regex_chars: number;
  regex_matches: number;
  regex_mchars_per_s: number;
  vs_regex_ratio: number;
}

const SEEDS = new URL('../../../shared/seeds/', import.meta.url);

const FILLER = [
  '在本文件所述期间，',
  '安全理事会举行了两次公开视频会议，',
  '秘书长特别代表介绍了报告。',
  '各方代表重申了对话的重要性，',
  '双方同意继续推进关系正常化进程。',
  '会议讨论了地区安全局势以及人道主义问题，',
  '联合国特派团继续执行其任务。',
  'The Council was briefed by the Special Representative of the Secretary-General. ',
  'Members stressed the importance of dialogue and regional cooperation. ',
];

/** Seed documents, one line per element, or undefined when ../shared/seeds is not there. */
function seedLines(): { lines: string[]; files: number } | undefined {
  if (!existsSync(SEEDS)) return undefined;
  const files = readdirSync(SEEDS).filter((f) => f.endsWith('.txt'));
  const lines = files.flatMap((f) =>
    readFileSync(new URL(f, SEEDS), 'utf8')
      .split('\n')
      .filter((l) => l.trim()),
  );
  return lines.length ? { lines, files: files.length } : undefined;
}

/**
 * The document: seed lines in a seeded shuffle-free cycle, each with glossary names inserted
 * (about one per 80 characters): preferred zh-CN and zh-TW forms, English names, variants,
 * names from outside the matcher's terms (near misses for the automaton), some Chinese names
 * broken across a line as PDF extraction leaves them.
 */
export function buildDocument(
  entries: readonly SyntheticEntry[],
  inMatcher: number,
  megabytes: number,
  seed: number,
): { text: string; bytes: number; source: string } {
  const rnd = seededRandom(seed);
  const seeds = seedLines();
  if (!seeds) log('  ../shared/seeds not found: the document is built from generated filler text instead');
  const lines = seeds?.lines ?? FILLER;
  const target = Math.round(megabytes * 1024 * 1024);
  const inside = entries.slice(0, inMatcher);
  const outside = entries.slice(inMatcher);
  const name = (): string => {
    const r = rnd();
    const e = r < 0.85 || outside.length === 0 ? pick(rnd, inside) : pick(rnd, outside);
    const k = rnd();
    if (k < 0.45) return e.zhCN;
    if (k < 0.65) return e.zhTW;
    if (k < 0.85) return ` ${e.en} `;
    const t = pick(rnd, e.input.terms).text;
    return /[a-z]/i.test(t) ? ` ${t} ` : t;
  };
  const parts: string[] = [];
  let bytes = 0;
  for (let n = 0; bytes < target; n++) {
    let line = lines[n % lines.length]!;
    const insertions = Math.max(1, Math.round(line.length / 80));
    for (let k = 0; k < insertions; k++) {
      let nm = name();
      if (chance(rnd, 0.05) && nm.length >= 3 && !/[a-z]/i.test(nm)) {
        const at = 1 + Math.floor(rnd() * (nm.length - 1));
        nm = `${nm.slice(0, at)}\n${nm.slice(at)}`;
      }
      const at = Math.floor(rnd() * (line.length + 1));
      line = line.slice(0, at) + nm + line.slice(at);
    }
    line += '\n';
    parts.push(line);
    bytes += Buffer.byteLength(line);
  }
  const source = seeds ? `${seeds.files} seed documents (../shared/seeds) + generated names` : 'generated filler + generated names';
  return { text: parts.join(''), bytes, source };
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const byLengthDesc = (a: string, b: string): number => b.length - a.length || (a < b ? -1 : 1);

/** One alternation, longest first; Latin terms only between non-word characters. */
export function alternationRegex(foldedTerms: readonly string[]): RegExp {
  const latin = foldedTerms.filter((t) => /^[a-z0-9]/.test(t)).sort(byLengthDesc);
  const other = foldedTerms.filter((t) => !/^[a-z0-9]/.test(t)).sort(byLengthDesc);
  const parts: string[] = [];
  if (other.length) parts.push(other.map(escapeRegex).join('|'));
  if (latin.length) parts.push(`(?<![a-z0-9])(?:${latin.map(escapeRegex).join('|')})(?![a-z0-9])`);
  return new RegExp(parts.join('|'), 'g');
}

/** The first concepts of the glossary whose terms add up to `terms` (the last one cut short). */
function conceptsWithTerms(entries: readonly SyntheticEntry[], terms: number): Concept[] {
  const out: Concept[] = [];
  let n = 0;
  for (const c of toConcepts(entries)) {
    if (n >= terms) break;
    const room = terms - n;
    out.push(c.terms.length > room ? { ...c, terms: c.terms.slice(0, room) } : c);
    n += Math.min(room, c.terms.length);
  }
  return out;
}

const mcps = (chars: number, ms: number): number => chars / ms / 1000;

/** A 64K-entry table like the fold table, for the one-pass baseline. */
const scanTable = new Uint8Array(0x10000).map((_, u) => u & 0xff);

/**
 * The lower bound any matcher is measured against: one pass reading each UTF-16 unit and
 * one table lookup per unit, summed so that V8 cannot drop the loop.
 */
export function onePassScan(text: string, table: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < text.length; i++) sum += table[text.charCodeAt(i)]!;
  return sum;
}

export async function benchHighlight(entries: readonly SyntheticEntry[], options: HighlightBenchOptions): Promise<HighlightReport> {
  const { buildMatcher } = await import('../../glossary/matching/matcher.ts');
  const concepts = conceptsWithTerms(entries, options.terms);
  const termTexts = concepts.flatMap((c) => c.terms.map((t) => t.text));
  const doc = buildDocument(entries, concepts.length, options.megabytes, options.seed);
  const text = doc.text;
  log(`  document: ${(doc.bytes / 1024 / 1024).toFixed(1)} MB, ${text.length.toLocaleString('en')} characters`);

  const built = timed(() => buildMatcher(concepts));
  const matcher = built.value;
  const folded = foldWithOffsets(text);
  const foldedTerms = [...new Set(termTexts.map((t) => fold(t)).filter(Boolean))];
  const monyoneBuilt = timed(() => new MonyoneGreedy(foldedTerms));
  const monyone = monyoneBuilt.value;
  const fastBuilt = timed(() => new MonyoneFast(foldedTerms));
  const monyoneFast = fastBuilt.value;
  // The first exec compiles the alternation: timed apart from matching.
  const compiled = timed(() => {
    const re = alternationRegex(foldedTerms);
    re.exec('热身');
    return re;
  });
  const re = compiled.value;
  const regexFolded = Math.min(folded.text.length, options.regexChars);
  const slice = folded.text.slice(0, regexFolded);
  const regexOriginalChars = folded.offsets[regexFolded]!;

  // Warm-up, then rounds that time each contender in turn: a busy moment of the machine
  // slows one round of all of them, and the per-round ratios cancel it.
  // V8 needs a couple of full passes before the matcher's loop runs at its steady speed (the
  // speed a server answers at); the first pass is also where the alternatives allocate first.
  matcher.match(text);
  matcher.match(text);
  monyone.matchInText(folded.text);
  monyoneFast.matchInText(folded.text);
  foldWithOffsets(text);
  re.lastIndex = 0;
  re.exec(slice);
  onePassScan(text, scanTable);
  const speeds = {
    ours: [] as number[],
    scan: [] as number[],
    fold: [] as number[],
    monyone: [] as number[],
    fast: [] as number[],
    regex: [] as number[],
  };
  const ratios = { scan: [] as number[], monyone: [] as number[], fast: [] as number[], regex: [] as number[] };
  let fastMatches = 0;
  let matches = 0;
  let monyoneMatches = 0;
  let regexMatches = 0;
  // Every contender starts from the same state: a full collection that has finished
  // sweeping (the garbage of the one timed before must not be charged to the next).
  for (let r = 0; r < options.repeats; r++) {
    await settle();
    const ours = timed(() => matcher.match(text).length); // only the count outlives the call
    matches = ours.value;
    await settle();
    const scan = timed(() => onePassScan(text, scanTable));
    await settle();
    const foldRun = timed(() => foldWithOffsets(text).text.length);
    await settle();
    const mony = timed(() => monyone.matchInText(folded.text).length);
    monyoneMatches = mony.value;
    await settle();
    const fast = timed(() => monyoneFast.matchInText(folded.text).length);
    fastMatches = fast.value;
    await settle();
    const regex = timed(() => {
      re.lastIndex = 0;
      let n = 0;
      while (re.exec(slice)) n++;
      return n;
    });
    regexMatches = regex.value;
    const o = mcps(text.length, ours.ms);
    speeds.ours.push(o);
    speeds.fold.push(mcps(text.length, foldRun.ms));
    speeds.scan.push(mcps(text.length, scan.ms));
    ratios.scan.push(o / speeds.scan[r]!);
    speeds.monyone.push(mcps(text.length, mony.ms));
    speeds.fast.push(mcps(text.length, fast.ms));
    speeds.regex.push(mcps(regexOriginalChars, regex.ms));
    ratios.fast.push(o / speeds.fast[r]!);
    ratios.monyone.push(o / speeds.monyone[r]!);
    ratios.regex.push(o / speeds.regex[r]!);
  }

  return {
    terms: termTexts.length,
    concepts: concepts.length,
    text_chars: text.length,
    text_mb: round(doc.bytes / 1024 / 1024, 2),
    text_source: doc.source,
    build_ms: round(built.ms, 0),
    rounds: options.repeats,
    matches,
    mchars_per_s: round(median(speeds.ours), 1),
    fold_mchars_per_s: round(median(speeds.fold), 1),
    scan_mchars_per_s: round(median(speeds.scan), 1),
    vs_scan_ratio: round(median(ratios.scan), 2),
    monyone_build_ms: round(monyoneBuilt.ms, 0),
    monyone_matches: monyoneMatches,
    monyone_mchars_per_s: round(median(speeds.monyone), 2),
    vs_monyone_ratio: round(median(ratios.monyone), 1),
    monyone_fast_build_ms: round(fastBuilt.ms, 0),
    monyone_fast_matches: fastMatches,
    monyone_fast_mchars_per_s: round(median(speeds.fast), 2),
    vs_monyone_fast_ratio: round(median(ratios.fast), 1),
    regex_compile_ms: round(compiled.ms, 0),
    regex_chars: regexOriginalChars,
    regex_matches: regexMatches,
    regex_mchars_per_s: round(median(speeds.regex), 2),
    vs_regex_ratio: round(median(ratios.regex), 1),
  };
}
