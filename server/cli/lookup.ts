import { parseArgs } from 'node:util';
import { openDatabase } from '../../db/connection.ts';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../../glossary/lookup/index.ts';
import { lookup as lookupIn } from '../services/lookup.ts';
import { type CliContext, CliError, printJson } from './context.ts';

/** `termbridge lookup QUERY [--limit N] [--json]`: the home page's lookup, from the shell. */
export function lookup(ctx: CliContext): void {
  const { values, positionals } = parseArgs({
    args: ctx.args,
    options: { limit: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const query = positionals.join(' ').trim();
  if (!query) throw new CliError('usage: termbridge lookup QUERY [--limit N] [--json]');
  const limit = values.limit === undefined ? DEFAULT_LIMIT : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    throw new CliError(`--limit must be a whole number from 1 to ${MAX_LIMIT}`);
  const { db } = openDatabase(ctx.dbPath);
  try {
    const answer = lookupIn(db, query, limit);
    if (ctx.json) {
      printJson(ctx, answer);
      return;
    }
    if (answer.didYouMean.length)
      ctx.stderr.write(`No concept matches "${query}". Did you mean: ${answer.didYouMean.map((d) => d.query).join('; ')}?\n`);
    else if (!answer.results.length) ctx.stderr.write(`No concept matches "${query}".\n`);
    for (const r of answer.results) {
      const forms = r.terms.map((t) => `${t.text} (${t.lang}${t.status === 'preferred' ? '' : `, ${t.status}`})`).join('; ');
      ctx.stdout.write(`${r.conceptId}\t${r.english ?? r.matched}\t${forms}\n`);
    }
  } finally {
    db.close();
  }
}
