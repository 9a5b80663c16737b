/**
 * Runs one import in its own process so that its peak resident memory is the import's alone
 * (the parent holds the lookup index and the matcher). Prints one JSON line on stdout.
 *   node --import tsx scripts/bench/import-child.ts FILE.tbx DB.sqlite
 */
import { readFileSync } from 'node:fs';
import { openDatabase } from '../../db/connection.ts';
import { importFile } from '../../db/interchange/import.ts';

const [file, dbPath] = process.argv.slice(2);
if (!file || !dbPath) {
  process.stderr.write('usage: import-child.ts FILE DB\n');
  process.exit(2);
}

/** VmHWM (peak resident set) in MB from /proc, else the kernel's maxrss. */
function peakRssMb(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // not Linux: fall through
  }
  return process.resourceUsage().maxRSS / 1024;
}

const { db } = openDatabase(dbPath);
const before = process.memoryUsage().rss / 1024 / 1024;
const start = performance.now();
const report = await importFile(db, file, { format: 'tbx', actor: 'bench' });
const seconds = (performance.now() - start) / 1000;
const terms = (db.prepare('SELECT count(*) AS n FROM terms').get() as { n: number }).n;
const concepts = (db.prepare('SELECT count(*) AS n FROM concepts').get() as { n: number }).n;
db.close();
process.stdout.write(
  `${JSON.stringify({
    seconds,
    peak_rss_mb: peakRssMb(),
    rss_before_mb: before,
    created: report.created,
    updated: report.updated,
    skipped: report.skipped,
    errors: report.errors.length,
    concepts,
    terms,
  })}\n`,
);
