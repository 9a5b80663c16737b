/**
 * A database file holding the starter glossary and `count` synthetic concepts (synthetic.ts;
 * the starter glossary so that the load script's queries and documents find names), for the scale measures
 * (edit visibility, restart, CLI lookup, HTTP at size). Written once per path and reused:
 * filling 100,000 concepts costs tens of seconds, the measures that read it far less.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { ConceptRepository } from '../../db/concepts.ts';
import { openDatabase } from '../../db/connection.ts';
import { seedStarterGlossary } from '../../db/seed.ts';
import { generateGlossary } from './synthetic.ts';

export function scaleDatabase(path: string, count: number, seed = 20261125): string {
  if (existsSync(path)) return path;
  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  const { db } = openDatabase(partial);
  try {
    seedStarterGlossary(db);
    const entries = generateGlossary({ count, seed });
    new ConceptRepository(db).createMany(
      entries.map((e) => e.input),
      { actor: 'bench' },
    );
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  for (const suffix of ['-wal', '-shm']) rmSync(partial + suffix, { force: true });
  renameSync(partial, path);
  return path;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [path, count] = process.argv.slice(2);
  const start = performance.now();
  scaleDatabase(path!, Number(count ?? 100_000));
  console.log(`${path}: ${((performance.now() - start) / 1000).toFixed(1)} s`);
}
