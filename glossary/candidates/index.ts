/**
 * Candidate term discovery (design note: docs/candidates.md). Pure domain: a document (or
 * aligned pairs) and what the glossary knows in, candidates with evidence out.
 */

import { type BilingualOptions, bilingualCandidates } from './bilingual.ts';
import { addGuesses, type ExtractResult, partition } from './extract.ts';
import type { AlignedPair } from './types.ts';

export { type BilingualOptions, englishPhrases, logLikelihood } from './bilingual.ts';
export { type ExtractResult, extractCandidates, GUESS_NOTE, UNKNOWN_NOTE } from './extract.ts';
export { buildKnownIndex, type KnownConcept, type KnownIndex } from './known.ts';
export { buildTranslitModel, type TranslitModel } from './model.ts';
export type { AlignedPair, Candidate, CandidateForm, Evidence } from './types.ts';

/** Bilingual candidates, with the unverified other-script guess and the known/new split. */
export function extractFromPairs(pairs: readonly AlignedPair[], options: BilingualOptions & { script?: 'zh-CN' | 'zh-TW' }): ExtractResult {
  const list = bilingualCandidates(pairs, options);
  for (const c of list) addGuesses(c.forms);
  return { ...partition(list, options.known, options.rejected), script: options.script ?? 'zh-CN' };
}
