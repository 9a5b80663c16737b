import { type Response, Router } from 'express';
import { CANDIDATE_STATUSES, CandidateRepository, type StoredCandidate } from '../../db/candidates.ts';
import { ConceptRepository } from '../../db/concepts.ts';
import type { Database } from '../../db/connection.ts';
import type { Candidate, CandidateForm } from '../../glossary/candidates/index.ts';
import { conceptLabel } from '../../glossary/concept/concept.ts';
import { TERM_TYPES } from '../../glossary/concept/types.ts';
import { isTermbridgeError, TermbridgeError } from '../../glossary/errors.ts';
import { localeOf } from '../i18n/middleware.ts';
import { describeRefusal, describeZodIssues } from '../i18n/problems.ts';
import { actorOf } from '../middleware/actor.ts';
import { candidateFormSchema, candidateListQuery, candidatePageFormSchema, extractBodySchema } from '../schemas/candidates.ts';
import { idParam } from '../schemas/concept.ts';
import { type CandidatesResponse, proposeCandidates } from '../services/candidates.ts';

/** The terminologist's review queue: submit a document, then accept, edit, merge or reject. */
/** A refusal the page words itself (already in the page's language): shown on the form with a 400. */
class PageRefusal extends Error {}

export function candidatesPages(db: Database): Router {
  const repo = new CandidateRepository(db);
  const concepts = new ConceptRepository(db);
  const router = Router();

  const render = (res: Response, extra: Record<string, unknown>, list: (StoredCandidate | Candidate)[], status?: string) => {
    const counts = repo.counts();
    res.render('pages/candidates', {
      title: localeOf(res).t('title.candidates'),
      scripts: ['/static/js/candidates.js'],
      styles: ['/static/candidates.css'],
      tabs: CANDIDATE_STATUSES.map((s) => ({ status: s, n: counts[s], current: s === status })),
      candidates: list.map((c) => candidateView(c, concepts)),
      ...extra,
    });
  };

  router.get('/', (req, res) => {
    const q = candidateListQuery.parse(req.query);
    const documentId = q.document ?? q.documentId;
    const status = q.status ?? (documentId ? undefined : 'pending');
    const done = typeof req.query.done === 'string' ? req.query.done : null;
    const conceptId = typeof req.query.concept === 'string' && /^\d+$/.test(req.query.concept) ? Number(req.query.concept) : null;
    render(
      res,
      { status, documentId, flash: done ? { done, conceptId } : null },
      repo.list({ status, documentId, limit: q.limit }),
      status,
    );
  });

  // Submitting a document renders the result at once (not a redirect): the names already in
  // the glossary are shown too, and they are not stored anywhere.
  router.post('/', (req, res) => {
    const parsed = extractBodySchema.safeParse({ text: req.body?.text ?? '', name: req.body?.name, en: req.body?.en || undefined });
    if (!parsed.success) {
      res.status(400);
      return render(
        res,
        { error: describeZodIssues(parsed.error, localeOf(res)), form: req.body },
        repo.list({ status: 'pending' }),
        'pending',
      );
    }
    const result: CandidatesResponse = proposeCandidates(db, { ...parsed.data, store: true, actor: actorOf(res) });
    render(
      res,
      {
        extracted: {
          name: parsed.data.name,
          stored: result.candidates.length,
          skipped: result.skipped,
          pairs: result.pairs,
          knownCount: result.known.length,
        },
        knownList: result.known.map((c) => candidateView(c, concepts)),
        documentId: result.documentId,
      },
      result.candidates,
    );
  });

  /** One form, several buttons (formaction): each decision reads the rows as edited. */
  router.post('/:id/:action', (req, res) => {
    const id = idParam.parse(req.params.id);
    const action = req.params.action;
    const form = candidatePageFormSchema.parse(req.body ?? {});
    const { t } = localeOf(res);
    const forms = () => {
      const out: CandidateForm[] = [];
      for (const [i, f] of form.forms.entries()) {
        const r = candidateFormSchema.safeParse(f);
        if (!r.success) throw new PageRefusal(t('candidates.errForm', { n: i + 1, problem: describeZodIssues(r.error, localeOf(res)) }));
        out.push(r.data);
      }
      if (!out.length) throw new PageRefusal(t('candidates.errTick'));
      return out;
    };
    const actor = actorOf(res);
    const back = (done: string, conceptId?: number) =>
      res.redirect(303, `/candidates?done=${done}${conceptId ? `&concept=${conceptId}` : ''}#candidate-${id}`);
    try {
      switch (action) {
        case 'accept': {
          const r = repo.accept(id, { actor, forms: forms(), ...(form.subject !== undefined ? { subject: form.subject || null } : {}) });
          return back('accepted', r.concept.id);
        }
        case 'edit':
          repo.editForms(id, forms());
          return back('edited');
        case 'merge': {
          const target = /^\d+$/.test(form.target) ? Number(form.target) : form.target ? repo.conceptByForm(form.target) : undefined;
          if (target === undefined)
            throw new PageRefusal(form.target ? t('candidates.errUnknownTarget', { target: form.target }) : t('candidates.errNoTarget'));
          const version = /^\d+$/.test(form.version) && String(target) === form.target ? Number(form.version) : undefined;
          const r = repo.merge(id, { actor, conceptId: target, forms: forms(), ...(version ? { version } : {}) });
          return back('merged', r.concept.id);
        }
        case 'reject':
          repo.reject(id, { actor });
          return back('rejected');
        default:
          throw new TermbridgeError('not-found');
      }
    } catch (e) {
      if (e instanceof PageRefusal) res.status(400);
      else if (!isTermbridgeError(e) || e.status >= 500 || e.code === 'not-found') throw e;
      else res.status(e.status);
      const error = e instanceof PageRefusal ? e.message : describeRefusal(e, localeOf(res));
      render(res, { error, status: 'pending' }, repo.list({ status: 'pending' }), 'pending');
    }
  });

  return router;
}

interface EvidencePiece {
  before: string;
  mark: string;
  after: string;
  en?: string | undefined;
}

/** Show each evidence sentence with the candidate's form marked (plain text pieces, escaped by the view). */
function evidencePieces(c: Candidate): EvidencePiece[] {
  const texts = c.forms.filter((f) => f.verified).map((f) => f.text);
  return c.evidence.map((e) => {
    for (const t of texts) {
      const at = e.sentence.indexOf(t);
      if (at >= 0) return { before: e.sentence.slice(0, at), mark: t, after: e.sentence.slice(at + t.length), en: e.en };
    }
    return { before: e.sentence, mark: '', after: '', en: e.en };
  });
}

function candidateView(c: StoredCandidate | Candidate, concepts: ConceptRepository) {
  const stored = 'id' in c ? c : null;
  const knownConcept = c.known ? concepts.get(c.known.conceptId) : null;
  const primary = c.forms.find((f) => f.verified) ?? c.forms[0];
  const rows = [...c.forms, { text: '', lang: 'en', type: null, verified: true } as CandidateForm].map((f, index) => ({
    index,
    text: f.text,
    lang: f.lang,
    verified: f.verified,
    blank: f.text === '',
    include: f.verified && f.text !== '',
    note: f.note ?? null,
    types: [{ value: '', selected: !f.type }, ...TERM_TYPES.map((t) => ({ value: t, selected: t === f.type }))],
  }));
  return {
    id: stored?.id ?? null,
    pending: stored?.status === 'pending',
    status: stored?.status ?? null,
    conceptId: stored?.conceptId ?? null,
    documentName: stored?.documentName ?? null,
    label: primary?.text ?? c.key,
    kind: c.kind,
    score: c.score.toFixed(2),
    frequency: c.frequency,
    subject: c.subject ?? '',
    evidence: evidencePieces(c),
    rows,
    forms: c.forms,
    known: knownConcept ? { id: knownConcept.id, label: conceptLabel(knownConcept), version: knownConcept.version } : null,
  };
}
