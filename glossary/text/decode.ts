import iconv from 'iconv-lite';
import { TermbridgeError } from '../errors.ts';

/**
 * Turn a byte stream into text for the interchange readers. The encoding comes from the
 * byte-order mark, else (for XML) from the encoding the XML declaration names, else UTF-8.
 * Files from CAT tools arrive as UTF-16 (OmegaT, Okapi) or in legacy code pages
 * (windows-1254 in an Okapi TBX), so guessing UTF-8 alone would corrupt them.
 */
export interface DecodeOptions {
  /** refuse input larger than this many bytes (upload cap) */
  maxBytes?: number;
  /** called with the number of bytes read so far */
  onProgress?: (bytes: number) => void;
  /** look for `<?xml … encoding="…"?>` */
  xml?: boolean;
}

export interface Decoded {
  encoding: string;
  text: AsyncGenerator<string>;
}

const SNIFF_BYTES = 1024;

function sniff(head: Buffer, xml: boolean): string {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  // UTF-16 without a BOM: the first character is ASCII, so one of each pair of bytes is 0.
  if (head.length >= 4 && head[0] !== 0 && head[1] === 0 && head[2] !== 0 && head[3] === 0) return 'utf-16le';
  if (head.length >= 4 && head[0] === 0 && head[1] !== 0 && head[2] === 0 && head[3] !== 0) return 'utf-16be';
  if (xml) {
    const decl = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head.toString('latin1'));
    const named = decl?.[1]?.toLowerCase();
    // A declaration that says UTF-16 on a file without a BOM and with ASCII bytes is wrong; the bytes win.
    if (named && !named.startsWith('utf-16') && !named.startsWith('ucs-2')) {
      if (!iconv.encodingExists(named)) {
        throw new TermbridgeError('unsupported-encoding', `The file declares the encoding "${decl![1]}", which is not supported.`);
      }
      return named;
    }
  }
  return 'utf-8';
}

export function decodeStream(input: AsyncIterable<Uint8Array | string>, options: DecodeOptions = {}): Promise<Decoded> {
  const iterator = input[Symbol.asyncIterator]();
  let bytes = 0;
  const count = (chunk: Buffer) => {
    bytes += chunk.length;
    if (options.maxBytes !== undefined && bytes > options.maxBytes) {
      throw new TermbridgeError('payload-too-large', `The file is larger than the limit of ${options.maxBytes} bytes.`, {
        status: 413,
      });
    }
    options.onProgress?.(bytes);
  };
  return (async () => {
    const head: Buffer[] = [];
    let headLength = 0;
    let done = false;
    while (headLength < SNIFF_BYTES) {
      const next = await iterator.next();
      if (next.done) {
        done = true;
        break;
      }
      const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : Buffer.from(next.value);
      count(chunk);
      head.push(chunk);
      headLength += chunk.length;
    }
    const first = Buffer.concat(head);
    const encoding = sniff(first, options.xml ?? false);
    async function* text(): AsyncGenerator<string> {
      const decoder = iconv.getDecoder(encoding, { stripBOM: true });
      const s = decoder.write(first);
      if (s) yield s;
      while (!done) {
        const next = await iterator.next();
        if (next.done) break;
        const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : Buffer.from(next.value);
        count(chunk);
        const t = decoder.write(chunk);
        if (t) yield t;
      }
      const rest = decoder.end();
      if (rest) yield rest;
    }
    return { encoding, text: text() };
  })();
}
