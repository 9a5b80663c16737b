/**
 * Quick check of the matcher's speed targets (PRODUCT.md: ≥ 30 M chars/s with 100,000 terms,
 * folding included, and ≥ 3× @monyone/aho-corasick on the same folded text and terms).
 * `npm run bench` is the full benchmark; this is the matcher author's own check:
 *   node --import tsx scripts/matcher-speed.ts [terms=100000] [megabytes=5]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AhoCorasick as MonyoneDefault } from '@monyone/aho-corasick';
import { AhoCorasick as MonyoneFast } from '@monyone/aho-corasick/fast';
import { AhoCorasick as MonyoneGreedy } from '@monyone/aho-corasick/greedy';
import type { Concept, Term } from '../glossary/concept/types.ts';
import { buildMatcher } from '../glossary/matching/matcher.ts';
import { fold } from '../glossary/text/fold.ts';

const termTarget = Number(process.argv[2] ?? 100_000);
const megabytes = Number(process.argv[3] ?? 5);

let seed = 42;
const rand = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

// Transliteration syllables (Simplified, with a Traditional twin where one exists) and Latin syllables.
const syllables = [
  ...'阿巴达加卡拉马纳帕萨塔瓦亚扎贝德格克勒梅内佩塞特维耶泽比迪吉基利米尼皮西蒂维齐博多戈科洛莫诺波索托沃约佐布杜古库鲁穆努普苏图乌尤朱尔斯什茨奇赫夫姆恩因安尼亚里奥兰伊特',
].concat([...'国际联合组织委员会协定共和省州市岛山河湖海港湾']);
const latin = [
  'ka',
  'ra',
  'mo',
  'so',
  'vo',
  'pri',
  'sti',
  'na',
  'bel',
  'gra',
  'de',
  'os',
  'ce',
  'tro',
  'ika',
  'lu',
  'an',
  'ber',
  'gen',
  'ton',
];

const concepts: Concept[] = [];
let termId = 1;
const mkTerm = (text: string, lang: string): Term => ({
  id: termId++,
  text,
  lang,
  status: 'preferred',
  type: null,
  region: null,
  partOfSpeech: null,
  source: null,
  note: null,
  context: null,
  extra: [],
});
const seen = new Set<string>();
let termCount = 0;
for (let id = 1; termCount < termTarget; id++) {
  let zh = '';
  const len = 2 + Math.floor(rand() * 5);
  for (let i = 0; i < len; i++) zh += pick(syllables);
  let en = '';
  const elen = 2 + Math.floor(rand() * 3);
  for (let i = 0; i < elen; i++) en += pick(latin);
  en = en[0]!.toUpperCase() + en.slice(1);
  if (seen.has(zh) || seen.has(en)) continue;
  seen.add(zh);
  seen.add(en);
  concepts.push({
    id,
    externalId: null,
    subject: null,
    definition: null,
    note: null,
    extra: [],
    version: 1,
    createdAt: '',
    updatedAt: '',
    terms: [mkTerm(zh, 'zh-CN'), mkTerm(en, 'en')],
  });
  termCount += 2;
}

// Text: the seed documents (real Chinese and HTML) with glossary terms sprinkled in, to ~N MB.
const seedsDir = new URL('../../shared/seeds/', import.meta.url).pathname;
let base = '';
try {
  for (const f of readdirSync(seedsDir)) if (f.endsWith('.txt')) base += readFileSync(join(seedsDir, f), 'utf8');
} catch {
  base = '联合国科索沃临时行政当局特派团的报告。The Secretary-General reports on Kosovo.\n'.repeat(200);
}
const parts: string[] = [];
let size = 0;
while (size < megabytes * 1_000_000) {
  const at = Math.floor(rand() * (base.length - 300));
  const chunk = base.slice(at, at + 200 + Math.floor(rand() * 100));
  const c = pick(concepts);
  const t = pick(c.terms).text;
  parts.push(chunk, t, ' ');
  size += chunk.length + t.length + 1;
}
const text = parts.join('');

function time<T>(label: string, fn: () => T, runs = 5): { ms: number; value: T } {
  let best = Number.POSITIVE_INFINITY;
  let value!: T;
  fn(); // warm up
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    value = fn();
    best = Math.min(best, performance.now() - t0);
  }
  console.log(`${label.padEnd(44)} ${best.toFixed(1).padStart(8)} ms  ${(text.length / best / 1000).toFixed(1).padStart(7)} M chars/s`);
  return { ms: best, value };
}

console.log(`${termCount} terms, ${(text.length / 1e6).toFixed(2)} M UTF-16 units of text`);
let t0 = performance.now();
const matcher = buildMatcher(concepts);
console.log(`buildMatcher: ${(performance.now() - t0).toFixed(0)} ms`);
const foldedTerms = [...new Set(concepts.flatMap((c) => c.terms.map((t) => fold(t.text))))];
const foldedText = fold(text);
t0 = performance.now();
const greedy = new MonyoneGreedy(foldedTerms);
console.log(`monyone greedy build: ${(performance.now() - t0).toFixed(0)} ms`);
t0 = performance.now();
const plain = new MonyoneDefault(foldedTerms);
console.log(`monyone default build: ${(performance.now() - t0).toFixed(0)} ms`);
const withFast = process.env.MONYONE_FAST === '1'; // its double-array build takes ~15 s at 100k terms
t0 = performance.now();
const fast = withFast ? new MonyoneFast(foldedTerms) : undefined;
if (fast) console.log(`monyone fast build: ${(performance.now() - t0).toFixed(0)} ms`);

const ours = time('termbridge matcher (folding included)', () => matcher.match(text));
time('fold() alone', () => fold(text));
const g = time('@monyone/aho-corasick/greedy (pre-folded)', () => greedy.matchInText(foldedText));
const d = time('@monyone/aho-corasick (pre-folded, all matches)', () => plain.matchInText(foldedText));
const f = fast ? time('@monyone/aho-corasick/fast (pre-folded, all)', () => fast.matchInText(foldedText)) : undefined;
console.log(`matches: ours ${ours.value.length}, monyone greedy ${g.value.length}, default(all) ${d.value.length}`);
console.log(
  `speed-up vs greedy ${(g.ms / ours.ms).toFixed(1)}×, vs default ${(d.ms / ours.ms).toFixed(1)}×${f ? `, vs fast ${(f.ms / ours.ms).toFixed(1)}×` : ''}`,
);
