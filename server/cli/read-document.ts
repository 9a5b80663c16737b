import { readFileSync, statSync } from 'node:fs';
import { decodeDocument, MAX_DOCUMENT_BYTES } from '../../glossary/text/document-input.ts';
import { CliError } from './context.ts';

/**
 * A document file for review, align or extract: the one decoding reader the uploads use too
 * (glossary/text/document-input.ts — UTF-8, UTF-16 with a BOM, binary and invalid encodings
 * refused), with the same 10 MB cap. Any problem is a one-line CliError.
 */
export function readDocumentFile(path: string): string {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new CliError(`${path} is not a file`);
    size = st.size;
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (size > MAX_DOCUMENT_BYTES) throw new CliError(`${path} is larger than 10 MB`);
  try {
    return decodeDocument(readFileSync(path), `file ${path}`);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
}
