import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SHAPES, type Shape } from './shapes.ts';
import { log, round } from './stats.ts';

/**
 * Matcher + lookup index build on each term shape (issue 14: linear on any input), one child
 * process per shape (build-child.ts). Seconds are wall time inside the child, from the
 * generated concepts to both structures; CPU seconds are reported beside them, because on a
 * shared machine wall time also counts other people's work. The RSS figure of the target is
 * what the child holds after both builds minus what it held before them (the concepts
 * themselves are the database's, not the indexes'); the child's peak is reported too.
 */

export interface BuildShapeReport {
  shape: Shape;
  concepts: number;
  terms: number;
  chars: number;
  seconds: number;
  cpu_seconds: number;
  matcher_seconds: number;
  lookup_seconds: number;
  /** resident memory the two structures added */
  rss_mb: number;
  peak_rss_mb: number;
}

export interface BuildReport {
  terms_per_shape: number;
  shapes: BuildShapeReport[];
}

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('./build-child.ts', import.meta.url));

export async function benchBuild(terms: number): Promise<BuildReport> {
  const shapes: BuildShapeReport[] = [];
  for (const shape of SHAPES) {
    const child = await run(process.execPath, ['--expose-gc', '--import', 'tsx', CHILD, shape, String(terms)], {
      cwd: fileURLToPath(new URL('../../', import.meta.url)), // where --import tsx resolves
      maxBuffer: 1024 * 1024,
      timeout: 600_000,
    });
    const r = JSON.parse(child.stdout.trim().split('\n').pop()!);
    const report: BuildShapeReport = {
      shape,
      concepts: r.concepts,
      terms: r.terms,
      chars: r.chars,
      seconds: round(r.matcher_seconds + r.lookup_seconds, 2),
      cpu_seconds: round(r.matcher_cpu_seconds + r.lookup_cpu_seconds, 2),
      matcher_seconds: round(r.matcher_seconds, 2),
      lookup_seconds: round(r.lookup_seconds, 2),
      rss_mb: round(r.rss_after_mb - r.rss_before_mb, 0),
      peak_rss_mb: round(r.peak_rss_mb, 0),
    };
    log(
      `  ${shape}: ${report.terms.toLocaleString('en')} terms, matcher ${report.matcher_seconds} s + lookup ${report.lookup_seconds} s (CPU ${report.cpu_seconds} s), +${report.rss_mb} MB`,
    );
    shapes.push(report);
  }
  return { terms_per_shape: terms, shapes };
}
