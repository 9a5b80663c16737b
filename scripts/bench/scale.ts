import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import { ConceptRepository } from '../../db/concepts.ts';
import { openDatabase } from '../../db/connection.ts';
import { snapshotFilePath } from '../../db/snapshot-format.ts';
import { lookupQueries, runLoad } from '../load.ts';
import { scaleDatabase } from './scale-db.ts';
import { log, round } from './stats.ts';

/**
 * The scale measures of issue 14 on a real server process over a database file:
 * - `termbridge lookup` wall and CPU time on 100k concepts, without a cache file (it builds
 *   and writes one) and with it (every later lookup);
 * - HTTP lookups and reviews on 100k concepts (scripts/load.ts against that server);
 * - lookups under load while an editor saves one concept a second for 30 s: lookup p99, and
 *   how long each edit takes to show in lookup and in review (polled from its commit on);
 * - server ready after a restart on 1,000,000 terms (spawn → first lookup answered).
 * The databases are kept in the temporary directory between runs (filling them costs more
 * than measuring them); the edits are made on a second connection from this process, as a
 * CLI or another server would (the HTTP edit path is the test's, test/http/live-edits.test.ts).
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = join(ROOT, 'server/main.ts');
const BIN = join(ROOT, 'server/bin.js');
const run = promisify(execFile);

export interface CliLookupFigures {
  wall_seconds: number;
  cpu_seconds: number | null;
  max_rss_mb: number | null;
}

export interface ScaleReport {
  concepts: number;
  database_seconds: number;
  cli_lookup_cold: CliLookupFigures;
  cli_lookup: CliLookupFigures;
  server_ready_seconds_100k: number;
  http: {
    lookup_rps: number;
    lookup_p50_ms: number;
    lookup_p99_ms: number;
    lookup_non2xx: number;
    lookup_errors: number;
    highlight_rps: number | null;
    highlight_p99_ms: number | null;
    seconds_per_endpoint: number;
    connections: number;
  };
  edits: {
    seconds: number;
    edits: number;
    lookup_rps: number;
    lookup_p99_ms: number;
    lookup_errors: number;
    /** seconds from commit until lookup returned the edit: worst and median */
    lookup_visible_max_s: number | null;
    lookup_visible_p50_s: number | null;
    review_visible_max_s: number | null;
    not_visible: number;
  };
  restart: {
    terms: number;
    concepts: number;
    database_seconds: number;
    /** the first start on that file (no cache file yet: one full build) */
    first_start_seconds: number;
    ready_seconds: number;
  } | null;
}

export interface ScaleOptions {
  concepts: number;
  /** terms for the restart measure (0: skip it) */
  restartTerms: number;
  editSeconds: number;
  seed: number;
}

function dataDir(): string {
  const dir = join(tmpdir(), 'termbridge-bench-scale');
  mkdirSync(dir, { recursive: true });
  return dir;
}

async function timedCli(dbPath: string, query: string): Promise<CliLookupFigures> {
  const start = performance.now();
  const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  const args = [BIN, 'lookup', query, '--db', dbPath];
  const r = timeBin
    ? await run(timeBin, ['-f', 'TIME %e %U %S %M', process.execPath, ...args], { cwd: ROOT, maxBuffer: 1 << 20 })
    : await run(process.execPath, args, { cwd: ROOT, maxBuffer: 1 << 20 });
  const wall = (performance.now() - start) / 1000;
  const m = /TIME (\S+) (\S+) (\S+) (\S+)/.exec(r.stderr);
  return {
    wall_seconds: round(m ? Number(m[1]) : wall, 2),
    cpu_seconds: m ? round(Number(m[2]) + Number(m[3]), 2) : null,
    max_rss_mb: m ? round(Number(m[4]) / 1024, 0) : null,
  };
}

interface Server {
  url: string;
  child: ChildProcess;
  /** spawn → "listening" */
  listeningSeconds: number;
  close(): Promise<void>;
}

async function startServer(dbPath: string): Promise<Server> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      TERMBASE_DB: dbPath,
      PORT: '0',
      HOST: '127.0.0.1',
      TERMBRIDGE_ANONYMOUS: 'viewer',
      TERMBRIDGE_API_RATE_LIMIT: '0',
      TERMBRIDGE_EXPENSIVE_RATE_LIMIT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => {
    stderr += d;
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${stderr.slice(0, 500)}`)));
  });
  return {
    url,
    child,
    listeningSeconds: (performance.now() - started) / 1000,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function firstLookup(url: string, started: number): Promise<number> {
  for (;;) {
    try {
      const res = await fetch(`${url}/api/lookup?q=${encodeURIComponent('科索')}`);
      if (res.ok) {
        await res.arrayBuffer();
        return (performance.now() - started) / 1000;
      }
    } catch {
      // not accepting yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function found(url: string, term: string, review: boolean): Promise<boolean> {
  if (!review) {
    const res = await fetch(`${url}/api/lookup?q=${encodeURIComponent(term)}&limit=3`);
    const body = (await res.json()) as { results?: { matched: string }[] };
    return (body.results ?? []).some((r) => r.matched === term);
  }
  const text = `会上，${term}的代表发了言。`;
  const res = await fetch(`${url}/api/highlight`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });
  const body = (await res.json()) as { matches?: { start: number; end: number }[] };
  return (body.matches ?? []).some((m) => text.slice(m.start, m.end) === term);
}

/** Poll until `term` shows (or `limit` seconds pass); seconds from `since`, or null. */
async function visibleAfter(url: string, term: string, review: boolean, since: number, limit: number): Promise<number | null> {
  while ((performance.now() - since) / 1000 < limit) {
    if (await found(url, term, review)) return (performance.now() - since) / 1000;
    await new Promise((r) => setTimeout(r, 25));
  }
  return null;
}

const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]! : null);

async function editsUnderLoad(url: string, dbPath: string, seconds: number) {
  const { db } = openDatabase(dbPath);
  const repo = new ConceptRepository(db);
  const queries = lookupQueries();
  const load = autocannon({
    url,
    connections: 10,
    duration: seconds,
    requests: queries.map((q) => ({ method: 'GET', path: `/api/lookup?q=${encodeURIComponent(q)}&limit=10` })),
    workers: 1,
    renderProgressBar: false,
    renderLatencyTable: false,
    renderResultsTable: false,
  } as autocannon.Options);
  const lookupDelays: number[] = [];
  const reviewDelays: number[] = [];
  let notVisible = 0;
  let edits = 0;
  const end = performance.now() + seconds * 1000;
  const pending: Promise<void>[] = [];
  const stamp = Date.now().toString(36);
  while (performance.now() < end - 1000) {
    const tick = performance.now();
    // A name no synthetic concept has: letters from outside the generator's table.
    const zh = `测验编辑${stamp}${edits}号`.replace(/\d/g, (d) => '零一二三四五六七八九'[Number(d)]!);
    repo.create({ terms: [{ text: zh, lang: 'zh-CN', status: 'preferred' }] }, { actor: 'bench' });
    const committed = performance.now();
    edits++;
    pending.push(
      (async () => {
        const [l, r] = await Promise.all([visibleAfter(url, zh, false, committed, 10), visibleAfter(url, zh, true, committed, 10)]);
        if (l === null || r === null) notVisible++;
        if (l !== null) lookupDelays.push(l);
        if (r !== null) reviewDelays.push(r);
      })(),
    );
    await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (performance.now() - tick))));
  }
  const result = (await load) as autocannon.Result;
  await Promise.all(pending);
  db.close();
  return {
    seconds,
    edits,
    lookup_rps: Math.round(result.requests.average),
    lookup_p99_ms: result.latency.p99,
    lookup_errors: result.errors + result.timeouts + result.non2xx,
    lookup_visible_max_s: lookupDelays.length ? round(Math.max(...lookupDelays), 3) : null,
    lookup_visible_p50_s: lookupDelays.length ? round(median(lookupDelays)!, 3) : null,
    review_visible_max_s: reviewDelays.length ? round(Math.max(...reviewDelays), 3) : null,
    not_visible: notVisible,
  };
}

export async function benchScale(options: ScaleOptions): Promise<ScaleReport> {
  const dir = dataDir();
  const dbPath = join(dir, `concepts-${options.concepts}-${options.seed}.sqlite`);
  let start = performance.now();
  const fresh = !existsSync(dbPath);
  scaleDatabase(dbPath, options.concepts, options.seed);
  const databaseSeconds = fresh ? (performance.now() - start) / 1000 : 0;
  log(
    `  ${options.concepts.toLocaleString('en')}-concept database ${fresh ? `written in ${databaseSeconds.toFixed(1)} s` : 'reused'}: ${dbPath}`,
  );

  // Without the cache file (it is then built and written), then with it.
  rmSync(snapshotFilePath(dbPath), { force: true });
  const cold = await timedCli(dbPath, '科索');
  const warmRuns = [await timedCli(dbPath, '科索'), await timedCli(dbPath, 'Kosovo'), await timedCli(dbPath, 'kesuo')];
  const warm = warmRuns.sort((a, b) => a.wall_seconds - b.wall_seconds)[1]!;
  log(`  termbridge lookup: ${cold.wall_seconds} s without a cache file, ${warm.wall_seconds} s with (CPU ${warm.cpu_seconds} s)`);

  start = performance.now();
  const server = await startServer(dbPath);
  let http: ScaleReport['http'];
  let edits: ScaleReport['edits'];
  let ready100k: number;
  try {
    ready100k = await firstLookup(server.url, start);
    log(`  server on 100k concepts: first lookup ${ready100k.toFixed(2)} s after spawn`);
    const r = await runLoad({ url: server.url, durationSeconds: 5, connections: 10, verbose: false });
    http = {
      lookup_rps: r.lookup.rps,
      lookup_p50_ms: r.lookup.p50_ms,
      lookup_p99_ms: r.lookup.p99_ms,
      lookup_non2xx: r.lookup.non2xx,
      lookup_errors: r.lookup.errors,
      highlight_rps: r.highlight?.rps ?? null,
      highlight_p99_ms: r.highlight?.p99_ms ?? null,
      seconds_per_endpoint: r.durationSeconds,
      connections: r.connections,
    };
    log(
      `  HTTP: ${http.lookup_rps} lookups/s p99 ${http.lookup_p99_ms} ms; ${http.highlight_rps} reviews/s p99 ${http.highlight_p99_ms} ms`,
    );
    edits = await editsUnderLoad(server.url, dbPath, options.editSeconds);
    log(
      `  ${edits.edits} edits under load: lookup p99 ${edits.lookup_p99_ms} ms, visible in lookup ≤ ${edits.lookup_visible_max_s} s, in review ≤ ${edits.review_visible_max_s} s`,
    );
  } finally {
    await server.close();
  }

  let restart: ScaleReport['restart'] = null;
  if (options.restartTerms > 0) {
    // The names generator makes 3.2 terms per concept (970,058 terms from 303,031 concepts).
    const concepts = Math.ceil(options.restartTerms / 3.2);
    const bigPath = join(dir, `concepts-${concepts}-${options.seed}.sqlite`);
    start = performance.now();
    const bigFresh = !existsSync(bigPath);
    scaleDatabase(bigPath, concepts, options.seed);
    const bigSeconds = bigFresh ? (performance.now() - start) / 1000 : 0;
    const terms = (() => {
      const { db } = openDatabase(bigPath);
      try {
        return (db.prepare('SELECT count(*) AS n FROM terms').get() as { n: number }).n;
      } finally {
        db.close();
      }
    })();
    log(`  ${terms.toLocaleString('en')}-term database ${bigFresh ? `written in ${bigSeconds.toFixed(1)} s` : 'reused'}`);
    let firstStart = 0;
    if (!existsSync(snapshotFilePath(bigPath))) {
      start = performance.now();
      const first = await startServer(bigPath);
      firstStart = await firstLookup(first.url, start);
      await first.close();
      log(`  first start (no cache file): ${firstStart.toFixed(1)} s`);
    }
    start = performance.now();
    const again = await startServer(bigPath);
    const ready = await firstLookup(again.url, start);
    await again.close();
    log(`  restart: first lookup ${ready.toFixed(2)} s after spawn`);
    restart = {
      terms,
      concepts,
      database_seconds: round(bigSeconds, 1),
      first_start_seconds: round(firstStart, 1),
      ready_seconds: round(ready, 2),
    };
  }

  return {
    concepts: options.concepts,
    database_seconds: round(databaseSeconds, 1),
    cli_lookup_cold: cold,
    cli_lookup: warm,
    server_ready_seconds_100k: round(ready100k, 2),
    http,
    edits,
    restart,
  };
}
