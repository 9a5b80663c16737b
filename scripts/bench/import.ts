import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { log, round } from './stats.ts';
import type { SyntheticEntry } from './synthetic.ts';
import { writeTbxFile } from './tbx.ts';

/**
 * Import of a generated 100,000-concept TBX v3 file into a fresh database file, in a child
 * process (import-child.ts) so that the peak RSS measured is the import's own, not the
 * parent's lookup index and matcher. Seconds are the import call alone, inside the child.
 */

export interface ImportReport {
  concepts: number;
  file_mb: number;
  write_file_ms: number;
  seconds: number;
  peak_rss_mb: number;
  /** the child's resident memory after start-up, before the import began */
  rss_before_mb: number;
  created: number;
  errors: number;
  concepts_in_db: number;
  terms_in_db: number;
  terms_expected: number;
}

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('./import-child.ts', import.meta.url));

export async function benchImport(entries: readonly SyntheticEntry[]): Promise<ImportReport> {
  const dir = mkdtempSync(join(tmpdir(), 'termbridge-bench-'));
  try {
    const file = join(dir, 'synthetic.tbx');
    const start = performance.now();
    const bytes = await writeTbxFile(entries, file);
    const writeMs = performance.now() - start;
    log(`  TBX file: ${(bytes / 1024 / 1024).toFixed(1)} MB written in ${(writeMs / 1000).toFixed(1)} s`);
    const child = await run(process.execPath, ['--import', 'tsx', CHILD, file, join(dir, 'bench.sqlite')], {
      cwd: fileURLToPath(new URL('../../', import.meta.url)), // where --import tsx resolves
      maxBuffer: 1024 * 1024,
      timeout: 300_000,
    });
    const r = JSON.parse(child.stdout.trim().split('\n').pop()!) as {
      seconds: number;
      peak_rss_mb: number;
      rss_before_mb: number;
      created: number;
      errors: number;
      concepts: number;
      terms: number;
    };
    return {
      concepts: entries.length,
      file_mb: round(bytes / 1024 / 1024, 1),
      write_file_ms: round(writeMs, 0),
      seconds: round(r.seconds, 2),
      peak_rss_mb: round(r.peak_rss_mb, 0),
      rss_before_mb: round(r.rss_before_mb, 0),
      created: r.created,
      errors: r.errors,
      concepts_in_db: r.concepts,
      terms_in_db: r.terms,
      terms_expected: entries.reduce((n, e) => n + e.input.terms.length, 0),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
