import { CSV_BOM, csvRow } from '../interchange/csv/write.ts';
import { type ReviewResult, writtenForm } from './review.ts';

/**
 * The review report a translator or editor takes away (issue 17): one row per issue of each
 * name, and one row for a name without issue, so that the report is also the list of every
 * glossary name in the document. JSON for tools, CSV for a spreadsheet — through the one CSV
 * writer (formula guard included: a document can hold "=HYPERLINK(…)").
 */

export const REPORT_FORMATS = ['csv', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportRow {
  /** the name as written (white space runs shown as one space, or none in Chinese) */
  name: string;
  /** the concept: its English label, else the glossary term */
  concept: string;
  conceptId: string;
  /** the issue type, or "" when the name is fine */
  issue: string;
  /** the form to use instead, when there is one */
  suggestion: string;
  message: string;
  /** UTF-16 offsets into the document as given, and the 1-based line and column of start */
  position: { start: number; end: number; line: number; column: number };
  /** the text around the name, on one line */
  context: string;
}

/** Characters of context on each side of the name. */
const CONTEXT_CHARS = 30;

export const REPORT_COLUMNS = [
  'name',
  'concept',
  'conceptId',
  'issue',
  'suggestion',
  'message',
  'line',
  'column',
  'start',
  'end',
  'context',
];

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

export function reportRows(source: string, review: ReviewResult): ReportRow[] {
  const rows: ReportRow[] = [];
  // Lines and columns counted in one pass: the matches are in document order.
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  for (const m of review.matches) {
    for (; scanned < m.start; scanned++) {
      if (source.charCodeAt(scanned) === 10) {
        line++;
        lineStart = scanned + 1;
      }
    }
    const position = { start: m.start, end: m.end, line, column: m.start - lineStart + 1 };
    const base = {
      name: writtenForm(m),
      concept: m.english ?? m.term,
      conceptId: m.conceptId,
      position,
      context: oneLine(
        `${source.slice(Math.max(0, m.start - CONTEXT_CHARS), m.start)}[${source.slice(m.start, m.end)}]${source.slice(m.end, m.end + CONTEXT_CHARS)}`,
      ),
    };
    if (!m.issues.length) rows.push({ ...base, issue: '', suggestion: '', message: '' });
    for (const i of m.issues) rows.push({ ...base, issue: i.type, suggestion: i.suggestion ?? '', message: i.message });
  }
  return rows;
}

export function reportCsv(rows: readonly ReportRow[]): string {
  const out = [CSV_BOM, csvRow(REPORT_COLUMNS)];
  for (const r of rows)
    out.push(
      csvRow([
        r.name,
        r.concept,
        r.conceptId,
        r.issue,
        r.suggestion,
        r.message,
        r.position.line,
        r.position.column,
        r.position.start,
        r.position.end,
        r.context,
      ]),
    );
  return out.join('');
}

export interface ReportJson {
  summary: ReviewResult['summary'];
  rows: ReportRow[];
}

function reportJson(source: string, review: ReviewResult): ReportJson {
  return { summary: review.summary, rows: reportRows(source, review) };
}

/** The report in a format: the body and its media type (for a download or a file). */
export function renderReport(source: string, review: ReviewResult, format: ReportFormat): { body: string; type: string } {
  if (format === 'csv') return { body: reportCsv(reportRows(source, review)), type: 'text/csv; charset=utf-8' };
  return { body: `${JSON.stringify(reportJson(source, review), null, 2)}\n`, type: 'application/json; charset=utf-8' };
}
