import busboy from 'busboy';
import type { Request } from 'express';
import type { Database } from '../../db/connection.ts';
import { type GlossarySnapshot, glossarySnapshot } from '../../db/snapshot.ts';
import { TermbridgeError } from '../../glossary/errors.ts';
import { detectFormat, type RenderedReview, type ReviewOptions, reviewDocument } from '../../glossary/review/review.ts';
import { checkDocumentText, decodeDocument, MAX_DOCUMENT_BYTES } from '../../glossary/text/document-input.ts';
import { reviewFields } from '../schemas/review.ts';

/**
 * Highlighting with the current glossary, shared by the API, the review page and the CLI.
 * The matcher, concepts and regional forms all come from one snapshot (one revision), the
 * same matcher QA and extraction use.
 */
export function reviewWithGlossary(
  db: Database,
  text: string,
  options: ReviewOptions,
  snapshot: GlossarySnapshot = glossarySnapshot(db),
): RenderedReview {
  return reviewDocument(text, snapshot.review, options);
}

export interface ReviewRequest {
  text: string;
  options: ReviewOptions;
  filename?: string;
}

/** The posted document: JSON or form body {text, format?, locale?}, or a multipart upload (field `file`). */
export async function readReviewRequest(req: Request): Promise<ReviewRequest> {
  if (req.is('multipart/form-data')) {
    const { fields, file } = await receiveMultipart(req);
    const parsed = reviewFields.parse(fields);
    const fromFile = file && file.bytes.length > 0;
    const text = fromFile ? decodeDocument(file.bytes, 'file') : checkDocumentText(parsed.text ?? '', 'text');
    return finish(text, parsed, fromFile ? file.name : undefined);
  }
  const parsed = reviewFields.parse(req.body ?? {});
  return finish(checkDocumentText(parsed.text ?? '', 'text'), parsed);
}

function finish(text: string, parsed: ReturnType<typeof reviewFields.parse>, filename?: string): ReviewRequest {
  const format = parsed.format && parsed.format !== 'auto' ? parsed.format : detectFormat(text, filename);
  const options: ReviewOptions = { format };
  if (parsed.locale && parsed.locale !== 'auto') options.locale = parsed.locale;
  return { text, options, ...(filename ? { filename } : {}) };
}

function receiveMultipart(req: Request): Promise<{ fields: Record<string, string>; file?: { name: string; bytes: Buffer } }> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        limits: { files: 1, fields: 10, fieldSize: MAX_DOCUMENT_BYTES + 1, fileSize: MAX_DOCUMENT_BYTES + 1 },
      });
    } catch {
      reject(new TermbridgeError('unsupported-media-type', 'Send the document as multipart/form-data.', { status: 415 }));
      return;
    }
    const fields: Record<string, string> = {};
    let file: { name: string; bytes: Buffer } | undefined;
    let failed = false;
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      req.unpipe(bb);
      req.resume();
      reject(e);
    };
    bb.on('field', (name, value, info) => {
      if (info.valueTruncated) return fail(new TermbridgeError('payload-too-large', 'The text is larger than 10 MB.', { status: 413 }));
      fields[name] = value;
    });
    bb.on('file', (_name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => fail(new TermbridgeError('payload-too-large', 'The file is larger than 10 MB.', { status: 413 })));
      stream.on('end', () => {
        file = { name: info.filename ?? '', bytes: Buffer.concat(chunks) };
      });
    });
    bb.on('close', () => {
      if (!failed) resolve(file ? { fields, file } : { fields });
    });
    bb.on('error', (e) => fail(new TermbridgeError('invalid-input', `The upload could not be read: ${(e as Error).message}`)));
    req.pipe(bb);
  });
}
