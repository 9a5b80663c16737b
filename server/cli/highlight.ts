import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../db/connection.ts';
import { decodeDocument, MAX_DOCUMENT_BYTES } from '../../glossary/document-input.ts';
import { detectFormat, HIGHLIGHT_FORMATS, type HighlightFormat } from '../../glossary/highlight.ts';
import { CHINESE_LOCALES, type ChineseLocale } from '../../glossary/lang.ts';
import { highlightWithGlossary } from '../highlight-service.ts';
import { type CliContext, CliError, printJson } from './context.ts';

const USAGE = 'usage: termbridge highlight FILE [--locale zh-CN|zh-TW|zh-HK] [--format text|html|md] [--json]';

/** `termbridge highlight FILE`: the review page's analysis, from the shell (PRODUCT.md shape with --json). */
export function highlight(ctx: CliContext): void {
  const { values, positionals } = parseArgs({
    args: ctx.args,
    options: { locale: { type: 'string' }, format: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new CliError(USAGE);
  const file = positionals[0]!;
  const locale = values.locale;
  if (locale !== undefined && !(CHINESE_LOCALES as readonly string[]).includes(locale))
    throw new CliError(`--locale must be one of ${CHINESE_LOCALES.join(', ')}`);
  const formatArg = values.format === 'markdown' ? 'md' : values.format;
  if (formatArg !== undefined && !(HIGHLIGHT_FORMATS as readonly string[]).includes(formatArg))
    throw new CliError(`--format must be one of ${HIGHLIGHT_FORMATS.join(', ')}`);

  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new CliError(`${file} is not a file`);
    size = st.size;
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (size > MAX_DOCUMENT_BYTES) throw new CliError(`${file} is larger than 10 MB`);
  let text: string;
  try {
    text = decodeDocument(readFileSync(file), `file ${file}`);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  const format = (formatArg as HighlightFormat | undefined) ?? detectFormat(text, file);
  const { db } = openDatabase(ctx.dbPath);
  try {
    const { matches, summary } = highlightWithGlossary(db, text, { format, ...(locale ? { locale: locale as ChineseLocale } : {}) });
    if (ctx.json) {
      printJson(ctx, { matches, summary });
      return;
    }
    ctx.stderr.write(
      `${summary.matchCount} names, ${summary.conceptCount} concepts, ${summary.issueCount} issues (target ${summary.locale}${summary.localeGuessed ? ', guessed' : ''})\n`,
    );
    for (const m of matches) {
      const issues = m.issues.map((i) => `  [${i.type}] ${i.message}`).join('');
      ctx.stdout.write(`${m.start}-${m.end}\t${m.text.replace(/\s+/g, ' ')}\t${m.english ?? ''}\t${m.lang} ${m.status}${issues}\n`);
    }
  } finally {
    db.close();
  }
}
