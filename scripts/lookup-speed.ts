/**
 * Quick check of the lookup index on a synthetic glossary (the real benchmark is
 * `npm run bench`): build time, per-query latency by query kind, speed-up over plain
 * fuse.js on the whole record list, and whether every typo hit plain fuse.js finds in its
 * top results is also in ours.
 *
 *   node --import tsx scripts/lookup-speed.ts [count=100000] [fuseQueries=30]
 */
import Fuse from 'fuse.js';
import { buildLookupIndex, compactKey, FUSE_OPTIONS, searchableRecords } from '../glossary/lookup/index.ts';
import { generateQueries } from './bench/queries.ts';
import { generateGlossary, toConcepts } from './bench/synthetic.ts';

const count = Number(process.argv[2] ?? 100_000);
const fuseQueries = Number(process.argv[3] ?? 30);
const LIMIT = 10;

let t = performance.now();
const entries = generateGlossary({ count });
const concepts = toConcepts(entries);
console.log(`generated ${count} concepts in ${(performance.now() - t).toFixed(0)} ms`);

t = performance.now();
const cpu = process.cpuUsage();
const index = buildLookupIndex(concepts);
const used = process.cpuUsage(cpu);
console.log(
  `index built in ${(performance.now() - t).toFixed(0)} ms (main-thread CPU ${(used.user / 1000).toFixed(0)} ms); heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`,
);

const queries = generateQueries(entries, 3000, 11).map((q) => ({ kind: q.kind, q: q.query, target: q.expected }));
type Kind = string;
// warm up
for (const q of generateQueries(entries, 200, 12)) index.search(q.query, LIMIT);

const byKind = new Map<Kind, { times: number[]; top1: number; top10: number }>();
const all: number[] = [];
for (const { kind, q, target } of queries) {
  const s = performance.now();
  const r = index.search(q, LIMIT);
  const dt = performance.now() - s;
  all.push(dt);
  const k = byKind.get(kind) ?? { times: [], top1: 0, top10: 0 };
  k.times.push(dt);
  if (r[0]?.conceptId === target) k.top1++;
  if (r.some((x) => x.conceptId === target)) k.top10++;
  byKind.set(kind, k);
}
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
console.log('kind            n   p50 ms  p99 ms   max ms  top1  top10');
for (const [kind, k] of byKind) {
  console.log(
    `${kind.padEnd(14)} ${String(k.times.length).padStart(3)}  ${pct(k.times, 50).toFixed(3).padStart(6)}  ${pct(k.times, 99).toFixed(3).padStart(6)}  ${Math.max(
      ...k.times,
    )
      .toFixed(2)
      .padStart(7)}  ${(k.top1 / k.times.length).toFixed(2)}  ${(k.top10 / k.times.length).toFixed(2)}`,
  );
}
console.log(`all            ${all.length}  p50 ${pct(all, 50).toFixed(3)} ms  p99 ${pct(all, 99).toFixed(3)} ms`);

if (fuseQueries > 0) {
  t = performance.now();
  const records = searchableRecords(concepts);
  const fuse = new Fuse(records, FUSE_OPTIONS as any);
  console.log(`plain fuse.js over ${records.length} records built in ${(performance.now() - t).toFixed(0)} ms`);
  const typos = queries.filter((x) => /typo|misheard/.test(x.kind)).slice(0, fuseQueries);
  let fuseMs = 0;
  let oursMs = 0;
  let fuseFound = 0;
  let missed = 0;
  for (const { q, target } of typos) {
    let s = performance.now();
    const plain = fuse.search(compactKey(q));
    fuseMs += performance.now() - s;
    const seen: string[] = [];
    for (const r of plain) {
      if (!seen.includes(r.item.conceptId)) seen.push(r.item.conceptId);
      if (seen.length === LIMIT) break;
    }
    s = performance.now();
    const ours = index.search(q, LIMIT);
    oursMs += performance.now() - s;
    if (seen.includes(target)) {
      fuseFound++;
      if (!ours.some((r) => r.conceptId === target)) {
        missed++;
        console.log(`  missed: ${q} → ${target}`);
      }
    }
  }
  console.log(
    `typo queries: ${typos.length}; plain fuse.js ${(fuseMs / typos.length).toFixed(1)} ms/query, ours ${(oursMs / typos.length).toFixed(3)} ms/query (${(fuseMs / oursMs).toFixed(0)}×); fuse.js found the target ${fuseFound}, we missed ${missed} of those`,
  );
}
