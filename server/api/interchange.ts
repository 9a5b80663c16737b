import { randomUUID } from 'node:crypto';
import { type Request, type Response, Router } from 'express';
import type { Database } from '../../db/connection.ts';
import { CONTENT_TYPES, exportGlossary } from '../../db/interchange/export.ts';
import { type ImportProgress, type ImportReport, importStream } from '../../db/interchange/import.ts';
import { TermbridgeError } from '../../glossary/errors.ts';
import { actorOf } from '../middleware/actor.ts';
import { authLocals } from '../middleware/session.ts';
import { streamUpload } from '../middleware/upload.ts';
import { dryRunImport } from '../services/offload.ts';
import { isDryRunQuery, parseFlag } from '../schemas/flags.ts';
import { exportQuery, importFields } from '../schemas/interchange.ts';

/**
 * Uploads above this are refused while streaming (413), before the file is fully read.
 * TERMBRIDGE_MAX_IMPORT_BYTES overrides the 50 MB default (read per request).
 */
export function maxImportBytes(): number {
  const n = Number(process.env.TERMBRIDGE_MAX_IMPORT_BYTES);
  return Number.isFinite(n) && n > 0 ? n : 50 * 1024 * 1024;
}

interface Job {
  /** who may read it: see jobOwner() */
  owner: string;
  progress: ImportProgress;
  report?: ImportReport;
  error?: { code: string; message: string };
}
/**
 * Who started an import: the account, else the browser's anonymous cookie, else the client
 * address (a script without cookies). Never just "anonymous": anonymous visitors are many people.
 */
function jobOwner(res: Response): string {
  const locals = authLocals(res);
  if (locals.user) return `user:${locals.user.name}`;
  return locals.csrfBinding ?? `address:${res.req.ip ?? 'unknown'}`;
}

/** Recent imports by id, so that the import page can poll progress (kept for a few minutes). */
const jobs = new Map<string, Job>();

/**
 * POST /api/import (multipart: file, format, dryRun, partial) → the report, or 400 with the
 * problem. With `?async=1` it answers 202 {job} at once and /api/import/:job gives progress.
 * GET /api/export?format=&lang=&status=&subject= streams the file.
 */
export function interchangeApi(db: Database): Router {
  const router = Router();

  router.post('/import', async (req: Request, res: Response) => {
    const { file, fields } = await streamUpload(req, { fileBytes: maxImportBytes() });
    const job: Job = { owner: jobOwner(res), progress: { phase: 'reading', bytes: 0, entries: 0, written: 0 } };
    // Everything after the upload started goes through settle(): a refused field still drains the body.
    const run = file.settle(
      (async () => {
        const opts = importFields.parse(fields);
        // The access policy lets viewers send ?dryRun=1 (it writes nothing): the URL flag must win.
        if (isDryRunQuery(req)) opts.dryRun = true;
        // A preview (anyone may send one) runs on a worker thread; a real import writes here.
        if (opts.dryRun) {
          return dryRunImport(db, file.stream, {
            format: opts.format,
            partial: opts.partial,
            name: file.name,
            maxBytes: maxImportBytes(),
            actor: actorOf(res),
          });
        }
        return importStream(db, file.stream, {
          format: opts.format,
          dryRun: opts.dryRun,
          partial: opts.partial,
          name: file.name,
          maxBytes: maxImportBytes(),
          actor: actorOf(res),
          onProgress: (p) => {
            job.progress = p;
          },
        });
      })(),
    );
    if (parseFlag(req.query.async, 'async')) {
      const id = randomUUID();
      jobs.set(id, job);
      setTimeout(() => jobs.delete(id), 10 * 60_000).unref();
      run.then(
        (r) => {
          job.report = r;
        },
        (e: Error) => {
          job.error = { code: (e as TermbridgeError).code ?? 'import-failed', message: e.message };
        },
      );
      res.status(202).json({ job: id });
      return;
    }
    res.json(await run);
  });

  // A report names the file's terms and problems: only whoever started the import, or an admin, reads it.
  router.get('/import/:job', (req, res) => {
    const job = jobs.get(String(req.params.job));
    const locals = authLocals(res);
    if (!job || (job.owner !== jobOwner(res) && locals.user?.role !== 'admin')) {
      throw new TermbridgeError('not-found', 'There is no such import.');
    }
    const { owner: _owner, ...visible } = job;
    res.json(visible);
  });

  router.get('/export', async (req, res) => {
    const q = exportQuery.parse(req.query);
    const ext = q.format.startsWith('csv') ? 'csv' : 'tbx';
    // Headers go with the first byte; until then a refusal (nothing to export…) is still a JSON error.
    const fileHeaders = () => {
      res.setHeader('Content-Type', CONTENT_TYPES[q.format]);
      res.setHeader('Content-Disposition', `attachment; filename="termbridge-${q.format}.${ext}"`);
    };
    if (ext === 'csv') fileHeaders();
    await exportGlossary(db, res, {
      ...q,
      dialect: q.dialect === 'basic' ? 'TBX-Basic' : 'auto',
      onPlan: ({ dialect, dropped }) => {
        fileHeaders();
        // The dialect the file declares, and what it had to leave out to be valid.
        res.setHeader('X-Termbridge-Dialect', dialect);
        if (dropped.length) res.setHeader('X-Termbridge-Dropped', asciiJson(dropped));
      },
    });
    res.end();
  });

  return router;
}

/** JSON that fits in an HTTP header (ASCII only). */
const asciiJson = (v: unknown) => JSON.stringify(v).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
