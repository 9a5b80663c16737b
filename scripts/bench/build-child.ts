/**
 * One build measurement in a fresh process (build.ts runs it): generate the terms of one
 * shape, then build the matcher and the lookup index, and print one JSON line. A process of
 * its own, so that the peak RSS is the build's and not the rest of the benchmark's.
 */
import { buildLookupIndex } from '../../glossary/lookup/index.ts';
import { buildMatcher } from '../../glossary/matching/matcher.ts';
import { type Shape, shapeConcepts } from './shapes.ts';

const [shape, termsArg] = process.argv.slice(2);
const concepts = shapeConcepts(shape as Shape, Number(termsArg));
const terms = concepts.reduce((n, c) => n + c.terms.length, 0);
const chars = concepts.reduce((n, c) => n + c.terms.reduce((m, t) => m + t.text.length, 0), 0);
(globalThis as { gc?: () => void }).gc?.();
const rssBefore = process.memoryUsage().rss;
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
let wall = performance.now();
let c = cpu();
const matcher = buildMatcher(concepts);
const matcherSeconds = (performance.now() - wall) / 1000;
const matcherCpu = cpu() - c;
wall = performance.now();
c = cpu();
const index = buildLookupIndex(concepts);
const lookupSeconds = (performance.now() - wall) / 1000;
const lookupCpu = cpu() - c;
const rssAfter = process.memoryUsage().rss;
process.stdout.write(
  `${JSON.stringify({
    shape,
    concepts: concepts.length,
    terms,
    chars,
    matcher_terms: matcher.termCount,
    lookup_concepts: index.size,
    matcher_seconds: matcherSeconds,
    matcher_cpu_seconds: matcherCpu,
    lookup_seconds: lookupSeconds,
    lookup_cpu_seconds: lookupCpu,
    rss_before_mb: rssBefore / 1024 / 1024,
    rss_after_mb: rssAfter / 1024 / 1024,
    peak_rss_mb: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
