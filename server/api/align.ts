import { Router } from 'express';
import type { Database } from '../../db/connection.ts';
import { alignBodySchema } from '../schemas/align.ts';
import { offloadReply, sendReply } from '../services/offload.ts';

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
    const task = { kind: 'align', zh: body.zh, en: body.en, beads: body.beads } as const;
    if (body.format === 'tmx') {
      const options = { ...(body.srclang ? { zhLang: body.srclang } : {}), ...(body.targetlang ? { enLang: body.targetlang } : {}) };
      const reply = await offloadReply(db, task, { as: 'tmx', options });
      // attachment() would set a type from the extension, which nothing maps: sendReply sets ours after it.
      res.attachment('alignment.tmx');
      sendReply(res, reply);
      return;
    }
    // Serialised on the worker: 20,000 pairs are a large object graph to copy and stringify here.
    sendReply(res, await offloadReply(db, task, { as: 'json' }));
  });
  return router;
}
