import { Router } from 'express';
import type { Database } from '../../db/connection.ts';
import { lookup } from '../lookup-service.ts';
import { lookupQuerySchema } from '../schemas/lookup.ts';

/** `GET /api/lookup?q=&limit=` → `{results:[{conceptId, id, score, matched, terms, english}]}` (PRODUCT.md). */
export function lookupApi(db: Database): Router {
  const router = Router();
  router.get('/', (req, res) => {
    const { q, limit } = lookupQuerySchema.parse(req.query);
    res.json(lookup(db, q, limit));
  });
  return router;
}
