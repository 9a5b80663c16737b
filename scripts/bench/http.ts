import { log } from './stats.ts';

/**
 * HTTP load figures from the load script of issue #8 (scripts/load.ts: an in-process server
 * on the starter glossary, autocannon in a worker thread on loopback). The benchmark only
 * reports them next to their targets.
 */

export interface HttpReport {
  /** what was loaded, e.g. "GET /api/lookup" */
  lookup_endpoint: string;
  lookup_rps: number;
  lookup_p50_ms: number;
  lookup_p99_ms: number;
  lookup_non2xx: number;
  lookup_errors: number;
  highlight_rps: number | null;
  highlight_p99_ms: number | null;
  concepts: number | null;
  seconds_per_endpoint: number;
  connections: number;
}

export async function benchHttp(): Promise<HttpReport> {
  const { runLoad } = await import('../load.ts');
  log('  scripts/load.ts runLoad()');
  const r = await runLoad({});
  return {
    lookup_endpoint: r.lookup.target,
    lookup_rps: r.lookup.rps,
    lookup_p50_ms: r.lookup.p50_ms,
    lookup_p99_ms: r.lookup.p99_ms,
    lookup_non2xx: r.lookup.non2xx,
    lookup_errors: r.lookup.errors,
    highlight_rps: r.highlight?.rps ?? null,
    highlight_p99_ms: r.highlight?.p99_ms ?? null,
    concepts: r.concepts,
    seconds_per_endpoint: r.durationSeconds,
    connections: r.connections,
  };
}
