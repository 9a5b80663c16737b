import { once } from 'node:events';
import { closeSync, createWriteStream, existsSync, openSync, rmSync, type WriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../db/connection.ts';
import { EXPORT_FORMATS, type ExportFormat, exportGlossary } from '../../db/interchange/export.ts';
import { STATUSES, type Status } from '../../glossary/concept/types.ts';
import { type CliContext, CliError, printJson } from './context.ts';

const USAGE =
  'usage: termbridge export --format tbx|tbx2008|csv|csv-lossless [--out FILE] [--lang L]… [--status S]… [--subject S] [--basic]';

/**
 * `termbridge export …`. A read command: a database that does not exist is refused (a typo in
 * --db must not create an empty database and "export" nothing). With --json stdout holds one
 * JSON document only: the report (concepts, dialect, what was dropped) and, without --out, the
 * exported file itself as `content`, since a script that asked for JSON must be able to parse it.
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
  if (!EXPORT_FORMATS.includes(format)) throw new CliError(`unknown format "${format}" (${USAGE})`);
  const status = (values.status ?? []).flatMap((s) => s.split(','));
  for (const s of status) if (!(STATUSES as readonly string[]).includes(s)) throw new CliError(`unknown status "${s}"`);
  if (ctx.dbPath !== ':memory:' && !existsSync(ctx.dbPath)) throw new CliError(`there is no database at ${ctx.dbPath}`);
  const { db } = openDatabase(ctx.dbPath);
  let fd: number | null = null;
  let file: WriteStream | null = null;
  try {
    if (values.out) {
      try {
        fd = openSync(values.out, 'w');
      } catch (e) {
        throw new CliError(`cannot write ${values.out} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
      }
    }
    const chunks: string[] = [];
    const collected = { write: (s: string) => chunks.push(s) > 0 };
    file = fd === null ? null : createWriteStream('', { fd });
    const out = file ?? (ctx.json ? collected : ctx.stdout);
    const result = await exportGlossary(db, out, {
      format,
      lang: (values.lang ?? []).flatMap((l) => l.split(',')),
      status: status as Status[],
      subject: values.subject,
      dialect: values.basic ? 'TBX-Basic' : 'auto',
    });
    if (file) {
      file.end();
      await once(file, 'finish');
    }
    fd = null;
    if (ctx.json) printJson(ctx, { format, ...result, ...(values.out ? { out: values.out } : { content: chunks.join('') }) });
    else {
      ctx.stderr.write(
        `Exported ${result.concepts} concepts${result.dialect ? ` as ${result.dialect}` : ''}${values.out ? ` to ${values.out}` : ''}.\n`,
      );
      for (const d of result.dropped ?? []) ctx.stderr.write(`  dropped (not in ${result.dialect}): ${d.what} ×${d.count}\n`);
    }
  } finally {
    db.close();
    // A refused export (nothing matches, a bad filter) leaves no empty file behind.
    if (fd !== null && values.out) {
      if (file) file.destroy();
      else closeSync(fd);
      rmSync(values.out, { force: true });
    }
  }
}
