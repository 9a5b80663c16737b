import { normaliseLangTag } from '../../glossary/concept/lang.ts';
import type { Concept, Status } from '../../glossary/concept/types.ts';
import { writeCsv } from '../../glossary/interchange/csv/write.ts';
import { type ExportConcept, type Sink, writeTbx } from '../../glossary/interchange/tbx/write.ts';
import { ConceptRepository } from '../concepts.ts';
import type { Database } from '../connection.ts';

export type ExportFormat = 'tbx' | 'tbx2008' | 'csv';

export interface ExportOptions {
  format?: ExportFormat;
  /** keep only terms in these languages */
  lang?: string[] | undefined;
  /** keep only terms with these statuses */
  status?: Status[] | undefined;
  /** keep only concepts with this subject */
  subject?: string | undefined;
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  tbx: 'application/x-tbx+xml; charset=utf-8',
  tbx2008: 'application/x-tbx+xml; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

/** Concepts as the filters leave them: terms outside the language/status filters are dropped. */
function* filtered(concepts: Iterable<Concept>, options: ExportOptions): Generator<ExportConcept> {
  const langs = options.lang?.length ? new Set(options.lang.map(normaliseLangTag)) : null;
  const statuses = options.status?.length ? new Set(options.status) : null;
  for (const c of concepts) {
    if (options.subject && c.subject !== options.subject) continue;
    const terms = c.terms.filter((t) => (!langs || langs.has(t.lang)) && (!statuses || statuses.has(t.status)));
    if (terms.length === 0) continue;
    yield { ...c, terms };
  }
}

/** Write the glossary (or the filtered part) to a stream; returns the number of concepts written. */
export async function exportGlossary(db: Database, out: Sink, options: ExportOptions = {}): Promise<number> {
  const repo = new ConceptRepository(db);
  const format = options.format ?? 'tbx';
  // Validate the filters before the first byte goes out: afterwards an error can no longer be a 400.
  options = { ...options, lang: options.lang?.map(normaliseLangTag) };
  const concepts = filtered(repo.all(), options);
  if (format === 'csv') {
    const languages = repo
      .languages()
      .map((l) => l.lang)
      .filter((l) => !options.lang?.length || options.lang.map(normaliseLangTag).includes(l));
    return writeCsv(concepts, out, { languages });
  }
  return writeTbx(concepts, out, { format });
}
