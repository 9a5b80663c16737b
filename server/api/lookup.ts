import { Router } from 'express';
import type { Database } from '../../db/connection.ts';
import { lookupQuerySchema } from '../schemas/lookup.ts';
import { lookup } from '../services/lookup.ts';

/** `GET /api/lookup?q=&limit=` → `{results:[{conceptId, id, score, matched, terms, english}]}` (PRODUCT.md). */
export function lookupApi(db: Database): Router {
  const router = Router();
  router.get('/', (req, res) => {
    const { q, limit } = lookupQuerySchema.parse(req.query);
    res.json(lookup(db, q, limit));
  });
  return router;
}
