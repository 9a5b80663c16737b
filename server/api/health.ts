import { Router } from 'express';
import { ConceptRepository } from '../../db/concepts.ts';
import type { Database } from '../../db/connection.ts';

export function healthRoutes(db: Database): Router {
  const concepts = new ConceptRepository(db);
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', concepts: concepts.count() });
  });
  return router;
}
