import type { TermType } from '../concept/types.ts';

/**
 * What extraction proposes: plain data that the review queue stores and the page renders.
 * Offsets are UTF-16 offsets into the original document text, as `slice` takes them.
 */

/** Which pattern found the candidate; the page shows it so a reviewer knows why it is there. */
export type CandidateKind =
  | 'bracket-abbreviation'
  | 'definition'
  | 'dotted-name'
  | 'addressed-name'
  | 'transliteration'
  | 'latin-gloss'
  | 'cooccurrence';

export interface CandidateForm {
  text: string;
  /** BCP 47: zh-CN, zh-TW, en */
  lang: string;
  type: TermType | null;
  /**
   * false for a form the document does not contain (the opencc-js guess at the other
   * script): it must not become a verified term without a person ticking it.
   */
  verified: boolean;
  note?: string;
}

export interface Evidence {
  /** the sentence (or line) the form was seen in, as written */
  sentence: string;
  /** where the sentence starts in the document */
  sentenceStart: number;
  /** the form's span in the document */
  start: number;
  end: number;
  /** for bilingual candidates: the English side of the aligned pair */
  en?: string;
}

export interface KnownRef {
  conceptId: number;
  /** the candidate's forms the glossary already has */
  forms: string[];
}

export interface Candidate {
  /** folded primary form: the identity used to merge, deduplicate and remember rejections */
  key: string;
  kind: CandidateKind;
  forms: CandidateForm[];
  /** 0..1, higher is more likely a term; the queue is sorted by it */
  score: number;
  /** how often the primary form occurs in the document */
  frequency: number;
  evidence: Evidence[];
  /** a guess at the concept's subject (person, place, organisation) or null */
  subject: string | null;
  /**
   * Set when the glossary knows some of the forms already: all of them → nothing to add
   * (shown as "already in glossary"); some → a merge into that concept is proposed.
   */
  known: KnownRef | null;
}

export interface AlignedPair {
  zh: string;
  en: string;
}
