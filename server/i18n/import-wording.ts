import type { CsvLayout } from '../../glossary/interchange/entries.ts';
import type { Translate } from './catalogue.ts';
import type { PageLanguage } from './problems.ts';

/**
 * Where an import reader found a problem, from its `where`: the TBX reader writes
 * `line 12, <termEntry> id="…"`, the CSV reader `line 7` (glossary/interchange). The element
 * part is the file's own text and is kept as it is. import.js reads it the same way.
 */
export function placeInFile(where: string): { line: number; element?: string } | null {
  const m = /^line (\d+)(?:, (.+))?$/s.exec(where);
  if (!m) return null;
  return m[2] ? { line: Number(m[1]), element: m[2] } : { line: Number(m[1]) };
}

/**
 * One line of an import report's problems for a page. English pages keep the reader's own
 * sentence; the readers give no values for it, so the others say where (line, element) in
 * their language and a general sentence for a problem entry, never the English.
 */
export function importErrorLine(error: { where: string; message: string }, { locale, t }: PageLanguage): { where: string; message: string } {
  if (locale === 'en') return error;
  const place = placeInFile(error.where);
  return {
    where: place ? t('js.import.where', { line: place.line, element: place.element ?? '', hasElement: place.element ? 'yes' : 'no' }) : error.where,
    message: t('js.import.entryProblem'),
  };
}

/** A CSV layout as the reader saw it (glossary/interchange/entries.ts), as the page's values. */
interface LayoutInfo {
  layout?: string;
  layoutParts?: CsvLayout;
  delimiter?: string;
}

/**
 * The layout line of an import report in the page's language, from the reader's values; the
 * reader's English `layout` stays for the API and CLI. import.js words it the same way.
 */
export function importLayout(format: LayoutInfo | null | undefined, t: Translate): string | undefined {
  const parts = format?.layoutParts;
  if (!parts) return format?.layout;
  const kind = t('js.import.layout', {
    kind: parts.kind,
    columns: parts.kind === 'languageHeader' ? parts.columns : '',
    hasHeader: parts.kind === 'sourceTarget' && parts.header !== null ? 'yes' : 'no',
    header: parts.kind === 'sourceTarget' ? (parts.header ?? '') : '',
    source: parts.kind === 'sourceTarget' ? parts.source : '',
    target: parts.kind === 'sourceTarget' ? parts.target : '',
  });
  if (parts.kind === 'empty') return kind;
  const d = format?.delimiter ?? ',';
  const delimiter = d === '\t' ? 'tab' : d === ',' ? 'comma' : d === 'spaces' ? 'spaces' : 'other';
  return `${kind}${t('js.import.layoutSeparator')}${t('js.import.delimiter', { delimiter, character: d })}`;
}
