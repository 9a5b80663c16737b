import { CandidateRepository, type StoredCandidate } from '../../db/candidates.ts';
import type { Database } from '../../db/connection.ts';
import { glossarySnapshot } from '../../db/snapshot.ts';
import { pairText } from '../../glossary/align/document-alignment.ts';
import { type AlignedPair, type Candidate, extractCandidates, extractFromPairs } from '../../glossary/candidates/index.ts';
import { alignWithGlossary } from './align.ts';

export interface CandidatesRequest {
  /** the Chinese document */
  text: string;
  name: string;
  /** its English counterpart: aligned sentence by sentence, then mined for name pairs */
  en?: string | undefined;
  /** already-aligned pairs, instead of (or besides) an English document */
  pairs?: AlignedPair[] | undefined;
  /** put the new candidates in the review queue */
  store: boolean;
  actor: string;
}

export interface CandidatesResponse {
  script: 'zh-CN' | 'zh-TW';
  documentId: number | null;
  /** new terms, or new forms of a known concept (`known` set): what the queue shows */
  candidates: (Candidate | StoredCandidate)[];
  /** found in the document but already in the glossary with every form */
  known: Candidate[];
  /** not stored because already waiting in the queue or rejected before */
  skipped: number;
  /** aligned pairs mined for bilingual candidates (0 without an English side) */
  pairs: number;
}

/**
 * One extraction for the API, the page and the CLI: monolingual patterns over the Chinese
 * document, plus co-occurrence over aligned pairs when there is an English side (aligned with
 * glossary/align, the same aligner as the alignment page). A bilingual pair whose Chinese
 * side a pattern also found adds its English form to that candidate.
 */
export function proposeCandidates(db: Database, req: CandidatesRequest): CandidatesResponse {
  // One snapshot for extraction and alignment: both see the same revision.
  const snapshot = glossarySnapshot(db);
  const ctx = snapshot.extraction;
  const repo = new CandidateRepository(db);
  const rejected = repo.rejectedKeys();
  const mono = extractCandidates(req.text, { ...ctx, rejected });
  const pairs: AlignedPair[] = [...(req.pairs ?? [])];
  if (req.en?.trim()) {
    const aligned = alignWithGlossary(db, req.text, req.en, undefined, snapshot);
    for (const p of aligned.pairs) {
      if (p.zh.length && p.en.length)
        pairs.push({ zh: pairText(aligned.sentences.zh, p.zh, true), en: pairText(aligned.sentences.en, p.en, false) });
    }
  }
  let candidates = mono.candidates;
  let known = mono.known;
  if (pairs.length) {
    const bi = extractFromPairs(pairs, { known: ctx.known, rejected, script: mono.script });
    const byKey = new Map([...candidates, ...known].map((c) => [c.key, c]));
    for (const b of [...bi.candidates, ...bi.known]) {
      const same = byKey.get(b.key);
      if (!same) {
        (bi.known.includes(b) ? known : candidates).push(b);
        continue;
      }
      for (const f of b.forms) if (!same.forms.some((x) => x.lang === f.lang && x.text === f.text)) same.forms.push(f);
      same.evidence.push(...b.evidence.slice(0, 2));
    }
    candidates = [...candidates].sort((a, b) => b.score - a.score);
    known = [...known];
  }
  if (!req.store) return { script: mono.script, documentId: null, candidates, known, skipped: 0, pairs: pairs.length };
  const stored = repo.store({ name: req.name, text: req.text, actor: req.actor }, { script: mono.script, candidates, known });
  return {
    script: mono.script,
    documentId: stored.documentId,
    candidates: stored.stored,
    known,
    skipped: stored.skipped,
    pairs: pairs.length,
  };
}
