import { compareStatus } from '../../concept/concept.ts';
import type { ExtraField, TermInput } from '../../concept/types.ts';
import type { ExportConcept, Sink } from '../tbx/write.ts';

/**
 * The one CSV writer: glossary exports (both layouts below) and the change log's /changes.csv.
 * RFC 4180 quoting, UTF-8 with a BOM (so Excel shows Chinese), CRLF rows, and the formula
 * guard OWASP recommends against CSV injection: a cell that starts with = + - @, a tab or a
 * carriage return is run as a formula by Excel and LibreOffice (`=HYPERLINK(…)`), so it is
 * written with a leading apostrophe, which spreadsheets show as text. The reader strips the
 * guard again (unguardCell), so a round trip is exact — which is why a cell that already starts
 * with apostrophes before such a character gets one more.
 */

const FORMULA_START = /^'*[=+\-@\t\r]/;

function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The reader's half of the formula guard. */
export function unguardCell(cell: string): string {
  return /^'+[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

export const csvRow = (cells: readonly unknown[]): string => `${cells.map(csvCell).join(',')}\r\n`;
export const CSV_BOM = '\ufeff';

async function put(out: Sink, s: string): Promise<void> {
  if (out.write(s) === false && out.once) await new Promise<void>((resolve) => out.once!('drain', resolve));
}

/**
 * The lossless layout: one term per row, every field of the term and of its concept (the
 * concept's on each of its rows, so any row stands alone), data categories without a column
 * as JSON. Rows of one concept are together; `concept` groups them. readCsv recognises the
 * header and imports it back exactly.
 */
export const TERM_ROW_COLUMNS = [
  'concept',
  'external id',
  'subject',
  'definition',
  'concept note',
  'concept extra',
  'lang',
  'term',
  'status',
  'type',
  'part of speech',
  'region',
  'source',
  'note',
  'context',
  'term id',
  'status source',
  'term extra',
] as const;

const json = (list: readonly ExtraField[] | undefined) => (list?.length ? JSON.stringify(list) : '');

export async function writeTermRowsCsv(concepts: Iterable<ExportConcept> | AsyncIterable<ExportConcept>, out: Sink): Promise<number> {
  await put(out, CSV_BOM + csvRow(TERM_ROW_COLUMNS));
  let n = 0;
  for await (const c of concepts) {
    n++;
    const head = [c.id ?? `n${n}`, c.externalId, c.subject, c.definition, c.note, json(c.extra)];
    let rows = '';
    for (const t of c.terms) {
      rows += csvRow([
        ...head,
        t.lang,
        t.text,
        t.status,
        t.type,
        t.partOfSpeech,
        t.region,
        t.source,
        t.note,
        t.context,
        t.externalId,
        t.statusSource,
        json(t.extra),
      ]);
    }
    await put(out, rows);
  }
  return n;
}

/** A literal " | " inside a term is written "\|" (and a backslash "\\"), so packed cells split back exactly. */
const PACK_SEPARATOR = ' | ';
const packTerms = (texts: readonly string[]) =>
  texts.map((s) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|')).join(PACK_SEPARATOR);
/** Split a packed cell; `keepEmpty` for cells lined up with terms (notes), where a blank keeps its place. */
export function unpackTerms(cell: string, keepEmpty = false): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < cell.length; i++) {
    const ch = cell[i]!;
    if (ch === '\\' && i + 1 < cell.length) cur += cell[++i];
    else if (ch === '|') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  const trimmed = out.map((s) => s.trim());
  return keepEmpty ? trimmed : trimmed.filter(Boolean);
}

export interface CsvWriteOptions {
  /** the language columns, in order (the caller knows them from the store) */
  languages: string[];
}

/**
 * The CAT-tool layout: one row per concept, a column per language with its terms (preferred
 * first, packed with " | "), `<lang> status` and `<lang> note` lined up with them, and
 * id/subject/definition/note. memoQ, Trados and OmegaT read the language columns; type, part of
 * speech, region, source and other categories are not in it — the lossless layout has them.
 */
export async function writeCsv(
  concepts: Iterable<ExportConcept> | AsyncIterable<ExportConcept>,
  out: Sink,
  options: CsvWriteOptions,
): Promise<number> {
  const langs = options.languages;
  const header = ['id', 'subject', 'definition', 'note', ...langs.flatMap((l) => [l, `${l} status`, `${l} note`])];
  await put(out, CSV_BOM + csvRow(header));
  let n = 0;
  for await (const c of concepts) {
    const cells: unknown[] = [c.externalId ?? '', c.subject, c.definition, c.note];
    let any = false;
    for (const lang of langs) {
      const terms: TermInput[] = c.terms.filter((t) => t.lang === lang).sort((a, b) => compareStatus(a.status, b.status));
      if (terms.length) any = true;
      cells.push(
        packTerms(terms.map((t) => t.text)),
        terms.map((t) => t.status).join(PACK_SEPARATOR),
        terms.some((t) => t.note) ? packTerms(terms.map((t) => (t.note ?? '').replace(/\s+/g, ' '))) : '',
      );
    }
    if (!any) continue;
    n++;
    await put(out, csvRow(cells));
  }
  return n;
}
