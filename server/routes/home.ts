import { Router } from 'express';
import { ConceptRepository } from '../../db/concepts.ts';
import type { Database } from '../../db/connection.ts';

/** The home page: the translator's lookup box. */
export function homePage(db: Database): Router {
  const concepts = new ConceptRepository(db);
  const router = Router();
  router.get('/', (_req, res) => {
    res.render('pages/home', { title: 'Lookup', conceptCount: concepts.count() });
  });
  return router;
}
