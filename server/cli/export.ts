import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../db/connection.ts';
import { type ExportFormat, exportGlossary } from '../../db/interchange/export.ts';
import { STATUSES, type Status } from '../../glossary/concept/types.ts';
import { type CliContext, CliError } from './context.ts';

/** `termbridge export --format tbx|tbx2008|csv [--out FILE] [--lang L]… [--status S]… [--subject S]` */
export async function exportCommand(ctx: CliContext): Promise<void> {
  const { values } = parseArgs({
    args: ctx.args,
    options: {
      format: { type: 'string', default: 'tbx' },
      out: { type: 'string' },
      lang: { type: 'string', multiple: true },
      status: { type: 'string', multiple: true },
      subject: { type: 'string' },
    },
  });
  const format = values.format as ExportFormat;
  if (!['tbx', 'tbx2008', 'csv'].includes(format)) throw new CliError(`unknown format "${format}" (tbx, tbx2008 or csv)`);
  const status = (values.status ?? []).flatMap((s) => s.split(','));
  for (const s of status) if (!(STATUSES as readonly string[]).includes(s)) throw new CliError(`unknown status "${s}"`);
  const { db } = openDatabase(ctx.dbPath);
  try {
    const out = values.out ? createWriteStream(values.out) : ctx.stdout;
    const n = await exportGlossary(db, out, {
      format,
      lang: (values.lang ?? []).flatMap((l) => l.split(',')),
      status: status as Status[],
      subject: values.subject,
    });
    if (values.out) {
      (out as NodeJS.WritableStream).end();
      await once(out as NodeJS.WritableStream & NodeJS.EventEmitter, 'finish');
    }
    ctx.stderr.write(`Exported ${n} concepts${values.out ? ` to ${values.out}` : ''}.\n`);
  } finally {
    db.close();
  }
}
