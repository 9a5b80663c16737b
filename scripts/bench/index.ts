/**
 * `npm run bench` — every speed target of PRODUCT.md measured in one run, each next to the
 * alternative it is compared with (same process, same data, so machine noise cancels in the
 * ratios). The human table goes to stderr; `npm run bench -- --json` prints one JSON document
 * on stdout. It is a benchmark, not a test: nothing here runs in `npm test`.
 *
 * Options (for development; the defaults are the benchmark):
 *   --json              one JSON document on stdout (`npm run -s bench -- --json`: without -s,
 *                       npm prints its own "> termbridge bench" banner on stdout before it)
 *   --out FILE          also write the JSON document to FILE
 *   --only a,b          sections to run: build, lookup, highlight, import, http, scale, attack
 *   --concepts N        synthetic glossary size (default 100000)
 *   --build-terms N     terms per shape for the build section (default 1000000, the target's size)
 *   --seed N            generator seed
 *   --restart-terms N   terms for the restart measure of the scale section (default 1000000; 0 skips it)
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { type AttackReport, attackRows, attackTargets, benchAttack } from './attack.ts';
import { type BuildReport, benchBuild } from './build.ts';
import { benchHighlight, type HighlightReport } from './highlight.ts';
import { benchHttp, type HttpReport } from './http.ts';
import { benchImport, type ImportReport } from './import.ts';
import { benchLookup, type LookupReport } from './lookup.ts';
import { benchScale, type ScaleReport } from './scale.ts';
import { collectGarbage, log, round } from './stats.ts';
import { generateGlossary, toConcepts } from './synthetic.ts';

const SECTIONS = ['build', 'lookup', 'highlight', 'import', 'http', 'scale', 'attack'] as const;
type Section = (typeof SECTIONS)[number];

interface Target {
  target: number | boolean;
  op: '<=' | '>=' | '=';
  unit: string;
  value: number | boolean | null;
  pass: boolean;
  note?: string;
}

interface Skipped {
  skipped: string;
}

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    out: { type: 'string' },
    only: { type: 'string' },
    concepts: { type: 'string', default: '100000' },
    'build-terms': { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '20261125' },
    'restart-terms': { type: 'string', default: '1000000' },
  },
  strict: true,
});

const only = new Set<Section>(
  args.only
    ? args.only.split(',').map((s) => {
        if (!(SECTIONS as readonly string[]).includes(s)) throw new Error(`unknown section ${s}; one of ${SECTIONS.join(', ')}`);
        return s as Section;
      })
    : SECTIONS,
);
const count = Number(args.concepts);
const seed = Number(args.seed);

/**
 * A section whose module a colleague has not landed yet is reported as skipped (its targets
 * fail), not as a crash of the whole benchmark; any other error is reported the same way.
 */
async function section<T>(name: Section, run: () => Promise<T>): Promise<T | Skipped> {
  if (!only.has(name)) return { skipped: 'not selected (--only)' };
  log(`${name}…`);
  const start = performance.now();
  try {
    const value = await run();
    log(`  done in ${((performance.now() - start) / 1000).toFixed(1)} s`);
    return value;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const first = err.message.split('\n')[0]!.slice(0, 300);
    const reason = err.code === 'ERR_MODULE_NOT_FOUND' ? `module not available yet: ${first}` : `failed: ${first}`;
    if (err.code !== 'ERR_MODULE_NOT_FOUND') log(String(err.stack ?? err.message).slice(0, 2000));
    log(`  skipped — ${reason}`);
    return { skipped: reason };
  } finally {
    collectGarbage();
  }
}

const isSkipped = (x: unknown): x is Skipped => typeof x === 'object' && x !== null && 'skipped' in x;

const started = performance.now();
const loadStart = loadavg();
log(
  `termbridge benchmark: ${count.toLocaleString('en')} synthetic concepts (seed ${seed}), ${cpus().length} CPUs, load ${loadStart.map((l) => l.toFixed(2)).join(' ')}`,
);

const gen = performance.now();
const entries = generateGlossary({ count, seed });
log(`  glossary generated in ${((performance.now() - gen) / 1000).toFixed(1)} s`);

const build = await section('build', () => benchBuild(Number(args['build-terms'])));
const lookup = await section('lookup', () =>
  benchLookup(entries, toConcepts(entries), { queries: 500, fuseQueries: 30, fuseBudgetMs: 45_000, limit: 10, seed: seed + 1 }),
);
const highlight = await section('highlight', () =>
  benchHighlight(entries, { terms: 100_000, megabytes: 5, seed: seed + 2, repeats: 5, regexChars: 300_000 }),
);
const imported = await section('import', () => benchImport(entries));
const http = await section('http', () => benchHttp());
const scale = await section('scale', () =>
  benchScale({ concepts: count, restartTerms: Number(args['restart-terms']), editSeconds: 30, seed }),
);
const attack = await section('attack', () => benchAttack());

function target(value: number | boolean | null | undefined, op: Target['op'], goal: number | boolean, unit: string, note?: string): Target {
  const v = value ?? null;
  let pass = false;
  if (typeof v === 'number' && typeof goal === 'number' && Number.isFinite(v)) pass = op === '<=' ? v <= goal : v >= goal;
  if (typeof v === 'boolean') pass = v === goal;
  return { target: goal, op, unit, value: v, pass, ...(note ? { note } : {}) };
}

const B = isSkipped(build) ? undefined : (build as BuildReport);
const L = isSkipped(lookup) ? undefined : (lookup as LookupReport);
const H = isSkipped(highlight) ? undefined : (highlight as HighlightReport);
const I = isSkipped(imported) ? undefined : (imported as ImportReport);
const W = isSkipped(http) ? undefined : (http as HttpReport);
const A = isSkipped(attack) ? undefined : (attack as AttackReport);
const S = isSkipped(scale) ? undefined : (scale as ScaleReport);

const shapeOf = (shape: string) => B?.shapes.find((s) => s.shape === shape);
const targets: Record<string, Target> = {
  build_names_seconds: target(shapeOf('names')?.seconds, '<=', 10, 's'),
  build_codes_seconds: target(shapeOf('codes')?.seconds, '<=', 10, 's'),
  build_titles_seconds: target(shapeOf('titles')?.seconds, '<=', 10, 's'),
  build_rss_mb: target(B ? Math.max(...B.shapes.map((s) => s.rss_mb)) : null, '<=', 1500, 'MB'),
  edit_lookup_p99_ms: target(S?.edits.lookup_p99_ms, '<=', 50, 'ms'),
  edit_visible_seconds: target(
    S && S.edits.not_visible === 0 ? Math.max(S.edits.lookup_visible_max_s ?? Infinity, S.edits.review_visible_max_s ?? Infinity) : null,
    '<=',
    2,
    's',
    S?.edits.not_visible ? `${S.edits.not_visible} edits not visible within 10 s` : undefined,
  ),
  restart_ready_seconds: target(S?.restart?.ready_seconds, '<=', 5, 's', S && !S.restart ? 'skipped (--restart-terms 0)' : undefined),
  cli_lookup_seconds: target(S?.cli_lookup.wall_seconds, '<=', 1, 's'),
  lookup_p50_ms: target(L?.p50_ms, '<=', 2, 'ms'),
  lookup_p99_ms: target(L?.p99_ms, '<=', 10, 'ms'),
  lookup_vs_fuse_ratio: target(L?.vs_fuse_ratio, '>=', 50, '×'),
  lookup_correct_when_fuse_correct: target(L?.correct_when_fuse_correct, '=', true, ''),
  matcher_mchars_per_s: target(H?.mchars_per_s, '>=', 60, 'M chars/s'),
  matcher_vs_scan_ratio: target(H?.vs_scan_ratio, '>=', 0.5, '×'),
  matcher_vs_monyone_ratio: target(H?.vs_monyone_ratio, '>=', 3, '×'),
  matcher_vs_regex_ratio: target(H?.vs_regex_ratio, '>=', 10, '×'),
  import_seconds: target(I?.seconds, '<=', 20, 's'),
  import_peak_rss_mb: target(I?.peak_rss_mb, '<=', 500, 'MB'),
  // Issue 14's import target is at 1,000,000 concepts: listed, and failing, until the import section runs that size.
  import_1m_seconds: target(null, '<=', 200, 's', 'not measured: the import section imports 100,000 concepts'),
  import_1m_peak_rss_mb: target(null, '<=', 600, 'MB', 'not measured'),
  // Issue 14: at 100,000 concepts, on the scale section's server (the http section's starter-glossary figures stay in the JSON).
  http_lookup_rps: target(S?.http.lookup_rps, '>=', 1000, 'req/s'),
  http_lookup_p99_ms: target(S?.http.lookup_p99_ms, '<=', 50, 'ms'),
  http_review_rps: target(S?.http.highlight_rps, '>=', 200, 'req/s'),
  http_review_p99_ms: target(S?.http.highlight_p99_ms, '<=', 100, 'ms'),
  ...attackTargets(A, target),
};
if (S && (S.http.lookup_non2xx > 0 || S.http.lookup_errors > 0)) {
  // Figures of failing requests are not lookups served.
  for (const name of ['http_lookup_rps', 'http_lookup_p99_ms']) {
    targets[name]!.pass = false;
    targets[name]!.note = `${S.http.lookup_non2xx} non-2xx, ${S.http.lookup_errors} errors`;
  }
}
if (I && (I.created !== I.concepts || I.terms_in_db !== I.terms_expected)) {
  targets.import_seconds!.pass = false;
  targets.import_seconds!.note = `imported ${I.created} of ${I.concepts} concepts, ${I.terms_in_db} of ${I.terms_expected} terms`;
}

const totalSeconds = (performance.now() - started) / 1000;
const result = {
  generated_at: new Date().toISOString(),
  environment: {
    node: process.version,
    cpus: cpus().length,
    cpu_model: cpus()[0]?.model ?? 'unknown',
    load_average_start: loadStart.map((l) => round(l, 2)),
    load_average_end: loadavg().map((l) => round(l, 2)),
  },
  concepts: count,
  seed,
  seconds: round(totalSeconds, 1),
  build,
  lookup,
  highlight,
  import: imported,
  http,
  scale,
  attack,
  targets,
  all_pass: Object.values(targets).every((t) => t.pass),
};

// ---- the human table ----------------------------------------------------------------------
const fmt = (v: number | boolean | null): string => (v === null ? '—' : typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v));
const rows: [string, string, string, string][] = [];
const row = (label: string, name: string, detail = ''): void => {
  const t = targets[name]!;
  const goal = typeof t.target === 'boolean' ? (t.target ? 'yes' : 'no') : `${t.op === '<=' ? '≤' : '≥'} ${t.target} ${t.unit}`.trim();
  const note = t.note ? ` (${t.note})` : '';
  rows.push([label, `${fmt(t.value)}${typeof t.value === 'number' ? ` ${t.unit}` : ''}${detail}${note}`, goal, t.pass ? 'pass' : 'FAIL']);
};
const buildDetail = (shape: string) => {
  const s = shapeOf(shape);
  return s
    ? ` (${s.terms.toLocaleString('en')} terms: matcher ${s.matcher_seconds} s + lookup ${s.lookup_seconds} s; CPU ${s.cpu_seconds} s)`
    : '';
};
row('build, transliterated names', 'build_names_seconds', buildDetail('names'));
row('build, codes and numbered names', 'build_codes_seconds', buildDetail('codes'));
row('build, long organisation titles', 'build_titles_seconds', buildDetail('titles'));
row('build RSS, both structures (largest shape)', 'build_rss_mb');
row('lookup p99 while an editor saves 1/s', 'edit_lookup_p99_ms', S ? ` (${S.edits.edits} edits, ${S.edits.lookup_rps} lookups/s)` : '');
row(
  'edit visible to lookup and review',
  'edit_visible_seconds',
  S
    ? ` (lookup ≤ ${S.edits.lookup_visible_max_s} s, median ${S.edits.lookup_visible_p50_s} s; review ≤ ${S.edits.review_visible_max_s} s)`
    : '',
);
row(
  'server ready after restart, 1M terms',
  'restart_ready_seconds',
  S?.restart
    ? ` (${S.restart.terms.toLocaleString('en')} terms; first start, building the cache file: ${S.restart.first_start_seconds ? `${S.restart.first_start_seconds} s` : 'not in this run'})`
    : '',
);
row(
  'termbridge lookup wall time, 100k concepts',
  'cli_lookup_seconds',
  S ? ` (CPU ${S.cli_lookup.cpu_seconds} s; without cache file ${S.cli_lookup_cold.wall_seconds} s)` : '',
);
row('lookup p50 (500 queries)', 'lookup_p50_ms');
row('lookup p99', 'lookup_p99_ms');
row('lookup vs plain fuse.js (p50 ÷ p50)', 'lookup_vs_fuse_ratio', L ? ` (fuse ${L.fuse_p50_ms} ms, ${L.fuse_queries} queries)` : '');
row(
  'lookup finds what fuse.js finds',
  'lookup_correct_when_fuse_correct',
  L ? ` (${L.fuse_found_ours_missed} missed of ${L.fuse_found} fuse hits)` : '',
);
row('matcher, folding included', 'matcher_mchars_per_s', H ? ` (fold alone ${H.fold_mchars_per_s})` : '');
row('matcher vs one-pass scan', 'matcher_vs_scan_ratio', H ? ` (scan ${H.scan_mchars_per_s} M/s)` : '');
row(
  'matcher vs @monyone/aho-corasick',
  'matcher_vs_monyone_ratio',
  H ? ` (greedy ${H.monyone_mchars_per_s} M/s; /fast ${H.monyone_fast_mchars_per_s} M/s, ${H.vs_monyone_fast_ratio}×)` : '',
);
row('matcher vs regex alternation', 'matcher_vs_regex_ratio', H ? ` (regex ${H.regex_mchars_per_s} M/s)` : '');
row(`import ${count.toLocaleString('en')}-concept TBX`, 'import_seconds', I ? ` (${I.file_mb} MB file)` : '');
row('import peak RSS', 'import_peak_rss_mb');
row('import 1,000,000-concept TBX', 'import_1m_seconds');
row('import 1,000,000 concepts, peak RSS', 'import_1m_peak_rss_mb');
row('HTTP lookups/s, 100k concepts', 'http_lookup_rps', S ? ` (starter glossary alone: ${W?.lookup_rps ?? '—'})` : '');
row('HTTP lookup p99', 'http_lookup_p99_ms');
row('HTTP review req/s, 100k concepts', 'http_review_rps');
row('HTTP review p99', 'http_review_p99_ms');
for (const [label, name, detail] of attackRows(A)) row(label, name, detail);

const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length), ['measure', 'value', 'target', ''][i]!.length));
const line = (r: readonly string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
log('');
log(line(['measure', 'value', 'target', '']));
log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) log(line(r));
for (const [name, s] of [
  ['build', build],
  ['lookup', lookup],
  ['highlight', highlight],
  ['import', imported],
  ['http', http],
  ['scale', scale],
  ['attack', attack],
] as const) {
  if (isSkipped(s)) log(`(${name}: ${s.skipped})`);
}
const passed = Object.values(targets).filter((t) => t.pass).length;
log(
  `\n${passed} of ${Object.keys(targets).length} targets pass; ${totalSeconds.toFixed(0)} s in all; load average at the end ${loadavg()[0]!.toFixed(2)}`,
);

const json = `${JSON.stringify(result, null, 2)}\n`;
if (args.out) writeFileSync(args.out, json);
if (args.json) process.stdout.write(json);
