import { type Request, type Response, Router } from 'express';
import type { ZodError } from 'zod';
import { ConceptRepository } from '../../db/concepts.ts';
import type { Database } from '../../db/connection.ts';
import { type Concept, STATUSES } from '../../glossary/concept/types.ts';
import { errorStatus, isTermbridgeError } from '../../glossary/errors.ts';
import { localeOf } from '../i18n/middleware.ts';
import { actorOf } from '../middleware/actor.ts';
import { describeRefusal, describeZodIssues } from '../i18n/problems.ts';
import { conceptBodySchema, conceptFormSchema, idParam, listQuerySchema, versionParam } from '../schemas/concept.ts';
import { changeSummary, conceptForm, conceptSummary, conceptView, historyChanges, snapshotLabel } from './concept-view-models.ts';

/** The terminologist's pages: browse, view, create, edit, delete, history and undo. */
export function conceptsPages(db: Database): Router {
  const concepts = new ConceptRepository(db);
  const router = Router();

  router.get('/', (req, res) => {
    const filter = listQuerySchema.parse(req.query);
    const page = concepts.list(filter);
    const pages = Math.max(1, Math.ceil(page.total / page.limit));
    const link = (p: number) => {
      const q = new URLSearchParams();
      for (const [k, v] of Object.entries({ ...filter, page: p })) if (v !== undefined && v !== '') q.set(k, String(v));
      return `/concepts?${q}`;
    };
    res.render('pages/concepts', {
      title: localeOf(res).t('title.concepts'),
      filter,
      concepts: page.concepts.map(conceptSummary),
      total: page.total,
      page: page.page,
      pages,
      prev: page.page > 1 ? link(page.page - 1) : null,
      next: page.page < pages ? link(page.page + 1) : null,
      statuses: STATUSES.map((s) => ({ value: s, selected: s === filter.status })),
      languages: concepts.languages().map((l) => ({ value: l.lang, n: l.n, selected: l.lang === filter.lang })),
      subjects: concepts.subjects().map((s) => ({ value: s.subject, n: s.n, selected: s.subject === filter.subject })),
    });
  });

  router.get('/new', (_req, res) => {
    res.render('pages/concept-form', conceptForm({ terms: [] }, { action: '/concepts', title: localeOf(res).t('title.newConcept') }));
  });

  router.post('/', (req, res) => {
    const form = conceptFormSchema.parse(req.body ?? {});
    const parsed = conceptBodySchema.safeParse(form.concept);
    if (!parsed.success) return renderInvalid(res, form, parsed.error, { action: '/concepts', title: localeOf(res).t('title.newConcept') });
    try {
      const created = concepts.create(parsed.data, { actor: actorOf(res) });
      res.redirect(303, `/concepts/${created.id}?saved=1`);
    } catch (e) {
      if (!isTermbridgeError(e) || (e.status !== 400 && e.status !== 409)) throw e;
      renderInvalid(
        res,
        form,
        describeRefusal(e, localeOf(res)),
        { action: '/concepts', title: localeOf(res).t('title.newConcept') },
        e.status,
      );
    }
  });

  router.get('/:id', (req, res) => {
    const id = idParam.parse(req.params.id);
    const concept = concepts.get(id);
    if (!concept) return renderGone(res, id);
    res.render('pages/concept', {
      title: conceptView(concept).label,
      concept: conceptView(concept),
      saved: req.query.saved !== undefined,
      restored: req.query.restored !== undefined,
    });
  });

  router.get('/:id/edit', (req, res) => {
    const concept = concepts.require(idParam.parse(req.params.id));
    res.render('pages/concept-form', editForm(concept, localeOf(res).t));
  });

  router.post('/:id', (req: Request, res: Response) => {
    const id = idParam.parse(req.params.id);
    const form = conceptFormSchema.parse(req.body ?? {});
    const version = versionParam.safeParse(form.version);
    const target = { action: `/concepts/${id}`, title: localeOf(res).t('title.editConcept'), id, version: form.version };
    if (!version.success) return renderInvalid(res, form, version.error, target);
    const parsed = conceptBodySchema.safeParse(form.concept);
    if (!parsed.success) return renderInvalid(res, form, parsed.error, target);
    try {
      concepts.update(id, version.data, parsed.data, { actor: actorOf(res) });
    } catch (e) {
      if (isTermbridgeError(e) && e.code === 'version-conflict') {
        // Keep what the user typed, show what is saved now, and base a new save on it.
        const current = (e.details as { current: Concept }).current;
        return res.status(409).render('pages/concept-form', {
          ...conceptForm(form.concept, { ...target, version: current.version }),
          conflict: { message: describeRefusal(e, localeOf(res)), current: conceptView(current) },
        });
      }
      if (isTermbridgeError(e) && (e.status === 400 || e.status === 409))
        return renderInvalid(res, form, describeRefusal(e, localeOf(res)), target, e.status);
      throw e;
    }
    res.redirect(303, `/concepts/${id}?saved=1`);
  });

  router.post('/:id/delete', (req, res) => {
    const id = idParam.parse(req.params.id);
    const version = req.body?.version === undefined ? undefined : versionParam.parse(req.body.version);
    concepts.delete(id, version, { actor: actorOf(res) });
    res.redirect(303, `/concepts/${id}/history?deleted=1`);
  });

  router.get('/:id/history', (req, res) => {
    const id = idParam.parse(req.params.id);
    const history = concepts.history(id);
    if (history.length === 0) return renderGone(res, id);
    const concept = concepts.get(id);
    res.render('pages/history', {
      title: localeOf(res).t('title.history', {
        label: snapshotLabel(id, concept ?? history.map((h) => h.after ?? h.before).find((s) => s?.terms.length)),
      }),
      id,
      concept: concept ? conceptView(concept) : null,
      deleted: !concept,
      justDeleted: req.query.deleted !== undefined,
      entries: history.map((h) => ({
        ...h,
        summary: changeSummary(h.before, h.after, localeOf(res)),
        canRevert: h.before !== null,
        changes: historyChanges(h.before, h.after),
        beforeTerms: h.before?.terms ?? [],
        afterTerms: h.after?.terms ?? [],
      })),
    });
  });

  router.post('/:id/history/:hid/revert', (req, res) => {
    const id = idParam.parse(req.params.id);
    const hid = idParam.parse(req.params.hid);
    const version = req.body?.version ? versionParam.parse(req.body.version) : undefined;
    concepts.revert(id, hid, { actor: actorOf(res), ...(version ? { expectedVersion: version } : {}) });
    res.redirect(303, `/concepts/${id}?restored=1`);
  });

  function editForm(concept: Concept, t: (key: string, values?: Record<string, string>) => string) {
    return conceptForm(concept, {
      action: `/concepts/${concept.id}`,
      title: t('title.edit', { label: conceptView(concept).label }),
      id: concept.id,
      version: concept.version,
    });
  }

  function renderGone(res: Response, id: number) {
    const hasHistory = concepts.history(id).length > 0;
    const error = { status: errorStatus('concept-not-found'), code: 'concept-not-found', message: `There is no concept ${id}.` };
    res.status(404).render('errors/error', {
      title: localeOf(res).t('title.notFound'),
      error: { ...error, message: describeRefusal(error, localeOf(res)) },
      historyLink: hasHistory ? `/concepts/${id}/history` : null,
    });
  }

  function renderInvalid(
    res: Response,
    form: ReturnType<typeof conceptFormSchema.parse>,
    error: ZodError | string,
    target: { action: string; title: string; id?: number; version?: string | undefined },
    status = 400,
  ) {
    res.status(status).render('pages/concept-form', {
      ...conceptForm(form.concept, target),
      error: typeof error === 'string' ? error : describeZodIssues(error, localeOf(res)),
    });
  }

  return router;
}
