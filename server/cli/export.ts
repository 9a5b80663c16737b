import { once } from 'node:events';
import { createWriteStream, existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../db/connection.ts';
import { EXPORT_FORMATS, type ExportFormat, exportGlossary } from '../../db/interchange/export.ts';
import { STATUSES, type Status } from '../../glossary/concept/types.ts';
import { type CliContext, CliError, printJson } from './context.ts';

const USAGE =
  'usage: termbridge export --format tbx|tbx2008|csv|csv-lossless [--out FILE] [--lang L]… [--status S]… [--subject S] [--basic]';

/**
 * `termbridge export …`. A read command: a database that does not exist is refused (a typo in
 * --db must not create an empty database and "export" nothing). With --json the file goes to
 * --out (required) and stdout gets one JSON report: concepts, dialect, what was dropped.
 */
export async function exportCommand(ctx: CliContext): Promise<void> {
  const { values } = parseArgs({
    args: ctx.args,
    options: {
      format: { type: 'string', default: 'tbx' },
      out: { type: 'string' },
      lang: { type: 'string', multiple: true },
      status: { type: 'string', multiple: true },
      subject: { type: 'string' },
      basic: { type: 'boolean' },
    },
  });
  const format = values.format as ExportFormat;
  if (!['tbx', 'tbx2008', 'csv', 'csv-terms'].includes(format))
    throw new CliError(`unknown format "${format}" (tbx, tbx2008, csv or csv-terms)`);
  const status = (values.status ?? []).flatMap((s) => s.split(','));
  for (const s of status) if (!(STATUSES as readonly string[]).includes(s)) throw new CliError(`unknown status "${s}"`);
  if (ctx.json && !values.out) throw new CliError(`--json prints the report on stdout, so the export needs --out FILE (${USAGE})`);
  if (ctx.dbPath !== ':memory:' && !existsSync(ctx.dbPath)) throw new CliError(`there is no database at ${ctx.dbPath}`);
  const { db } = openDatabase(ctx.dbPath);
  try {
    const out = values.out ? createWriteStream(values.out) : ctx.stdout;
    const result = await exportGlossary(db, out, {
      format,
      lang: (values.lang ?? []).flatMap((l) => l.split(',')),
      status: status as Status[],
      subject: values.subject,
      dialect: values.basic ? 'TBX-Basic' : 'auto',
    });
    if (values.out) {
      (out as NodeJS.WritableStream).end();
      await once(out as NodeJS.WritableStream & NodeJS.EventEmitter, 'finish');
    }
    if (ctx.json) printJson(ctx, { ...result, out: values.out });
    else {
      ctx.stderr.write(
        `Exported ${result.concepts} concepts${result.dialect ? ` as ${result.dialect}` : ''}${values.out ? ` to ${values.out}` : ''}.\n`,
      );
      for (const d of result.dropped ?? []) ctx.stderr.write(`  dropped (not in ${result.dialect}): ${d.what} ×${d.count}\n`);
    }
  } finally {
    db.close();
  }
}
