import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import busboy from 'busboy';
import { type Request, type Response, Router } from 'express';
import type { Database } from '../../db/connection.ts';
import { CONTENT_TYPES, exportGlossary } from '../../db/interchange/export.ts';
import { type ImportProgress, type ImportReport, importStream } from '../../db/interchange/import.ts';
import { TermbridgeError } from '../../glossary/errors.ts';
import { actorOf } from '../middleware/actor.ts';
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
  progress: ImportProgress;
  report?: ImportReport;
  error?: { code: string; message: string };
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
    const { file, fields } = await receiveUpload(req);
    const opts = importFields.parse(fields);
    // The access policy lets viewers send ?dryRun=1 (it writes nothing): the URL flag must win.
    if (isDryRunQuery(req)) opts.dryRun = true;
    const job: Job = { progress: { phase: 'reading', bytes: 0, entries: 0, written: 0 } };
    const run = file.settle(
      importStream(db, file.stream, {
        format: opts.format,
        dryRun: opts.dryRun,
        partial: opts.partial,
        name: file.name,
        maxBytes: maxImportBytes(),
        actor: actorOf(res),
        onProgress: (p) => {
          job.progress = p;
        },
      }),
    );
    if (req.query.async) {
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

  router.get('/import/:job', (req, res) => {
    const job = jobs.get(String(req.params.job));
    if (!job) throw new TermbridgeError('not-found', 'There is no such import.', { status: 404 });
    res.json(job);
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

export function isDryRunQuery(req: Request): boolean {
  return ['dryRun', 'dry-run', 'dry_run'].some((k) => {
    const v = req.query[k];
    return v !== undefined && v !== 'false' && v !== '0';
  });
}

export interface Upload {
  name: string;
  stream: PassThrough;
  /** wrap the work that consumes the stream: afterwards, the rest of the upload is drained */
  settle<T>(work: Promise<T>): Promise<T>;
}

/** Read a multipart upload: the fields before the file, and the file as a stream (never buffered whole). */
export function receiveUpload(req: Request): Promise<{ file: Upload; fields: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, limits: { files: 1, fields: 10, fileSize: maxImportBytes() + 1 } });
    } catch {
      reject(new TermbridgeError('unsupported-media-type', 'Send the file as multipart/form-data.', { status: 415 }));
      return;
    }
    const fields: Record<string, string> = {};
    let got = false;
    bb.on('field', (name, value) => {
      fields[name] = value;
    });
    bb.on('file', (_name, stream, info) => {
      got = true;
      const pass = new PassThrough();
      // The importer reports the error; without a listener a late one would be uncaught.
      pass.on('error', () => {});
      stream.pipe(pass);
      stream.on('limit', () =>
        pass.destroy(new TermbridgeError('payload-too-large', `The file is larger than ${maxImportBytes()} bytes.`, { status: 413 })),
      );
      const settle = <T>(work: Promise<T>): Promise<T> =>
        work.finally(() => {
          // When the import stops early (refused, too large), read and discard the rest of the
          // upload: a client still sending would otherwise wait forever for the answer.
          stream.unpipe(pass);
          stream.resume();
        });
      resolve({ file: { name: info.filename ?? '', stream: pass, settle }, fields });
    });
    bb.on('close', () => {
      if (!got) reject(new TermbridgeError('invalid-input', 'No file was uploaded.'));
    });
    bb.on('error', reject);
    req.pipe(bb);
  });
}
