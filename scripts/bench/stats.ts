/** Small measuring helpers shared by the benchmark sections. */

/** Nearest-rank percentile of a list of numbers (p in 0…100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export const median = (values: readonly number[]): number => percentile(values, 50);

/** Milliseconds taken by fn, and its result. */
export function timed<T>(fn: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

/** Round for display and JSON: figures carry 3 significant decimals at most. */
export function round(n: number, digits = 3): number {
  if (!Number.isFinite(n)) return n;
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Ask V8 for a collection between sections when node runs with --expose-gc (npm run bench does). */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * A full collection, then a pause for V8's concurrent sweeper to finish: on 2 cores the
 * sweeper otherwise competes with whatever is timed next, which penalises that contender.
 */
export async function settle(): Promise<void> {
  collectGarbage();
  await new Promise((resolve) => setTimeout(resolve, 50));
}

export function log(message: string): void {
  process.stderr.write(`${message}\n`);
}
