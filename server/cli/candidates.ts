import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../db/connection.ts';
import { proposeCandidates } from '../services/candidates.ts';
import { type CliContext, CliError, printJson } from './context.ts';
import { readDocumentFile } from './read-document.ts';

const USAGE = 'usage: termbridge extract FILE [--en EN_FILE] [--store] [--json]';

/**
 * `termbridge extract FILE [--en EN_FILE] [--store] [--json]`: candidate terms in a Chinese
 * document, with the sentences they were seen in. With --en the English counterpart is
 * aligned and mined for name pairs; with --store the candidates join the review queue
 * (/candidates). Without --json, one line per candidate.
 */
export function candidates(ctx: CliContext): void {
  const { values, positionals } = parseArgs({
    args: ctx.args,
    options: { en: { type: 'string' }, store: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  const [path, ...extra] = positionals;
  if (!path || extra.length) throw new CliError(USAGE);
  const text = readDocumentFile(path);
  if (!text.trim()) throw new CliError(`${path} is empty`);
  const en = values.en ? readDocumentFile(values.en) : undefined;
  const { db } = openDatabase(ctx.dbPath);
  try {
    const result = proposeCandidates(db, { text, en, name: basename(path), store: Boolean(values.store), actor: 'cli:extract' });
    if (ctx.json) {
      printJson(ctx, result);
      return;
    }
    for (const c of result.candidates) {
      const forms = c.forms
        .map((f) => `${f.text} (${f.lang}${f.type ? `, ${f.type}` : ''}${f.verified ? '' : ', unverified'})`)
        .join(' · ');
      ctx.stdout.write(`${c.score.toFixed(2)}  ${forms}${c.known ? `  [new form of concept ${c.known.conceptId}]` : ''}\n`);
    }
    ctx.stderr.write(
      `${result.candidates.length} candidates, ${result.known.length} already in the glossary${values.store ? `, queued as document ${result.documentId}` : ''}\n`,
    );
  } finally {
    db.close();
  }
}
