import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../db/connection.ts';
import { CHINESE_LOCALES, type ChineseLocale } from '../../glossary/concept/lang.ts';
import { REPORT_FORMATS, type ReportFormat, renderReport } from '../../glossary/review/report.ts';
import { DOCUMENT_FORMATS, type DocumentFormat, detectFormat } from '../../glossary/review/review.ts';
import { reviewWithGlossary } from '../services/review.ts';
import { type CliContext, CliError, printJson } from './context.ts';
import { readDocumentFile } from './read-document.ts';

const USAGE =
  'usage: termbridge review FILE [--locale zh-CN|zh-TW|zh-HK] [--format text|html|md] [--report REPORT.csv|REPORT.json] [--json]';

/** The report's format from its file name. */
function reportFormatOf(path: string): ReportFormat {
  const ext = extname(path).slice(1).toLowerCase();
  if (!(REPORT_FORMATS as readonly string[]).includes(ext))
    throw new CliError(`--report: the file name must end in .csv or .json (${path})`);
  return ext as ReportFormat;
}

/** `termbridge review FILE` (alias `highlight`): the review page's analysis, from the shell (PRODUCT.md shape with --json). */
export function review(ctx: CliContext): void {
  const { values, positionals } = parseArgs({
    args: ctx.args,
    options: { locale: { type: 'string' }, format: { type: 'string' }, report: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new CliError(USAGE);
  const file = positionals[0]!;
  const locale = values.locale;
  if (locale !== undefined && !(CHINESE_LOCALES as readonly string[]).includes(locale))
    throw new CliError(`--locale must be one of ${CHINESE_LOCALES.join(', ')}`);
  const formatArg = values.format === 'markdown' ? 'md' : values.format;
  if (formatArg !== undefined && !(DOCUMENT_FORMATS as readonly string[]).includes(formatArg))
    throw new CliError(`--format must be one of ${DOCUMENT_FORMATS.join(', ')}`);

  const reportFormat = values.report === undefined ? undefined : reportFormatOf(values.report);
  const text = readDocumentFile(file);
  const format = (formatArg as DocumentFormat | undefined) ?? detectFormat(text, file);
  const { db } = openDatabase(ctx.dbPath);
  try {
    const review = reviewWithGlossary(db, text, { format, ...(locale ? { locale: locale as ChineseLocale } : {}) });
    const { matches, summary } = review;
    if (values.report && reportFormat) {
      try {
        writeFileSync(values.report, renderReport(text, review, reportFormat).body);
      } catch (e) {
        throw new CliError(`--report: cannot write ${values.report} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
      }
    }
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
