import { TermbridgeError } from '../errors.ts';

/**
 * What an uploaded file is, judged by its bytes, never by its name or the browser's
 * Content-Type (both are the uploader's claim). Importers and the review page call this before
 * parsing: a PDF renamed glossary.tbx, a zip, an executable or a database is refused with a
 * clear message instead of reaching the XML or CSV parser. The first chunk of a stream is
 * enough (it looks at 64 KB at most), so streamed uploads need not be buffered whole.
 * Pure (no express, no db), so that db/interchange/import.ts can use it too; server code imports it from
 * server/middleware/sniff-upload.ts.
 */
export type UploadKind = 'tbx' | 'xml' | 'html' | 'text' | 'empty' | 'binary';

export interface UploadSniff {
  kind: UploadKind;
  /** the text encoding its byte-order mark or its bytes show; null when not known (legacy CJK or binary) */
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | null;
  /** true when a byte-order mark is present (skip it when decoding) */
  bom: boolean;
  /** for binary files, what it looks like ("a PDF", "a ZIP archive" …) */
  format?: string;
}

const MAGIC: [string, number[]][] = [
  ['a PDF', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['a ZIP archive (e.g. .docx or .xlsx)', [0x50, 0x4b, 0x03, 0x04]],
  ['a gzip archive', [0x1f, 0x8b]],
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['an SQLite database', [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66, 0x6f, 0x72, 0x6d, 0x61, 0x74, 0x20, 0x33, 0x00]],
  ['a Word or Excel 97–2003 document', [0xd0, 0xcf, 0x11, 0xe0]],
  ['a program', [0x4d, 0x5a]],
  ['a program', [0x7f, 0x45, 0x4c, 0x46]],
  ['a 7-Zip archive', [0x37, 0x7a, 0xbc, 0xaf]],
  ['a RAR archive', [0x52, 0x61, 0x72, 0x21]],
];

/** How much of the file to look at: enough for a BOM, an XML declaration and a root element. */
const HEAD_BYTES = 64 * 1024;

export function sniffUpload(buffer: Uint8Array): UploadSniff {
  if (buffer.length === 0) return { kind: 'empty', encoding: 'utf-8', bom: false };
  const starts = (bytes: number[]) => bytes.every((b, i) => buffer[i] === b);
  let encoding: UploadSniff['encoding'] = null;
  let bom = false;
  if (starts([0xef, 0xbb, 0xbf])) [encoding, bom] = ['utf-8', true];
  else if (starts([0xff, 0xfe])) [encoding, bom] = ['utf-16le', true];
  else if (starts([0xfe, 0xff])) [encoding, bom] = ['utf-16be', true];
  if (!bom) {
    for (const [format, magic] of MAGIC)
      if (buffer.length >= magic.length && starts(magic)) return { kind: 'binary', encoding: null, bom: false, format };
  }
  const head = buffer.subarray(0, HEAD_BYTES);
  // UTF-16 without a BOM: every other byte NUL in ASCII-heavy text such as XML markup.
  if (!encoding && head.length >= 4) {
    if (head[0] === 0 && head[1] !== 0 && head[2] === 0) encoding = 'utf-16be';
    else if (head[0] !== 0 && head[1] === 0 && head[3] === 0) encoding = 'utf-16le';
  }
  let text: string;
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    text = new TextDecoder(encoding).decode(head.subarray(bom ? 2 : 0));
  } else {
    // NUL bytes never occur in UTF-8 or GB18030/Big5 text.
    if (head.includes(0)) return { kind: 'binary', encoding: null, bom: false, format: 'binary data' };
    if (!encoding) encoding = validUtf8(head, buffer.length > HEAD_BYTES) ? 'utf-8' : null;
    text = new TextDecoder(encoding ?? 'latin1').decode(head.subarray(bom ? 3 : 0));
  }
  if (controlRatio(text) > 0.05) return { kind: 'binary', encoding: null, bom: false, format: 'binary data' };
  const start = text.replace(/^\s+/, '').slice(0, 4096);
  const lower = start.toLowerCase();
  if (lower.startsWith('<!doctype html') || /^(<!--[\s\S]*?-->\s*)*<(html|head|body)[\s>]/.test(lower))
    return { kind: 'html', encoding, bom };
  if (lower.startsWith('<?xml') || /^<(!doctype|!--|[a-z_])/i.test(start)) {
    return { kind: /<(tbx|martif)[\s>]/i.test(start) ? 'tbx' : 'xml', encoding, bom };
  }
  return { kind: 'text', encoding, bom };
}

/** Is this valid UTF-8? A multi-byte sequence cut by the end of a truncated head is fine. */
function validUtf8(bytes: Uint8Array, truncated: boolean): boolean {
  let end = bytes.length;
  if (truncated) {
    // Step back over a trailing partial sequence.
    let i = end - 1;
    while (i > 0 && end - i < 4 && (bytes[i]! & 0xc0) === 0x80) i--;
    if ((bytes[i]! & 0xc0) === 0xc0) end = i;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

function controlRatio(text: string): number {
  if (!text.length) return 0;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f || c === 0xfffd) n++;
  }
  return n / text.length;
}

const LABEL: Record<UploadKind, string> = {
  tbx: 'a TBX file',
  xml: 'an XML file',
  html: 'an HTML page',
  text: 'a text file',
  empty: 'an empty file',
  binary: 'a binary file',
};

/**
 * Sniff and insist: throws a 415 `unsupported-media-type` (an empty file: 400) naming what the
 * file looks like when it is not one of `allowed`.
 */
export function expectUpload(buffer: Uint8Array, allowed: UploadKind[], what = 'file'): UploadSniff {
  const sniff = sniffUpload(buffer);
  if (allowed.includes(sniff.kind)) return sniff;
  if (sniff.kind === 'empty') throw new TermbridgeError('empty-upload', `The ${what} is empty.`);
  const looks = sniff.format ?? LABEL[sniff.kind];
  const labels = allowed.map((k) => LABEL[k]);
  const wanted = labels.length > 1 ? `${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}` : labels[0];
  throw new TermbridgeError('unsupported-media-type', `The ${what} looks like ${looks}, not ${wanted}.`);
}
