// The JSON shapes the page scripts read, as the API sends them. Page scripts are plain
// JavaScript checked by tsconfig.public.json (`npm run typecheck`); these declarations are
// written out rather than imported from the server's TypeScript, which needs Node's types.
// test/support/public-api-types.ts checks, in the main typecheck, that the server's own
// types still fit these, so a change of the API shows up here.

/** `{error: {code, message}}`: every API refusal. */
export interface ApiError {
  error?: { code: string; message: string };
}

/** GET /api/lookup */
export interface LookupResponse {
  results: LookupResult[];
  /** only when no result matched the query as typed: what to search for instead (at most 3) */
  didYouMean: { query: string; conceptId: string; id: number }[];
}
export interface LookupResult {
  conceptId: string;
  id: number;
  score: number;
  match: 'exact' | 'prefix' | 'infix' | 'fuzzy';
  via: 'term' | 'pinyin' | 'initials';
  matched: string;
  english: string | null;
  terms: { text: string; lang: string; status: string }[];
  subject: string | null;
  definition: string | null;
  source: string | null;
}

/** POST /api/align */
export type QaIssueType = 'missing' | 'wrong' | 'forbidden' | 'inconsistent';
export interface QaSpan {
  sentence: number;
  start: number;
  end: number;
}
export interface QaIssue {
  type: QaIssueType;
  conceptId: number;
  concept: string;
  zh?: QaSpan;
  en?: QaSpan;
  expected: string[];
  params: QaIssueParams;
  message: string;
}
export interface QaIssueParams {
  written: string;
  used?: string;
  other?: string;
  expected: string[];
  count?: number;
}
export interface AlignedPair {
  zh: number[];
  en: number[];
  score: number;
  issues: QaIssue[];
}
export interface MatchView {
  start: number;
  end: number;
  conceptId: number;
  lang: string;
  status: string;
}
export interface AlignResponse {
  pairs: AlignedPair[];
  sentences: { zh: string[]; en: string[] };
  matches: { zh: MatchView[][]; en: MatchView[][] };
  concepts: Record<string, { label: string; english: string[] }>;
  summary: { pairs: number; issues: Record<QaIssueType, number> };
  /** the path as a dot plot: one dot per pair, in a square of `size` units */
  plot: { size: number; dots: { pair: number; x: number; y: number; doubtful: boolean }[] };
}
/** What the page sends: the two texts, and the reviewer's beads once a pair was fixed. */
export interface Bead {
  zh: number[];
  en: number[];
}
export interface AlignRequest {
  zh: string;
  en: string;
  beads?: Bead[];
  format?: 'tmx';
}

/** POST /api/import?async=1 → {job}; GET /api/import/:job */
export interface ImportReport {
  created: number;
  updated: number;
  skipped: number;
  errors: { where: string; message: string }[];
  format: {
    format: string;
    dialect?: string | null;
    layout?: string;
    /** the CSV layout as values (glossary/interchange/entries.ts CsvLayout) */
    layoutParts?:
      | { kind: 'empty' }
      | { kind: 'lossless' }
      | { kind: 'languageHeader'; columns: string }
      | { kind: 'sourceTarget'; header: string | null; source: string; target: string };
    delimiter?: string;
    encoding?: string;
  } | null;
  dryRun: boolean;
}
export interface ImportJob {
  progress?: { phase: string; bytes?: number; entries: number; written: number };
  report?: ImportReport;
  error?: { code: string; message: string };
}

/** server/public/js/i18n.js */
export type MessageValues = Record<string, string | number | boolean | null | undefined>;
export interface PageI18n {
  t(key: string, values?: MessageValues): string;
  refusal(error: { code: string; message: string } | undefined, fallback: string): string;
  locale: string;
}

declare global {
  interface Window {
    termbridge: PageI18n;
  }
}
