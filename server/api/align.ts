import { Router } from 'express';
import type { Database } from '../../db/connection.ts';
import { alignmentToTmx } from '../../glossary/align/document-alignment.ts';
import { alignBodySchema } from '../schemas/align.ts';
import { offload } from '../services/offload.ts';

/**
 * `POST /api/align` {zh, en, beads?, format?}: align a Chinese document with its English
 * counterpart and check the terminology of every pair. With `beads` (the reviewer's
 * corrections) the aligner is skipped and only QA runs. `format: "tmx"` answers with the
 * aligned pairs as a TMX 1.4 file instead of JSON. It computes and stores nothing, which is
 * why it is a read-only POST (server/middleware/access.ts).
 */
export function alignApi(db: Database): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    const body = alignBodySchema.parse(req.body ?? {});
    const result = await offload(db, { kind: 'align', zh: body.zh, en: body.en, beads: body.beads });
    if (body.format === 'tmx') {
      // attachment() would set a type from the extension, which nothing maps: set ours after it.
      res.attachment('alignment.tmx').type('application/x-tmx+xml; charset=utf-8').send(alignmentToTmx(result));
      return;
    }
    res.json(result);
  });
  return router;
}
