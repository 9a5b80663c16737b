import { isUtf8 } from 'node:buffer';
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
      throw new TermbridgeError('payload-too-large', `The file is larger than the limit of ${options.maxBytes} bytes.`);
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
    const unicode = /^utf-?8$/.test(encoding) ? 'utf-8' : /^(utf-16|ucs-2)/.test(encoding) ? 'utf-16' : null;
    /** a legacy encoding the file declared (UTF-16 is told by its bytes and not checked here) */
    const declared = unicode === null;
    async function* chunks(): AsyncGenerator<Buffer> {
      yield first;
      while (!done) {
        const next = await iterator.next();
        if (next.done) break;
        const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : Buffer.from(next.value);
        count(chunk);
        yield chunk;
      }
    }
    async function* text(): AsyncGenerator<string> {
      // Nothing is decoded silently into U+FFFD or mojibake (issue 13): UTF-8 is checked as it
      // is read, a legacy encoding's replacement characters are bad bytes, and a file whose
      // bytes are UTF-8 while it declares another encoding is refused — each with where it is.
      const decoder = iconv.getDecoder(encoding, { stripBOM: true });
      const utf8 = new Utf8Check();
      const where = new TextPosition();
      const replacementMeansInvalid = declared && encoding !== 'gb18030';
      for await (const chunk of chunks()) {
        if (unicode === 'utf-16') {
          const t = decoder.write(chunk);
          if (t) yield t;
          continue;
        }
        const bad = utf8.feed(chunk);
        if (bad >= 0 && !declared) {
          where.bytes(chunk, 0, bad);
          throw invalidUtf8(where);
        }
        const t = decoder.write(chunk);
        if (replacementMeansInvalid && t.includes('\ufffd')) {
          where.text(t.slice(0, t.indexOf('\ufffd')));
          throw new TermbridgeError(
            'invalid-encoding',
            `${where.describe()}: these bytes are not valid ${encoding}, the encoding the file declares. Nothing was imported.`,
          );
        }
        where.bytes(chunk, 0, chunk.length);
        if (t) yield t;
      }
      if (unicode === 'utf-8' && !utf8.end()) throw invalidUtf8(where);
      if (declared && utf8.end() && utf8.nonAscii >= 0) {
        throw new TermbridgeError(
          'encoding-mismatch',
          `The file declares the encoding ${encoding}, but its bytes are UTF-8 (first non-ASCII character at ${utf8.nonAsciiAt}): ` +
            'read as declared, every such character would be garbled. Correct the declaration to encoding="UTF-8" (or save the file in the encoding it names) and import again. Nothing was imported.',
        );
      }
      const rest = decoder.end();
      if (rest) yield rest;
    }
    return { encoding, text: text() };
  })();
}

function invalidUtf8(where: TextPosition): TermbridgeError {
  return new TermbridgeError(
    'invalid-encoding',
    `${where.describe()}: the file is not valid UTF-8 here (and declares no other encoding). Save it as UTF-8 and import again. Nothing was imported.`,
  );
}

/**
 * Line and column (1-based) of the input read so far, for messages. Counted on the bytes, in
 * one tight loop (ASCII-compatible encodings: a newline is byte 0x0A; a character is a byte
 * that is not a UTF-8 continuation byte), because that is several times cheaper than scanning
 * the decoded text for newlines.
 */
class TextPosition {
  line = 1;
  column = 1;
  bytes(chunk: Uint8Array, from: number, to: number): void {
    let line = this.line;
    let column = this.column;
    for (let i = from; i < to; i++) {
      const b = chunk[i]!;
      if (b === 0x0a) {
        line++;
        column = 1;
      } else if ((b & 0xc0) !== 0x80) column++;
    }
    this.line = line;
    this.column = column;
  }
  /** decoded text of the current chunk up to the problem (legacy encodings) */
  text(t: string): void {
    const nl = t.lastIndexOf('\n');
    if (nl < 0) {
      this.column += t.length;
      return;
    }
    for (let p = t.indexOf('\n'); p >= 0; p = t.indexOf('\n', p + 1)) this.line++;
    this.column = t.length - nl;
  }
  describe(): string {
    return `line ${this.line}, column ${this.column}`;
  }
}

/**
 * Streaming UTF-8 validation (the WHATWG decoder's rules: no overlong forms, surrogates or
 * code points past U+10FFFF), across chunk boundaries. Also notes where the first non-ASCII
 * byte is, to tell a UTF-8 file that declares another encoding.
 */
class Utf8Check {
  valid = true;
  /** byte offset of the first non-ASCII byte, or -1 */
  nonAscii = -1;
  nonAsciiAt = '';
  #needed = 0;
  #lower = 0x80;
  #upper = 0xbf;
  #offset = 0;
  /** index in the current chunk where the sequence being read began (negative: an earlier chunk) */
  #start = 0;
  #line = 1;
  #column = 1;

  /** Feed a chunk; returns the index in it of the first invalid byte, or -1. */
  feed(chunk: Uint8Array): number {
    if (!this.valid) return -1;
    // A sequence begun in the last chunk is finished byte by byte; the body is checked
    // natively (isUtf8) up to an incomplete sequence at its end, which the next chunk finishes.
    let i = 0;
    while (this.#needed > 0 && i < chunk.length) {
      const bad = this.#bytes(chunk, i, i + 1);
      if (bad >= 0) return bad;
      i++;
    }
    let end = chunk.length;
    for (let k = end - 1; k >= Math.max(i, end - 3); k--) {
      const b = chunk[k]!;
      if (b < 0x80) break;
      if (b >= 0xc0) {
        if (end - k < (b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2)) end = k;
        break;
      }
    }
    const body = chunk.subarray(i, end);
    if (!isUtf8(body)) return this.#bytes(chunk, i, chunk.length);
    if (this.nonAscii < 0) this.#findNonAscii(body, i);
    const bad = this.#bytes(chunk, end, chunk.length);
    if (bad >= 0) return bad;
    this.#offset += chunk.length;
    this.#start -= chunk.length;
    return -1;
  }

  #findNonAscii(body: Uint8Array, at: number): void {
    const latin1 = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('latin1');
    const k = latin1.search(/[\x80-\xff]/);
    const prefix = k < 0 ? latin1 : latin1.slice(0, k);
    const nl = prefix.lastIndexOf('\n');
    if (nl >= 0) {
      for (let p = prefix.indexOf('\n'); p >= 0; p = prefix.indexOf('\n', p + 1)) this.#line++;
      this.#column = prefix.length - nl;
    } else this.#column += prefix.length;
    if (k >= 0) {
      this.nonAscii = this.#offset + at + k;
      this.nonAsciiAt = `line ${this.#line}, column ${this.#column}`;
    }
  }

  /** The byte-by-byte decoder over chunk[from, to): index of the first invalid byte, or -1. */
  #bytes(chunk: Uint8Array, from: number, to: number): number {
    for (let i = from; i < to; i++) {
      const b = chunk[i]!;
      if (this.#needed === 0) {
        if (b < 0x80) {
          if (this.nonAscii < 0) {
            if (b === 0x0a) {
              this.#line++;
              this.#column = 1;
            } else this.#column++;
          }
          continue;
        }
        if (this.nonAscii < 0) {
          this.nonAscii = this.#offset + i;
          this.nonAsciiAt = `line ${this.#line}, column ${this.#column}`;
        }
        if (b >= 0xc2 && b <= 0xdf) this.#needed = 1;
        else if (b >= 0xe0 && b <= 0xef) {
          this.#needed = 2;
          if (b === 0xe0) this.#lower = 0xa0;
          if (b === 0xed) this.#upper = 0x9f;
        } else if (b >= 0xf0 && b <= 0xf4) {
          this.#needed = 3;
          if (b === 0xf0) this.#lower = 0x90;
          if (b === 0xf4) this.#upper = 0x8f;
        } else return this.#fail(i);
        this.#start = i;
        continue;
      }
      // Reported at the start of the broken sequence (in this chunk), where an editor shows it.
      if (b < this.#lower || b > this.#upper) return this.#fail(Math.max(0, Math.min(this.#start, i)));
      this.#lower = 0x80;
      this.#upper = 0xbf;
      this.#needed--;
    }
    return -1;
  }

  /** The input ended: true when it was valid UTF-8 throughout (no sequence cut off at the end). */
  end(): boolean {
    if (this.#needed !== 0) this.valid = false;
    return this.valid;
  }

  #fail(i: number): number {
    this.valid = false;
    return i;
  }
}
