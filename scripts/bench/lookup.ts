import Fuse, { type IFuseOptions } from 'fuse.js';
import type { Concept } from '../../glossary/concept/types.ts';
import type { LookupRecord } from '../../glossary/lookup/index.ts';
import { generateQueries, type LookupQuery, QUERY_KINDS } from './queries.ts';
import { collectGarbage, log, median, percentile, round, timed } from './stats.ts';
import type { SyntheticEntry } from './synthetic.ts';

/**
 * Lookup latency of our index against plain fuse.js over the whole record list with the same
 * options (both from glossary/lookup), on the same queries in the same process.
 *
 * fuse.js scans every record per query: seconds each over 100,000 concepts. Timing all 500
 * queries with it would take most of an hour, so it runs on the first `fuseQueries` of them
 * (the list cycles through the query kinds, so any prefix is balanced) within a time budget;
 * the ratio compares both on that same subset.
 */

export interface LookupBenchOptions {
  queries: number;
  fuseQueries: number;
  /** stop timing fuse.js after this long, even before fuseQueries */
  fuseBudgetMs: number;
  limit: number;
  seed: number;
}

interface KindFigures {
  queries: number;
  p50_ms: number;
  p99_ms: number;
  top1: number;
  found: number;
}

export interface LookupReport {
  concepts: number;
  records: number;
  build_ms: number;
  queries: number;
  limit: number;
  p50_ms: number;
  p99_ms: number;
  mean_ms: number;
  max_ms: number;
  /** share of queries whose expected concept is the first result */
  top1: number;
  /** share of queries whose expected concept is among the first `limit` results */
  found: number;
  by_kind: Record<string, KindFigures>;
  fuse_queries: number;
  fuse_build_ms: number;
  fuse_p50_ms: number;
  fuse_p99_ms: number;
  /** our p50 on the fuse.js queries, each timed right before fuse.js (median of 3 runs per query) */
  ours_p50_ms_on_fuse_queries: number;
  /** fuse.js p50 ÷ ours p50, on the same queries */
  vs_fuse_ratio: number;
  fuse_found: number;
  ours_found_on_fuse_queries: number;
  /** queries where fuse.js has the expected concept in its first `limit` and we do not */
  fuse_found_ours_missed: number;
  correct_when_fuse_correct: boolean;
  missed_examples: { kind: string; query: string; expected: string }[];
}

/** The distinct concepts of a result list in order, at most `limit`. */
function firstConcepts(ids: Iterable<string>, limit: number): string[] {
  const out: string[] = [];
  for (const id of ids) {
    if (!out.includes(id)) out.push(id);
    if (out.length === limit) break;
  }
  return out;
}

export async function benchLookup(
  entries: readonly SyntheticEntry[],
  concepts: readonly Concept[],
  options: LookupBenchOptions,
): Promise<LookupReport> {
  const lookup = await import('../../glossary/lookup/index.ts');
  const { limit } = options;

  const build = timed(() => lookup.buildLookupIndex(concepts));
  const index = build.value;
  log(`  lookup index built in ${(build.ms / 1000).toFixed(1)} s`);

  const queries = generateQueries(entries, options.queries, options.seed);
  // Warm-up on other queries: a server answers from a warm index.
  for (const q of generateQueries(entries, 200, options.seed + 1)) index.search(q.query, limit);

  const ours: { ms: number; top: string[] }[] = [];
  for (const q of queries) {
    const start = performance.now();
    const results = index.search(q.query, limit);
    const ms = performance.now() - start;
    ours.push({
      ms,
      top: firstConcepts(
        results.map((r) => r.conceptId),
        limit,
      ),
    });
  }
  const times = ours.map((o) => o.ms);
  const isTop1 = (i: number) => ours[i]!.top[0] === queries[i]!.expected;
  const isFound = (i: number) => ours[i]!.top.includes(queries[i]!.expected);

  const byKind: Record<string, KindFigures> = {};
  for (const kind of QUERY_KINDS) {
    const at = queries.map((q, i) => (q.kind === kind ? i : -1)).filter((i) => i >= 0);
    if (!at.length) continue;
    const t = at.map((i) => times[i]!);
    byKind[kind] = {
      queries: at.length,
      p50_ms: round(median(t)),
      p99_ms: round(percentile(t, 99)),
      top1: round(at.filter(isTop1).length / at.length),
      found: round(at.filter(isFound).length / at.length),
    };
  }

  // Plain fuse.js over the same records with the same options; the query in the same
  // compact folded form the records are keyed by.
  const recordsBuilt = timed(() => lookup.searchableRecords(concepts));
  const records = recordsBuilt.value;
  const fuseBuilt = timed(() => new Fuse(records, lookup.FUSE_OPTIONS as IFuseOptions<LookupRecord>));
  let fuse: Fuse<LookupRecord> | undefined = fuseBuilt.value;
  const fuseSearch = (q: LookupQuery): string[] => {
    const form = lookup.queryForms(q.query)[0];
    if (!form || !fuse) return [];
    // Each concept has several records (terms, pinyin spellings): ask for enough to fill `limit` concepts.
    return firstConcepts(
      fuse.search(form, { limit: limit * 20 }).map((r) => r.item.conceptId),
      limit,
    );
  };
  fuseSearch(queries[queries.length - 1]!); // warm-up, not timed
  const fuseTimes: number[] = [];
  const fuseTop: string[][] = [];
  // Ours is timed again right before fuse.js on each query (median of 3), so that both sides
  // of the ratio see the machine in the same state.
  const oursAdjacent: number[] = [];
  const fuseStart = performance.now();
  for (let i = 0; i < Math.min(options.fuseQueries, queries.length); i++) {
    if (i >= 10 && performance.now() - fuseStart > options.fuseBudgetMs) break;
    const q = queries[i]!;
    oursAdjacent.push(median([0, 1, 2].map(() => timed(() => index.search(q.query, limit)).ms)));
    const start = performance.now();
    fuseTop.push(fuseSearch(q));
    fuseTimes.push(performance.now() - start);
  }
  fuse = undefined;
  collectGarbage();

  const n = fuseTimes.length;
  const subset = queries.slice(0, n);
  const fuseFound = subset.map((q, i) => fuseTop[i]!.includes(q.expected));
  const missed = subset.filter((_, i) => fuseFound[i] && !isFound(i));
  const oursP50OnSubset = median(oursAdjacent);

  return {
    concepts: concepts.length,
    records: records.length,
    build_ms: round(build.ms, 0),
    queries: queries.length,
    limit,
    p50_ms: round(median(times)),
    p99_ms: round(percentile(times, 99)),
    mean_ms: round(times.reduce((a, b) => a + b, 0) / times.length),
    max_ms: round(Math.max(...times)),
    top1: round(queries.filter((_, i) => isTop1(i)).length / queries.length),
    found: round(queries.filter((_, i) => isFound(i)).length / queries.length),
    by_kind: byKind,
    fuse_queries: n,
    fuse_build_ms: round(recordsBuilt.ms + fuseBuilt.ms, 0),
    fuse_p50_ms: round(median(fuseTimes), 1),
    fuse_p99_ms: round(percentile(fuseTimes, 99), 1),
    ours_p50_ms_on_fuse_queries: round(oursP50OnSubset),
    vs_fuse_ratio: round(median(fuseTimes) / oursP50OnSubset, 1),
    fuse_found: fuseFound.filter(Boolean).length,
    ours_found_on_fuse_queries: subset.filter((_, i) => isFound(i)).length,
    fuse_found_ours_missed: missed.length,
    correct_when_fuse_correct: missed.length === 0,
    missed_examples: missed.slice(0, 10).map((q) => ({ kind: q.kind, query: q.query, expected: q.expected })),
  };
}
