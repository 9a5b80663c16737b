import { closeSync, fstatSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import type { Concept } from '../glossary/concept/types.ts';
import { type ConceptSource, PACKED_ARRAYS, type PackedLookupIndex } from '../glossary/lookup/index.ts';

/**
 * The lookup side of a glossary snapshot as flat bytes: the packed lookup index and the
 * concepts as JSON, one after another in a byte buffer with their offsets. A worker thread
 * builds it and hands it over without copying (transferable typed arrays), and it is written
 * next to the database file, keyed by the glossary revision, so that a restart or a CLI
 * lookup reads it instead of rebuilding (issue 14, "fast start").
 */

/** Bump when the layout of the file or of PackedLookupIndex changes: an older file is then ignored. */
export const SNAPSHOT_FORMAT = 1;
const MAGIC = 'TBSNAP\r\n';

export interface PackedConcepts {
  /** concept ids in index order (ascending: the concepts are read ORDER BY id) */
  ids: Int32Array;
  /** concept i is the UTF-8 JSON bytes[start[i] .. start[i + 1]) */
  start: Int32Array;
  /** in memory (built here or in the worker), or left in the cache file and read per concept */
  bytes: Uint8Array | { fd: number; offset: number };
}

export interface PackedSnapshot {
  format: number;
  /** the glossary revision the concepts were read at (db/concepts.ts revision()) */
  revision: number;
  /** revisionMark() of that revision: which history it belongs to */
  mark: string;
  index: PackedLookupIndex;
  concepts: PackedConcepts;
}

export function packConcepts(concepts: readonly Concept[]): PackedConcepts {
  const ids = new Int32Array(concepts.length);
  const start = new Int32Array(concepts.length + 1);
  const parts: Buffer[] = new Array(concepts.length);
  let at = 0;
  for (let i = 0; i < concepts.length; i++) {
    ids[i] = concepts[i]!.id;
    const b = Buffer.from(JSON.stringify(concepts[i]), 'utf8');
    parts[i] = b;
    start[i] = at;
    at += b.length;
  }
  start[concepts.length] = at;
  const bytes = new Uint8Array(at);
  at = 0;
  for (const b of parts) {
    bytes.set(b, at);
    at += b.length;
  }
  return { ids, start, bytes };
}

/** Parsed concepts kept at most; a query shows a few dozen, so this only bounds memory. */
const MAX_PARSED = 20_000;

/**
 * The packed concepts as the lookup index reads them: each one parsed on first use and kept,
 * so adopting a snapshot costs no parsing at all and a query parses only what it shows.
 */
export function packedConceptSource(packed: PackedConcepts): ConceptSource & { position(id: number): number } {
  const parsed = new Map<number, Concept>();
  const { ids, start, bytes } = packed;
  let text: (a: number, b: number) => string;
  if (bytes instanceof Uint8Array) {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    text = (a, b) => buf.toString('utf8', a, b);
  } else {
    // One positioned read per concept shown: a CLI lookup reads a few kilobytes, not the whole file.
    text = (a, b) => {
      const buf = Buffer.allocUnsafe(b - a);
      readSync(bytes.fd, buf, 0, b - a, bytes.offset + a);
      return buf.toString('utf8');
    };
  }
  return {
    length: ids.length,
    at(i) {
      let c = parsed.get(i);
      if (!c) {
        if (parsed.size >= MAX_PARSED) parsed.clear();
        c = JSON.parse(text(start[i]!, start[i + 1]!)) as Concept;
        parsed.set(i, c);
      }
      return c;
    },
    /** the position of concept `id`, or -1 (ids ascend: binary search) */
    position(id) {
      let lo = 0;
      let hi = ids.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (ids[mid]! < id) lo = mid + 1;
        else hi = mid;
      }
      return lo < ids.length && ids[lo] === id ? lo : -1;
    },
  };
}

type Typed = Int32Array | Uint8Array | Uint16Array;

/** the arrays read eagerly from a file (the concepts' bytes come last and are read per concept) */
function arraysOf(s: PackedSnapshot): [string, Typed][] {
  return [
    ...PACKED_ARRAYS.map((name) => [name, s.index[name]] as [string, Typed]),
    ['conceptIds', s.concepts.ids],
    ['conceptStart', s.concepts.start],
  ];
}

function bytesOf(s: PackedSnapshot): Uint8Array {
  if (!(s.concepts.bytes instanceof Uint8Array)) throw new Error('a snapshot read from a file is not written again');
  return s.concepts.bytes;
}

/** The buffers to transfer with postMessage (moved, not copied, to the receiving thread). */
export function transferList(s: PackedSnapshot): ArrayBuffer[] {
  return [...arraysOf(s).map(([, a]) => a.buffer as ArrayBuffer), bytesOf(s).buffer as ArrayBuffer];
}

/** The cache file's path for a database file. */
export function snapshotFilePath(dbPath: string): string {
  return `${dbPath}.lookup-cache`;
}

/**
 * Write the snapshot to `path` (a temporary file renamed into place, so a reader never sees
 * half a file). Layout: magic, header length (u32 LE), JSON header, padding to a multiple of
 * 8, then the data: each array's bytes at an offset (from the data's start) that is a
 * multiple of 8, so that they can be read as typed arrays in place.
 */
export function writeSnapshotFile(path: string, s: PackedSnapshot): void {
  const keyText = Buffer.from(s.index.keyText, 'utf16le');
  const arrays = arraysOf(s);
  const layout: { name: string; type: string; offset: number; length: number }[] = [];
  let offset = 0;
  const align = () => {
    offset = Math.ceil(offset / 8) * 8;
  };
  for (const [name, a] of arrays) {
    align();
    layout.push({ name, type: a.constructor.name, offset, length: a.length });
    offset += a.byteLength;
  }
  align();
  const keyTextOffset = offset;
  offset += keyText.length;
  const conceptBytes = bytesOf(s);
  const header = Buffer.from(
    JSON.stringify({
      format: s.format,
      revision: s.revision,
      mark: s.mark,
      size: s.index.size,
      bits: s.index.bits,
      arrays: layout,
      keyText: { offset: keyTextOffset, bytes: keyText.length },
      concepts: { offset: offset, bytes: conceptBytes.length },
    }),
  );
  const prefix = Buffer.alloc(Math.ceil((MAGIC.length + 4 + header.length) / 8) * 8);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(header.length, MAGIC.length);
  header.copy(prefix, MAGIC.length + 4);
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, prefix);
    let at = 0;
    const pad = (to: number) => {
      if (to > at) writeSync(fd, Buffer.alloc(to - at));
      at = to;
    };
    for (const [i, [, a]] of arrays.entries()) {
      pad(layout[i]!.offset);
      writeSync(fd, new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
      at += a.byteLength;
    }
    pad(keyTextOffset);
    writeSync(fd, keyText);
    at += keyText.length;
    writeSync(fd, conceptBytes);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  renameSync(tmp, path);
}

const CONSTRUCTORS: Record<string, new (b: ArrayBuffer, offset: number, length: number) => Typed> = {
  Int32Array,
  Uint8Array,
  Uint16Array,
};

/**
 * The snapshot in `path` if it was written in this format, else undefined (missing, older
 * format or damaged: the caller builds instead). The caller compares its revision with the
 * database's. The typed arrays are views into the one buffer read: nothing is copied or
 * parsed beyond the header.
 */
export function readSnapshotFile(path: string): PackedSnapshot | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  let keep = false;
  try {
    const readAt = (length: number, position: number): Buffer => {
      // A buffer of its own (not from the pool), so that it starts on an 8-byte boundary.
      const buf = Buffer.allocUnsafeSlow(length);
      if (readSync(fd, buf, 0, length, position) !== length) throw new Error('short read');
      return buf;
    };
    const size = fstatSync(fd).size;
    const lead = readAt(Math.min(size, MAGIC.length + 4), 0);
    if (lead.length < MAGIC.length + 4 || lead.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined;
    const headerLength = lead.readUInt32LE(MAGIC.length);
    const header = JSON.parse(readAt(headerLength, MAGIC.length + 4).toString('utf8')) as {
      format: number;
      revision: number;
      mark: string;
      size: number;
      bits: number;
      arrays: { name: string; type: string; offset: number; length: number }[];
      keyText: { offset: number; bytes: number };
      concepts: { offset: number; bytes: number };
    };
    if (header.format !== SNAPSHOT_FORMAT) return undefined;
    const dataStart = Math.ceil((MAGIC.length + 4 + headerLength) / 8) * 8;
    if (dataStart + header.concepts.offset + header.concepts.bytes !== size) return undefined;
    // Everything but the concepts' bytes, in one read; the arrays are views into it.
    const data = readAt(header.concepts.offset, dataStart);
    const arrays = new Map<string, Typed>();
    for (const a of header.arrays) {
      const Ctor = CONSTRUCTORS[a.type];
      if (!Ctor || a.offset % 8 !== 0) return undefined;
      if (a.offset + a.length * Ctor.prototype.BYTES_PER_ELEMENT > data.length) return undefined;
      arrays.set(a.name, new Ctor(data.buffer as ArrayBuffer, data.byteOffset + a.offset, a.length));
    }
    const get = <T extends Typed>(name: string) => arrays.get(name) as T;
    const index = {
      size: header.size,
      bits: header.bits,
      keyText: data.toString('utf16le', header.keyText.offset, header.keyText.offset + header.keyText.bytes),
    } as PackedLookupIndex;
    for (const name of PACKED_ARRAYS) (index as unknown as Record<string, Typed>)[name] = get(name);
    keep = true;
    return {
      format: header.format,
      revision: header.revision,
      mark: header.mark,
      index,
      concepts: { ids: get('conceptIds'), start: get('conceptStart'), bytes: { fd, offset: dataStart + header.concepts.offset } },
    };
  } catch {
    return undefined;
  } finally {
    // The descriptor stays open while the snapshot reads concepts from it (a later rename
    // over the path does not disturb it: it names the file as it was).
    if (!keep) closeSync(fd);
  }
}
