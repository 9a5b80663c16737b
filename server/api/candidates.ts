import { Router } from 'express';
import { CandidateRepository } from '../../db/candidates.ts';
import type { Database } from '../../db/connection.ts';
import { TermbridgeError } from '../../glossary/errors.ts';
import { actorOf } from '../middleware/actor.ts';
import { acceptBodySchema, candidateListQuery, editBodySchema, extractBodySchema, mergeBodySchema } from '../schemas/candidates.ts';
import { idParam } from '../schemas/concept.ts';
import { proposeCandidates } from '../services/candidates.ts';
import { offloadReply, sendReply } from '../services/offload.ts';

/**
 * The review queue as JSON: `POST /api/candidates/extract` (a document, optionally its
 * English side or aligned pairs), `GET /api/candidates`, and the decisions
 * `POST /api/candidates/:id/accept|merge|reject`, `PUT /api/candidates/:id` (edit forms).
 */
export function candidatesApi(db: Database): Router {
  const repo = new CandidateRepository(db);
  const router = Router();

  router.post('/extract', async (req, res) => {
    const body = extractBodySchema.parse(req.body ?? {});
    // Without storing it only reads: off the event loop. Storing writes, on this connection.
    const { store: _store, ...request } = body;
    if (body.store) {
      res.status(201).json(proposeCandidates(db, { ...body, actor: actorOf(res) }));
      return;
    }
    sendReply(res, await offloadReply(db, { kind: 'extract', request }, { as: 'json' }));
  });

  router.get('/', (req, res) => {
    const q = candidateListQuery.parse(req.query);
    res.json({
      candidates: repo.list({ status: q.status, documentId: q.documentId ?? q.document, limit: q.limit }),
      counts: repo.counts(),
    });
  });

  router.get('/:id', (req, res) => {
    res.json(repo.require(idParam.parse(req.params.id)));
  });

  router.put('/:id', (req, res) => {
    const body = editBodySchema.parse(req.body ?? {});
    res.json(repo.editForms(idParam.parse(req.params.id), body.forms));
  });

  router.post('/:id/accept', (req, res) => {
    const body = acceptBodySchema.parse(req.body ?? {});
    const result = repo.accept(idParam.parse(req.params.id), {
      actor: actorOf(res),
      ...(body.forms ? { forms: body.forms } : {}),
      ...(body.subject !== undefined ? { subject: body.subject } : {}),
    });
    res.status(201).location(`/api/concepts/${result.concept.id}`).json(result);
  });

  router.post('/:id/merge', (req, res) => {
    const body = mergeBodySchema.parse(req.body ?? {});
    const conceptId = body.conceptId ?? repo.conceptByForm(body.lookup!);
    if (conceptId === undefined) throw new TermbridgeError('concept-not-found', `No concept has the term "${body.lookup}".`);
    res.json(
      repo.merge(idParam.parse(req.params.id), {
        actor: actorOf(res),
        conceptId,
        ...(body.version !== undefined ? { version: body.version } : {}),
        ...(body.forms ? { forms: body.forms } : {}),
      }),
    );
  });

  router.post('/:id/reject', (req, res) => {
    res.json({ candidate: repo.reject(idParam.parse(req.params.id), { actor: actorOf(res) }) });
  });

  return router;
}
