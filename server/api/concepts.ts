import { Router } from 'express';
import { ConceptRepository } from '../../db/concepts.ts';
import type { Database } from '../../db/connection.ts';
import { actorOf } from '../middleware/actor.ts';
import { conceptBodySchema, conceptUpdateSchema, idParam, listQuerySchema, versionParam } from '../schemas/concept.ts';

/** `GET/POST/PUT/DELETE /api/concepts[/:id]`: the concept store as JSON. */
export function conceptsApi(db: Database): Router {
  const concepts = new ConceptRepository(db);
  const router = Router();

  router.get('/', (req, res) => {
    res.json(concepts.list(listQuerySchema.parse(req.query)));
  });

  router.post('/', (req, res) => {
    const body = conceptBodySchema.parse(req.body ?? {});
    const created = concepts.create(body, { actor: actorOf(res) });
    res.status(201).location(`/api/concepts/${created.id}`).json(created);
  });

  router.get('/:id', (req, res) => {
    res.json(concepts.require(idParam.parse(req.params.id)));
  });

  router.get('/:id/history', (req, res) => {
    const id = idParam.parse(req.params.id);
    res.json({ history: concepts.history(id) });
  });

  router.put('/:id', (req, res) => {
    const { version, ...body } = conceptUpdateSchema.parse(req.body ?? {});
    res.json(concepts.update(idParam.parse(req.params.id), version, body, { actor: actorOf(res) }));
  });

  // The version to delete may come as ?version=N or If-Match: "N"; without one, the
  // current version is deleted (still recorded in history and undoable).
  router.delete('/:id', (req, res) => {
    const raw = req.query.version ?? req.get('if-match')?.replace(/"/g, '');
    const version = raw === undefined ? undefined : versionParam.parse(raw);
    concepts.delete(idParam.parse(req.params.id), version, { actor: actorOf(res) });
    res.status(204).end();
  });

  return router;
}
