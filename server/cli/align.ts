import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../db/connection.ts';
import { alignmentToTmx } from '../../glossary/align/document-alignment.ts';
import { alignWithGlossary } from '../services/align.ts';
import { type CliContext, CliError, printJson } from './context.ts';
import { readDocumentFile } from './read-document.ts';

/**
 * `termbridge align ZH_FILE EN_FILE [--json] [--tmx FILE]`: align a Chinese document with
 * its English counterpart and check each glossary name's rendering. Without --json it
 * prints the pairs that have issues, one per block.
 */
export function align(ctx: CliContext): void {
  const { values, positionals } = parseArgs({ args: ctx.args, options: { tmx: { type: 'string' } }, allowPositionals: true, strict: true });
  const [zhPath, enPath, ...extra] = positionals;
  if (!zhPath || !enPath || extra.length) throw new CliError('usage: termbridge align ZH_FILE EN_FILE [--json] [--tmx FILE]');
  const zh = readDocumentFile(zhPath);
  const en = readDocumentFile(enPath);
  if (!zh.trim() || !en.trim()) throw new CliError('both files need some text');
  const { db } = openDatabase(ctx.dbPath);
  try {
    const result = alignWithGlossary(db, zh, en);
    if (values.tmx) {
      writeFileSync(values.tmx, alignmentToTmx(result));
      ctx.stderr.write(`TMX written to ${values.tmx}\n`);
    }
    if (ctx.json) {
      printJson(ctx, result);
      return;
    }
    const { summary, pairs, sentences } = result;
    ctx.stdout.write(
      `${summary.pairs} pairs; issues: ${summary.issues.missing} missing, ${summary.issues.wrong} wrong, ${summary.issues.forbidden} forbidden, ${summary.issues.inconsistent} inconsistent\n`,
    );
    pairs.forEach((p, k) => {
      if (!p.issues.length) return;
      ctx.stdout.write(
        `\n#${k + 1}  zh: ${p.zh.map((i) => sentences.zh[i]).join('')}\n     en: ${p.en.map((j) => sentences.en[j]).join(' ')}\n`,
      );
      for (const issue of p.issues) ctx.stdout.write(`     ${issue.type}: ${issue.message}\n`);
    });
  } finally {
    db.close();
  }
}
