import { parseArgs } from 'node:util';
import { type Database, openDatabase } from '../../db/connection.ts';
import { type ImportFormat, importFile } from '../../db/interchange/import.ts';
import { errorBody, isTermbridgeError } from '../../glossary/errors.ts';
import { type CliContext, CliError, printJson } from './context.ts';

/** `termbridge import FILE [--format tbx|csv|tsv] [--dry-run] [--partial] [--source-lang L] [--target-lang L]` */
export async function importCommand(ctx: CliContext): Promise<void> {
  const { values, positionals } = parseArgs({
    args: ctx.args,
    options: {
      format: { type: 'string' },
      'dry-run': { type: 'boolean' },
      partial: { type: 'boolean' },
      'source-lang': { type: 'string' },
      'target-lang': { type: 'string' },
    },
    allowPositionals: true,
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new CliError('usage: termbridge import FILE [--format tbx|csv|tsv] [--dry-run] [--partial]');
  if (values.format && !['tbx', 'csv', 'tsv'].includes(values.format))
    throw new CliError(`unknown format "${values.format}" (tbx, csv or tsv)`);
  const { db } = openDatabase(ctx.dbPath);
  try {
    await run(ctx, db, file, values);
  } catch (e) {
    // --json promises one JSON document: a refused file is a report with its errors (and exit 1).
    if (ctx.json && isTermbridgeError(e)) {
      const details = e.details as { errors?: { where: string; message: string }[] } | undefined;
      printJson(ctx, {
        created: 0,
        updated: 0,
        skipped: 0,
        errors: details?.errors ?? [{ where: file, message: e.message }],
        ...errorBody(e.code, e.message),
      });
    }
    throw e;
  } finally {
    db.close();
  }
}

async function run(
  ctx: CliContext,
  db: Database,
  file: string,
  values: {
    format?: string | undefined;
    'dry-run'?: boolean | undefined;
    partial?: boolean | undefined;
    'source-lang'?: string | undefined;
    'target-lang'?: string | undefined;
  },
): Promise<void> {
  {
    let last = 0;
    const report = await importFile(db, file, {
      format: values.format as ImportFormat | undefined,
      dryRun: values['dry-run'],
      partial: values.partial,
      sourceLang: values['source-lang'],
      targetLang: values['target-lang'],
      actor: 'cli:import',
      onProgress: (p) => {
        if (Date.now() - last < 1000) return;
        last = Date.now();
        ctx.stderr.write(`${p.phase}: ${p.bytes} bytes, ${p.written}/${p.entries} entries\n`);
      },
    });
    if (ctx.json) printJson(ctx, report);
    else {
      ctx.stderr.write(
        `${report.dryRun ? 'Dry run: would have ' : ''}created ${report.created}, updated ${report.updated}, skipped ${report.skipped}` +
          `${report.errors.length ? `, ${report.errors.length} errors` : ''} (${report.format?.layout ?? report.format?.format ?? 'empty'})\n`,
      );
      for (const e of report.errors) ctx.stderr.write(`  ${e.where}: ${e.message}\n`);
    }
  }
}
