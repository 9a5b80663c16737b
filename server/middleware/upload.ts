import { PassThrough, type Readable } from 'node:stream';
import busboy from 'busboy';
import type { Request } from 'express';
import { TermbridgeError } from '../../glossary/errors.ts';

/**
 * The one multipart reader (review uploads, import uploads, pages and API). Every stream it
 * touches — the request, busboy, the file part, the pass-through handed to the caller — has an
 * 'error' listener: a truncated or garbled body ("Unexpected end of form") used to be an
 * unhandled 'error' event on busboy's file stream and ended the process. Now it is a 400
 * `invalid-input`; a part over its cap is a 413 `payload-too-large`.
 */
export interface UploadLimits {
  /** largest file part, in bytes */
  fileBytes: number;
  /** largest text field, in bytes (default 64 KB) */
  fieldBytes?: number;
  /** at most this many text fields (default 20) */
  fields?: number;
}

export interface UploadedFile {
  name: string;
  /** the file's bytes as they arrive; it fails with the upload's error (truncated, too large) */
  stream: Readable;
  /** wrap the work that consumes the stream: afterwards the rest of the request is drained */
  settle<T>(work: Promise<T>): Promise<T>;
}

const tooLarge = (what: string, bytes: number) =>
  new TermbridgeError('payload-too-large', `The ${what} is larger than ${formatBytes(bytes)}.`);

const unreadable = (detail: string) => new TermbridgeError('invalid-input', `The upload could not be read: ${detail}.`);

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} bytes`;
}

interface Handlers {
  onField(name: string, value: string): void;
  onFile(name: string, stream: Readable): void;
  /** the whole body was read (busboy 'close') */
  onDone(): void;
  /** the first failure only; later ones are ignored */
  onError(e: TermbridgeError): void;
}

/** Wire busboy to the request with every listener in place (throws 415 when it is not multipart). */
function parse(req: Request, limits: UploadLimits, handlers: Handlers): void {
  let bb: busboy.Busboy;
  try {
    bb = busboy({
      headers: req.headers,
      limits: {
        files: 1,
        fields: limits.fields ?? 20,
        fieldSize: (limits.fieldBytes ?? 64 * 1024) + 1,
        fileSize: limits.fileBytes + 1,
        parts: (limits.fields ?? 20) + 1,
        headerPairs: 100,
      },
    });
  } catch {
    // No boundary, not multipart, an unknown charset…
    throw new TermbridgeError('unsupported-media-type', 'Send the file as multipart/form-data with a boundary.');
  }
  let failed = false;
  let done = false;
  const fail = (e: TermbridgeError) => {
    if (failed || done) return;
    failed = true;
    // Stop parsing, but keep reading (and discarding) the body, so the client gets its answer.
    req.unpipe(bb);
    req.resume();
    handlers.onError(e);
  };
  bb.on('field', (name, value, info) => {
    if (info.valueTruncated) return fail(tooLarge(`field “${name.slice(0, 40)}”`, limits.fieldBytes ?? 64 * 1024));
    handlers.onField(name, value);
  });
  bb.on('file', (name, stream, info) => {
    stream.on('error', (e: Error) => fail(unreadable(e.message)));
    stream.on('limit', () => fail(tooLarge('file', limits.fileBytes)));
    if (failed) {
      stream.resume();
      return;
    }
    handlers.onFile(info.filename ?? name, stream);
  });
  bb.on('fieldsLimit', () => fail(new TermbridgeError('too-many-parameters', 'The form has too many fields.')));
  bb.on('filesLimit', () => fail(unreadable('send one file at a time')));
  bb.on('partsLimit', () => fail(unreadable('too many parts')));
  bb.on('error', (e: Error) => fail(unreadable(e.message)));
  bb.on('close', () => {
    if (failed) return;
    done = true;
    handlers.onDone();
  });
  req.on('error', (e) => fail(unreadable(e.message)));
  // The client went away before the end: whoever waits on the file must not wait for ever.
  req.on('close', () => {
    if (!req.complete) fail(unreadable('the connection closed before the end of the body'));
  });
  req.pipe(bb);
}

/**
 * Read a whole upload into memory: the fields and at most one file (for documents up to
 * `fileBytes`, which the caller then decodes). Rejects with a 4xx TermbridgeError.
 */
export function readUpload(
  req: Request,
  limits: UploadLimits,
): Promise<{ fields: Record<string, string>; file?: { name: string; bytes: Buffer } }> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    let file: { name: string; chunks: Buffer[] } | undefined;
    try {
      parse(req, limits, {
        onField: (name, value) => {
          fields[name] = value;
        },
        onFile: (name, stream) => {
          const f = { name, chunks: [] as Buffer[] };
          file = f;
          stream.on('data', (c: Buffer) => f.chunks.push(c));
        },
        onDone: () => resolve(file ? { fields, file: { name: file.name, bytes: Buffer.concat(file.chunks) } } : { fields }),
        onError: reject,
      });
    } catch (e) {
      reject(e);
    }
  });
}

/**
 * Read an upload whose file is streamed to the caller (imports up to 50 MB are never held
 * whole): resolves when the file part starts, with the fields sent before it. A failure after
 * that (truncated body, file over the cap, client gone) destroys the stream with the 4xx
 * error, so the consumer sees it as a read error.
 */
export function streamUpload(req: Request, limits: UploadLimits): Promise<{ file: UploadedFile; fields: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    let pass: PassThrough | undefined;
    let part: Readable | undefined;
    try {
      parse(req, limits, {
        onField: (name, value) => {
          fields[name] = value;
        },
        onFile: (name, stream) => {
          part = stream;
          const out = new PassThrough();
          pass = out;
          // The consumer reports the error; without a listener a late one would be uncaught.
          out.on('error', () => {});
          stream.pipe(out);
          const settle = <T>(work: Promise<T>): Promise<T> =>
            work.finally(() => {
              // When the work stops early (refused, too large), discard the rest of the upload:
              // a client still sending would otherwise wait for ever for the answer.
              stream.unpipe(out);
              stream.resume();
              out.destroy();
            });
          resolve({ file: { name, stream: out, settle }, fields });
        },
        onDone: () => {
          if (!pass) reject(new TermbridgeError('invalid-input', 'No file was uploaded.'));
        },
        onError: (e) => {
          if (!pass) return reject(e);
          part?.unpipe(pass);
          pass.destroy(e);
        },
      });
    } catch (e) {
      reject(e);
    }
  });
}
