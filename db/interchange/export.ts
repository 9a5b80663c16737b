import { normaliseLangTag } from '../../glossary/concept/lang.ts';
import type { Concept, HistoryEntry, Status } from '../../glossary/concept/types.ts';
import { writeCsv, writeTermRowsCsv } from '../../glossary/interchange/csv/write.ts';
import type { DialectName } from '../../glossary/interchange/tbx/dialects.ts';
import {
  type Dropped,
  type ExportConcept,
  type Sink,
  type TbxWriteOptions,
  type Transaction,
  writeTbx,
} from '../../glossary/interchange/tbx/write.ts';
import { ConceptRepository } from '../concepts.ts';
import type { Database } from '../connection.ts';

/** csv: the CAT-tool layout (a column per language); csv-lossless: one term per row with every field, imports back exactly */
export type ExportFormat = 'tbx' | 'tbx2008' | 'csv' | 'csv-lossless';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['tbx', 'tbx2008', 'csv', 'csv-lossless'];

export interface ExportOptions {
  format?: ExportFormat;
  /** keep only terms in these languages */
  lang?: string[] | undefined;
  /** keep only terms with these statuses */
  status?: Status[] | undefined;
  /** keep only concepts with this subject */
  subject?: string | undefined;
  /** TBX: 'auto' declares the narrowest dialect that holds everything; 'TBX-Basic' drops what does not fit it */
  dialect?: 'auto' | 'TBX-Basic' | undefined;
  /** TBX: the dialect and what will be dropped, before the first byte */
  onPlan?: TbxWriteOptions['onPlan'];
}

export interface ExportResult {
  concepts: number;
  /** TBX: the dialect the file declares */
  dialect?: DialectName;
  /** TBX: data categories left out because the declared dialect cannot hold them */
  dropped?: Dropped[];
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  tbx: 'application/x-tbx+xml; charset=utf-8',
  tbx2008: 'application/x-tbx+xml; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  'csv-lossless': 'text/csv; charset=utf-8',
};

/** The service's own history of a concept as TBX transactions: who created and changed it, when; oldest first, as a history reads. */
export function transactionsOf(history: readonly HistoryEntry[]): Transaction[] {
  return [...history]
    .sort((a, b) => a.id - b.id)
    .filter((h) => h.action !== 'delete')
    .map((h) => ({ type: h.action === 'create' ? 'origination' : 'modification', at: h.at, by: h.actor }));
}

/** Concepts as the filters leave them: terms outside the language/status filters are dropped. */
function* filtered(
  repo: ConceptRepository,
  concepts: Iterable<Concept>,
  options: ExportOptions,
  withHistory: boolean,
): Generator<ExportConcept> {
  const langs = options.lang?.length ? new Set(options.lang.map(normaliseLangTag)) : null;
  const statuses = options.status?.length ? new Set(options.status) : null;
  for (const c of concepts) {
    if (options.subject && c.subject !== options.subject) continue;
    const terms = c.terms.filter((t) => (!langs || langs.has(t.lang)) && (!statuses || statuses.has(t.status)));
    if (terms.length === 0) continue;
    yield withHistory ? { ...c, terms, transactions: transactionsOf(repo.history(c.id)) } : { ...c, terms };
  }
}

/** Write the glossary (or the filtered part) to a stream. */
export async function exportGlossary(db: Database, out: Sink, options: ExportOptions = {}): Promise<ExportResult> {
  const repo = new ConceptRepository(db);
  const format = options.format ?? 'tbx';
  // Validate the filters before the first byte goes out: afterwards an error can no longer be a 400.
  options = { ...options, lang: options.lang?.map(normaliseLangTag) };
  const all = repo.all();
  if (format === 'csv-lossless') return { concepts: await writeTermRowsCsv(filtered(repo, all, options, false), out) };
  if (format === 'csv') {
    const languages = repo
      .languages()
      .map((l) => l.lang)
      .filter((l) => !options.lang?.length || options.lang.includes(l));
    return { concepts: await writeCsv(filtered(repo, all, options, false), out, { languages }) };
  }
  return writeTbx(() => filtered(repo, all, options, true), out, {
    format,
    dialect: options.dialect ?? 'auto',
    ...(options.onPlan ? { onPlan: options.onPlan } : {}),
  });
}
