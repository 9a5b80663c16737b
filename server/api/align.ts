import { Router } from 'express';
import type { Database } from '../../db/connection.ts';
import { alignmentToTmx } from '../../glossary/align/document-alignment.ts';
import { alignBodySchema } from '../schemas/align.ts';
import { offload } from '../services/offload.ts';

/**
 * `POST /api/align` {zh | zhSentences, en | enSentences, beads?, format?, srclang?, targetlang?}:
 * align a Chinese document with its English counterpart and check the terminology of every
 * pair. `zhSentences`/`enSentences` are sentences cut by the caller, used as given (the pairs
 * index them). With `beads` (the reviewer's corrections) the aligner is skipped and only QA
 * runs. `format: "tmx"` answers with the aligned pairs as a TMX 1.4 file instead of JSON,
 * its languages those of the documents unless srclang/targetlang say otherwise. It computes
 * and stores nothing, which is why it is a read-only POST (server/middleware/access.ts).
 */
export function alignApi(db: Database): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    const body = alignBodySchema.parse(req.body ?? {});
    const result = await offload(db, { kind: 'align', zh: body.zh, en: body.en, beads: body.beads });
    if (body.format === 'tmx') {
      const tmx = alignmentToTmx(result, {
        ...(body.srclang ? { zhLang: body.srclang } : {}),
        ...(body.targetlang ? { enLang: body.targetlang } : {}),
      });
      // attachment() would set a type from the extension, which nothing maps: set ours after it.
      res.attachment('alignment.tmx').type('application/x-tmx+xml; charset=utf-8').send(tmx);
      return;
    }
    res.json(result);
  });
  return router;
}
