import { openDatabase } from '../../db/connection.ts';
import { seedStarterGlossary } from '../../db/seed.ts';
import { type CliContext, printJson } from './context.ts';

/** `termbridge seed`: load the starter glossary (concepts already present are skipped). */
export function seed(ctx: CliContext): void {
  const { db } = openDatabase(ctx.dbPath);
  try {
    const result = seedStarterGlossary(db, 'cli:seed');
    if (ctx.json) printJson(ctx, result);
    else ctx.stderr.write(`Seeded ${ctx.dbPath}: ${result.created} concepts created, ${result.skipped} already present.\n`);
  } finally {
    db.close();
  }
}
