import { TermbridgeError } from '../errors.ts';
import { sniffUpload } from './sniff.ts';

/**
 * A document for review, from bytes (upload, CLI file) or pasted text. Reviews are of text:
 * binary files (NUL bytes, known binary formats, invalid UTF-8) are refused with a message
 * that says what the file looks like, instead of being highlighted as garbage.
 */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export function decodeDocument(bytes: Uint8Array, what = 'file', maxBytes = MAX_DOCUMENT_BYTES): string {
  if (bytes.length > maxBytes) {
    throw new TermbridgeError('payload-too-large', `The ${what} is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`);
  }
  const sniff = sniffUpload(bytes);
  if (sniff.kind === 'empty') return '';
  if (sniff.kind === 'binary') {
    throw new TermbridgeError(
      'binary-file',
      `The ${what} looks like ${describeFormat(sniff.format)}, not a text, HTML or Markdown document.`,
    );
  }
  let text: string;
  try {
    const encoding = sniff.encoding ?? 'utf-8';
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new TermbridgeError(
      'invalid-encoding',
      `The ${what} is not valid UTF-8 (or UTF-16 with a byte-order mark). Save it as UTF-8 and try again.`,
    );
  }
  return checkDocumentText(text, what, maxBytes);
}

function describeFormat(format: string | undefined): string {
  if (!format || format.startsWith('unknown')) return 'binary data';
  return /^(an?|the) /i.test(format) ? format : `a ${format}`;
}

/** Pasted or posted text: the same limits as a file. */
export function checkDocumentText(text: string, what = 'document', maxBytes = MAX_DOCUMENT_BYTES): string {
  // Cheap bound first: a UTF-16 unit is at most 3 UTF-8 bytes.
  if (text.length > maxBytes || (text.length * 3 > maxBytes && Buffer.byteLength(text, 'utf8') > maxBytes)) {
    throw new TermbridgeError('payload-too-large', `The ${what} is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`);
  }
  if (text.includes('\u0000')) {
    throw new TermbridgeError('binary-file', `The ${what} contains NUL characters: it looks like binary data, not text.`);
  }
  return text;
}
