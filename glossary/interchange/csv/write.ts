import type { ExportConcept, Sink } from '../tbx/write.ts';

/**
 * CSV export: UTF-8 with a BOM (so Excel shows Chinese), one row per concept, one column
 * per language with several terms joined by ` | `, a `<lang> status` column lined up with
 * the terms, a `<lang> note` column, and id/subject/definition/note. The header row is the
 * language-tag layout that readCsv (and Google/Zanata-style tools) recognise, so a CSV
 * export imports back as it was.
 */

const SEPARATOR = ' | ';

export function csvCell(value: string | null | undefined): string {
  // Strip the separator's pipes from inside terms? No: a term with " | " is rare; keep text, quote per RFC 4180.
  const v = value ?? '';
  return /[",\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

async function put(out: Sink, s: string): Promise<void> {
  if (out.write(s) === false && out.once) await new Promise<void>((resolve) => out.once!('drain', resolve));
}

export interface CsvWriteOptions {
  /** the language columns, in order (the caller knows them from the store) */
  languages: string[];
}

export async function writeCsv(
  concepts: Iterable<ExportConcept> | AsyncIterable<ExportConcept>,
  out: Sink,
  options: CsvWriteOptions,
): Promise<number> {
  const langs = options.languages;
  const header = ['id', 'subject', 'definition', 'note', ...langs.flatMap((l) => [l, `${l} status`, `${l} note`])];
  await put(out, `\ufeff${header.map(csvCell).join(',')}\r\n`);
  let n = 0;
  for await (const c of concepts) {
    const cells = [c.externalId ?? '', c.subject, c.definition, c.note];
    let any = false;
    for (const lang of langs) {
      const terms = c.terms.filter((t) => t.lang === lang);
      if (terms.length) any = true;
      cells.push(
        terms.map((t) => t.text).join(SEPARATOR),
        terms.map((t) => t.status).join(SEPARATOR),
        terms.some((t) => t.note) ? terms.map((t) => (t.note ?? '').replace(/\s+/g, ' ')).join(SEPARATOR) : '',
      );
    }
    if (!any) continue;
    n++;
    await put(out, `${cells.map(csvCell).join(',')}\r\n`);
  }
  return n;
}
