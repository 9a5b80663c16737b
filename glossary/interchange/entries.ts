import type { ConceptInput, ExtraField, Status, TermInput } from '../concept/types.ts';

/**
 * What the TBX and CSV readers hand to the importer: one entry at a time, either a concept,
 * an empty entry (nothing to import, e.g. `<conceptEntry id="">` with an empty term), or a
 * problem that makes the entry unusable (the importer refuses the file, or skips it under
 * --partial).
 */
export interface ParsedEntry {
  /** where in the file, for reports: "line 12, <termEntry> id=…" or "row 7" */
  where: string;
  concept?: ConceptInput;
  empty?: boolean;
  problem?: string;
  /** match an existing concept only by the terms of this language (default: by any term) */
  matchLang?: string;
  /**
   * The file's own name for the concept (the lossless CSV's `concept` column): entries of one
   * file with different keys are different concepts, even when they share a term.
   */
  fileKey?: string;
}

export type InterchangeFormat = 'tbx-v3' | 'tbx-2008' | 'martif' | 'tbx-min-2014' | 'csv' | 'tsv';

/** The CSV layouts the reader recognises (glossary/interchange/csv/read.ts). */
export type CsvLayout =
  | { kind: 'empty' }
  | { kind: 'lossless' }
  | { kind: 'languageHeader'; columns: string }
  | { kind: 'sourceTarget'; header: string | null; source: string; target: string };

export interface ImportInfo {
  format: InterchangeFormat;
  /** TBX dialect (TBX-Basic, TBX-Core, TBX-Min, TBX-Default…) */
  dialect?: string | null;
  /** TBX v3 style: dca or dct */
  style?: string | null;
  encoding: string;
  /** CSV: the layout assumed, in words (English, for the API and CLI), and the columns */
  layout?: string;
  /** CSV: the same layout as values, so that pages can word it in their language */
  layoutParts?: CsvLayout;
  delimiter?: string;
  columns?: string[];
  /** what the reader had to assume and the user may want to correct (a language it could not tell…) */
  warnings?: string[];
}

/**
 * Give every term a status and drop repeats. A term with no status in the file: the first
 * such term of a language is preferred when no term of that language has an explicit status
 * (a one-term-per-language glossary means "use this"), the rest are admitted. A term listed
 * twice in one entry is kept once, its empty fields filled from the repeat.
 */
export function finishTerms(terms: (TermInput & { explicit?: boolean })[]): TermInput[] {
  const explicitLangs = new Set(terms.filter((t) => t.explicit).map((t) => t.lang));
  const firstSeen = new Set<string>();
  const byKey = new Map<string, TermInput>();
  const out: TermInput[] = [];
  for (const { explicit, ...t } of terms) {
    let status: Status = t.status;
    if (!explicit) {
      status = !explicitLangs.has(t.lang) && !firstSeen.has(t.lang) ? 'preferred' : 'admitted';
    }
    firstSeen.add(t.lang);
    const key = `${t.lang}\u0000${t.text.replace(/\s+/g, ' ').trim()}`;
    const prev = byKey.get(key);
    if (prev) {
      for (const k of ['type', 'region', 'partOfSpeech', 'source', 'note', 'context'] as const) {
        if (!prev[k] && t[k]) (prev as unknown as Record<string, unknown>)[k] = t[k];
      }
      prev.extra = [...(prev.extra ?? []), ...((t.extra ?? []) as ExtraField[])];
      continue;
    }
    const term = { ...t, status };
    byKey.set(key, term);
    out.push(term);
  }
  return out;
}

/** N made-up concepts (two English and two Chinese terms each), for benchmarks and crash tests. */
export function* syntheticConcepts(n: number): Generator<ConceptInput> {
  for (let i = 0; i < n; i++) {
    yield {
      externalId: `syn-${i}`,
      subject: i % 3 === 0 ? 'place' : 'organisation',
      definition: `Synthetic concept number ${i}.`,
      terms: [
        { text: `Synthetic Name ${i}`, lang: 'en', status: 'preferred', type: 'fullForm' },
        { text: `SN${i}`, lang: 'en', status: 'admitted', type: 'abbreviation' },
        { text: `合成名称${i}`, lang: 'zh-CN', status: 'preferred' },
        { text: `合成名稱${i}`, lang: 'zh-TW', status: 'preferred', note: 'Taiwan form' },
      ],
    };
  }
}
