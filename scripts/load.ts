/**
 * HTTP load against lookup and highlight on loopback: an in-process server on the starter
 * glossary, autocannon in a worker thread (so the load generator and the server each get a
 * core), a bounded duration per endpoint. Prints requests/s and p99 per endpoint; `--json`
 * prints one JSON document. `npm run bench` calls runLoad() and reports its figures.
 *
 *   node --import tsx scripts/load.ts [--json] [--duration S] [--connections N] [--url BASE]
 *
 * Target (issue #8): ≥ 1,000 lookups/s on 2 cores with p99 ≤ 50 ms.
 */
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { type Database, openDatabase } from '../db/connection.ts';
import { seedStarterGlossary } from '../db/seed.ts';
import { starterGlossary } from '../glossary/starter/starter.ts';
import { createApp } from '../server/app.ts';
import { testConfig } from '../server/config.ts';

export interface LoadOptions {
  /** seconds per endpoint (default 5: about 10 s in all) */
  durationSeconds?: number;
  /** concurrent connections (default 10) */
  connections?: number;
  /** an already running server to load instead of an in-process one */
  url?: string;
  /** progress lines on stderr (default true) */
  verbose?: boolean;
}

export interface EndpointFigures {
  /** what was loaded, e.g. "GET /api/lookup" */
  target: string;
  rps: number;
  p99_ms: number;
  p50_ms: number;
  requests: number;
  /** connection errors and timeouts */
  errors: number;
  /** answers other than 2xx (counted, and excluded from nothing: a 4xx is cheap and would flatter the figures) */
  non2xx: number;
}

export interface LoadResult {
  lookup: EndpointFigures;
  /** null when the server has no /api/highlight */
  highlight: EndpointFigures | null;
  durationSeconds: number;
  connections: number;
  concepts: number | null;
  target: { lookup_rps: number; lookup_p99_ms: number };
}

/** Queries a translator types: Chinese in both scripts, English names, fragments, a typo. */
export function lookupQueries(limit = 300): string[] {
  const queries = new Set<string>();
  const concepts = starterGlossary();
  const step = Math.max(1, Math.floor(concepts.length / (limit / 4)));
  for (let i = 0; i < concepts.length && queries.size < limit; i += step) {
    for (const t of concepts[i]!.terms) {
      if (t.status !== 'preferred') continue;
      if (t.lang === 'en') {
        queries.add(t.text);
        queries.add(t.text.slice(0, Math.max(3, Math.ceil(t.text.length / 2))).toLowerCase());
        if (t.text.length > 5) queries.add(t.text.slice(0, 2) + t.text[3] + t.text[2] + t.text.slice(4)); // a transposition
      } else if (t.lang === 'zh-CN' || t.lang === 'zh-TW') {
        queries.add(t.text);
      }
    }
  }
  return [...queries].slice(0, limit);
}

/** Documents like the ones editors review: Chinese prose with glossary names, a few KB each. */
export function highlightDocuments(count = 20, chars = 3000): string[] {
  const names = starterGlossary()
    .flatMap((c) => c.terms.filter((t) => t.lang.startsWith('zh') || t.lang === 'en').map((t) => t.text))
    .filter((t) => t.length > 1);
  const filler = [
    '在本文件所述期间，安全理事会举行了两次公开会议，',
    '秘书长特别代表向安理会通报了局势的最新发展。',
    '各方重申支持通过对话解决分歧，',
    'the Council took note of the report and ',
    '代表团强调必须充分执行有关决议，',
  ];
  let seed = 7;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  return Array.from({ length: count }, () => {
    let doc = '';
    while (doc.length < chars) doc += filler[rand(filler.length)]! + names[rand(names.length)]! + (rand(5) === 0 ? '\n' : '');
    return doc;
  });
}

async function inProcessServer(): Promise<{ url: string; db: Database; close: () => Promise<void> }> {
  const { db } = openDatabase(':memory:');
  seedStarterGlossary(db);
  // Anonymous viewers, as a default installation; no API rate limit: this measures the app,
  // and from one loopback address the limiter would measure only itself.
  const app = createApp({ db, config: testConfig({ anonymous: 'viewer', apiRateLimitPerMinute: 0 }) });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          db.close();
          resolve();
        });
      }),
  };
}

type Request = { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string };

async function hammer(
  base: string,
  target: string,
  requests: Request[],
  options: Required<Omit<LoadOptions, 'url'>>,
): Promise<EndpointFigures> {
  // Warm up first: the first request builds the lookup index / matcher (cached until the
  // glossary changes), and JIT compilation settles; neither belongs in a steady-state figure.
  for (const r of requests.slice(0, 30)) {
    const res = await fetch(base + r.path, { method: r.method, headers: r.headers ?? {}, body: r.body ?? null });
    await res.arrayBuffer();
  }
  // One worker thread generates the load; plain request objects (no functions) can cross to it.
  const result = await autocannon({
    url: base,
    connections: options.connections,
    duration: options.durationSeconds,
    requests,
    workers: 1,
    renderProgressBar: false,
    renderLatencyTable: false,
    renderResultsTable: false,
  } as autocannon.Options);
  return {
    target,
    rps: Math.round(result.requests.average),
    p99_ms: result.latency.p99,
    p50_ms: result.latency.p50,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

async function exists(base: string, request: Request): Promise<boolean> {
  const res = await fetch(base + request.path, { method: request.method, headers: request.headers ?? {}, body: request.body ?? null });
  await res.arrayBuffer();
  return res.status !== 404 && res.status !== 405;
}

export async function runLoad(options: LoadOptions = {}): Promise<LoadResult> {
  const opts = { durationSeconds: options.durationSeconds ?? 5, connections: options.connections ?? 10, verbose: options.verbose ?? true };
  const say = (s: string) => opts.verbose && process.stderr.write(`${s}\n`);
  const server = options.url ? null : await inProcessServer();
  const base = (options.url ?? server!.url).replace(/\/$/, '');
  try {
    const queries = lookupQueries();
    let lookupRequests: Request[] = queries.map((q) => ({ method: 'GET', path: `/api/lookup?q=${encodeURIComponent(q)}&limit=10` }));
    let lookupTarget = 'GET /api/lookup';
    if (!(await exists(base, lookupRequests[0]!))) {
      // Before the lookup API existed: the concept list's text filter, the nearest thing.
      lookupRequests = queries.map((q) => ({ method: 'GET', path: `/api/concepts?q=${encodeURIComponent(q)}&limit=10` }));
      lookupTarget = 'GET /api/concepts?q= (no /api/lookup here)';
    }
    say(`load: ${lookupTarget}, ${queries.length} queries, ${opts.connections} connections, ${opts.durationSeconds} s`);
    const lookup = await hammer(base, lookupTarget, lookupRequests, opts);
    say(`  ${lookup.rps} requests/s, p99 ${lookup.p99_ms} ms`);

    const docs = highlightDocuments();
    const highlightRequests: Request[] = docs.map((text) => ({
      method: 'POST',
      path: '/api/highlight',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text, locale: 'zh-CN' }),
    }));
    let highlight: EndpointFigures | null = null;
    if (await exists(base, highlightRequests[0]!)) {
      say(`load: POST /api/highlight, ${docs.length} documents of ~${docs[0]!.length} characters, ${opts.durationSeconds} s`);
      highlight = await hammer(base, 'POST /api/highlight', highlightRequests, opts);
      say(`  ${highlight.rps} requests/s, p99 ${highlight.p99_ms} ms`);
    } else {
      say('load: no /api/highlight on this server; skipped');
    }
    return {
      lookup,
      highlight,
      durationSeconds: opts.durationSeconds,
      connections: opts.connections,
      concepts: server ? (server.db.prepare('SELECT count(*) AS n FROM concepts').get() as { n: number }).n : null,
      target: { lookup_rps: 1000, lookup_p99_ms: 50 },
    };
  } finally {
    await server?.close();
  }
}

if (process.argv[1] === import.meta.filename) {
  const { values } = parseArgs({
    options: { json: { type: 'boolean' }, duration: { type: 'string' }, connections: { type: 'string' }, url: { type: 'string' } },
  });
  const result = await runLoad({
    ...(values.duration ? { durationSeconds: Number(values.duration) } : {}),
    ...(values.connections ? { connections: Number(values.connections) } : {}),
    ...(values.url ? { url: values.url } : {}),
    verbose: !values.json,
  });
  if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    for (const [name, f] of Object.entries({ lookup: result.lookup, highlight: result.highlight })) {
      if (!f) continue;
      process.stdout.write(
        `${name.padEnd(10)} ${String(f.rps).padStart(6)} requests/s  p50 ${f.p50_ms} ms  p99 ${f.p99_ms} ms  (${f.requests} requests, ${f.non2xx} non-2xx, ${f.errors} errors) ${f.target}\n`,
      );
    }
    const ok = result.lookup.rps >= 1000 && result.lookup.p99_ms <= 50;
    process.stdout.write(`target ≥ 1,000 lookups/s with p99 ≤ 50 ms: ${ok ? 'met' : 'NOT met'}\n`);
  }
}
