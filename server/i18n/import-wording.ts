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
